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


def _period_or_back(request, entity, period: int):
    if not rules.is_valid_period(period):
        messages.error(request, "Période inconnue.")
        return None
    return period


@login_required
@require_POST
def declaration_validate(request, entity_id: int, period: int):
    entity = acting_entity(request, entity_id, write=True)
    if _period_or_back(request, entity, period):
        try:
            declarations.declaration_validate(entity=entity, user=request.user, period=period)
        except declarations.DeclarationRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Déclaration de {rules.period_label(period)} validée.")
    return redirect("carbure:declarations", entity.pk)


@login_required
@require_POST
def declaration_cancel(request, entity_id: int, period: int):
    entity = acting_entity(request, entity_id, write=True)
    if _period_or_back(request, entity, period):
        try:
            declarations.declaration_cancel(entity=entity, user=request.user, period=period)
        except declarations.DeclarationRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"Déclaration de {rules.period_label(period)} annulée : ses lots sont de nouveau modifiables."
            )
    return redirect("carbure:declarations", entity.pk)
