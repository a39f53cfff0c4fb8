import csv
import datetime as dt
import io

import pytest

from tests.products.potentiel.proof_data import make_projet
from transition.products.potentiel.enums import Statut, StatutLaureat
from transition.products.potentiel.exports import elimines_csv, laureats_csv

pytestmark = pytest.mark.django_db


def _read(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the accents
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_laureats_file_has_every_laureat_and_no_personal_data():
    make_projet(nom='=HYPERLIEN("http://x")', statut_laureat=StatutLaureat.ACHEVE, completed=dt.date(2024, 1, 2))
    make_projet(nom="Parc de la Garrigue", date_achevement_previsionnelle=dt.date(2024, 8, 31))
    make_projet(statut=Statut.ELIMINE)
    make_projet(statut=Statut.CLASSE)
    response = laureats_csv()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="potentiel-laureats.csv"' in response["Content-Disposition"]
    rows = _read(response)
    assert len(rows) == 2
    first, second = rows
    assert first["nomProjet"].startswith("'=")  # a formula never reaches the spreadsheet
    assert first["statutLaureat"] == "achevé" and first["dateAchevementReelle"] == "2024-01-02"
    assert second["dateAchevementPrevisionnelle"] == "2024-08-31"
    assert second["region"] == "Occitanie" and second["appelOffre"] == "PPE2 - Sol" and second["periode"] == "1"
    assert second["puissance"].startswith("10")
    text = response.content.decode()
    assert "@example.fr" not in text and "Camille Durand" not in text


def test_elimines_file_has_notified_elimines_with_their_reason():
    make_projet(statut=Statut.ELIMINE, motif_elimination="Offre non conforme")
    make_projet(statut=Statut.LAUREAT)
    rows = _read(elimines_csv())
    assert [r["motifElimination"] for r in rows] == ["Offre non conforme"]
