"""Every "may this person do that" rule of CarbuRe, registered with the platform.

A person acts for an entity (an organisation with a CarbuRe type) through their membership roles
in it: reading, writing, administering. The administration (DGEC) is an entity of type
ADMINISTRATION; an auditor sees the lots of the entities it has a current mission on. The team's
staff powers (second factor verified) see everything.
"""

from datetime import date

from django.utils import timezone

from transition.platform.accounts.permissions import has_staff_power, register_permission

from .domain.vocabulary import EntityType
from .enums import PRODUCT, WRITING_ROLES, Role
from .models import AuditorAssignment, Entity, Lot


def roles_in(user, entity: Entity) -> set[Role]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cache = getattr(user, "_carbure_roles", None)
    if cache is None:
        cache = {}
        for organisation_id, role in user.memberships.filter(product=PRODUCT).values_list("organisation_id", "role"):
            cache.setdefault(organisation_id, set()).add(Role(role))
        user._carbure_roles = cache  # per request: a user object lives as long as its request
    return cache.get(entity.organisation_id, set())


def entities_of(user) -> list[Entity]:
    """The entities a person acts for, by name."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(
        Entity.objects.filter(organisation__memberships__user=user, organisation__memberships__product=PRODUCT)
        .distinct()
        .select_related("organisation")
    )


def can_view_entity(user, entity: Entity) -> bool:
    return has_staff_power(user) or bool(roles_in(user, entity))


def can_write_entity(user, entity: Entity) -> bool:
    return bool(roles_in(user, entity) & WRITING_ROLES)


def can_manage_entity(user, entity: Entity) -> bool:
    return Role.ADMIN in roles_in(user, entity) or has_staff_power(user)


def administration_entities(user) -> list[Entity]:
    return [e for e in entities_of(user) if e.entity_type == EntityType.ADMINISTRATION]


def can_view_administration(user, _obj=None) -> bool:
    return has_staff_power(user) or bool(administration_entities(user))


def can_act_as_administration(user, _obj=None) -> bool:
    return has_staff_power(user) or any(can_write_entity(user, e) for e in administration_entities(user))


def audited_entity_ids(auditor: Entity, *, on: date | None = None) -> set[int]:
    day = on or timezone.localdate()
    return set(
        AuditorAssignment.objects.filter(auditor=auditor, valid_from__lte=day, valid_until__gte=day).values_list(
            "audited_id", flat=True
        )
    )


def can_audit(user, auditor: Entity) -> bool:
    return auditor.entity_type == EntityType.AUDITOR and can_write_entity(user, auditor)


def lot_party_ids(lot: Lot) -> set[int]:
    return {i for i in (lot.added_by_id, lot.supplier_id, lot.client_id, lot.vendor_id) if i}


def can_view_lot(user, lot: Lot) -> bool:
    if can_view_administration(user):
        return True
    for entity in entities_of(user):
        if entity.pk in lot_party_ids(lot):
            return True
        if entity.entity_type == EntityType.AUDITOR and audited_entity_ids(entity) & lot_party_ids(lot):
            return True
    return False


def register() -> None:
    register_permission("carbure.entity_view", can_view_entity)
    register_permission("carbure.entity_write", can_write_entity)
    register_permission("carbure.entity_manage", can_manage_entity)
    register_permission("carbure.administration_view", can_view_administration)
    register_permission("carbure.administration_act", can_act_as_administration)
    register_permission("carbure.audit", can_audit)
    register_permission("carbure.lot_view", can_view_lot)
