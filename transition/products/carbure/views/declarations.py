"""An entity's monthly declarations: the last twelve months, validate one, cancel one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..domain import declarations as rules
from ..selectors.declarations import declaration_summaries
from ..services import declarations
from .common import acting_entity, entity_context


@login_required
def declaration_list(request, entity_id: int):
    entity = acting_entity(request, entity_id)
    return render(
        request,
        "carbure/declarations/list.html",
        {
            **entity_context(request, entity, "declarations"),
            "title": f"Déclarations — {entity.name}",
            "summaries": declaration_summaries(entity),
        },
    )


def _declare(request, entity_id: int, period: int, service, success: str):
    entity = acting_entity(request, entity_id, write=True)
    if not rules.is_valid_period(period):
        messages.error(request, "Période inconnue.")
        return redirect("carbure:declarations", entity.pk)
    try:
        service(entity=entity, user=request.user, period=period)
    except declarations.DeclarationRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success.format(period=rules.period_of(period)))
    return redirect("carbure:declarations", entity.pk)


@login_required
@require_POST
def declaration_validate(request, entity_id: int, period: int):
    return _declare(request, entity_id, period, declarations.declaration_validate, "Déclaration {period} validée.")


@login_required
@require_POST
def declaration_cancel(request, entity_id: int, period: int):
    return _declare(
        request,
        entity_id,
        period,
        declarations.declaration_cancel,
        "Déclaration {period} annulée : ses lots sont de nouveau modifiables.",
    )
