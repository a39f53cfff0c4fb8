"""Corrections of a network's page: an operator proposes (values, reason, an optional PDF), staff
accepts or refuses with the second factor. Nothing changes before staff accepts; every step is an
event of the audit chain (what changed, not the document)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..domain.network_corrections import BY_NAME, CorrectionError, changes_between, stale_fields, value_read
from ..enums import PRODUCT, CorrectionStatus, Role
from ..models import Network, NetworkContact, NetworkCorrection, NetworkFile, NetworkOperator
from ..notifications import notify_network_correction_decided
from ..permissions import organisation_ids

__all__ = [
    "network_correction_accept",
    "network_correction_propose",
    "network_correction_refuse",
    "network_current_values",
]

PDF_MAGIC = b"%PDF-"


def network_current_values(network: Network) -> dict:
    contact = NetworkContact.objects.filter(network=network).first()
    values = {}
    for name in BY_NAME:
        owner, attribute = name.split(".", 1)
        if owner == "network":
            values[name] = getattr(network, attribute)
        else:
            values[name] = getattr(contact, attribute) if contact else ""
    return values


def _document(upload: UploadedFile | None, title: str) -> tuple[UploadedFile | None, str]:
    if upload is None:
        return None, ""
    limit = settings.CHALEUR_NETWORK_FILE_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(f"Le document dépasse {settings.CHALEUR_NETWORK_FILE_MAX_MB} Mo.")
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError("Le document doit être un fichier PDF.")
    title = (title or "").strip()
    if not title:
        raise ValidationError("Donnez un titre au document.")
    return upload, title[:200]


def network_correction_propose(
    *, actor, network: Network, raw_values: dict[str, str], reason: str, document=None, document_title: str = ""
) -> NetworkCorrection:
    """Reads every proposed value (all problems reported at once), keeps what differs."""
    platform_permissions.require(actor, "chaleur.network_correct", network)
    reason = clean_text(reason or "").strip()
    problems = []
    proposed = {}
    for name, raw in raw_values.items():
        if name not in BY_NAME:
            continue
        try:
            proposed[name] = value_read(BY_NAME[name], raw)
        except CorrectionError as exc:
            problems.append(str(exc))
    if not reason:
        problems.append("Expliquez la correction (source, date des chiffres…).")
    try:
        upload, title = _document(document, document_title)
    except ValidationError as exc:
        problems.extend(exc.messages)
        upload, title = None, ""
    changes = changes_between(network_current_values(network), proposed)
    if not problems and not changes and upload is None:
        problems.append("Rien n’a changé : modifiez au moins une valeur ou joignez un document.")
    if problems:
        raise ValidationError(problems)
    organisation_id = (
        NetworkOperator.objects.filter(network=network, organisation_id__in=organisation_ids(actor, Role.GESTIONNAIRE))
        .values_list("organisation_id", flat=True)
        .first()
    )
    with transaction.atomic():
        file = None
        if upload is not None:
            file = NetworkFile(network=network, title=title, size_bytes=upload.size)
            file.file.save(f"{network.national_id or network.pk}.pdf", upload, save=False)
            file.save()
        correction = NetworkCorrection.objects.create(
            network=network,
            organisation_id=organisation_id,
            proposed_by=actor,
            changes=changes,
            reason=reason[:5000],
            document=file,
        )
        event_record(
            actor=actor,
            action="chaleur.network_correction_proposed",
            target=correction,
            payload={"network": network.national_id, "fields": sorted(changes), "document": file is not None},
            product=PRODUCT,
        )
    return correction


def _decide(actor, correction: NetworkCorrection, status: CorrectionStatus, comment: str) -> None:
    correction.status = status
    correction.reviewed_by = actor
    correction.reviewed_at = timezone.now()
    correction.review_comment = comment[:5000]
    correction.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"])


def network_correction_accept(*, actor, correction: NetworkCorrection, comment: str = "") -> NetworkCorrection:
    platform_permissions.require(actor, "chaleur.network_correction_review", correction)
    with transaction.atomic():
        correction = NetworkCorrection.objects.select_for_update().select_related("network").get(pk=correction.pk)
        if correction.status != CorrectionStatus.PENDING:
            raise ValidationError("Cette correction a déjà été examinée.")
        network = correction.network
        stale = stale_fields(correction.changes, network_current_values(network))
        if stale:
            labels = ", ".join(BY_NAME[name].label for name in stale)
            raise ValidationError(
                f"Ces valeurs ont changé depuis la proposition : {labels}. Refusez-la ou demandez-en une nouvelle."
            )
        contact = None
        for name, change in correction.changes.items():
            owner, attribute = name.split(".", 1)
            if owner == "network":
                setattr(network, attribute, change["to"])
            else:
                contact = contact or NetworkContact.objects.get_or_create(network=network)[0]
                setattr(contact, attribute, change["to"])
        network.save()
        if contact is not None:
            contact.save()
        if correction.document_id:
            NetworkFile.objects.filter(pk=correction.document_id).update(published=True)
        _decide(actor, correction, CorrectionStatus.ACCEPTED, comment.strip())
        event_record(
            actor=actor,
            action="chaleur.network_correction_accepted",
            target=correction,
            payload={
                "network": network.national_id,
                # The network's figures with their values; the contact's fields by name only (an
                # address or a phone number may name a person, and the chain is never rewritten).
                "changes": {k: v for k, v in correction.changes.items() if k.startswith("network.")},
                "contact_fields": sorted(k for k in correction.changes if k.startswith("contact.")),
                "document": correction.document_id,
            },
            product=PRODUCT,
        )
        notify_network_correction_decided(correction=correction)
    return correction


def network_correction_refuse(*, actor, correction: NetworkCorrection, comment: str) -> NetworkCorrection:
    platform_permissions.require(actor, "chaleur.network_correction_review", correction)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError("Dites au gestionnaire pourquoi la correction est refusée.")
    with transaction.atomic():
        correction = NetworkCorrection.objects.select_for_update().select_related("network").get(pk=correction.pk)
        if correction.status != CorrectionStatus.PENDING:
            raise ValidationError("Cette correction a déjà été examinée.")
        _decide(actor, correction, CorrectionStatus.REFUSED, comment)
        event_record(
            actor=actor,
            action="chaleur.network_correction_refused",
            target=correction,
            payload={"network": correction.network.national_id},
            product=PRODUCT,
        )
        notify_network_correction_decided(correction=correction)
    return correction
