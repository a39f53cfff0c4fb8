"""What every entity page needs: the entity the person acts for, checked."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from transition.platform.accounts.permissions import can

from ..models import Entity


def acting_entity(request, entity_id: int, *, write: bool = False) -> Entity:
    """The entity of the URL, if the person may see it (and act for it when `write`)."""
    entity = get_object_or_404(Entity.objects.select_related("organisation"), pk=entity_id)
    if not can(request.user, "carbure.entity_view", entity):
        raise PermissionDenied("Vous n’êtes pas membre de cette entité.")
    if write and not can(request.user, "carbure.entity_write", entity):
        raise PermissionDenied("Votre rôle dans cette entité est en lecture seule.")
    return entity


def entity_context(request, entity: Entity, section: str) -> dict:
    return {
        "entity": entity,
        "section": section,
        "can_write": can(request.user, "carbure.entity_write", entity),
    }
