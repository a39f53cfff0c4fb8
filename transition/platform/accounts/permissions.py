"""One answer to "may this user do this action on this object", for services and views alike.

    permissions.register_permission("chaleur.demand_view", lambda user, demand: ...)
    permissions.can(user, "chaleur.demand_view", demand)      # -> bool
    permissions.require(user, "chaleur.demand_view", demand)  # raises PermissionDenied

Rules are registered by products from AppConfig.ready(). An action nobody registered is a
programming error, not a silent refusal.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from .roles import role_exists

Rule = Callable[[object, object], bool]
_rules: dict[str, Rule] = {}


def register_permission(action: str, rule: Rule) -> None:
    if not action or not callable(rule):
        raise ValueError("register_permission attend une action et une règle appelable")
    _rules[action] = rule


def registered_actions() -> list[str]:
    return sorted(_rules)


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)


def has_role(user, product: str, role: str, organisation=None) -> bool:
    """Whether the user holds `role` for `product` (in `organisation` when given)."""
    if not role_exists(product, role):
        raise ImproperlyConfigured(f"Rôle inconnu : {product}:{role} (roles.register_roles)")
    if not _signed_in(user):
        return False
    memberships = user.memberships.filter(product=product, role=role)
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    return memberships.exists()


def can(user, action: str, obj=None) -> bool:
    rule = _rules.get(action)
    if rule is None:
        raise ImproperlyConfigured(f"Action sans règle : {action} (permissions.register_permission)")
    if not _signed_in(user):
        return False
    return bool(rule(user, obj))


def require(user, action: str, obj=None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied("Vous n’avez pas les droits pour cette action.")


def has_staff_power(user) -> bool:
    """Whether `user` may use the team's powers (every operator's data, any organisation's
    objects): a staff account **whose session was verified with the second factor**. A staff
    member signed in with one factor (an emailed link, ProConnect) is an ordinary user until they
    verify. `is_verified` is set on request.user by django-otp's middleware; a user loaded any
    other way has not proven a second factor, so it never holds staff powers."""
    if not _signed_in(user) or not getattr(user, "is_staff", False):
        return False
    is_verified = getattr(user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())
