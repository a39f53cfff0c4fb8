import io
from datetime import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.personas import login
from tests.platform.accounts.factories import MembershipFactory, UserFactory
from transition.platform.audit.models import Event
from transition.products.chaleur.enums import Role
from transition.products.chaleur.models import DemandEvent
from transition.products.chaleur.services import back_office

from ..factories import DemandFactory, collectivite_make, network_fixture, network_make, operator_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

LIST = reverse("chaleur:pro_demands")


def detail(demand):
    return reverse("chaleur:pro_demand_detail", args=[demand.pk])


ACTIONS = {
    "status": "chaleur:pro_demand_status",
    "comment": "chaleur:pro_demand_comment",
    "correct": "chaleur:pro_demand_correct",
    "email": "chaleur:pro_demand_email",
}


def act(demand, action):
    """Each thing an operator does to a demand has its own view."""
    return reverse(ACTIONS[action], args=[demand.pk])


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_person_without_a_chaleur_role_is_refused(client):
    client.force_login(UserFactory())
    assert client.get(LIST).status_code == 403


def test_an_operator_sees_the_demands_of_its_networks_only(client, operator):
    other = network_make(national_id="6901C", line=[(4.83, 45.76), (4.84, 45.76)])
    mine = DemandFactory(network=operator.network, address="10 rue Mienne")
    DemandFactory(network=other, address="99 rue Autre")
    DemandFactory(network=None, address="55 rue Sans Réseau")
    client.force_login(operator.user)
    body = client.get(LIST).content.decode()
    assert "10 rue Mienne" in body
    assert "99 rue Autre" not in body
    assert "55 rue Sans Réseau" not in body
    assert client.get(detail(mine)).status_code == 200
    geojson = client.get(reverse("chaleur:pro_demands_geojson")).json()
    assert [f["properties"]["id"] for f in geojson["features"]] == [mine.pk]


def test_filters_search_and_sort(client, operator):
    DemandFactory(network=operator.network, address="1 rue Alpha", status="a_traiter", dwellings_count=10)
    DemandFactory(network=operator.network, address="2 rue Beta", status="etude_en_cours", dwellings_count=80)
    client.force_login(operator.user)
    body = client.get(LIST, {"statut": "etude_en_cours"}).content.decode()
    assert "2 rue Beta" in body and "1 rue Alpha" not in body
    body = client.get(LIST, {"q": "alpha"}).content.decode()
    assert "1 rue Alpha" in body and "2 rue Beta" not in body
    body = client.get(LIST, {"tri": "logements"}).content.decode()
    assert body.index("2 rue Beta") < body.index("1 rue Alpha")


def test_operator_changes_the_status_and_the_requester_is_told(client, operator):
    demand = DemandFactory(network=operator.network, email="requester@example.fr")
    client.force_login(operator.user)
    response = client.post(act(demand, "status"), {"status": "etude_en_cours", "comment": "RDV le 12", "notify": "on"})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.status == "etude_en_cours"
    assert demand.operator_comment == "RDV le 12"
    [email] = mail.outbox
    assert email.to == ["requester@example.fr"]
    assert "Étude en cours" in email.subject
    assert DemandEvent.objects.filter(
        demand=demand, kind="status", from_status="a_traiter", to_status="etude_en_cours"
    ).exists()
    assert Event.objects.filter(
        action="chaleur.demand_status_change", object_id=str(demand.pk), actor_id=operator.user.pk
    ).exists()


def test_a_step_back_shows_the_current_status_and_asks_for_a_confirmation(client, operator):
    demand = DemandFactory(network=operator.network, email="requester@example.fr", status="etude_en_cours")
    client.force_login(operator.user)
    page = client.get(detail(demand)).content.decode()
    assert '<option value="etude_en_cours" selected>Étude en cours (statut actuel)</option>' in page
    assert "En attente de prise en charge (retour en arrière)" in page
    # One click with "Prévenir" ticked: refused, nothing changes, nobody is emailed.
    page = client.post(act(demand, "status"), {"status": "en_attente", "notify": "on"}).content.decode()
    assert "est une étape antérieure à « Étude en cours »" in page
    demand.refresh_from_db()
    assert demand.status == "etude_en_cours" and not mail.outbox
    # Confirmed: done.
    client.post(act(demand, "status"), {"status": "en_attente", "notify": "on", "confirm_backward": "on"})
    demand.refresh_from_db()
    assert demand.status == "en_attente" and len(mail.outbox) == 1
    # Forward needs no confirmation.
    client.post(act(demand, "status"), {"status": "etude_en_cours"})
    demand.refresh_from_db()
    assert demand.status == "etude_en_cours"


def test_a_forbidden_transition_is_refused_in_french(operator):
    demand = DemandFactory(network=operator.network, status="etude_en_cours")
    with pytest.raises(ValidationError, match="ne peut pas passer à « À traiter »"):
        back_office.demand_status_change(actor=operator.user, demand=demand, status="a_traiter")


def test_a_collectivite_reads_its_territory_but_cannot_change(client, network):
    user = collectivite_make(["38185"])
    inside = DemandFactory(network=network, citycode="38185", address="1 rue Dedans")
    DemandFactory(network=network, citycode="38421", address="2 rue Dehors")
    client.force_login(user)
    body = client.get(LIST).content.decode()
    assert "1 rue Dedans" in body and "2 rue Dehors" not in body
    page = client.get(detail(inside)).content.decode()
    assert "sans pouvoir la modifier" in page
    assert 'id="status-form"' not in page
    assert client.post(act(inside, "status"), {"status": "en_attente"}).status_code == 403
    # The service refuses too, whatever the view does.
    with pytest.raises(PermissionDenied):
        back_office.demand_status_change(actor=user, demand=inside, status="en_attente")
    inside.refresh_from_db()
    assert inside.status == "a_traiter"


