"""Issue 9, findings 1 to 3 in France Chaleur Urbaine: staff powers only with the second factor,
control characters and formulas from the public cannot break or arm a spreadsheet, the site
relays no phishing."""

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from tests.personas import login
from transition.platform.accounts.api_tokens import api_token_issue
from transition.products.chaleur.enums import PARTNER_SCOPE, DemandEventKind
from transition.products.chaleur.models import Ambassador, Demand, DemandEvent

from .factories import ON_LINE, DemandFactory, fake_geocoder_fixture, network_fixture, operator_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/x","ouvrir")'
PHISHING = "Votre compte est suspendu, payez sur http://evil.example/payer"


def _demand_url(label="12 Rue Près du Réseau 38000 Grenoble"):
    from urllib.parse import urlencode

    query = {"lat": ON_LINE[1], "lon": ON_LINE[0], "label": label, "citycode": "38185"}
    return reverse("chaleur:demand_create") + "?" + urlencode(query)


FORM = {
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "camille@example.fr",
    "phone": "04 76 00 00 00",
    "structure_type": "copropriete",
    "heating_energy": "gaz",
    "heating_type": "collectif",
    "dwellings_count": "40",
    "surface_m2": "",
    "comment": "",
    "wants_operator_contact": "on",
    "consent": "on",
}


def _export_rows(client):
    response = client.get(reverse("chaleur:pro_demands_export"))
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.values)


# Finding 1 ------------------------------------------------------------------------------------


def test_one_factor_staff_gets_no_export_and_no_one_s_bulk_results(client, operator, charlie, dave):
    DemandFactory(network=operator.network, address="1 rue Partout")
    login(client, dave)  # staff, signed in with an emailed link only
    assert client.get(reverse("chaleur:pro_demands_export")).status_code == 403
    assert client.get(reverse("chaleur:pro_prospects_export")).status_code == 403
    login(client, charlie, verified=True)
    assert "1 rue Partout" in [row[3] for row in _export_rows(client)]


# Finding 2 ------------------------------------------------------------------------------------


