"""What happens between a supplier and its client: acceptance (into stock, blending, release for
consumption, export, trading to the next client, processing into another biofuel, direct
delivery, consumption), refusal, corrections asked, submitted and approved, acceptance cancelled."""

from django.db import transaction
from django.utils import timezone

from transition.platform.accounts.permissions import require
from transition.platform.core.spreadsheets import clean_text

from ..domain import compatibility
from ..domain.transitions import ACCEPTANCE_TYPES, Action, refusal
from ..domain.vocabulary import CorrectionStatus, DeliveryType, EntityType, LotStatus
from ..enums import LotEventType
from ..models import Biofuel, Entity, Lot, LotComment, Stock
from ..selectors.lots import carbure_id_refresh, lot_copy, lot_state, lots_for_facts
from .checks import lots_checks_refresh
from .fixes import fix_propagate, frozen_descendants
from .history import lot_events_record
from .lots import LotActionRefused
from .stocks import stock_create_from_lot


def _locked(lot: Lot, action: Action, entity: Entity) -> Lot:
    lot = Lot.objects.select_for_update().get(pk=lot.pk)
    reason = refusal(action, lot_state(lot, entity))
    if reason:
        raise LotActionRefused(reason)
    return lot


def _save(lot: Lot, *fields: str) -> None:
    lot.updated_at = timezone.now()
    lot.save(update_fields=[*fields, "updated_at"])


def lot_accept(
    *,
    entity: Entity,
    user,
    lot: Lot,
    delivery_type: DeliveryType,
    next_client: Entity | None = None,
    unknown_next_client: str = "",
    certificate: str = "",
    processor: Entity | None = None,
    processed_biofuel: Biofuel | None = None,
    processed_volume_l: float | None = None,
) -> Lot:
    """Accept a lot as `delivery_type`. Trading gives a child lot to the next client; processing a
    child lot (of the processed biofuel) to the processor; stock a stock in the delivery depot."""
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        lot = _locked(lot, Action.ACCEPT, entity)
        problem = _acceptance_problem(
            lot, entity, delivery_type, next_client, unknown_next_client, certificate, processor
        )
        if problem:
            raise LotActionRefused(problem)
        lot.lot_status, lot.delivery_type = LotStatus.ACCEPTED, delivery_type
        _save(lot, "lot_status", "delivery_type")
        lot_events_record(
            [lot], LotEventType.ACCEPTED, entity=entity, user=user, details={"delivery_type": delivery_type}
        )
        if delivery_type == DeliveryType.STOCK:
            stock_create_from_lot(lot, entity=entity, user=user)
        elif delivery_type == DeliveryType.TRADING:
            _child(
                lot,
                entity=entity,
                user=user,
                client=next_client,
                unknown_client=clean_text(unknown_next_client, keep_newlines=False),
                certificate=certificate or entity.default_certificate,
            )
        elif delivery_type == DeliveryType.PROCESSING:
            _child(
                lot,
                entity=entity,
                user=user,
                client=processor,
                certificate=certificate or entity.default_certificate,
                biofuel=processed_biofuel,
                volume_l=processed_volume_l,
            )
        lots_checks_refresh(lots_for_facts([lot.pk]))
    return Lot.objects.get(pk=lot.pk)


def _acceptance_problem(lot, entity, delivery_type, next_client, unknown_next_client, certificate, processor) -> str:
    if delivery_type not in ACCEPTANCE_TYPES:
        return "Type d’acceptation inconnu."
    if delivery_type == DeliveryType.STOCK and lot.delivery_site_id is None:
        return (
            "Un lot ne peut entrer en stock que dans un dépôt enregistré : demandez la correction du site de livraison."
        )
    if delivery_type == DeliveryType.RFC and lot.biofuel_id not in compatibility.RFC_ALLOWED_BIOFUELS:
        return "Ce biocarburant ne peut pas être mis à consommation tel quel."
    if delivery_type == DeliveryType.CONSUMPTION and entity.entity_type != EntityType.POWER_HEAT:
        return "Seul un producteur d’électricité ou de chaleur accepte un lot pour sa consommation."
    if delivery_type == DeliveryType.TRADING:
        if next_client is None and not unknown_next_client.strip():
            return "Indiquez le client à qui vous revendez ce lot."
        if next_client is not None and next_client.pk == entity.pk:
            return "Vous ne pouvez pas vous revendre un lot."
        if not (certificate or entity.default_certificate):
            return "Indiquez votre certificat de durabilité (ou enregistrez un certificat par défaut)."
    if delivery_type == DeliveryType.PROCESSING and (processor is None or processor.pk == entity.pk):
        return "Indiquez l’entité qui transforme ce lot."
    return ""


