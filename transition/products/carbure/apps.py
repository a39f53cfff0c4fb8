from django.apps import AppConfig


class CarbureConfig(AppConfig):
    name = "transition.products.carbure"
    label = "carbure"
    verbose_name = "CarbuRe"

    def ready(self):
        from transition.platform.core.registry import Product, register_product

        register_product(
            Product(
                slug="carbure",
                name="CarbuRe",
                tagline="La traçabilité des lots de biocarburants, de la production à la mise à la consommation.",
                audience="producteurs, traders, opérateurs, auditeurs, DGEC",
                home_url_name="carbure:home",
                order=4,
            )
        )
