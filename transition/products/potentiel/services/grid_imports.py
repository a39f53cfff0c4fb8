"""Grid operators' commissioning dates by CSV: the whole file validated first (project, dossier,
operator, date, rules), errors by line and column in French, then written in one transaction.

Columns: « identifiantProjet » (AO#Période#Famille#NuméroCRE), « referenceDossier »,
« dateMiseEnService » (AAAA-MM-JJ or JJ/MM/AAAA)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.core.imports import FileRefused, ImportRefused, ImportReport, read_table

from .. import permissions
from ..domain import grid as rules
from ..domain.grid import GridRefused
from ..models import DossierRaccordement, GestionnaireReseau
from .grid import _facts, mise_en_service_set

COLUMNS = ("identifiantProjet", "referenceDossier", "dateMiseEnService")
MAX_ROWS = 20_000


def parse_date(raw: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw.strip(), fmt).date()
        except ValueError:
            continue
    return None


def commissioning_csv_import(
    *,
    user=None,
    upload=None,
    source=None,
    filename: str = "",
    operator: GestionnaireReseau | None = None,
    today: date | None = None,
) -> ImportReport:
    """`operator`: the grid operator of an API token; otherwise the user's (role grd), or the DGEC."""
    today = today or timezone.localdate()
    operators = [operator] if operator else permissions.grd_operators(user)
    is_admin = operator is None and platform_permissions.can(user, permissions.RACCORDEMENT_ADMIN)
    if not operators and not is_admin:
        raise PermissionDenied("Réservé aux gestionnaires de réseau.")
    try:
        table = read_table(
            upload if upload is not None else source,
            filename=filename or getattr(upload, "name", "dates.csv"),
            max_rows=MAX_ROWS,
        )
    except FileRefused as refused:
        return ImportReport.from_refusal(refused)
    report = ImportReport()
    missing = table.missing(COLUMNS)
    if missing:
        report.error("Colonnes manquantes : " + ", ".join(f"« {m} »" for m in missing) + ".")
        return report
    operator_ids = {op.pk for op in operators}
    planned = []
    seen = set()
    for row in table.rows:
        report.rows_read += 1
        identifiant, reference, raw_date = (row.text(c) for c in COLUMNS)
        day = parse_date(raw_date)
        if day is None:
            report.error(
                "date invalide : attendue au format AAAA-MM-JJ ou JJ/MM/AAAA", line=row.line, field="dateMiseEnService"
            )
            continue
        dossier = (
            DossierRaccordement.objects.select_related("raccordement__projet", "raccordement")
            .filter(reference=reference, raccordement__projet__identifiant=identifiant)
            .first()
        )
        if dossier is None:
            report.error(rules.NOT_IN_PROJECT, line=row.line, field="referenceDossier")
            continue
        if not is_admin and dossier.raccordement.gestionnaire_id not in operator_ids:
            report.error("Ce dossier n’est pas raccordé à votre réseau", line=row.line, field="referenceDossier")
            continue
        if (identifiant, reference) in seen:
            report.error("Ce dossier figure deux fois dans le fichier", line=row.line, field="referenceDossier")
            continue
        seen.add((identifiant, reference))
        if dossier.mise_en_service == day:
            report.unchanged += 1
            continue
        try:
            rules.check_commissioning(
                _facts(dossier),
                day,
                designated_on=dossier.raccordement.projet.date_notification,
                today=today,
                correction=dossier.mise_en_service is not None and is_admin,
            )
        except GridRefused as refused:
            report.error(refused.message, line=row.line, field="dateMiseEnService")
            continue
        planned.append((dossier, day))
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            for dossier, day in planned:
                mise_en_service_set(
                    user=user,
                    projet=dossier.raccordement.projet,
                    reference=dossier.reference,
                    day=day,
                    today=today,
                    operator=operator if operator else (None if is_admin else dossier.raccordement.gestionnaire),
                    source="csv",
                )
                report.updated += 1
    except GridRefused as refused:  # the state changed between validation and writing
        report = ImportReport()
        report.error(refused.message)
    except ImportRefused as refused:
        return refused.report
    return report