def _child(lot, *, entity, user, client, unknown_client="", certificate="", biofuel=None, volume_l=None) -> Lot:
    child = lot_copy(lot)
    child.parent_lot = lot
    child.added_by = child.supplier = entity
    child.unknown_supplier = ""
    child.supplier_certificate = certificate
    child.vendor, child.vendor_certificate = None, ""
    child.client, child.unknown_client = client, unknown_client
    child.delivery_type = DeliveryType.UNKNOWN
    child.lot_status = LotStatus.PENDING if client is not None else LotStatus.ACCEPTED
    if biofuel is not None:
        child.biofuel = biofuel
    if volume_l is not None or biofuel is not None:
        child.volume_l = round(volume_l if volume_l is not None else lot.volume_l, 2)
        fuel = biofuel or Biofuel.objects.get(pk=lot.biofuel_id)
        child.weight_kg = round(child.volume_l * fuel.density_kg_l, 2)
        child.lhv_amount_mj = round(child.volume_l * fuel.lhv_mj_l, 2)
    child.save()
    carbure_id_refresh([child.pk])
    child.refresh_from_db(fields=["carbure_id"])
    lot_events_record([child], LotEventType.CREATED, entity=entity, user=user, details={"parent": lot.pk})
    if child.lot_status == LotStatus.ACCEPTED:
        lot_events_record([child], LotEventType.ACCEPTED, entity=entity, user=user, details={"automatic": True})
    lots_checks_refresh(lots_for_facts([child.pk]))
    return child


def lot_reject(*, entity: Entity, user, lot: Lot, comment: str = "") -> Lot:
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        lot = _locked(lot, Action.REJECT, entity)
        lot.lot_status = LotStatus.REJECTED
        _save(lot, "lot_status")
        lot_events_record([lot], LotEventType.REJECTED, entity=entity, user=user)
        _comment(lot, entity, user, comment)
    return lot


def lot_fix_ask(*, entity: Entity, user, lot: Lot, comment: str = "") -> Lot:
    """The client asks for a correction, or the supplier recalls its lot to correct it."""
    require(user, "carbure.entity_write", entity)
    action = Action.REQUEST_FIX if lot.client_id == entity.pk else Action.RECALL
    with transaction.atomic():
        lot = _locked(lot, action, entity)
        lot.correction_status = CorrectionStatus.IN_CORRECTION
        _save(lot, "correction_status")
        event = LotEventType.FIX_REQUESTED if action == Action.REQUEST_FIX else LotEventType.RECALLED
        lot_events_record([lot], event, entity=entity, user=user)
        _comment(lot, entity, user, comment)
        lots_checks_refresh(lots_for_facts([lot.pk]))
    return lot


def lot_fix_submit(*, entity: Entity, user, lot: Lot) -> Lot:
    """The creator says the lot is corrected. Without a registered client to approve it, the fix
    is approved at once."""
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        lot = _locked(lot, Action.SUBMIT_FIX, entity)
        _refuse_frozen_descendants(lot)
        lot.correction_status = CorrectionStatus.FIXED
        _save(lot, "correction_status")
        lot_events_record([lot], LotEventType.MARKED_AS_FIXED, entity=entity, user=user)
        if lot.client_id is None or lot.client_id == entity.pk:
            _approve(lot, entity=entity, user=user)
    return lot


def lot_fix_approve(*, entity: Entity, user, lot: Lot) -> Lot:
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        lot = _locked(lot, Action.APPROVE_FIX, entity)
        _refuse_frozen_descendants(lot)
        _approve(lot, entity=entity, user=user)
    return lot


def _approve(lot: Lot, *, entity: Entity, user) -> None:
    lot.correction_status = CorrectionStatus.NO_PROBLEMO
    _save(lot, "correction_status")
    lot_events_record([lot], LotEventType.FIX_ACCEPTED, entity=entity, user=user)
    fix_propagate(lot, entity=entity, user=user)


def _refuse_frozen_descendants(lot: Lot) -> None:
    frozen = frozen_descendants(lot)
    if frozen:
        ids = ", ".join(d.carbure_id for d in frozen[:5])
        raise LotActionRefused(
            f"Des lots issus de celui-ci sont déjà déclarés ({ids}) : leurs déclarations doivent être annulées "
            "avant que la correction ne leur soit appliquée."
        )


def lot_accept_cancel(*, entity: Entity, user, lot: Lot) -> Lot:
    """Back to pending, undoing what the acceptance made (stock, trading or processing child)."""
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        lot = _locked(lot, Action.CANCEL_ACCEPT, entity)
        for child in lot.children.exclude(lot_status=LotStatus.DELETED):
            child.lot_status = LotStatus.DELETED
            _save(child, "lot_status")
            lot_events_record(
                [child], LotEventType.DELETED, entity=entity, user=user, details={"cancelled_parent": lot.pk}
            )
        for stock in Stock.objects.filter(parent_lot=lot):
            stock.events.all().delete()
            stock.delete()
        lot.lot_status = LotStatus.PENDING
        _save(lot, "lot_status")
        lot_events_record([lot], LotEventType.ACCEPT_CANCELLED, entity=entity, user=user)
    return lot


def lot_comment(*, entity: Entity, user, lot: Lot, text: str, is_control: bool = False) -> LotComment:
    if is_control:
        require(user, "carbure.lot_view", lot)
    else:
        require(user, "carbure.entity_write", entity)
        if refusal(Action.COMMENT, lot_state(lot, entity)):
            raise LotActionRefused("Seules les parties au lot peuvent le commenter.")
    with transaction.atomic():
        comment = _comment(lot, entity, user, text, is_control=is_control)
        if comment is None:
            raise LotActionRefused("Le commentaire est vide.")
    return comment


def _comment(lot, entity, user, text, *, is_control=False) -> LotComment | None:
    text = clean_text(text or "").strip()[:2000]
    if not text:
        return None
    comment = LotComment.objects.create(lot=lot, entity=entity, user=user, text=text, is_control=is_control)
    lot_events_record([lot], LotEventType.COMMENTED, entity=entity, user=user, details={"control": is_control})
    return comment
