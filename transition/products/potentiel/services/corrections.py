"""Correcting a candidature: a DGEC validateur changes some of its values, before or after the
notification. The corrected row goes through the rules of the CRE's file and those of a
correction (domain/corrections.py); it is written with one audit event naming the columns that
changed. For a notified candidature, the attestation is laid out again only when asked, and its
holders are then told by email; the lauréat's follow-up (its current power, its requests) is not
touched: a correction fixes what the CRE ranked."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record

from .. import notifications
from ..domain import candidatures as rules
from ..domain.corrections import (
    COORDINATES,
    CORRECTABLE,
    ROW_DETAILS,
    candidature_cells,
    coordinates_problems,
    correct,
    degrees_cells,
)
from ..domain.referential import load_referential
from ..models import Projet
from ..permissions import CANDIDATURE_CORRECT
from .candidatures import CANDIDATURE_FIELDS
from .notification import attestation_store

PRODUCT = "potentiel"
VALUE_FIELDS = tuple(f for f in CANDIDATURE_FIELDS if f != "details")


def stored_cells(projet: Projet) -> dict[str, str]:
    """The project's candidature as its row of the CRE's file (normalised header -> text)."""
    identification = (projet.appel_offres_id, projet.periode.identifiant, projet.famille, projet.numero_cre)
    values = {f: getattr(projet, f) for f in VALUE_FIELDS}
    return candidature_cells(identification, values, projet.details or {})


def correction_initial(projet: Projet) -> dict[str, str]:
    """The correction page's fields: each correctable column's current text, and the site's
    coordinates in decimal degrees."""
    cells = stored_cells(projet)
    initial = {key: cells[rules.BY_KEY[key].name] for key in CORRECTABLE}
    coordinates = (projet.details or {}).get("coordonnées") or {}
    initial |= {axis: str(coordinates[axis]) if axis in coordinates else "" for axis in COORDINATES}
    return initial


def _changes_as_cells(changes: dict[str, str]) -> dict[str, str]:
    """{column key or 'latitude'/'longitude' -> text} as the row's cells."""
    unknown = set(changes) - set(rules.BY_KEY) - set(COORDINATES)
    if unknown:
        raise ValidationError(f"Champ de candidature inconnu : {', '.join(sorted(unknown))}")
    cells = {rules.BY_KEY[k].name: (v or "").strip() for k, v in changes.items() if k in rules.BY_KEY}
    given = [changes.get(axis, "").strip() for axis in COORDINATES]
    if any(given):
        coordinates, problems = coordinates_problems(*given)
        if problems:
            raise ValidationError(problems)
        for axis in COORDINATES:
            cells |= degrees_cells(axis, coordinates[axis])
    return cells


def candidature_correct(*, user, projet: Projet, changes: dict[str, str], regenerate: bool = False) -> Projet:
    """Correct `projet`'s candidature with `changes` (CRE column key -> text; 'latitude' and
    'longitude' in decimal degrees). Raises ValidationError (French) when refused."""
    permissions.require(user, CANDIDATURE_CORRECT, projet)
    with transaction.atomic():
        projet = Projet.objects.select_related("appel_offres", "periode").select_for_update().get(pk=projet.pk)
        before = stored_cells(projet)
        details = projet.details or {}
        corrected, messages = correct(
            ({f: getattr(projet, f) for f in VALUE_FIELDS}, details),
            before,
            _changes_as_cells(changes),
            load_referential(),
            identifiant=projet.identifiant,
            notified=projet.notified,
            regenerate=regenerate,
            today=timezone.localdate(),
        )
        if corrected is None:
            raise ValidationError(messages)
        for name, value in corrected.values.items():
            setattr(projet, name, value)
        projet.details = {k: v for k, v in details.items() if k not in ROW_DETAILS} | corrected.details
        if not projet.notified:  # before the notification, the project is its candidature
            projet.statut = corrected.values["statut_candidature"]
            projet.puissance = corrected.values["puissance_candidature"]
        if regenerate:
            attestation_store(projet)
        projet.save()
        after = stored_cells(projet)
        event_record(
            actor=user,
            action="potentiel.candidature_correction",
            target=projet,
            payload={
                "identifiant": projet.identifiant,
                "colonnes": sorted(name for name in after if after[name] != before.get(name, "")),
                "attestation_régénérée": regenerate,
                "attestation_sha256": projet.attestation_sha256 if regenerate else "",
            },
            product=PRODUCT,
        )
        if regenerate:
            notifications.notify_holders(
                projet=projet,
                event="Attestation de désignation modifiée",
                message="L’attestation de désignation du projet a été corrigée par la DGEC : "
                "téléchargez la nouvelle version depuis la page du projet.",
                path=reverse("potentiel:projet", args=[projet.pk]),
            )
    return projet
