from django.apps import AppConfig


class ChaleurConfig(AppConfig):
    name = "transition.products.chaleur"
    label = "chaleur"
    verbose_name = "France Chaleur Urbaine"

    def ready(self):
        from transition.platform.core.registry import Product, register_product

        register_product(
            Product(
                slug="chaleur",
                name="France Chaleur Urbaine",
                tagline="Un réseau de chaleur passe-t-il près de chez vous ? Testez votre adresse et demandez à être raccordé.",
                audience="copropriétés et syndics, bailleurs sociaux, propriétaires, gestionnaires de réseaux, collectivités",
                home_url_name="chaleur:home",
                order=1,
            )
        )
