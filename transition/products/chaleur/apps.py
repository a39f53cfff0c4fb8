from django.apps import AppConfig


class ChaleurConfig(AppConfig):
    name = "transition.products.chaleur"
    label = "chaleur"
    verbose_name = "France Chaleur Urbaine"

    def ready(self):
        from transition.platform.core.registry import Product, register_product

        from .setup_demands import setup as setup_demands
        from .setup_networks import setup as setup_networks

        register_product(
            Product(
                slug="chaleur",
                name="France Chaleur Urbaine",
                tagline="Un réseau de chaleur passe-t-il près de chez vous ? Testez votre adresse et demandez un raccordement.",
                audience="copropriétés et syndics, bailleurs sociaux, propriétaires, gestionnaires de réseaux, collectivités",
                home_url_name="chaleur:home",
                order=1,
                built=True,
                nav_items=(
                    ("Tester une adresse", "chaleur:home"),
                    ("Carte", "chaleur:map"),
                    ("Réseaux", "chaleur:network_list"),
                    ("Espace professionnel", "chaleur:pro_demands"),
                ),
            )
        )
        setup_networks()
        setup_demands()
