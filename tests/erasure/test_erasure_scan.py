"""Issue 9, finding 6: after "Supprimer mon compte", nothing the person typed is left anywhere.

A unique marker goes into every personal field the person can fill through the public journeys
of every product (and into what others wrote about them: an operator's comment naming them, an
email's subject, a mediator's note); the account is deleted through /mes-donnees/suppression/;
then every column of every table of the database is read back: the marker is nowhere.
"""

import re
import uuid

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection

from tests.platform.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.products.carbure.factories import row, world
from tests.products.chaleur.factories import ON_LINE, fake_geocoder_fixture, network_make, operator_make  # noqa: F401
from tests.products.comobi.factories import PersonFactory, TerritoryFactory, offer_make, request_make
from tests.products.friches.factories import ProjectFactory, advisor
from transition.platform.notify.models import SmsLog
from transition.products.carbure.models import LotComment
from transition.products.carbure.selectors.directory import draft_from_row
from transition.products.carbure.services import lots
from transition.products.chaleur.models import Ambassador, BulkTest, BulkTestRow, Demand
from transition.products.chaleur.selectors.ambassadors import ambassador_volunteer_path
from transition.products.chaleur.services.ambassadors import (
    ambassador_message_reply,
    ambassador_message_send,
    ambassador_volunteer,
)
from transition.products.chaleur.services.back_office import demand_comment_add, demand_email_send
from transition.products.chaleur.services.demands import DemandInput, demand_create
from transition.products.comobi.enums import ContactChannel
from transition.products.comobi.models import ContactLog
from transition.products.comobi.services.people import PersonData, person_save_own
from transition.products.friches.models import AdvisorNote
from transition.products.friches.services.thread import message_post

pytestmark = pytest.mark.django_db

PHONE = "06 98 76 54 32"
PHONE_DIGITS = "698765432"  # in every form a phone number is stored: 0698765432, +33698765432…


