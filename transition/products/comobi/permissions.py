"""Every "may this person do that" rule of CoMobi, registered with the platform.

A territory's roles are memberships of its organisation (decision 0100): `administrateur` sets the
territory up and names its mediators; `mediateur` handles requests, drivers and trips. An
administrator may also mediate. Staff with a verified second factor may do everything.
"""

from transition.platform.accounts.permissions import has_role, has_staff_power, register_permission

from .enums import PRODUCT, Role

TERRITORY_CREATE = "comobi.territory_create"
TERRITORY_ADMIN = "comobi.territory_admin"
MEDIATE = "comobi.mediate"
OFFER_MANAGE = "comobi.offer_manage"
REQUEST_MANAGE = "comobi.request_manage"
PERSON_MANAGE = "comobi.person_manage"


def _role(user, territory, role: Role) -> bool:
    return has_role(user, PRODUCT, role, organisation=territory.organisation_id)


def is_territory_admin(user, territory) -> bool:
    return has_staff_power(user) or _role(user, territory, Role.ADMINISTRATEUR)


def is_mediator(user, territory) -> bool:
    return is_territory_admin(user, territory) or _role(user, territory, Role.MEDIATEUR)


def _own(user, person) -> bool:
    return person is not None and person.user_id is not None and person.user_id == user.pk


def register() -> None:
    register_permission(TERRITORY_CREATE, lambda user, _=None: has_staff_power(user))
    register_permission(TERRITORY_ADMIN, is_territory_admin)
    register_permission(MEDIATE, is_mediator)
    register_permission(
        OFFER_MANAGE, lambda user, offer: _own(user, offer.driver) or is_mediator(user, offer.territory)
    )
    register_permission(
        REQUEST_MANAGE, lambda user, request: _own(user, request.passenger) or is_mediator(user, request.territory)
    )
    register_permission(PERSON_MANAGE, lambda user, person: _own(user, person) or is_mediator(user, person.territory))
