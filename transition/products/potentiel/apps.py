from django.apps import AppConfig


class PotentielConfig(AppConfig):
    name = "transition.products.potentiel"
    label = "potentiel"
    verbose_name = "Potentiel"

    def ready(self):
        from transition.platform.accounts.api_tokens import register_api_scopes
        from transition.platform.accounts.roles import register_roles
        from transition.platform.core.registry import Product, register_product

        from . import permissions
        from .enums import Role

        register_roles("potentiel", {role.value: role.label for role in Role})
        permissions.register()
        register_api_scopes(
            "potentiel",
            {"potentiel:grd": ("Transmettre les dates de mise en service des dossiers de raccordement", [Role.GRD])},
        )

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
