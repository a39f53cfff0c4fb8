"""Monthly declarations: validated when nothing of the month is pending, rejected or in
correction; a lot declared by both sides is frozen. Cancelling unfreezes. Reminders before the
deadline."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from transition.platform.accounts.permissions import require
from transition.platform.audit.services import event_record

from ..domain import declarations as rules
from ..domain.vocabulary import CLIENT_ENTITY_TYPES, LotStatus
from ..enums import PRODUCT, LotEventType
from ..models import Declaration, Entity, Lot
from ..notifications import declaration_reminder_send
from ..selectors.declarations import period_counts, period_lots, year_locked
from .history import lot_events_record


class DeclarationRefused(Exception):
    """The message says why, in French."""


def _declaration(entity: Entity, period: int) -> Declaration:
    declaration, _ = Declaration.objects.get_or_create(
        entity=entity, period=period, defaults={"deadline": rules.deadline(period)}
    )
    return declaration


def declaration_validate(*, entity: Entity, user, period: int) -> Declaration:
    require(user, "carbure.entity_write", entity)
    if not rules.is_valid_period(period):
        raise DeclarationRefused("Période inconnue.")
    with transaction.atomic():
        declaration = Declaration.objects.select_for_update().filter(pk=_declaration(entity, period).pk).get()
        if declaration.declared:
            raise DeclarationRefused("Cette période est déjà déclarée.")
        reason = rules.validation_refusal(counts=period_counts(entity, period), year_locked=year_locked(period))
        if reason:
            raise DeclarationRefused(reason)
        lots = period_lots(entity, period)
        lots.filter(supplier=entity).update(declared_by_supplier=True)
        lots.filter(supplier=entity, client__isnull=True).update(declared_by_client=True)
        lots.filter(client=entity).update(declared_by_client=True)
        lots.filter(client=entity, supplier__isnull=True).update(declared_by_supplier=True)
        to_freeze = list(
            lots.filter(declared_by_supplier=True, declared_by_client=True).exclude(lot_status=LotStatus.FROZEN)
        )
        Lot.objects.filter(pk__in=[lot.pk for lot in to_freeze]).update(
            lot_status=LotStatus.FROZEN, updated_at=timezone.now()
        )
        lot_events_record(to_freeze, LotEventType.DECLARED, entity=entity, user=user, audit=False)
        declaration.declared, declaration.declared_at, declaration.declared_by = True, timezone.now(), user
        declaration.save()
        event_record(
            actor=user,
            action="carbure.declaration_validated",
            target=declaration,
            payload={"entity": entity.pk, "period": period, "frozen_lots": [lot.pk for lot in to_freeze]},
            product=PRODUCT,
        )
    return declaration


def declaration_cancel(*, entity: Entity, user, period: int) -> Declaration:
    """Undo a declaration: the entity's side is undeclared and its frozen lots of the month unfrozen."""
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        declaration = Declaration.objects.select_for_update().filter(entity=entity, period=period).first()
        if declaration is None or not declaration.declared:
            raise DeclarationRefused("Cette période n’est pas déclarée.")
        if year_locked(period):
            raise DeclarationRefused(
                "Cette année est verrouillée par l’administration : la déclaration ne peut plus changer."
            )
        lots = period_lots(entity, period)
        unfrozen = list(lots.filter(lot_status=LotStatus.FROZEN))
        lots.filter(supplier=entity).update(declared_by_supplier=False)
        lots.filter(client=entity).update(declared_by_client=False)
        Lot.objects.filter(pk__in=[lot.pk for lot in unfrozen]).update(
            lot_status=LotStatus.ACCEPTED, updated_at=timezone.now()
        )
        lot_events_record(unfrozen, LotEventType.DECLARATION_CANCELLED, entity=entity, user=user, audit=False)
        declaration.declared, declaration.declared_at, declaration.declared_by = False, None, None
        declaration.save()
        event_record(
            actor=user,
            action="carbure.declaration_cancelled",
            target=declaration,
            payload={"entity": entity.pk, "period": period, "unfrozen_lots": [lot.pk for lot in unfrozen]},
            product=PRODUCT,
        )
    return declaration


def declaration_reminders_send(*, today: date | None = None, days_before: int = 15) -> int:
    """Remind every entity that has lots in last month's period and has not declared it, once,
    `days_before` days before the deadline. Returns the number of entities reminded."""
    today = today or timezone.localdate()
    period = rules.previous_period(today.year * 100 + today.month)
    reminded = 0
    entities = Entity.objects.filter(entity_type__in=CLIENT_ENTITY_TYPES).select_related("organisation")
    for entity in entities:
        if not period_lots(entity, period).exists():
            continue
        with transaction.atomic():
            declaration = Declaration.objects.select_for_update().filter(pk=_declaration(entity, period).pk).get()
            if not rules.reminder_due(
                period=period,
                today=today,
                declared=declaration.declared,
                reminded=declaration.reminder_sent_at is not None,
                days_before=days_before,
            ):
                continue
            if declaration_reminder_send(declaration=declaration):
                declaration.reminder_sent_at = timezone.now()
                declaration.save(update_fields=["reminder_sent_at"])
                reminded += 1
    return reminded
