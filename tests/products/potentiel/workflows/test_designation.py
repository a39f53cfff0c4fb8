"""At notification, a lauréat gets its completion reminders and its guarantees (from the CRE's
file, or expected within two months)."""

import datetime as dt

import pytest

from transition.products.potentiel.models import GarantiesActuelles, GarantiesAttendues, Periode, TachePlanifiee
from transition.products.potentiel.services.notification import notify_periode

from .conftest import projet_create

pytestmark = pytest.mark.django_db


def candidature(**fields):
    projet = projet_create(statut="classé", planned=None, **fields)
    projet.statut_laureat = ""
    projet.statut_candidature = "classé"
    projet.date_notification = None
    projet.save()
    return projet


def test_notification_starts_the_workflows():
    with_gf = candidature(type_garanties="avec-date-échéance", date_echeance_garanties=dt.date(2030, 10, 1))
    without = candidature()
    notify_periode(
        periode=Periode.objects.get(appel_offres_id="PPE2 - Bâtiment", identifiant="1"), date=dt.date(2026, 11, 2)
    )
    current = GarantiesActuelles.objects.get(projet=with_gf)
    assert (current.type, current.date_echeance, current.status) == (
        "avec-date-échéance",
        dt.date(2030, 10, 1),
        "validé",
    )
    planned = {(t.kind, t.due_on) for t in TachePlanifiee.objects.filter(projet=with_gf, status="planifiée")}
    assert {
        ("échoir-garanties", dt.date(2030, 10, 2)),
        ("rappel-échéance-gf-trois-mois", dt.date(2030, 7, 1)),
        ("rappel-échéance-gf-un-mois", dt.date(2030, 9, 1)),
    } <= planned
    assert any(kind.startswith("rappel-achèvement") for kind, _ in planned)
    expected = GarantiesAttendues.objects.get(projet=without)
    assert (expected.reason, expected.deadline) == ("notification", dt.date(2027, 1, 2))


@pytest.mark.parametrize(
    "ao, periode, type_gf, recorded, expected",
    [
        ("CRE4 - Autoconsommation métropole", "10", "consignation", True, False),  # not subject: kept all the same
        ("CRE4 - Autoconsommation métropole", "10", "", False, False),  # not subject, none given: nothing asked
        ("PPE2 - Bâtiment", "1", "consignation", True, False),
        ("PPE2 - Bâtiment", "1", "", False, True),  # subject, none given: expected within two months
    ],
)
def test_the_candidatures_guarantees_become_the_current_ones(ao, periode, type_gf, recorded, expected):
    projet = candidature(ao=ao, periode=periode, type_garanties=type_gf)
    notify_periode(periode=Periode.objects.get(appel_offres_id=ao, identifiant=periode), date=dt.date(2026, 11, 2))
    assert GarantiesActuelles.objects.filter(projet=projet, type=type_gf or "x").exists() is recorded
    assert GarantiesAttendues.objects.filter(projet=projet).exists() is expected


def test_the_guarantees_due_date_is_listed_once_after_designation(db):
    """The candidature's due date becomes the current guarantees' one: one deadline, not two."""
    import datetime as dt

    from tests.products.potentiel.proof_data import make_projet
    from transition.products.potentiel.selectors.projects import projet_deadlines
    from transition.products.potentiel.services.designation import laureat_workflows_start

    projet = make_projet(type_garanties="avec-date-échéance", date_echeance_garanties=dt.date(2030, 12, 31))
    laureat_workflows_start(projet=projet, today=dt.date(2026, 11, 2))
    labels = [d.label for d in projet_deadlines(projet) if d.date == dt.date(2030, 12, 31)]
    assert labels == ["Échéance des garanties financières"]
