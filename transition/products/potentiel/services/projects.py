"""Changes to a project that are not requests: choosing a cahier des charges modificatif, and
moving the planned completion date (a granted délai, a cahier des charges' extension)."""

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record

from .. import notifications
from ..domain import dates
from ..domain.referential import (
    CDC_INITIAL,
    cahier_des_charges_choice_error,
    cahier_des_charges_label,
    cahiers_des_charges_choices,
)
from ..enums import StatutLaureat
from ..models import Projet
from ..permissions import PROJET_ACT
from ..selectors.referential import projet_rules

PRODUCT = "potentiel"

# The grid connection module gives a project's commissioning date (None when not known yet).
_mise_en_service_provider: Callable[[Projet], dt.date | None] | None = None


def register_mise_en_service_provider(provider: Callable[[Projet], dt.date | None]) -> None:
    global _mise_en_service_provider
    _mise_en_service_provider = provider


def mise_en_service_of(projet: Projet) -> dt.date | None:
    return _mise_en_service_provider(projet) if _mise_en_service_provider else None


def planned_completion_move(
    *, projet: Projet, months: int, reason: str, by=None, payload: dict | None = None
) -> dt.date:
    """Move the planned completion by `months` (month ends clamp) and record why."""
    if projet.date_achevement_previsionnelle is None:
        raise ValidationError("Ce projet n’a pas de date d’achèvement prévisionnelle.")
    before = projet.date_achevement_previsionnelle
    projet.date_achevement_previsionnelle = dates.add_months(before, months)
    projet.save(update_fields=["date_achevement_previsionnelle"])
    event_record(
        actor=by,
        action="potentiel.achevement_previsionnel_modifie",
        target=projet,
        payload={
            "avant": before.isoformat(),
            "après": projet.date_achevement_previsionnelle.isoformat(),
            "mois": months,
            "raison": reason,
            **(payload or {}),
        },
        product=PRODUCT,
    )
    return projet.date_achevement_previsionnelle


def cahier_des_charges_choose(*, projet: Projet, reference: str, by) -> Projet:
    """The holder chooses a cahier des charges; its completion extension applies when the
    commissioning date falls in its interval."""
    permissions.require(by, PROJET_ACT, projet)
    reference = (reference or "").strip()
    ao = projet.appel_offres.data
    error = cahier_des_charges_choice_error(
        current=projet.cahier_des_charges,
        chosen=reference,
        choices=cahiers_des_charges_choices(projet.periode.data),
        initial_allowed=bool(ao.get("options", {}).get("cdc_initial_choisissable")),
        abandonne=projet.statut_laureat == StatutLaureat.ABANDONNE,
        laureat=projet.is_laureat,
    )
    if error:
        raise ValidationError(error)
    new_rules = projet_rules(projet, reference)
    with transaction.atomic():
        before = projet.cahier_des_charges
        projet.cahier_des_charges = reference
        projet.save(update_fields=["cahier_des_charges"])
        event_record(
            actor=by,
            action="potentiel.cahier_des_charges_choisi",
            target=projet,
            payload={"avant": before, "après": reference},
            product=PRODUCT,
        )
        notifications.notify_holders(  # the holders' acknowledgement
            projet=projet,
            event="Nouveau cahier des charges choisi",
            message=f"Cahier des charges choisi : {cahier_des_charges_label(reference)}.",
            path=reverse("potentiel:projet", args=[projet.pk]),
        )
        extension = new_rules.delai_applicable
        if reference != CDC_INITIAL and dates.cdc_extension_applies(extension, mise_en_service_of(projet)):
            planned_completion_move(
                projet=projet,
                months=extension["mois"],
                reason=f"Délai du cahier des charges modifié paru le {reference}",
                by=by,
            )
    return projet
