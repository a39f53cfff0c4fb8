"""The demo's people and projects, through the product's own import and notification services;
the later stages (requests, completion, grid connection) are written as their services leave
them, with the same rules (`domain/completion.py` for a granted délai)."""

import csv
import datetime as dt
import io

from django.utils import timezone

from transition.platform.accounts.enums import OrganisationKind
from transition.platform.accounts.models import Membership, Organisation, User

from ..domain.candidatures import COLUMNS
from ..domain.completion import apply_delai
from ..enums import AccessVia, Role, StatutLaureat
from ..models import (
    Demande,
    DemandeEvent,
    DossierRaccordement,
    Dreal,
    GestionnaireReseau,
    Periode,
    Projet,
    ProjetAccess,
    Raccordement,
)
from ..services.candidatures import import_candidatures
from ..services.notification import notify_periode

PRODUCT = "potentiel"
NOTIFIED = ("PPE2 - Sol", "1")
WAITING = ("PPE2 - Eolien", "2")
NOTIFICATION_DATE = dt.date(2025, 3, 14)

PEOPLE = (
    # email, name, organisation, kind, roles
    (
        "validation@dgec.potentiel.example",
        "Inès Garnier",
        "DGEC",
        OrganisationKind.ADMINISTRATION,
        (Role.DGEC_VALIDATEUR,),
    ),
    ("instruction@dgec.potentiel.example", "Paul Renaud", "DGEC", OrganisationKind.ADMINISTRATION, (Role.DGEC,)),
    (
        "agent@dreal-occitanie.potentiel.example",
        "Léa Fabre",
        "DREAL Occitanie",
        OrganisationKind.ADMINISTRATION,
        (Role.DREAL,),
    ),
    ("raccordement@enedis.potentiel.example", "Hugo Marchand", "Enedis", OrganisationKind.ENTREPRISE, (Role.GRD,)),
    (
        "contact@soleil-garrigue.example",
        "Camille Roux",
        "Soleil de la Garrigue SAS",
        OrganisationKind.ENTREPRISE,
        (Role.PORTEUR,),
    ),
)

_BASE = {
    "famille": "",
    "sociétéMère": "",
    "prixReference": "64,9",
    "noteTotale": "71",
    "adresse2": "",
    "motifÉlimination": "",
    "evaluationCarboneSimplifiée": "N/A",
    "typeGarantiesFinancières": "2",
    "financementCollectif": "Non",
    "gouvernancePartagée": "Non",
    "dateÉchéanceGf": "31/12/2030",
    "historiqueAbandon": "1",
    "numéroIdentification": "542 051 180 00096",
    "volumeRéservé": "Non",
}
# (numéro CRE, nom, candidat, contact, puissance, CP, commune, classé ?)
SOL = (
    (
        "101",
        "Centrale solaire de la Garrigue",
        "Soleil de la Garrigue SAS",
        "contact@soleil-garrigue.example",
        "12,5",
        "34700",
        "Lodève",
        True,
    ),
    (
        "102",
        "Parc photovoltaïque des Causses",
        "Causses Énergies",
        "projets@causses-energies.example",
        "8",
        "12100",
        "Millau",
        True,
    ),
    (
        "103",
        "Ombrières du marché-gare",
        "Halles Solaires",
        "contact@halles-solaires.example",
        "5,2",
        "31000",
        "Toulouse",
        True,
    ),
    (
        "104",
        "Centrale de l'ancienne carrière",
        "Carrières Vertes",
        "direction@carrieres-vertes.example",
        "17",
        "11100",
        "Narbonne",
        True,
    ),
    (
        "105",
        "Parc solaire du Lauragais",
        "Lauragais Soleil",
        "contact@lauragais-soleil.example",
        "9,8",
        "31290",
        "Villefranche-de-Lauragais",
        True,
    ),
    (
        "106",
        "Centrale des Hautes Terres",
        "Hautes Terres PV",
        "contact@hautes-terres.example",
        "20",
        "48000",
        "Mende",
        False,
    ),
)
EOLIEN = (
    (
        "201",
        "Parc éolien du Plateau",
        "Vents du Plateau",
        "contact@vents-plateau.example",
        "18",
        "12200",
        "Villefranche-de-Rouergue",
        True,
    ),
    (
        "202",
        "Éoliennes de la Montagne Noire",
        "Montagne Noire Énergie",
        "contact@montagne-noire.example",
        "24",
        "81200",
        "Mazamet",
        True,
    ),
    (
        "203",
        "Parc éolien des Corbières",
        "Corbières Vent",
        "contact@corbieres-vent.example",
        "30",
        "11200",
        "Lézignan-Corbières",
        False,
    ),
)


