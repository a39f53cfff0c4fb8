from django.apps import AppConfig


class PotentielConfig(AppConfig):
    name = "transition.products.potentiel"
    label = "potentiel"
    verbose_name = "Potentiel"

    def ready(self):
        # Imported here, not at the top: models, permissions and jobs need the app registry ready.
        from transition.platform.accounts.api_tokens import register_api_scopes
        from transition.platform.accounts.registry import register_personal_data
        from transition.platform.accounts.roles import register_roles
        from transition.platform.core.registry import Product, register_demo_loader, register_product

        from . import kpis, permissions, tasks  # noqa: F401  (tasks: job kinds register on import)
        from .api.grd import GRD_SCOPE
        from .api.public import READ_SCOPE
        from .demo import demo_load
        from .enums import Role
        from .selectors import recandidature, workflows
        from .services.grid import project_commissioning_date
        from .services.personal_data import personal_data_erase, personal_data_export
        from .services.projects import register_mise_en_service_provider

        register_product(
            Product(
                slug="potentiel",
                name="Potentiel",
                tagline="Tous les échanges entre les porteurs de projets d’énergies renouvelables et l’État, en ligne.",
                audience="lauréats des appels d’offres, agents des DREAL et de la DGEC, gestionnaires de réseau",
                home_url_name="potentiel:home",
                order=3,
                built=True,
                nav_items=(
                    ("Mes projets", "potentiel:mes_projets"),
                    ("Réclamer un projet", "potentiel:claim"),
                    ("Administration", "potentiel:admin_home"),
                    ("Objectifs nationaux", "potentiel:statistiques"),
                ),
            )
        )
        register_roles("potentiel", dict(Role.choices))
        register_api_scopes(
            "potentiel",
            {
                READ_SCOPE: (
                    "Lire les projets lauréats et éliminés",
                    [Role.DGEC, Role.DGEC_VALIDATEUR, Role.CRE, Role.DREAL],
                ),
                GRD_SCOPE: (
                    "Transmettre les dates de mise en service des dossiers de raccordement",
                    [Role.GRD],
                ),
            },
        )
        permissions.register()
        workflows.register()  # the workflows' to-dos and deadlines on the projects' pages
        recandidature.register()  # the proof of recandidature awaited after an abandon
        register_mise_en_service_provider(project_commissioning_date)  # the grid gives it to the CDC choice
        register_personal_data("potentiel", export=personal_data_export, erase=personal_data_erase)
        kpis.register()
        register_demo_loader("potentiel", demo_load)
