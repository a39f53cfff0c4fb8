"""Each product declares its roles from its AppConfig.ready():

roles.register_roles("chaleur", {"gestionnaire": "Gestionnaire de réseau", ...})
"""

_roles: dict[str, dict[str, str]] = {}


def register_roles(product_slug: str, roles: dict[str, str]) -> None:
    if not product_slug or not roles:
        raise ValueError("register_roles attend un service et au moins un rôle")
    _roles.setdefault(product_slug, {}).update(roles)


def roles_for(product_slug: str) -> dict[str, str]:
    return dict(_roles.get(product_slug, {}))


def role_exists(product_slug: str, role: str) -> bool:
    return role in _roles.get(product_slug, {})


def role_label(product_slug: str, role: str) -> str:
    return _roles.get(product_slug, {}).get(role, role)


def role_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    return [(slug, sorted(roles.items())) for slug, roles in sorted(_roles.items())]