def test_control_characters_and_formulas_from_the_public_form(client, operator, fake_geocoder):
    form = {**FORM, "last_name": HYPERLINK, "company": "Syndic\x1b[31m", "comment": "Bonjour\x01\x1b, merci !"}
    assert client.post(_demand_url(), form).status_code == 302
    demand = Demand.objects.get()
    assert demand.comment == "Bonjour, merci !"  # stored clean, not only cleaned on the way out
    assert demand.company == "Syndic[31m"
    client.force_login(operator.user)
    rows = _export_rows(client)
    assert HYPERLINK in rows[1]  # plain text, never a formula
    workbook = load_workbook(io.BytesIO(client.get(reverse("chaleur:pro_demands_export")).content))
    cells = [c for c in next(workbook.active.iter_rows(min_row=2, max_row=2)) if c.value == HYPERLINK]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_partner_api_comment_is_stored_clean(client, operator):
    demand = DemandFactory(network=operator.network)
    _, raw = api_token_issue(
        organisation=operator.organisation, scope=PARTNER_SCOPE, name="Logiciel", created_by=operator.user
    )
    response = client.patch(
        f"/chaleur/api/v2/demands/{demand.pk}",
        {"comment": "Rappel\x01 prévu\x1b"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 200 and response.json()["operator_comment"] == "Rappel prévu"
    demand.refresh_from_db()
    assert demand.operator_comment == "Rappel prévu"
    assert DemandEvent.objects.filter(kind=DemandEventKind.COMMENT).get().text == "Rappel prévu"
    client.force_login(operator.user)
    assert "Rappel prévu" in _export_rows(client)[1]


def test_back_office_and_ambassador_texts_are_stored_clean(operator):
    from transition.products.chaleur.services import ambassadors, back_office

    demand = DemandFactory(network=operator.network, status="realise")
    back_office.demand_comment_add(actor=operator.user, demand=demand, text="Vu\x07 sur place")
    demand.refresh_from_db()
    assert demand.operator_comment == "Vu sur place"
    ambassador = Ambassador.objects.create(demand=demand, display_name="Résidence")
    message = ambassadors.ambassador_message_send(
        ambassador=ambassador, sender_name="Alex\x1b", sender_email="alex@example.fr", body="Combien\x01 ça coûte ?"
    )
    assert (message.sender_name, message.body) == ("Alex", "Combien ça coûte ?")


# Finding 3 ------------------------------------------------------------------------------------


def test_the_address_of_a_demand_comes_from_the_geocoder_not_from_the_link(client, operator, fake_geocoder):
    page = client.get(_demand_url(label=PHISHING)).content.decode()
    assert "Votre compte est suspendu" not in page and "12 Rue Pres Du Reseau Grenoble" in page
    assert client.post(_demand_url(label=PHISHING), {**FORM, "email": "victime@example.fr"}).status_code == 302
    demand = Demand.objects.get()
    assert demand.address == "12 Rue Pres Du Reseau Grenoble"  # the reverse geocoder's label
    [confirmation] = [m for m in mail.outbox if m.to == ["victime@example.fr"]]
    assert "evil.example" not in confirmation.body + confirmation.alternatives[0][0]


def test_the_confirmation_to_an_unverified_address_carries_nothing_the_sender_typed(client, operator, fake_geocoder):
    form = {**FORM, "first_name": PHISHING, "last_name": PHISHING, "company": PHISHING, "comment": PHISHING}
    assert client.post(_demand_url(), {**form, "email": "victime@example.fr"}).status_code == 302
    [confirmation] = [m for m in mail.outbox if m.to == ["victime@example.fr"]]
    assert "evil.example" not in confirmation.subject + confirmation.body + confirmation.alternatives[0][0]
    assert Demand.objects.get().reference in confirmation.subject


def test_status_and_follow_up_emails_carry_nothing_the_sender_typed(operator):
    from transition.products.chaleur.notifications import notify_requester_followup
    from transition.products.chaleur.services.back_office import demand_status_change

    demand = DemandFactory(
        network=operator.network, status="a_traiter", first_name=PHISHING, company=PHISHING, comment=PHISHING
    )
    demand_status_change(actor=operator.user, demand=demand, status="etude_en_cours")
    notify_requester_followup(demand=demand, day=30)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "evil.example" not in message.subject + message.body + message.alternatives[0][0]


def test_the_ambassador_message_is_read_on_the_site_not_in_the_email(client, network):
    demand = DemandFactory(network=network, status="realise", email="ambassadeur@copro.example")
    ambassador = Ambassador.objects.create(demand=demand, display_name="Résidence Les Tilleuls")
    url = reverse("chaleur:ambassador_write", args=[ambassador.pk])
    client.post(url, {"sender_name": PHISHING, "sender_email": "alex@example.fr", "body": PHISHING})
    [email] = mail.outbox
    assert "evil.example" not in email.subject + email.body + email.alternatives[0][0]
    assert "suspendu" not in email.subject + email.body
    reply = next(line for line in email.body.split() if "/chaleur/ambassadeurs/repondre/" in line)
    page = client.get(reply.split("http://127.0.0.1:8000", 1)[-1]).content.decode()
    assert "Votre compte est suspendu" in page  # the message itself, on the site


def test_the_ambassador_reply_to_the_sender_carries_nothing_the_sender_typed(client, network):
    from transition.products.chaleur.services import ambassadors

    demand = DemandFactory(network=network, status="realise", email="ambassadeur@copro.example")
    ambassador = Ambassador.objects.create(demand=demand, display_name="Résidence Les Tilleuls")
    ambassadors.ambassador_message_send(
        ambassador=ambassador, sender_name=PHISHING, sender_email="victime@example.fr", body="Une question ?"
    )
    token = mail.outbox[0].body.split("/chaleur/ambassadeurs/repondre/", 1)[1].split("/", 1)[0]
    ambassadors.ambassador_message_reply(token=token, body="Volontiers : http://copro.example/photos")
    to_sender = mail.outbox[1]
    assert to_sender.to == ["victime@example.fr"]
    assert "evil.example" not in to_sender.subject + to_sender.body + to_sender.alternatives[0][0]
    # No text is turned into a link: the URL the ambassador wrote stays text.
    assert 'href="http://copro.example' not in to_sender.alternatives[0][0]


def test_no_email_turns_user_text_into_a_link(operator):
    from transition.products.chaleur.services.back_office import demand_email_send

    demand = DemandFactory(network=operator.network, status="a_traiter")
    demand_email_send(actor=operator.user, demand=demand, template_key="informations", body="Voir http://x.example/a")
    html = mail.outbox[-1].alternatives[0][0]
    assert "http://x.example/a" in html and 'href="http://x.example' not in html


def test_an_unverified_recipient_refuses_untrusted_text():
    from transition.platform.notify.services import Trusted, email_send

    with pytest.raises(ValueError, match="non vérifiée"):
        email_send(
            to="x@example.fr",
            template="chaleur/emails/requester_followup",
            context={"first_name": "texte libre"},
            product="chaleur",
            recipient_verified=False,
        )
    email_send(
        to="x@example.fr",
        template="chaleur/emails/requester_followup",
        context={"reference": Trusted("FCU-1"), "day": 30, "amount": Decimal("1.5")},
        product="chaleur",
        recipient_verified=False,
    )


def test_a_control_character_in_one_bulk_line_does_not_fail_the_test(client, django_capture_on_commit_callbacks):
    """Held already when the issue was fixed (the platform's reader and writer): kept as a guard."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.fakes.geocoder import FakeGeocoder
    from tests.platform.accounts.factories import MembershipFactory, UserFactory
    from tests.products.chaleur.factories import ADDRESSES, network_make
    from transition.products.chaleur.enums import Role
    from transition.products.chaleur.models import BulkTest

    network_make()
    pro = UserFactory(email="bureau@etudes.example")
    MembershipFactory(user=pro, role=Role.PROFESSIONNEL)
    client.force_login(pro)
    content = 'nom;adresse\nA\x01;12 rue pres du reseau grenoble\nB;=HYPERLINK("http://evil.example")\x1b\n'
    with pytest.MonkeyPatch.context() as mp:
        FakeGeocoder(ADDRESSES).install(mp)
        client.post(reverse("chaleur:pro_bulk"), {"file": SimpleUploadedFile("a.csv", content.encode(), "text/csv")})
        bulk = BulkTest.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("chaleur:pro_bulk_mapping", args=[bulk.pk]),
                {"delimiter": ";", "has_header": "on", "mode": "adresse", "address_columns": ["1"]},
            )
    bulk.refresh_from_db()
    assert bulk.status == "done"
    xlsx = client.get(reverse("chaleur:pro_bulk_xlsx", args=[bulk.pk]))
    sheet = list(load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))["Résultats"].values)
    assert sheet[2][0] == '=HYPERLINK("http://evil.example")'
