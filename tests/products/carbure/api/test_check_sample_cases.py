"""Every case of the original's sample that needs no other entity's data, through the public
checker (anonymous API): its lot written as a template row, on its day, with its locked years.

A case cannot go through the checker when its outcome depends on something a template row
cannot carry; `unrunnable_reason` says which, and those cases run through the checks with their
whole world in tests/products/carbure/domain/test_sample_cases.py:
- a check needing account data (registered entities, certificates, depots, agreements,
  declarations, statistics of declared lots) among the codes it expects or rules out;
- GHG figures stored by the original's test apart from its terms (the checker computes them from
  the terms), or a negative term other than el (the template stores absolute values);
- a year stored apart from the delivery date, or a status other than draft where the check
  depends on it (the checker sees a draft).
"""

import datetime as dt

import pytest

from tests.conftest import SHARED_DATA
from tests.fakes import FakeClock
from transition.products.carbure.domain.ghg import TERMS, ghg_of, normalised_term
from transition.products.carbure.domain.sanity_checks import ANONYMOUS_CODES
from transition.products.carbure.models import YearLock

from ..domain.sample_cases import load_cases

pytestmark = [pytest.mark.shared_data, pytest.mark.django_db]
CASES = load_cases(SHARED_DATA) if SHARED_DATA.is_dir() else []
STATUS_DEPENDENT = {"YEAR_LOCKED", "DECLARATION_ALREADY_VALIDATED"}


def unrunnable_reason(case: dict) -> str:
    lot = case["lot"]
    codes = set(case["expected_errors"]) | set(case["expected_not_errors"])
    if codes - ANONYMOUS_CODES:
        return "contrôle avec données de compte : " + ", ".join(sorted(codes - ANONYMOUS_CODES))
    terms = {t: float(lot.get(t) or 0) for t in TERMS}
    if any(normalised_term(t, v) != v for t, v in terms.items()):
        return "terme d’émission négatif autre que el (le modèle prend la valeur absolue)"
    ghg = ghg_of(terms)
    if (round(ghg.reduction, 2), round(ghg.reduction_red_ii, 2)) != (lot["ghg_reduction"], lot["ghg_reduction_red_ii"]):
        return "réductions fixées par le test sans rapport avec les termes"
    delivery = lot.get("delivery_date")
    if delivery and lot.get("year") != int(delivery[:4]):
        return "année distincte de la date de livraison"
    if codes & STATUS_DEPENDENT and lot["lot_status"] != "DRAFT":
        return "contrôle qui dépend du statut du lot"
    return ""


def _name(entity, unknown):
    return entity["name"] if entity else (unknown or "")


def template_row(lot: dict) -> dict:
    site = lot.get("carbure_production_site")
    depot = lot.get("carbure_delivery_site")
    return {
        "champ_libre": lot.get("free_field") or "",
        "producer": _name(lot.get("carbure_producer"), lot.get("unknown_producer")),
        "production_site": _name(site, lot.get("unknown_production_site")),
        "production_site_country": lot.get("production_country") or "",
        "production_site_commissioning_date": lot.get("production_site_commissioning_date") or "",
        "double_counting_registration": lot.get("production_site_double_counting_certificate") or "",
        "supplier": _name(lot.get("carbure_supplier"), lot.get("unknown_supplier")),
        "supplier_certificate": lot.get("supplier_certificate") or "",
        "vendor_certificate": lot.get("vendor_certificate") or "",
        "volume": lot.get("volume"),
        "biocarburant_code": lot.get("biofuel") or "",
        "matiere_premiere_code": lot.get("feedstock") or "",
        "pays_origine_code": lot.get("country_of_origin") or "",
        **{term: lot.get(term) for term in TERMS},
        "dae": lot.get("transport_document_reference") or "",
        "client": _name(lot.get("carbure_client"), lot.get("unknown_client")),
        "delivery_date": lot.get("delivery_date") or "",
        "delivery_site": depot["depot_id"] if depot else (lot.get("unknown_delivery_site") or ""),
        "delivery_site_country": lot.get("delivery_site_country") or "",
        "delivery_type": lot.get("delivery_type") or "",
    }


RUNNABLE = [case for case in CASES if not unrunnable_reason(case)]


@pytest.mark.parametrize("case", RUNNABLE, ids=[case["id"] for case in RUNNABLE])
def test_sample_case_through_the_public_checker(case, client, monkeypatch, shared_data):
    world = case["context"]
    FakeClock(monkeypatch, dt.datetime.fromisoformat(world["today"] + "T10:00:00+02:00"))
    YearLock.objects.bulk_create(YearLock(year=year) for year in world.get("locked_years", []))
    response = client.post(
        "/carbure/api/v1/lots/check", {"lots": [template_row(case["lot"])]}, content_type="application/json"
    )
    assert response.status_code == 200
    codes = {error["code"] for error in response.json()["lots"][0]["errors"]}
    assert set(case["expected_errors"]) <= codes
    assert not set(case["expected_not_errors"]) & codes


def test_every_sample_case_runs_or_says_why(shared_data):
    reasons = {case["id"]: unrunnable_reason(case) for case in CASES}
    assert RUNNABLE, "aucun cas ne passe par le vérificateur"
    assert all(reason or case_id in {c["id"] for c in RUNNABLE} for case_id, reason in reasons.items())
