"""Importing the CRE's candidate file: read it whole (`;`, UTF-8 or Windows-1252), validate every
row against the referential (errors by line and column, in French), refuse it whole if anything
is wrong, then write every candidature in one transaction. Re-importing a period corrects it:
a candidature already imported is updated; one already notified keeps its ranking."""

import hashlib
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.core.imports import FileRefused, ImportReport, read_table

from ..domain import candidatures as rules
from ..domain.corrections import notified_problems
from ..domain.referential import load_referential
from ..models import CandidaturesImport, Periode, Projet
from ..permissions import CANDIDATURES_IMPORT

PRODUCT = "potentiel"
MAX_ROWS = 20_000
MAX_BYTES = 20 * 1024 * 1024
CANDIDATURE_FIELDS = (
    "nom_projet",
    "nom_candidat",
    "societe_mere",
    "nom_representant_legal",
    "email_contact",
    "adresse1",
    "adresse2",
    "code_postal",
    "commune",
    "departement",
    "region",
    "puissance_candidature",
    "prix_reference",
    "note_totale",
    "technologie",
    "statut_candidature",
    "motif_elimination",
    "historique_abandon",
    "type_garanties",
    "date_echeance_garanties",
    "actionnariat",
    "volume_reserve",
    "numero_identification",
    "details",
)


def _read(source, filename: str):
    data = (
        source if isinstance(source, bytes) else Path(source).read_bytes() if isinstance(source, str | Path) else None
    )
    if data is None:
        source.seek(0)
        data = source.read(MAX_BYTES + 1)
    table = read_table(data, filename=filename, max_rows=MAX_ROWS, max_bytes=MAX_BYTES, delimiter=";")
    if table.format != "csv":
        raise FileRefused("Déposez le fichier de la CRE au format CSV (séparateur point-virgule).")
    if len(table.headers) < 2:
        raise FileRefused("Les colonnes du fichier doivent être séparées par des points-virgules (;).")
    return table, hashlib.sha256(data).hexdigest()


def validate_file(source, filename: str) -> tuple[ImportReport, list[tuple[int, rules.Candidature]], str]:
    """Read and check the whole file; nothing is written."""
    report = ImportReport()
    try:
        table, sha256 = _read(source, filename)
    except FileRefused as exc:
        return ImportReport.from_refusal(exc), [], ""
    for column, message in rules.check_headers(table.headers):
        report.error(message, line=1, field=column)
    if not report.ok:
        return report, [], sha256
    referential = load_referential()
    today = timezone.localdate()
    names = {h: rules.normalise_header(h) for h in table.headers}
    seen: dict[str, int] = {}
    valid: list[tuple[int, rules.Candidature]] = []
    for row in table.rows:
        report.rows_read += 1
        cells = {names[h]: row.text(h) for h in table.headers if h}
        candidature, problems = rules.validate_row(cells, referential, today=today)
        for column, message in problems:
            report.error(message, line=row.line, field=column)
        if candidature is None:
            continue
        if candidature.identifiant in seen:
            report.error(
                f"Cette candidature figure déjà ligne {seen[candidature.identifiant]} du fichier",
                line=row.line,
                field=rules.BY_KEY["numéroCRE"].name,
            )
            continue
        seen[candidature.identifiant] = row.line
        valid.append((row.line, candidature))
    return report, valid, sha256


def import_candidatures(source, *, filename: str, user=None, check_permission: bool = True) -> ImportReport:
    """Validate the whole file, then write it in one transaction. `user` None: an operator's
    command (manage.py), which has every right."""
    if check_permission and user is not None:
        permissions.require(user, CANDIDATURES_IMPORT)
    report, candidatures, sha256 = validate_file(source, filename)
    if not report.ok:
        return report
    periodes = {
        (p.appel_offres_id, p.identifiant): p
        for p in Periode.objects.filter(appel_offres_id__in={c.appel_offre for _, c in candidatures})
    }
    existing = {
        p.identifiant: p for p in Projet.objects.filter(identifiant__in=[c.identifiant for _, c in candidatures])
    }
    for line, candidature in candidatures:
        projet = existing.get(candidature.identifiant)
        if projet is None or not projet.notified:
            continue
        stored = {f: getattr(projet, f) for f in CANDIDATURE_FIELDS}
        for column, message in notified_problems(stored, candidature.values):
            report.error(message, line=line, field=column)
    if not report.ok:
        return report

    now = timezone.now()
    with transaction.atomic():
        batch = CandidaturesImport.objects.create(
            filename=filename[:255],
            sha256=sha256,
            imported_by=user,
            rows=report.rows_read,
            periodes=sorted({f"{c.appel_offre}#{c.periode}" for _, c in candidatures}),
        )
        to_create, to_update = [], []
        for _, candidature in candidatures:
            values = {**candidature.values, "details": candidature.details}
            projet = existing.get(candidature.identifiant)
            if projet is None:
                to_create.append(
                    Projet(
                        identifiant=candidature.identifiant,
                        appel_offres_id=candidature.appel_offre,
                        periode=periodes[(candidature.appel_offre, candidature.periode)],
                        famille=candidature.famille,
                        numero_cre=candidature.numero_cre,
                        statut=values["statut_candidature"],
                        puissance=values["puissance_candidature"],
                        import_batch=batch,
                        created_at=now,
                        updated_at=now,
                        **values,
                    )
                )
                continue
            changed = [f for f in CANDIDATURE_FIELDS if _differs(getattr(projet, f), values[f])]
            if not changed:
                report.unchanged += 1
                continue
            if not projet.notified:
                if "puissance_candidature" in changed:
                    projet.puissance = values["puissance_candidature"]
                projet.statut = values["statut_candidature"]
            for name in changed:
                setattr(projet, name, values[name])
            projet.import_batch = batch
            projet.updated_at = now
            to_update.append(projet)
        Projet.objects.bulk_create(to_create, batch_size=500)
        Projet.objects.bulk_update(
            to_update,
            [*CANDIDATURE_FIELDS, "puissance", "statut", "import_batch", "updated_at"],
            batch_size=500,
        )
        report.created, report.updated = len(to_create), len(to_update)
        batch.created, batch.updated, batch.unchanged = report.created, report.updated, report.unchanged
        batch.save(update_fields=["created", "updated", "unchanged"])
        event_record(
            actor=user,
            action="potentiel.candidatures_import",
            target=batch,
            payload={
                "fichier": filename,
                "sha256": sha256,
                "periodes": batch.periodes,
                "créées": report.created,
                "corrigées": report.updated,
            },
            product=PRODUCT,
        )
    return report


def _differs(current, new) -> bool:
    if current is None or new is None:
        return current != new
    if hasattr(current, "compare") or hasattr(new, "compare"):  # Decimal: 1.500000 == 1.5
        try:
            return float(current) != float(new)
        except (TypeError, ValueError):
            return True
    return current != new