def _csv(ao: str, periode: str, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    for number, name, candidate, email, power, cp, commune, classe in rows:
        values = {
            **_BASE,
            "appelOffre": ao,
            "période": periode,
            "numéroCRE": number,
            "nomProjet": name,
            "nomCandidat": candidate,
            "puissance": power,
            "nomReprésentantLégal": "Dominique Martin",
            "emailContact": email,
            "adresse1": "Lieu-dit les Plaines",
            "codePostal": cp,
            "commune": commune,
            "statut": "Classé" if classe else "Éliminé",
            "motifÉlimination": "" if classe else "Note insuffisante au regard de la puissance appelée",
            "technologie": "Eolien" if ao.endswith("Eolien") else "PV",
        }
        writer.writerow([values.get(c.key, "") for c in COLUMNS])
    return buffer.getvalue().encode("utf-8")


def _people() -> dict[str, User]:
    users = {}
    for email, name, organisation_name, kind, roles in PEOPLE:
        organisation, _ = Organisation.objects.get_or_create(name=organisation_name, defaults={"kind": kind})
        given, family = name.split(" ", 1)
        user, _ = User.objects.get_or_create(
            email=email, defaults={"given_name": given, "family_name": family, "organisation": organisation}
        )
        for role in roles:
            Membership.objects.get_or_create(user=user, organisation=organisation, product=PRODUCT, role=role)
        users[email] = user
    Dreal.objects.get_or_create(
        organisation=Organisation.objects.get(name="DREAL Occitanie"), defaults={"region": "76"}
    )
    GestionnaireReseau.objects.filter(raison_sociale="Enedis", organisation__isnull=True).update(
        organisation=Organisation.objects.get(name="Enedis")
    )
    return users


def _projet(ao: str, periode: str, number: str) -> Projet:
    return Projet.objects.get(identifiant__startswith=f"{ao}#{periode}#", numero_cre=number)


def _demande(
    projet: Projet,
    *,
    kind: str,
    status: str,
    payload: dict,
    reason: str,
    by: User,
    filed: dt.date,
    decided_by=None,
    decided=None,
):
    filed_at = timezone.make_aware(dt.datetime.combine(filed, dt.time(9, 30)))
    decided_at = timezone.make_aware(dt.datetime.combine(decided, dt.time(16))) if decided else None
    demande = Demande.objects.create(
        projet=projet,
        kind=kind,
        mode="demande",
        status=status,
        authority="dreal" if kind in ("délai", "puissance", "actionnaire") else "dgec",
        region=projet.region,
        payload=payload,
        reason=reason,
        filed_by=by,
        filed_at=filed_at,
        decided_by=decided_by,
        decided_at=decided_at,
        decision_reason="Le retard du raccordement est établi par le courrier du gestionnaire de réseau."
        if decided
        else "",
    )
    DemandeEvent.objects.create(demande=demande, action="demander", status_after="demandé", actor=by, at=filed_at)
    if decided:
        DemandeEvent.objects.create(
            demande=demande,
            action=status,
            status_before="demandé",
            status_after=status,
            actor=decided_by,
            at=decided_at,
        )
    return demande


def demo_projects_load() -> None:
    if Projet.objects.filter(appel_offres_id=NOTIFIED[0], periode__identifiant=NOTIFIED[1], numero_cre="101").exists():
        return
    users = _people()
    validateur = users["validation@dgec.potentiel.example"]
    dreal = users["agent@dreal-occitanie.potentiel.example"]
    porteur = users["contact@soleil-garrigue.example"]
    for (ao, periode), rows in ((NOTIFIED, SOL), (WAITING, EOLIEN)):
        report = import_candidatures(
            io.BytesIO(_csv(ao, periode, rows)), filename=f"demo-{ao}-{periode}.csv", user=validateur
        )
        if not report.ok:
            raise ValueError(f"démo : fichier refusé ({report.problems[:3]})")
    notify_periode(
        periode=Periode.objects.get(appel_offres_id=NOTIFIED[0], identifiant=NOTIFIED[1]),
        date=NOTIFICATION_DATE,
        user=validateur,
    )

    # 101: active, claimed by its holder (the candidature's contact), a délai of 6 months pending.
    garrigue = _projet(*NOTIFIED, "101")
    ProjetAccess.objects.get_or_create(projet=garrigue, user=porteur, defaults={"via": AccessVia.CONTACT})
    _demande(
        garrigue,
        kind="délai",
        status="demandé",
        payload={"nombre_de_mois": 6},
        reason="Le poste source ne sera renforcé qu’au printemps 2027 (courrier d’Enedis joint).",
        by=porteur,
        filed=dt.date(2026, 10, 2),
    )
    # 102: a délai of 4 months granted by the DREAL: the planned completion moved.
    causses = _projet(*NOTIFIED, "102")
    _demande(
        causses,
        kind="délai",
        status="accordé",
        payload={"nombre_de_mois": 4},
        reason="Recours d’une association contre le permis de construire, rejeté en mai 2026.",
        by=porteur,
        filed=dt.date(2026, 6, 1),
        decided_by=dreal,
        decided=dt.date(2026, 7, 10),
    )
    causses.date_achevement_previsionnelle = apply_delai(causses.date_achevement_previsionnelle, 4)
    causses.save(update_fields=["date_achevement_previsionnelle"])
    # 103: abandoned (granted by the DGEC).
    halles = _projet(*NOTIFIED, "103")
    _demande(
        halles,
        kind="abandon",
        status="accordé",
        payload={"recandidature": False},
        reason="La collectivité a renoncé à la concession du parking.",
        by=porteur,
        filed=dt.date(2025, 9, 1),
        decided_by=users["instruction@dgec.potentiel.example"],
        decided=dt.date(2025, 10, 15),
    )
    halles.statut_laureat = StatutLaureat.ABANDONNE
    halles.save(update_fields=["statut_laureat"])
    # 104: commissioned and completed.
    carriere = _projet(*NOTIFIED, "104")
    raccordement = Raccordement.objects.create(
        projet=carriere,
        gestionnaire=GestionnaireReseau.objects.get(raison_sociale="Enedis"),
        mise_en_service=dt.date(2026, 5, 4),
    )
    DossierRaccordement.objects.create(
        raccordement=raccordement,
        reference="OCC-RP-2025-000417",
        dcr_date=dt.date(2025, 5, 20),
        ptf_date=dt.date(2025, 7, 1),
        mise_en_service=dt.date(2026, 5, 4),
    )
    carriere.statut_laureat = StatutLaureat.ACHEVE
    carriere.date_achevement_reelle = dt.date(2026, 6, 12)
    carriere.save(update_fields=["statut_laureat", "date_achevement_reelle"])
    # 105: active, its grid dossier filed; 106: éliminé, its holder's recours pending at the DGEC.
    lauragais = _projet(*NOTIFIED, "105")
    DossierRaccordement.objects.create(
        raccordement=Raccordement.objects.create(
            projet=lauragais, gestionnaire=GestionnaireReseau.objects.get(raison_sociale="Enedis")
        ),
        reference="OCC-RP-2025-000512",
        dcr_date=dt.date(2025, 6, 3),
    )
    _demande(
        _projet(*NOTIFIED, "106"),
        kind="recours",
        status="demandé",
        payload={},
        reason="La note technique ne tient pas compte de l’étude d’impact déposée en complément.",
        by=porteur,
        filed=dt.date(2025, 4, 2),
    )
