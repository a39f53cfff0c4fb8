"""Which email CarbuRe sends to whom, with what context. Only data CarbuRe holds goes in them:
no text a stranger typed, no link built from user text."""

from django.urls import reverse

from transition.platform.notify.services import email_send

from .domain import declarations as rules
from .enums import PRODUCT, WRITING_ROLES
from .models import Declaration, Entity


def _writers(entity: Entity) -> list[str]:
    return sorted(
        set(
            entity.organisation.memberships.filter(product=PRODUCT, role__in=list(WRITING_ROLES), user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def declaration_reminder_send(*, declaration: Declaration) -> int:
    """To the entity's members who may declare; the number of emails queued."""
    recipients = _writers(declaration.entity)
    context = {
        "entity_name": declaration.entity.name,
        "period_label": rules.period_label(declaration.period),
        "period_of": rules.period_of(declaration.period),
        "deadline": declaration.deadline,
        "path": reverse("carbure:declarations", args=[declaration.entity_id]),
    }
    for address in recipients:
        email_send(to=address, template="carbure/emails/declaration_reminder", context=context, product=PRODUCT)
    return len(recipients)


def lots_received_send(*, client: Entity, count: int, supplier_name: str) -> int:
    """Tell the client's members that lots wait for their answer."""
    recipients = _writers(client)
    context = {
        "entity_name": client.name,
        "count": count,
        "supplier_name": supplier_name,
        "path": reverse("carbure:lots", args=[client.pk]) + "?onglet=recus",
    }
    for address in recipients:
        email_send(to=address, template="carbure/emails/lots_received", context=context, product=PRODUCT)
    return len(recipients)
