"""What operators do to a demand in the back-office (and, for status and comment, through the
partner API, acting for their organisation): change its status, comment, correct, write to the
requester. Each checks permissions.py, writes the demand's history and the audit log."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..domain.demand_status import backward_error, is_backward, transition_error
from ..enums import PRODUCT, DemandEventKind
from ..models import Demand, DemandEvent
from ..notifications import EMAIL_TEMPLATES, notify_demand_status_changed, notify_operator_message
from ..permissions import organisation_can_change_demand

__all__ = [
    "demand_comment_add",
    "demand_correct",
    "demand_email_send",
    "demand_status_change",
    "demand_update_by_partner",
]


def _require_change(*, actor, organisation, demand: Demand) -> dict:
    """Who changes the demand: a person, or an operator organisation through the partner API.
    Returns what the history keeps of the latter."""
    if organisation is None:
        platform_permissions.require(actor, "chaleur.demand_change", demand)
        return {}
    if not organisation_can_change_demand(organisation, demand):
        raise PermissionDenied("Cette demande n’est pas sur un de vos réseaux.")
    return {"via": "api", "organisation": organisation.pk}


def _touch(demand: Demand, now: datetime, fields: list[str]) -> None:
    demand.updated_at = now
    demand.save(update_fields=[*fields, "updated_at"])


def demand_status_change(
    *,
    actor,
    demand: Demand,
    status: str,
    comment: str = "",
    notify_requester: bool = True,
    organisation=None,
    confirm_backward: bool = False,
) -> Demand:
    """A new status, allowed by the rule (domain/demand_status.py); a step back must be confirmed
    (`confirm_backward`). The requester is told by email unless the operator chose not to, or the
    demand was anonymised."""
    via = _require_change(actor=actor, organisation=organisation, demand=demand)
    comment = clean_text(comment or "").strip()
    error = transition_error(demand.status, status)
    if error:
        raise ValidationError(error)
    if is_backward(demand.status, status) and not confirm_backward:
        raise ValidationError(backward_error(demand.status, status))
    now = timezone.now()
    previous = demand.status
    with transaction.atomic():
        demand.status = status
        fields = ["status"]
        if comment:
            demand.operator_comment = comment
            fields.append("operator_comment")
        _touch(demand, now, fields)
        DemandEvent.objects.create(
            demand=demand,
            created_at=now,
            actor=actor,
            kind=DemandEventKind.STATUS,
            from_status=previous,
            to_status=status,
            text=comment,
            data=via,
        )
        event_record(
            actor=actor,
            action="chaleur.demand_status_change",
            target=demand,
            payload={"from": previous, "to": status, **via},
            product=PRODUCT,
        )
        if notify_requester:
            notify_demand_status_changed(demand=demand, previous=previous)
    return demand


def demand_comment_add(*, actor, demand: Demand, text: str, organisation=None) -> DemandEvent:
    via = _require_change(actor=actor, organisation=organisation, demand=demand)
    text = clean_text(text or "").strip()
    if not text:
        raise ValidationError("Le commentaire est vide.")
    now = timezone.now()
    with transaction.atomic():
        demand.operator_comment = text
        _touch(demand, now, ["operator_comment"])
        event = DemandEvent.objects.create(
            demand=demand, created_at=now, actor=actor, kind=DemandEventKind.COMMENT, text=text, data=via
        )
        event_record(
            actor=actor,
            action="chaleur.demand_comment",
            target=demand,
            payload={"length": len(text), **via},
            product=PRODUCT,
        )
    return event


def demand_update_by_partner(*, organisation, demand: Demand, status: str | None, comment: str) -> Demand:
    """The partner API's write, for the organisation: a new status (with its comment) goes
    through `demand_status_change`, as from the back-office; a comment alone through
    `demand_comment_add`."""
    comment = clean_text(comment or "").strip()
    if status is not None and status != demand.status:
        return demand_status_change(
            actor=None,
            organisation=organisation,
            demand=demand,
            status=status,
            comment=comment,
            confirm_backward=True,  # a partner's program sets the status its own system holds
        )
    if not comment:
        if status is not None:  # the status it already has, and nothing else
            _require_change(actor=None, organisation=organisation, demand=demand)
            return demand
        raise ValidationError("Indiquez un statut ou un commentaire.")
    demand_comment_add(actor=None, organisation=organisation, demand=demand, text=comment)
    return demand


def demand_correct(
    *, actor, demand: Demand, distance_m: int | None, dwellings_count: int | None, consumption_mwh: Decimal | None
) -> Demand:
    """An operator corrects what the requester or the map got wrong; the snapshot stays as it was."""
    platform_permissions.require(actor, "chaleur.demand_change", demand)
    for value, label in (
        (distance_m, "La distance"),
        (dwellings_count, "Le nombre de logements"),
        (consumption_mwh, "La consommation"),
    ):
        if value is not None and value < 0:
            raise ValidationError(f"{label} ne peut pas être négative.")
    before = {
        "distance_m": demand.distance_m,
        "dwellings_count": demand.dwellings_count,
        "consumption_mwh": demand.consumption_mwh,
    }
    after = {"distance_m": distance_m, "dwellings_count": dwellings_count, "consumption_mwh": consumption_mwh}
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    if not changed:
        return demand
    now = timezone.now()
    with transaction.atomic():
        for key, (_, value) in changed.items():
            setattr(demand, key, value)
        _touch(demand, now, list(changed))
        data = {
            k: [str(a) if a is not None else None, str(b) if b is not None else None] for k, (a, b) in changed.items()
        }
        DemandEvent.objects.create(
            demand=demand,
            created_at=now,
            actor=actor,
            kind=DemandEventKind.CORRECTION,
            text="Correction des informations.",
            data=data,
        )
        event_record(actor=actor, action="chaleur.demand_correct", target=demand, payload=data, product=PRODUCT)
    return demand


def demand_email_send(*, actor, demand: Demand, template_key: str, body: str) -> DemandEvent:
    """An operator writes to the requester; the answer comes back to the operator (reply-to)."""
    platform_permissions.require(actor, "chaleur.demand_change", demand)
    if template_key not in EMAIL_TEMPLATES:
        raise ValidationError("Modèle de courriel inconnu.")
    body = clean_text(body or "").strip()
    if not body:
        raise ValidationError("Le message est vide.")
    if demand.anonymised_at:
        raise ValidationError("Cette demande a été anonymisée : le demandeur ne peut plus être contacté.")
    now = timezone.now()
    with transaction.atomic():
        _touch(demand, now, [])
        event = DemandEvent.objects.create(
            demand=demand,
            created_at=now,
            actor=actor,
            kind=DemandEventKind.EMAIL,
            text=body,
            data={"template": template_key},
        )
        event_record(
            actor=actor,
            action="chaleur.demand_email",
            target=demand,
            payload={"template": template_key},
            product=PRODUCT,
        )
        notify_operator_message(demand=demand, template_key=template_key, body=body, reply_to=actor.email)
    return event
