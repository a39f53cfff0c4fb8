import datetime as dt
from decimal import Decimal

import pytest

from tests.products.potentiel.proof_data import make_projet
from transition.products.potentiel.enums import Statut, StatutLaureat

pytestmark = pytest.mark.django_db


def test_the_page_shows_power_against_the_ppe_with_its_source(client):
    make_projet(puissance="100", statut_laureat=StatutLaureat.ACHEVE, completed=dt.date(2023, 3, 1))
    make_projet(puissance="251", region="53")
    make_projet(ao="PPE2 - Eolien", puissance="24.1", technologie="N/A", statut_laureat=StatutLaureat.ACTIF)
    make_projet(ao="PPE2 - Neutre", puissance="5", technologie="hydraulique")
    make_projet(puissance="999", statut_laureat=StatutLaureat.ABANDONNE)
    make_projet(puissance="7", statut=Statut.ELIMINE)
    make_projet(puissance="8", statut=Statut.CLASSE)

    response = client.get("/potentiel/statistiques")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Décret n° 2020-456 du 21 avril 2020" in html and "legifrance.gouv.fr" in html
    stats = response.context["stats"]
    pv = next(t for t in stats.technologies if t.technology == "pv")
    assert (pv.installed_mw, pv.planned_mw) == (100, 251)
    eolien = next(t for t in stats.technologies if t.technology == "eolien")
    assert eolien.planned_mw == Decimal("24.1")  # an appel d'offres of one technology decides, whatever the file said
    hydro = next(t for t in stats.technologies if t.technology == "hydraulique")
    assert hydro.planned_mw == 5  # PPE2 - Neutre: the candidate's technology
    assert {(r.region, r.technology) for r in stats.regions} == {
        ("Occitanie", "pv"),
        ("Bretagne", "pv"),
        ("Occitanie", "eolien"),
        ("Occitanie", "hydraulique"),
    }
    statuses = dict(stats.statuses)
    assert statuses == {
        "Classé (non notifié)": 1,
        "Éliminé": 1,
        "Lauréat en cours": 3,
        "Lauréat achevé": 1,
        "Lauréat abandonné": 1,
    }
    assert stats.delay.projects == 1 and stats.delay.median_days == 365
    assert "Bretagne" in html and "Photovoltaïque" in html and "fin 2028 : 35,1 à 44,0 GW" in html
    assert "0,28 %" in html  # 100 MW installed of 35.1 GW


def test_the_page_says_when_there_is_nothing_yet(client):
    response = client.get("/potentiel/statistiques")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aucun projet n’a encore déclaré son achèvement." in html
    assert "Aucun projet lauréat en cours ou achevé pour l’instant." in html
