"""What the parties do to a sent lot: accept it, refuse it, ask for or submit a correction,
approve it, cancel an acceptance, comment. Each a POST, back to the lot's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ..domain.vocabulary import DeliveryType
from ..forms.transactions import AcceptForm, CommentForm, ReasonForm
from ..services import transactions
from ..services.lots import LotActionRefused
from .common import acting_entity
from .lots import entity_lot


def _act(request, entity_id: int, lot_id: int, service, success: str, **kwargs):
    entity = acting_entity(request, entity_id, write=True)
    lot = entity_lot(entity, lot_id)
    try:
        service(entity=entity, user=request.user, lot=lot, **kwargs)
    except LotActionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("carbure:lot", entity.pk, lot.pk)


@login_required
@require_POST
def lot_accept(request, entity_id: int, lot_id: int):
    entity = acting_entity(request, entity_id, write=True)
    form = AcceptForm(request.POST, entity=entity)
    if not form.is_valid():
        messages.error(request, "Choisissez comment vous acceptez ce lot.")
        return redirect("carbure:lot", entity.pk, lot_id)
    data = form.cleaned_data
    volume = data["processed_volume_l"]
    return _act(
        request,
        entity_id,
        lot_id,
        transactions.lot_accept,
        "Lot accepté.",
        delivery_type=DeliveryType(data["delivery_type"]),
        next_client=data["next_client"],
        unknown_next_client=data["unknown_next_client"],
        certificate=data["certificate"].strip(),
        processor=data["processor"],
        processed_biofuel=data["processed_biofuel"],
        processed_volume_l=float(volume) if volume is not None else None,
    )


@login_required
@require_POST
def lot_reject(request, entity_id: int, lot_id: int):
    form = ReasonForm(request.POST)
    comment = form.cleaned_data["text"] if form.is_valid() else ""
    return _act(request, entity_id, lot_id, transactions.lot_reject, "Lot refusé.", comment=comment)


@login_required
@require_POST
def lot_fix_ask(request, entity_id: int, lot_id: int):
    form = ReasonForm(request.POST)
    comment = form.cleaned_data["text"] if form.is_valid() else ""
    return _act(request, entity_id, lot_id, transactions.lot_fix_ask, "Le lot est en correction.", comment=comment)


@login_required
@require_POST
def lot_fix_submit(request, entity_id: int, lot_id: int):
    return _act(request, entity_id, lot_id, transactions.lot_fix_submit, "Correction soumise au client.")


@login_required
@require_POST
def lot_fix_approve(request, entity_id: int, lot_id: int):
    return _act(
        request,
        entity_id,
        lot_id,
        transactions.lot_fix_approve,
        "Correction acceptée et reportée sur les lots issus de celui-ci.",
    )


@login_required
@require_POST
def lot_accept_cancel(request, entity_id: int, lot_id: int):
    return _act(
        request,
        entity_id,
        lot_id,
        transactions.lot_accept_cancel,
        "Acceptation annulée : le lot est de nouveau en attente.",
    )


@login_required
@require_POST
def lot_comment(request, entity_id: int, lot_id: int):
    form = CommentForm(request.POST)
    if not form.is_valid():
        entity = acting_entity(request, entity_id)
        messages.error(request, "Le commentaire est vide ou trop long (2 000 caractères au plus).")
        return redirect("carbure:lot", entity.pk, lot_id)
    return _act(
        request, entity_id, lot_id, transactions.lot_comment, "Commentaire ajouté.", text=form.cleaned_data["text"]
    )
