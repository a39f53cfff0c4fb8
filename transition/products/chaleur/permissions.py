"""What the demands side of the product registers with the platform (called from apps.py)."""


def setup() -> None:
    from transition.platform.accounts import permissions
    from transition.platform.accounts.registry import register_personal_data
    from transition.platform.accounts.roles import register_roles
    from transition.platform.core.registry import register_demo_loader

    from . import kpis, selectors_demands, services_demands

    register_roles(
        "chaleur",
        {
            "gestionnaire": "Gestionnaire de réseau de chaleur",
            "collectivite": "Collectivité (lecture des demandes du territoire)",
            "alec": "Agence locale de l’énergie",
            "professionnel": "Professionnel (bureau d’études, syndic…)",
        },
    )

    def pro_access(user, _obj) -> bool:
        return user.is_staff or bool(selectors_demands.pro_roles(user))

    def operator(user, _obj) -> bool:
        return user.is_staff or "gestionnaire" in selectors_demands.pro_roles(user)

    permissions.register_permission("chaleur.pro_access", pro_access)
    permissions.register_permission("chaleur.demand_view", selectors_demands.can_view_demand)
    permissions.register_permission("chaleur.demand_change", selectors_demands.can_change_demand)
    permissions.register_permission("chaleur.prospects", operator)
    permissions.register_permission("chaleur.bulk_test", pro_access)
    permissions.register_permission("chaleur.bulk_test_view", selectors_demands.can_view_bulk_test)

    register_personal_data(
        "chaleur", export=services_demands.personal_data_export, erase=services_demands.personal_data_erase
    )
    kpis.register()

    def load_demo() -> None:
        from .demo_demands import load

        load()

    register_demo_loader("chaleur-2-demandes", load_demo)
    from . import tasks  # noqa: F401  (periodic jobs register with huey on import)
