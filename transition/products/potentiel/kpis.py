"""Impact indicators of Potentiel, on /stats/potentiel/: requests handled online, median
instruction time, share of decisions within the deadline (rules in `domain/instruction.py`).

A request counts once filed (declarations included: they are handled online too); instruction
times and deadlines concern requests that await a decision (mode « demande ») and were decided
(granted or rejected, by an agent or automatically)."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from transition.platform.impact.registry import PARIS, Indicator, day_end, register_indicator

from .domain.changes import KIND_LABELS, ChangeKind, Mode
from .domain.instruction import Decision, instruction_figures
from .domain.lifecycle import Status
from .models import Demande

PRODUCT = "potentiel"
DECIDED = (Status.ACCORDE.value, Status.REJETE.value)


def requests_online(day: date) -> int:
    return Demande.objects.filter(filed_at__lt=day_end(day)).count()


def _decisions(day: date) -> list[Decision]:
    rows = Demande.objects.filter(
        mode=Mode.DEMANDE, status__in=DECIDED, decided_at__isnull=False, decided_at__lt=day_end(day)
    ).values_list("kind", "filed_at", "decided_at")
    return [
        Decision(kind, filed.astimezone(PARIS).date(), decided.astimezone(PARIS).date())
        for kind, filed, decided in rows
    ]


def median_instruction_days(day: date) -> int:
    return instruction_figures(_decisions(day)).median_days or 0


def within_deadline_pct(day: date) -> Decimal:
    return instruction_figures(_decisions(day)).within_deadline_pct


def _by_kind() -> str:
    today = timezone.localdate()
    parts = []
    for kind in ChangeKind:
        count = Demande.objects.filter(kind=kind, filed_at__lt=day_end(today)).count()
        if count:
            parts.append(f"{KIND_LABELS[kind].lower()} : {count}")
    return ("Par nature : " + ", ".join(parts) + ".") if parts else ""


def register() -> None:
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="demandes_en_ligne",
            label="Demandes et déclarations traitées en ligne",
            definition=(
                "Nombre de demandes et de déclarations de changement (abandon, délai, puissance, actionnaire, "
                "producteur, représentant légal, recours) déposées par les porteurs dans Potentiel depuis son "
                "ouverture, au lieu d’un courrier."
            ),
            unit="demandes",
            compute=requests_online,
            counts_as_request=True,
            explain=_by_kind,
        )
    )
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="duree_instruction_mediane",
            label="Durée médiane d’instruction",
            definition=(
                "Médiane, en jours, du temps entre le dépôt d’une demande et sa décision (accord ou rejet, "
                "par un agent ou automatique), sur toutes les demandes décidées ; les déclarations, "
                "enregistrées dès leur dépôt, n’y entrent pas. 0 tant qu’aucune demande n’est décidée."
            ),
            unit="jours",
            compute=median_instruction_days,
        )
    )
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="decisions_dans_les_delais",
            label="Part des décisions rendues dans les délais",
            definition=(
                "Part des demandes décidées au plus tard deux mois après leur dépôt (délai au-delà duquel le "
                "silence de l’administration vaut décision, code des relations entre le public et "
                "l’administration, art. L. 231-1), trois mois pour un changement de représentant légal "
                "(décision automatique du cahier des charges)."
            ),
            unit="%",
            compute=within_deadline_pct,
        )
    )
