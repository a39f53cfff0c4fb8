from django.apps import AppConfig


class CarbureConfig(AppConfig):
    name = "transition.products.carbure"
    label = "carbure"
    verbose_name = "CarbuRe"

    def ready(self):
        from transition.platform.accounts.api_tokens import register_api_scopes
        from transition.platform.accounts.registry import register_personal_data, register_personal_text
        from transition.platform.accounts.roles import register_roles
        from transition.platform.core.registry import Product, register_demo_loader, register_product

        from . import kpis, permissions
        from .demo import lots as demo_lots
        from .enums import PRODUCT, ROLE_LABELS, Role
        from .models import LotComment
        from .services import personal_data

        register_product(
            Product(
                slug=PRODUCT,
                name="CarbuRe",
                tagline="La traçabilité des lots de biocarburants, de la production à la mise à la consommation.",
                audience="producteurs, traders, opérateurs, producteurs d’électricité et de chaleur, auditeurs, DGEC",
                home_url_name="carbure:home",
                order=4,
                built=True,
                nav_items=(
                    ("Accueil", "carbure:home"),
                    ("Vérifier un fichier", "carbure:checker"),
                ),
            )
        )
        register_roles(PRODUCT, {role.value: label for role, label in ROLE_LABELS.items()})
        permissions.register()
        kpis.register()
        register_personal_data(
            PRODUCT, export=personal_data.personal_data_export, erase=personal_data.personal_data_erase
        )
        # Lots are kept by law; a person named in a comment is not.
        register_personal_text(LotComment, ["text"])
        register_demo_loader("carbure", demo_lots.load)
        from . import tasks  # noqa: F401  (job kinds and periodic jobs register on import)

        register_api_scopes(
            PRODUCT,
            {"carbure:lots": ("Contrôler les lots de l’entité", [Role.WRITER.value, Role.ADMIN.value])},
        )
