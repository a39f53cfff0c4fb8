from django.apps import AppConfig


class ChaleurConfig(AppConfig):
    name = "transition.products.chaleur"
    label = "chaleur"
    verbose_name = "France Chaleur Urbaine"

    def ready(self):
        # Imported here, not at the top: Django loads apps.py before the models these modules use.
        from transition.platform.accounts.api_tokens import register_api_scopes
        from transition.platform.accounts.registry import register_personal_data, register_personal_text
        from transition.platform.accounts.roles import register_roles
        from transition.platform.core.registry import Product, register_demo_loader, register_product

        from . import kpis, permissions, signals, tasks  # noqa: F401  (tasks: periodic jobs register with huey)
        from .demo import demands as demo_demands
        from .demo import network_pages as demo_network_pages
        from .demo import networks as demo_networks
        from .enums import PARTNER_SCOPE, PRODUCT, Role
        from .models import Ambassador, AmbassadorMessage, Demand, DemandEvent
        from .services import personal_data

        register_product(
            Product(
                slug=PRODUCT,
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
                    ("Comparateur", "chaleur:comparator"),
                    ("Mes demandes", "chaleur:requester_demands"),
                    ("Espace professionnel", "chaleur:pro_demands"),
                ),
            )
        )
        register_roles(PRODUCT, dict(Role.choices))
        # Tokens issued by chaleur before the platform's ("fcu_…") were carried over (migration 0005).
        register_api_scopes(
            PRODUCT,
            {PARTNER_SCOPE: ("Lire et mettre à jour les demandes de vos réseaux", [Role.GESTIONNAIRE])},
            legacy_prefixes=("fcu_",),
        )
        permissions.register()
        register_personal_data(
            PRODUCT,
            export=personal_data.personal_data_export,
            erase=personal_data.personal_data_erase,
            erase_preview=personal_data.personal_data_erase_preview,
            identifiers=personal_data.personal_data_identifiers,
        )
        # Where operators and emails may have copied a person's name, phone or email.
        register_personal_text(Demand, ["operator_comment"])
        register_personal_text(DemandEvent, ["text", "data"])
        register_personal_text(AmbassadorMessage, ["body", "reply_body", "sender_name"])
        register_personal_text(Ambassador, ["display_name", "testimony"])
        kpis.register()
        signals.connect()
        register_demo_loader("chaleur-1-reseaux", demo_networks.load_networks)
        register_demo_loader("chaleur-2-demandes", demo_demands.load_demands)
        register_demo_loader("chaleur-3-pages-reseaux", demo_network_pages.load_network_pages)
