from django.apps import AppConfig


class ComobiConfig(AppConfig):
    name = "transition.products.comobi"
    label = "comobi"
    verbose_name = "CoMobi"

    def ready(self):
        from transition.platform.core.registry import Product, register_product

        register_product(
            Product(
                slug="comobi",
                name="CoMobi",
                tagline="Le covoiturage solidaire des territoires ruraux, avec ou sans médiateur.",
                audience="personnes isolées sans voiture, conducteurs réguliers, médiateurs d’un territoire",
                home_url_name="comobi:home",
                order=2,
            )
        )
