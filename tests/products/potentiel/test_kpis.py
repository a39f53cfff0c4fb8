import datetime as dt
from decimal import Decimal

import pytest

from tests.products.potentiel.proof_data import make_projet
from transition.platform.impact.registry import PARIS, indicators
from transition.products.potentiel import kpis
from transition.products.potentiel.models import Demande

pytestmark = pytest.mark.django_db


def _at(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), tzinfo=PARIS)


def _demande(projet, *, kind="délai", mode="demande", status="demandé", filed, decided=None):
    return Demande.objects.create(
        projet=projet,
        kind=kind,
        mode=mode,
        status=status,
        authority="dreal",
        region=projet.region,
        reason="Retard du raccordement",
        filed_at=_at(filed),
        decided_at=_at(decided) if decided else None,
    )


def test_indicators_are_registered_for_the_stats_page():
    keys = {i.key for i in indicators("potentiel")}
    assert keys == {"demandes_en_ligne", "duree_instruction_mediane", "decisions_dans_les_delais"}
    assert next(i for i in indicators("potentiel") if i.key == "demandes_en_ligne").counts_as_request


def test_requests_online_median_and_share_on_time():
    projet = make_projet()
    _demande(projet, filed="2024-01-10", status="accordé", decided="2024-03-10")  # 60 days, on time
    _demande(projet, filed="2024-01-10", status="rejeté", decided="2024-03-11")  # a day late
    _demande(projet, kind="représentantLégal", filed="2024-01-10", status="accordé", decided="2024-04-01")
    _demande(projet, kind="actionnaire", mode="information-enregistrée", status="accordé", filed="2024-02-01")
    _demande(projet, kind="abandon", filed="2024-02-01", status="annulé", decided="2024-02-02")  # not decided
    _demande(projet, kind="abandon", filed="2024-05-01")  # pending
    day = dt.date(2024, 6, 30)
    assert kpis.requests_online(day) == 6
    assert kpis.requests_online(dt.date(2024, 1, 31)) == 3
    assert kpis.median_instruction_days(day) == 61  # 60, 61, 82
    assert kpis.within_deadline_pct(day) == Decimal("66.7")
    assert kpis.within_deadline_pct(dt.date(2024, 3, 10)) == Decimal("100.0")  # only the first was decided


def test_nothing_decided_yet():
    assert kpis.median_instruction_days(dt.date(2024, 1, 1)) == 0
    assert kpis.within_deadline_pct(dt.date(2024, 1, 1)) == 0


def test_the_stats_page_shows_them(client):
    response = client.get("/stats/potentiel/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Durée médiane d’instruction" in html and "Part des décisions rendues dans les délais" in html
