"""The documents of a grid dossier (PTF, connection agreement, direct agreement): transmit one,
replace it, delete it (domain/grid_documents.py for which kinds go together, domain/grid.py for
who may still do it once the dossier is in service or the project achieved)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from ..domain import grid as rules
from ..domain.grid import DocumentKind, GridChange, GridRefused
from ..domain.grid_documents import check_present, check_transmit, document_kind
from ..models import DossierRaccordement, Projet
from .grid import DOCUMENT_FIELDS, _audit, actor_of, check_state, document_store, dossier_for_update

SIGNED_IN_FUTURE = "La date de signature du document ne peut pas être une date future"


def present_documents(dossier: DossierRaccordement) -> frozenset[DocumentKind]:
    return frozenset(
        kind
        for kind in (DocumentKind.PTF, DocumentKind.CONVENTION, DocumentKind.CONVENTION_DIRECTE)
        if getattr(dossier, f"{DOCUMENT_FIELDS[kind]}_sha256")
    )


def _signed_on(dossier: DossierRaccordement, kind: DocumentKind, day: date | None, today: date) -> None:
    if day is not None:
        setattr(dossier, f"{DOCUMENT_FIELDS[kind]}_date", rules.check_past_date(day, today, SIGNED_IN_FUTURE))


def document_transmit(
    *, user, projet: Projet, reference: str, kind: str, upload, signed_on: date | None, today: date | None = None
) -> DossierRaccordement:
    actor_of(user, projet)
    kind = document_kind(kind)
    if upload is None:
        raise GridRefused("Joignez le document (PDF)")
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        check_state(projet)
        dossier = dossier_for_update(projet, reference)
        check_transmit(kind, present_documents(dossier))
        _signed_on(dossier, kind, signed_on, today)
        document_store(dossier, kind, upload)
        dossier.updated_by = user
        dossier.save()
        _audit(projet, "document-transmis", user, reference=reference, type=str(kind))
    return dossier


def _locked_for(actor, projet: Projet, dossier: DossierRaccordement, kind: DocumentKind) -> None:
    check_present(kind, present_documents(dossier))
    rules.check_lock(
        GridChange.DOCUMENT,
        actor,
        in_service=dossier.mise_en_service is not None,
        achieved=projet.statut_laureat == "achevé",
    )


def document_replace(
    *,
    user,
    projet: Projet,
    reference: str,
    kind: str,
    upload=None,
    signed_on: date | None = None,
    today: date | None = None,
) -> DossierRaccordement:
    """A new file or signature date for a document already transmitted."""
    actor = actor_of(user, projet)
    kind = document_kind(kind)
    if upload is None and signed_on is None:
        raise GridRefused("Joignez le nouveau document ou indiquez sa nouvelle date de signature")
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        check_state(projet)
        dossier = dossier_for_update(projet, reference)
        _locked_for(actor, projet, dossier, kind)
        _signed_on(dossier, kind, signed_on, today)
        document_store(dossier, kind, upload)
        dossier.updated_by = user
        dossier.save()
        _audit(projet, "document-modifie", user, reference=reference, type=str(kind))
    return dossier


def document_delete(*, user, projet: Projet, reference: str, kind: str) -> DossierRaccordement:
    actor = actor_of(user, projet)
    kind = document_kind(kind)
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        check_state(projet)
        dossier = dossier_for_update(projet, reference)
        _locked_for(actor, projet, dossier, kind)
        field = DOCUMENT_FIELDS[kind]
        getattr(dossier, f"{field}_document").delete(save=False)
        setattr(dossier, f"{field}_sha256", "")
        setattr(dossier, f"{field}_date", None)
        dossier.updated_by = user
        dossier.save()
        _audit(projet, "document-supprime", user, reference=reference, type=str(kind))
    return dossier
