"""Importing the CRE's file: whole-file validation, errors by line and column, one transaction,
re-import corrects a period; the command and its exit status."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from tests.products.potentiel.factories import cre_csv, cre_row
from transition.platform.audit.models import Event
from transition.products.potentiel.models import CandidaturesImport, Projet
from transition.products.potentiel.services.candidatures import import_candidatures

pytestmark = pytest.mark.django_db


def rows(n=3, **overrides):
    return [cre_row(numéroCRE=str(i + 1), nomProjet=f"Projet {i + 1}", **overrides) for i in range(n)]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig"])
def test_import_creates_every_candidature(encoding):
    report = import_candidatures(cre_csv(rows(), encoding=encoding), filename="cre.csv")
    assert report.ok, report.lines()
    assert report.created == 3
    projet = Projet.objects.get(identifiant="PPE2 - Bâtiment#1##2")
    assert projet.nom_projet == "Projet 2"
    assert projet.statut == "classé"
    assert projet.puissance == projet.puissance_candidature == Decimal("1.5")
    assert projet.region == "93"
    assert projet.commune == "Marseille"
    assert projet.nom_representant_legal == "Valentin Cognito"
    assert CandidaturesImport.objects.get().created == 3
    assert Event.objects.filter(action="potentiel.candidatures_import").count() == 1


def test_errors_by_line_and_column_and_nothing_written():
    bad = rows(4)
    bad[1]["puissance"] = "abc"
    bad[3]["emailContact"] = "pas-une-adresse"
    bad[3]["codePostal"] = "99999"
    report = import_candidatures(cre_csv(bad), filename="cre.csv")
    assert not report.ok
    found = [(p.line, p.field, p.message) for p in report.errors]
    assert (3, "puissance", "Le champ doit être un nombre positif") in found
    assert (5, "Adresse électronique du contact", "L'adresse électronique n'est pas valide") in found
    assert (5, "CP", "Le code postal 99999 ne correspond à aucun département") in found
    assert "Ligne 3, colonne « puissance » : Le champ doit être un nombre positif" in report.lines()
    assert report.summary().startswith("Fichier refusé : 3 erreurs")
    assert Projet.objects.count() == 0
    assert CandidaturesImport.objects.count() == 0


def test_duplicate_rows_are_reported():
    report = import_candidatures(cre_csv([cre_row(), cre_row()]), filename="cre.csv")
    assert [(p.line, p.message) for p in report.errors] == [(3, "Cette candidature figure déjà ligne 2 du fichier")]


def test_missing_and_forbidden_columns():
    data = cre_csv(rows(1), drop=("nomProjet",))
    report = import_candidatures(data, filename="cre.csv")
    assert [(p.line, p.field, p.message) for p in report.errors] == [
        (1, "Nom projet", "Colonne obligatoire absente du fichier")
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"a,b,c\n1,2,3\n", "Les colonnes du fichier doivent être séparées par des points-virgules (;)."),
        (
            b"%PDF-1.4 blabla",
            "Ce fichier n’est pas un tableau CSV, XLSX ou ODS (les anciens fichiers .xls ne sont pas lus).",
        ),
    ],
)
def test_unreadable_files(data, message):
    report = import_candidatures(data, filename="cre.csv")
    assert [p.message for p in report.errors] == [message]


def test_reimport_corrects_the_period():
    import_candidatures(cre_csv(rows()), filename="cre.csv")
    corrected = rows()
    corrected[0]["nomProjet"] = "Projet un corrigé"
    corrected[1]["statut"] = "Éliminé"
    corrected[1]["motifÉlimination"] = "Prix trop élevé"
    report = import_candidatures(cre_csv(corrected), filename="cre-v2.csv")
    assert report.ok, report.lines()
    assert (report.created, report.updated, report.unchanged) == (0, 2, 1)
    assert Projet.objects.get(numero_cre="1").nom_projet == "Projet un corrigé"
    deux = Projet.objects.get(numero_cre="2")
    assert (deux.statut, deux.motif_elimination) == ("éliminé", "Prix trop élevé")
    assert Projet.objects.count() == 3


def test_a_notified_candidature_keeps_its_ranking():
    import_candidatures(cre_csv(rows(1)), filename="cre.csv")
    Projet.objects.update(date_notification="2025-01-10", statut="lauréat", statut_laureat="actif")
    again = rows(1, statut="Éliminé", motifÉlimination="Erreur")
    report = import_candidatures(cre_csv(again), filename="cre.csv")
    assert [p.message for p in report.errors] == [
        "Le statut d'une candidature ne peut être modifié après la notification"
    ]
    other_type = rows(1, typeGarantiesFinancières="3", dateÉchéanceGf="")
    assert [p.message for p in import_candidatures(cre_csv(other_type), filename="cre.csv").errors] == [
        "Le type de garanties financières d'une candidature ne peut être modifié après la notification"
    ]
    fixed = rows(1, nomCandidat="Nouveau nom SAS")
    assert import_candidatures(cre_csv(fixed), filename="cre.csv").updated == 1
    projet = Projet.objects.get()
    assert (projet.statut, projet.nom_candidat) == ("lauréat", "Nouveau nom SAS")


def test_command(tmp_path, capsys):
    path = tmp_path / "cre.csv"
    path.write_bytes(cre_csv(rows(2)))
    call_command("potentiel_import_candidatures", str(path))
    assert "2 lignes créées" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(cre_csv(rows(1, puissance="")))
    with pytest.raises(CommandError, match="Fichier refusé"):
        call_command("potentiel_import_candidatures", str(bad))
    assert "Ligne 2, colonne « puissance »" in capsys.readouterr().out