def _every_column_holding(needles: list[str]) -> list[str]:
    """(table.column: value) of every cell, in every table of the database, holding a needle."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith(("sqlite_", "spatial_ref_sys", "geometry_columns", "spatialite_history")):
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} WHERE 1 = 0")
            columns = [c[0] for c in cursor.description]
            for column in columns:
                as_text = f"CAST({connection.ops.quote_name(column)} AS TEXT)"
                where = " OR ".join(f"LOWER({as_text}) LIKE %s" for _ in needles)
                cursor.execute(
                    f"SELECT {as_text} FROM {quoted} WHERE {where}",
                    [f"%{n.lower()}%" for n in needles],
                )
                found += [f"{table}.{column}: {str(row[0])[:120]}" for row in cursor.fetchall()]
    return found


@pytest.fixture
def marker():
    return "zq" + uuid.uuid4().hex[:10]


def test_the_marker_is_nowhere_after_the_account_is_deleted(client, marker, fake_geocoder, settings):
    settings.RATE_LIMITS = {scope: {"ip": (10**6, 60), "email": (10**6, 60)} for scope in settings.RATE_LIMITS}
    m = marker
    email = f"{m}.courriel@example.org"

    # The account, as FranceConnect or the sign-in form fills it.
    person = UserFactory(email=email, given_name=f"{m}prenom", family_name=f"{m}nom", phone="+33698765432")

    # --- France Chaleur Urbaine ------------------------------------------------------------------
    network = network_make()
    operator = operator_make(network)
    data = DemandInput(
        first_name=f"{m}prenom",
        last_name=f"{m}nom",
        email=email,
        phone=PHONE,
        structure_type="copropriete",
        company=f"{m}syndic",
        heating_energy="gaz",
        heating_type="collectif",
        dwellings_count=40,
        surface_m2=2500,
        comment=f"{m}commentaire du demandeur",
        wants_operator_contact=True,
        wants_agency_advice=False,
    )
    demand = demand_create(lon=ON_LINE[0], lat=ON_LINE[1], citycode="38185", data=data, requester=person)
    # The operator writes about the person and to the person.
    demand_comment_add(actor=operator.user, demand=demand, text=f"Appelé {m}prenom {m}nom au {PHONE}")
    demand_email_send(
        actor=operator.user, demand=demand, template_key="prise_de_contact", body=f"Bonjour {m}prenom {m}nom,"
    )
    # Connected: the person becomes an ambassador, is written to, and answers.
    Demand.objects.filter(pk=demand.pk).update(status="realise")
    token = ambassador_volunteer_path(demand).rstrip("/").split("/")[-1]
    mine = ambassador_volunteer(token=token, display_name=f"{m}residence", testimony=f"{m}temoignage")
    ambassador_message_send(
        ambassador=mine, sender_name="Dominique Voisin", sender_email="voisin@example.org", body="Bonjour, comment ?"
    )
    reply_token = re.search(r"/ambassadeurs/repondre/([^/\s]+)/", mail.outbox[-1].body).group(1)
    ambassador_message_reply(token=reply_token, body=f"{m}reponse signée {m}prenom {m}nom")
    # The person writes to another ambassador.
    other_demand = Demand.objects.create(
        **{**{f.name: getattr(demand, f.name) for f in Demand._meta.concrete_fields if f.name not in ("id",)}},
    )
    Demand.objects.filter(pk=other_demand.pk).update(
        email="autre@example.org", first_name="Autre", last_name="Personne", requester=None, comment="", company=""
    )
    theirs = Ambassador.objects.create(demand=other_demand, display_name="Résidence Les Tilleuls")
    ambassador_message_send(
        ambassador=theirs, sender_name=f"{m}expediteur", sender_email=email, body=f"{m}message à un ambassadeur"
    )
    # A bulk test of addresses uploaded by the person.
    bulk = BulkTest(owner=person, original_name=f"{m}fichier.csv")
    bulk.file.save("adresses.csv", ContentFile(f"adresse\n{m} rue du test\n".encode()), save=True)
    BulkTestRow.objects.create(bulk_test=bulk, line=1, address=f"{m} rue du test")

    # --- CoMobi ----------------------------------------------------------------------------------
    territory = TerritoryFactory()
    me = person_save_own(
        territory=territory,
        user=person,
        data=PersonData(first_name=f"{m}prenom", last_name=f"{m}nom", phone=PHONE, email=email),
    )
    offer_make(me, remarks=f"{m}remarques du conducteur")
    # The phone check by SMS, as the profile page sends it (SMS log and local outbox).
    client.force_login(person)
    client.post(f"/comobi/{territory.slug}/profil/telephone/", {})
    assert SmsLog.objects.filter(to="+33698765432").exists()
    passenger = PersonFactory(territory=territory)
    ContactLog.objects.create(
        request=request_make(passenger, weekdays=(0, 2)),
        person=passenger,
        channel=ContactChannel.NOTE,
        note=f"Mis en relation avec {m}prenom {m}nom ({PHONE})",
    )

    # --- Friches ---------------------------------------------------------------------------------
    organisation = OrganisationFactory(name="Ville")
    MembershipFactory(user=person, organisation=organisation, product="friches", role="porteur")
    person.organisation = organisation
    person.save()
    project = ProjectFactory(organisation=organisation)
    message_post(actor=person, project=project, text=f"{m}message du porteur, joignable au {PHONE}")
    helper = advisor()
    AdvisorNote.objects.create(project=project, author=helper, text=f"Rencontré {m}prenom {m}nom")

    # --- CarbuRe ---------------------------------------------------------------------------------
    w = world()
    draft, _ = draft_from_row(w.producer, row())
    lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    LotComment.objects.create(lot=lot, entity=w.producer, user=w.producer_user, text=f"Vu avec {m}prenom {m}nom")

    # The marker is everywhere before.
    assert len(_every_column_holding([m, PHONE_DIGITS])) > 15

    client.force_login(person)
    # "Mes données" gives all of it back first.
    export = client.get("/mes-donnees/export.json").content.decode()
    for typed in (
        "commentaire du demandeur",
        "syndic",
        "temoignage",
        "reponse",
        "message à un ambassadeur",
        "expediteur",
        "fichier.csv",
        "remarques du conducteur",
        "message du porteur",
    ):
        assert f"{m}{typed}" in export, typed
    assert f"Appelé {m}prenom {m}nom" in export  # the operator's comment on the person's demand

    response = client.post("/mes-donnees/suppression/", {"confirm": "on"})
    assert response.status_code == 302

    leftovers = _every_column_holding([m, PHONE_DIGITS])
    assert leftovers == [], "\n".join(leftovers)