def test_another_operator_cannot_open_a_demand(client, operator):
    demand = DemandFactory(network=operator.network)
    stranger = UserFactory()
    MembershipFactory(user=stranger, product="chaleur", role=Role.GESTIONNAIRE)
    client.force_login(stranger)
    assert client.get(detail(demand)).status_code == 403
    with pytest.raises(PermissionDenied):
        back_office.demand_comment_add(actor=stranger, demand=demand, text="x")


def test_comment_correction_and_email_from_a_template(client, operator):
    demand = DemandFactory(network=operator.network, email="requester@example.fr", distance_m=40)
    client.force_login(operator.user)
    client.post(act(demand, "comment"), {"text": "Appelé, messagerie."})
    client.post(act(demand, "correct"), {"distance_m": "55", "dwellings_count": "42", "consumption_mwh": "380,5"})
    client.post(act(demand, "email"), {"template": "informations", "body": "Bonjour, vos factures svp."})
    demand.refresh_from_db()
    assert demand.operator_comment == "Appelé, messagerie."
    assert (demand.distance_m, demand.dwellings_count, str(demand.consumption_mwh)) == (55, 42, "380.5")
    assert demand.eligibility_snapshot.get("distance_m", None) != 55  # the snapshot is never rewritten
    [email] = mail.outbox
    assert email.to == ["requester@example.fr"]
    assert email.reply_to == [operator.user.email]
    assert "vos factures" in email.body
    kinds = list(DemandEvent.objects.filter(demand=demand).values_list("kind", flat=True))
    assert kinds == ["comment", "correction", "email"]
    actions = set(Event.objects.filter(object_id=str(demand.pk)).values_list("action", flat=True))
    assert {"chaleur.demand_comment", "chaleur.demand_correct", "chaleur.demand_email"} <= actions


def test_xlsx_export(client, operator):
    DemandFactory(network=operator.network, address="1 rue Export", last_name="Durand", comment="=1+1\x01")
    client.force_login(operator.user)
    response = client.get(reverse("chaleur:pro_demands_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("Référence", "Date", "Statut", "Adresse")
    assert rows[1][2] == "À traiter" and rows[1][3] == "1 rue Export" and rows[1][11] == "Durand"
    assert isinstance(rows[1][1], datetime)  # the platform's writer: a real date, text never a formula
    assert rows[1][22] == "=1+1"
    assert len(rows) == 2


def test_an_agency_reads_the_demands_sent_to_it(client, network):
    from tests.platform.accounts.factories import OrganisationFactory

    from ..factories import AgencyFactory

    organisation = OrganisationFactory(name="ALEC")
    agency = AgencyFactory(organisation=organisation)
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.ALEC)
    sent = DemandFactory(network=network, agency=agency, wants_agency_advice=True, address="1 rue Conseil")
    DemandFactory(network=network, address="2 rue Autre")
    client.force_login(user)
    body = client.get(LIST).content.decode()
    assert "1 rue Conseil" in body and "2 rue Autre" not in body
    assert client.post(act(sent, "comment"), {"text": "x"}).status_code == 403


def test_a_refused_action_shows_the_page_again_with_its_error(client, operator):
    demand = DemandFactory(network=operator.network, status="etude_en_cours")
    client.force_login(operator.user)
    response = client.post(act(demand, "status"), {"status": "a_traiter"})  # not offered from this status
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="status-form"' in page and "Sélectionnez un choix valide" in page
    response = client.post(act(demand, "comment"), {"text": "   "})
    assert response.status_code == 200 and "Commentaire interne" in response.content.decode()
    demand.refresh_from_db()
    assert (demand.status, demand.operator_comment) == ("etude_en_cours", "")
    assert client.get(act(demand, "comment")).status_code == 405


def test_the_team_sees_every_demand_only_with_its_second_factor(client, network, charlie, dave):
    """Staff powers need a session verified with the second factor (has_staff_power)."""
    demand = DemandFactory(network=network, address="1 rue Partout")
    login(client, dave)  # staff, one factor: an ordinary person, with no role here
    assert client.get(LIST).status_code == 403
    assert client.get(detail(demand)).status_code == 403
    login(client, charlie, verified=True)
    assert "1 rue Partout" in client.get(LIST).content.decode()
    response = client.post(act(demand, "comment"), {"text": "Vu par l’équipe."})
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.operator_comment == "Vu par l’équipe."


def test_an_anonymised_demand_offers_no_way_to_write_to_the_requester(client, operator):
    demand = DemandFactory(network=operator.network, status="etude_en_cours", anonymised_at=timezone.now())
    client.force_login(operator.user)
    page = client.get(detail(demand)).content.decode()
    assert 'id="email-form"' not in page and "Écrire au demandeur" not in page
    assert "la demande est anonymisée, il ne peut plus être contacté" in page
    assert "Prévenir le demandeur" not in page
    client.post(act(demand, "status"), {"status": "vote_en_ag"})
    demand.refresh_from_db()
    assert demand.status == "vote_en_ag" and not mail.outbox


def test_deleting_an_account_says_what_happens_to_each_demand(client, operator):
    person = UserFactory(email="requester@example.fr")
    DemandFactory(network=operator.network, email="requester@example.fr", status="etude_en_cours", address="3 rue A")
    DemandFactory(network=operator.network, email="requester@example.fr", status="realise", address="4 rue B")
    client.force_login(person)
    page = client.get("/mes-donnees/suppression/").content.decode()
    assert "3 rue A, statut « Étude en cours ») : elle reste chez le gestionnaire" in page
    assert "ne sera plus suivie avec vous" in page
    assert "4 rue B, statut « Réalisé ») : elle est gardée pour les statistiques" in page
