"""What an auditor sees: the lots of the entities it audits today."""

from django.db.models import Q, QuerySet

from ..domain.vocabulary import LotStatus
from ..models import Entity, Lot
from ..permissions import audited_entity_ids


def audited_lots(auditor: Entity) -> QuerySet:
    ids = audited_entity_ids(auditor)
    return Lot.objects.filter(Q(supplier_id__in=ids) | Q(client_id__in=ids) | Q(added_by_id__in=ids)).exclude(
        lot_status__in=[LotStatus.DRAFT, LotStatus.DELETED]
    )


def audited_entities(auditor: Entity) -> list[Entity]:
    return list(Entity.objects.filter(pk__in=audited_entity_ids(auditor)).select_related("organisation"))
