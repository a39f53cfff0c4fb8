"""Setting a territory up: staff creates it, its administrator runs it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.personas import charlie, dave  # noqa: F401
from transition.platform.accounts.models import Membership
from transition.platform.audit.models import Event
from transition.platform.notify.models import EmailLog
from transition.products.comobi.enums import Role
from transition.products.comobi.models import Place, Territory
from transition.products.comobi.services.territories import (
    commune_add,
    member_add,
    member_remove,
    place_save,
    places_import,
    territory_create,
    territory_update,
)

from ..factories import mediator_make, territory_make

pytestmark = pytest.mark.django_db


def verified(user):
    """The user as django-otp's middleware leaves it after the second factor."""
    user.is_verified = lambda: True
    return user


def test_staff_creates_a_territory_with_its_communes_and_first_administrator(charlie, geocoder):  # noqa: F811
    territory = territory_create(
        actor=verified(charlie),
        slug="vallee-du-lot",
        name="Vallée du Lot",
        communes=["46128", "46102"],
        admin_email="Claire.Roques@Vallee-Lot.example.fr",
    )
    assert not territory.is_open
    assert sorted(territory.communes.values_list("name", flat=True)) == ["Figeac", "Gramat"]
    membership = Membership.objects.get(organisation=territory.organisation)
    assert (membership.user.email, membership.product, membership.role) == (
        "claire.roques@vallee-lot.example.fr",
        "comobi",
        Role.ADMINISTRATEUR,
    )
    assert EmailLog.objects.filter(
        to="claire.roques@vallee-lot.example.fr", template="comobi/emails/member_added"
    ).exists()
    assert Event.objects.filter(action="comobi.territory_create").exists()


def test_staff_without_second_factor_cannot_create(dave):  # noqa: F811
    with pytest.raises(PermissionDenied):
        territory_create(actor=dave, slug="x-y", name="X")


@pytest.mark.parametrize(
    ("slug", "words"),
    [("Vallée", "minuscules"), ("api", "réservé"), ("-lot", "minuscules"), ("a" * 60, "minuscules")],
)
def test_slug_rules(slug, words):
    with pytest.raises(ValidationError, match=words):
        territory_create(actor=None, slug=slug, name="Vallée")


def test_unknown_communes_are_all_named_and_nothing_is_created(geocoder):
    with pytest.raises(ValidationError) as caught:
        territory_create(actor=None, slug="vallee", name="Vallée", communes=["46128", "99999", "ABCDE"])
    text = " ".join(caught.value.messages)
    assert "99999" in text and "ABCDE" in text
    assert not Territory.objects.exists()


def test_command_creates_a_territory(geocoder, capsys):
    call_command("comobi_territory_create", "causses", "--name", "Causses du Quercy", "--communes", "46128,46240")
    territory = Territory.objects.get(slug="causses")
    assert territory.communes.count() == 2
    assert "Causses du Quercy" in capsys.readouterr().out


def test_command_reports_an_error_without_traceback(geocoder):
    with pytest.raises(CommandError, match="99999"):
        call_command("comobi_territory_create", "causses", "--name", "Causses", "--communes", "99999")


def test_administrator_sets_texts_and_opens(territory, admin_user):
    territory_update(actor=admin_user, territory=territory, data={"welcome_text": "Bienvenue\x01 !", "is_open": False})
    territory.refresh_from_db()
    assert territory.welcome_text == "Bienvenue !"
    assert not territory.is_open


def test_a_mediator_is_not_an_administrator(territory, mediator):
    with pytest.raises(PermissionDenied):
        territory_update(actor=mediator, territory=territory, data={"name": "Autre"})


def test_an_administrator_of_another_territory_cannot(territory, db):
    other = territory_make()
    stranger = mediator_make(other, Role.ADMINISTRATEUR)
    with pytest.raises(PermissionDenied):
        territory_update(actor=stranger, territory=territory, data={"name": "Autre"})


def test_place_names(territory, admin_user):
    place = place_save(
        actor=admin_user,
        territory=territory,
        name="Mairie d’Assier",
        aliases="mairie assier, ",
        lat="44.674",
        lon="1.877",
    )
    assert place.names() == ["Mairie d’Assier", "mairie assier"]
    with pytest.raises(ValidationError, match="déjà"):
        place_save(actor=admin_user, territory=territory, name="mairie d’assier", aliases="", lat=1, lon=1)
    with pytest.raises(ValidationError, match="nombres"):
        place_save(actor=admin_user, territory=territory, name="Ailleurs", aliases="", lat="nord", lon=1)


def test_places_import_all_or_nothing(territory, admin_user):
    good = (
        "noms;latitude;longitude\nÉcole de Livernon, école livernon;44,6500;1,8570\nPharmacie de Gramat;44.78;1.727\n"
    )
    report = places_import(actor=admin_user, territory=territory, source=good.encode(), filename="lieux.csv")
    assert (report.ok, report.created, report.updated) == (True, 1, 1)
    bad = "noms;latitude;longitude\nLieu A;44.1;1.2\n;44.2;1.3\nLieu C;abc;1.4\n"
    report = places_import(actor=admin_user, territory=territory, source=bad.encode(), filename="lieux.csv")
    assert not report.ok
    assert {p.line for p in report.errors} == {3, 4}
    assert not Place.objects.filter(name="Lieu A").exists()


def test_commune_add(territory, admin_user, geocoder):
    territory.communes.filter(insee_code="46128").delete()
    commune = commune_add(actor=admin_user, territory=territory, insee_code="46128")
    assert (commune.name, round(commune.lat, 2)) == ("Gramat", 44.78)
    with pytest.raises(ValidationError, match="déjà"):
        commune_add(actor=admin_user, territory=territory, insee_code="46128")


def test_members(territory, admin_user):
    membership = member_add(
        actor=admin_user, territory=territory, email="nadia.benali@causses.example.fr", role=Role.MEDIATEUR
    )
    assert membership.role == Role.MEDIATEUR
    with pytest.raises(ValidationError, match="adresse"):
        member_add(actor=admin_user, territory=territory, email="pas une adresse", role=Role.MEDIATEUR)
    own = Membership.objects.get(user=admin_user, organisation=territory.organisation)
    with pytest.raises(ValidationError, match="au moins un administrateur"):
        member_remove(actor=admin_user, territory=territory, membership=own)
    member_remove(actor=admin_user, territory=territory, membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
