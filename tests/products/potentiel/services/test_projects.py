"""Choosing a cahier des charges (the original's scenarios) and moving the planned completion."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.platform.accounts.factories import UserFactory
from tests.products.potentiel.factories import cre_csv, cre_row
from transition.platform.audit.models import Event
from transition.products.potentiel.domain.referential import cahier_des_charges_choice_error
from transition.products.potentiel.enums import AccessVia
from transition.products.potentiel.models import Projet
from transition.products.potentiel.services import projects as services
from transition.products.potentiel.services.access import access_grant
from transition.products.potentiel.services.candidatures import import_candidatures
from transition.products.potentiel.services.notification import planned_completion

pytestmark = pytest.mark.django_db
CHOICES = ["initial", "30/08/2022"]


@pytest.mark.parametrize(
    ("current", "chosen", "initial_allowed", "abandonne", "laureat", "error"),
    [
        ("initial", "30/08/2022", False, False, True, None),
        ("30/08/2022", "initial", True, False, True, None),
        ("30/08/2022", "30/08/2022", True, False, True, "Ce cahier des charges est identique à l'actuel"),
        ("initial", "30/08/2022", True, True, True, "Impossible de faire un changement pour un projet abandonné"),
        ("30/08/2022", "initial", False, False, True, "Il n'est pas possible de revenir au cahier des charges initial"),
        ("initial", "01/01/2030", True, False, True, "Ce cahier des charges n'est pas disponible pour cette période"),
        ("initial", "30/08/2022", True, False, False, "Seul un projet lauréat choisit son cahier des charges"),
    ],
)
def test_choice_rules(current, chosen, initial_allowed, abandonne, laureat, error):
    found = cahier_des_charges_choice_error(
        current=current,
        chosen=chosen,
        choices=CHOICES,
        initial_allowed=initial_allowed,
        abandonne=abandonne,
        laureat=laureat,
    )
    assert found == error if error is None else found.startswith(error)


def laureat(ao: str, notified: str) -> tuple[Projet, object]:
    row = cre_row(appelOffre=ao, technologie="Eolien" if "Eolien" in ao else "PV")
    if ao == "PPE2 - Eolien":
        row.update(volumeRéservé="", typeGarantiesFinancières="2")
    assert import_candidatures(cre_csv([row]), filename="f.csv").ok
    projet = Projet.objects.get()
    date = dt.date.fromisoformat(notified)
    projet.statut, projet.statut_laureat, projet.date_notification = "lauréat", "actif", date
    projet.date_achevement_previsionnelle = planned_completion(projet, date)
    projet.save()
    holder = UserFactory(email="titulaire@example.org")
    access_grant(projet=projet, user=holder, via=AccessVia.ADMIN)
    return projet, holder


@pytest.fixture
def commissioning(monkeypatch):
    """Commissioning dates given by the test; the app's provider (the grid's) comes back after it:
    leaving none made the scenarios of a later test in the same process lose the extension."""
    dates = {}
    monkeypatch.setattr(services, "_mise_en_service_provider", lambda projet: dates.get(projet.pk))
    return dates


# The original's scenarios "Choisir le cahier des charges du 30/08/2022 après mise en service du projet".
@pytest.mark.parametrize(
    ("ao", "notified", "mise_en_service", "expected"),
    [
        ("PPE2 - Bâtiment", "2021-01-31", "2022-09-19", "2025-01-30"),
        ("PPE2 - Bâtiment", "2021-01-31", "2025-01-01", "2023-07-30"),
        ("PPE2 - Bâtiment", "2024-09-05", "2025-01-01", "2027-03-04"),
        ("PPE2 - Eolien", "2024-09-05", "2024-09-29", "2029-03-04"),
        ("PPE2 - Eolien", "2024-09-05", "2024-12-01", "2027-09-04"),
        ("PPE2 - Eolien", "2024-09-05", None, "2027-09-04"),
    ],
)
def test_choosing_the_2022_cahier_moves_completion_when_commissioned_in_its_interval(
    commissioning, ao, notified, mise_en_service, expected
):
    projet, holder = laureat(ao, notified)
    if mise_en_service:
        commissioning[projet.pk] = dt.date.fromisoformat(mise_en_service)
    services.cahier_des_charges_choose(projet=projet, reference="30/08/2022", by=holder)
    projet.refresh_from_db()
    assert projet.cahier_des_charges == "30/08/2022"
    assert projet.date_achevement_previsionnelle == dt.date.fromisoformat(expected)
    assert Event.objects.filter(action="potentiel.cahier_des_charges_choisi").count() == 1


def test_same_cahier_refused_then_back_to_initial(commissioning):
    projet, holder = laureat("PPE2 - Eolien", "2024-09-05")
    services.cahier_des_charges_choose(projet=projet, reference="30/08/2022", by=holder)
    with pytest.raises(ValidationError, match="identique à l'actuel"):
        services.cahier_des_charges_choose(projet=projet, reference="30/08/2022", by=holder)
    services.cahier_des_charges_choose(projet=projet, reference="initial", by=holder)
    assert Projet.objects.get().cahier_des_charges == "initial"


def test_planned_completion_move_clamps_and_is_audited():
    projet, holder = laureat("PPE2 - Bâtiment", "2023-08-01")  # 30 months: 2026-01-31
    assert projet.date_achevement_previsionnelle == dt.date(2026, 1, 31)
    assert services.planned_completion_move(projet=projet, months=1, reason="Délai accordé") == dt.date(2026, 2, 28)
    event = Event.objects.get(action="potentiel.achevement_previsionnel_modifie")
    assert event.payload["avant"] == "2026-01-31" and event.payload["après"] == "2026-02-28"
