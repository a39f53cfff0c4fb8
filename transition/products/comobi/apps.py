from django.apps import AppConfig


class ComobiConfig(AppConfig):
    name = "transition.products.comobi"
    label = "comobi"
    verbose_name = "CoMobi"

    def ready(self):
        from transition.platform.accounts.registry import register_personal_data, register_personal_text
        from transition.platform.accounts.roles import register_roles
        from transition.platform.core.registry import Product, register_demo_loader, register_product

        from . import kpis, permissions, tasks  # noqa: F401  (tasks: registers the jobs with huey)
        from .demo import demo_load
        from .enums import PRODUCT, Role
        from .models import ContactLog, Offer
        from .selectors.people import personal_data_of
        from .services.people import account_erase, account_identifiers

        register_product(
            Product(
                slug=PRODUCT,
                name="CoMobi",
                tagline="Le covoiturage solidaire des territoires ruraux, avec ou sans médiateur.",
                audience="personnes isolées sans voiture, conducteurs réguliers, médiateurs d’un territoire",
                home_url_name="comobi:home",
                order=2,
                built=True,
                nav_items=(
                    ("Territoires", "comobi:home"),
                    ("Mes trajets", "comobi:mine"),
                    ("Médiation", "comobi:mediation_home"),
                ),
            )
        )
        register_roles(PRODUCT, {role.value: role.label for role in Role})
        permissions.register()
        kpis.register()
        register_personal_data(PRODUCT, export=personal_data_of, erase=account_erase, identifiers=account_identifiers)
        register_personal_text(ContactLog, ["note"])
        register_personal_text(Offer, ["remarks"])
        register_demo_loader(PRODUCT, demo_load)
