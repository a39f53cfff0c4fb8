import pytest
from django.core.management import CommandError, call_command

from tests.platform.geo.conftest import TINY_COMMUNES
from transition.platform.geo.models import Commune, Departement, Epci, Region
from transition.platform.geo.selectors import CommuneAmbiguous, commune_find, commune_get, commune_search_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    call_command("geo_import_communes", str(TINY_COMMUNES))


def test_import_is_idempotent(communes):
    counts = (Region.objects.count(), Departement.objects.count(), Epci.objects.count(), Commune.objects.count())
    assert counts == (3, 7, 6, 11)
    call_command("geo_import_communes", str(TINY_COMMUNES))
    assert (
        Region.objects.count(),
        Departement.objects.count(),
        Epci.objects.count(),
        Commune.objects.count(),
    ) == counts
    commune = commune_get("01001")
    assert commune.name == "L'Abergement-Clémenciat"
    assert (commune.departement.code, commune.departement.name) == ("01", "Ain")
    assert commune.departement.region.name == "Auvergne-Rhône-Alpes"
    assert commune.epci.siren == "200069193"


@pytest.mark.parametrize(
    ("name", "departement", "code"),
    [
        ("Saint-Étienne", None, "42218"),
        ("st etienne", None, "42218"),
        ("SAINT ETIENNE", None, "42218"),
        ("l'abergement clemenciat", None, "01001"),
        ("L Abergement-Clémenciat", "1", "01001"),
        ("l hay les roses", None, "94041"),
        ("Paris", None, "75056"),  # the commune, not its arrondissements
        ("marseille", "13", "13055"),
        ("aix en provence", None, "13001"),
        ("Saint-Martin", "26", "26001"),
        ("st-martin", "05", "05001"),
        ("Saint-Martin", "13", None),
        ("Lyon", None, None),
        ("", None, None),
    ],
)
def test_commune_find(communes, name, departement, code):
    found = commune_find(name, departement=departement)
    assert (found.code if found else None) == code


def test_ambiguous_name_is_reported(communes):
    with pytest.raises(CommuneAmbiguous) as excinfo:
        commune_find("Saint-Martin")
    assert "Précisez le département" in excinfo.value.message
    assert {c.code for c in excinfo.value.communes} == {"26001", "05001"}


def test_commune_get(communes):
    assert commune_get("13201").kind == "ARM"
    assert commune_get("13055").kind == "COM"
    assert commune_get("99999") is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("1300;Marseille;13;93;200054807;x", r"ligne 3 : code INSEE « 1300 » invalide"),
        ("13056;;13;93;200054807;x", "ligne 3 : nom vide"),
        ("13056;Martigues;14;93;200054807;x", "ligne 3 : le code 13056 n'est pas dans le département 14"),
        ("13056;Martigues;13;93;12;x", "ligne 3 : EPCI « 12 » invalide"),
        ("13055;Marseille;13;93;200054807;x", "ligne 3 : code INSEE 13055 déjà présent ligne 2"),
        ("13056;Martigues;13;84;200054807;x", "ligne 3 : le département 13 est en région 93 ligne 2"),
    ],
)
def test_bad_line_is_reported_and_nothing_written(tmp_path, line, message):
    path = tmp_path / "communes.csv"
    path.write_text(f"city_code;name;department;region;epci;zpc\n13055;Marseille;13;93;200054807;x\n{line}\n")
    with pytest.raises(CommandError, match=message):
        call_command("geo_import_communes", str(path))
    assert not Commune.objects.exists()
    assert not Region.objects.exists()


def test_search_key():
    assert commune_search_key("Sainte-Foy-lès-Lyon") == "sainte foy les lyon"
    assert commune_search_key("ste foy les lyon") == "sainte foy les lyon"


@pytest.mark.shared_data
def test_full_referential(shared_data):
    call_command("geo_import_communes", str(shared_data / "referentiels" / "communes.csv"))
    assert Commune.objects.count() == 35111
    assert commune_find("Marseille").code == "13055"
    assert commune_find("saint etienne", departement="42").code == "42218"
    with pytest.raises(CommuneAmbiguous):
        commune_find("Sainte-Colombe")
