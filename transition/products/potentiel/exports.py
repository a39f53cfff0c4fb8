"""CSV files of Potentiel, all through the platform's writer (text defused, ISO dates, UTF-8 with
a BOM): lauréats, éliminés and grid connections. No contact address nor representative's name:
the files serve follow-up and statistics, the project's page serves the people (docs/rgpd.md)."""

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpResponse

from transition.platform.core.spreadsheets import csv_response
from transition.platform.geo.domain.referential import REGIONS

from .enums import Statut
from .models import Projet

CHUNK = 2000

_COMMON = (
    ("identifiant", lambda p: p.identifiant),
    ("appelOffre", lambda p: p.appel_offres_id),
    ("periode", lambda p: p.periode.identifiant),
    ("famille", lambda p: p.famille),
    ("numeroCRE", lambda p: p.numero_cre),
    ("nomProjet", lambda p: p.nom_projet),
    ("nomCandidat", lambda p: p.nom_candidat),
    ("societeMere", lambda p: p.societe_mere),
    ("technologie", lambda p: p.technologie),
    ("puissance", lambda p: p.puissance),
    ("codePostal", lambda p: p.code_postal),
    ("commune", lambda p: p.commune),
    ("departement", lambda p: p.departement),
    ("region", lambda p: REGIONS.get(p.region, p.region)),
    ("noteTotale", lambda p: p.note_totale),
    ("dateNotification", lambda p: p.date_notification),
)
LAUREATS = _COMMON + (
    ("statutLaureat", lambda p: p.statut_laureat),
    ("cahierDesCharges", lambda p: p.cahier_des_charges),
    ("prixReference", lambda p: p.prix_reference),
    ("typeGarantiesFinancieres", lambda p: p.type_garanties),
    ("dateEcheanceGarantiesFinancieres", lambda p: p.date_echeance_garanties),
    ("dateAchevementPrevisionnelle", lambda p: p.date_achevement_previsionnelle),
    ("dateAchevementReelle", lambda p: p.date_achevement_reelle),
)
ELIMINES = _COMMON + (("motifElimination", lambda p: p.motif_elimination),)


def _rows(projects: QuerySet, columns) -> Iterator[list]:
    for project in projects.select_related("periode").order_by("pk").iterator(chunk_size=CHUNK):
        yield [value(project) for _, value in columns]


def laureats_csv(projects: QuerySet | None = None) -> HttpResponse:
    """Notified lauréats (every statutLaureat) of `projects` (default: all)."""
    projects = (projects if projects is not None else Projet.objects.all()).filter(statut=Statut.LAUREAT)
    return csv_response("potentiel-laureats.csv", [h for h, _ in LAUREATS], _rows(projects, LAUREATS))


def elimines_csv(projects: QuerySet | None = None) -> HttpResponse:
    """Notified éliminés of `projects` (default: all)."""
    projects = (projects if projects is not None else Projet.objects.all()).filter(
        statut=Statut.ELIMINE, date_notification__isnull=False
    )
    return csv_response("potentiel-elimines.csv", [h for h, _ in ELIMINES], _rows(projects, ELIMINES))


def rows_of(columns, projects: Iterable[Projet]) -> list[list]:
    """The rows a file would hold, for tests and the bench."""
    return [[value(p) for _, value in columns] for p in projects]


RACCORDEMENTS = (
    ("identifiant", lambda d: d.raccordement.projet.identifiant),
    ("nomProjet", lambda d: d.raccordement.projet.nom_projet),
    ("appelOffre", lambda d: d.raccordement.projet.appel_offres_id),
    ("periode", lambda d: d.raccordement.projet.periode.identifiant),
    ("region", lambda d: REGIONS.get(d.raccordement.projet.region, d.raccordement.projet.region)),
    ("gestionnaireReseau", lambda d: d.raccordement.gestionnaire.raison_sociale if d.raccordement.gestionnaire else ""),
    ("codeEIC", lambda d: d.raccordement.gestionnaire_id or ""),
    ("referenceDossier", lambda d: d.reference),
    ("dateAccuseReceptionDCR", lambda d: d.dcr_date),
    ("dateSignaturePTF", lambda d: d.ptf_date),
    ("conventionTransmise", lambda d: bool(d.convention_document)),
    ("conventionDirecteTransmise", lambda d: bool(d.convention_directe_document)),
    ("dateMiseEnService", lambda d: d.mise_en_service),
)


def raccordements_csv(dossiers: QuerySet) -> HttpResponse:
    """Grid connection dossiers, one line each, with their project and operator."""
    rows = (
        [value(d) for _, value in RACCORDEMENTS]
        for d in dossiers.select_related("raccordement__projet__periode", "raccordement__gestionnaire")
        .order_by("pk")
        .iterator(chunk_size=CHUNK)
    )
    return csv_response("potentiel-raccordements.csv", [h for h, _ in RACCORDEMENTS], rows)
