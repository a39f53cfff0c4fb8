from django.apps import AppConfig


class FrichesConfig(AppConfig):
    name = "transition.products.friches"
    label = "friches"
    verbose_name = "Friches"

    def ready(self):
        # Imported here, not at the top: models, permissions and jobs need the app registry ready.
        from transition.platform.accounts.registry import register_personal_data, register_personal_text
        from transition.platform.accounts.roles import register_roles
        from transition.platform.core.registry import Product, register_demo_loader, register_product

        from . import kpis, permissions, tasks  # noqa: F401  (tasks: periodic jobs register with huey on import)
        from .demo.loaders import load as load_demo
        from .enums import Role
        from .models import AdvisorNote, AdvisorReminder, Message
        from .services.personal_data import personal_data_erase, personal_data_export

        register_product(
            Product(
                slug="friches",
                name="Friches",
                tagline="Les étapes, contacts et financements pour reconvertir une friche, et l’usage qui lui convient.",
                audience="collectivités, porteurs de projets, conseillers",
                home_url_name="friches:home",
                order=5,
                built=True,
                nav_items=(
                    ("Carte", "friches:map"),
                    ("Registre", "friches:site_list"),
                    ("Mes projets", "friches:project_list"),
                ),
            )
        )
        register_roles("friches", dict(Role.choices))
        permissions.register()
        kpis.register()
        register_personal_data("friches", export=personal_data_export, erase=personal_data_erase)
        # Where others may have named the person: the projects' threads and advisors' notes.
        register_personal_text(Message, ["text"])
        register_personal_text(AdvisorNote, ["text"])
        register_personal_text(AdvisorReminder, ["text"])
        register_demo_loader("friches", load_demo)
