from django.apps import AppConfig


class PotentielConfig(AppConfig):
    name = "transition.products.potentiel"
    label = "potentiel"
    verbose_name = "Potentiel"

    def ready(self):
        from transition.platform.core.registry import Product, register_product

        from . import kpis

        register_product(
            Product(
                slug="potentiel",
                name="Potentiel",
                tagline="Tous les échanges entre les porteurs de projets d’énergies renouvelables et l’État, en ligne.",
                audience="lauréats des appels d’offres, agents des DREAL et de la DGEC, gestionnaires de réseau",
                home_url_name="potentiel:home",
                order=3,
            )
        )
        kpis.register()
