import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from tests.platform.accounts.factories import MembershipFactory, UserFactory
from transition.products.chaleur.domain.bulk_results import RESULT_COLUMNS
from transition.products.chaleur.enums import Role
from transition.products.chaleur.models import BulkTest, BulkTestRow
from transition.products.chaleur.services.bulk_tests import bulk_tests_recheck

from ..factories import fake_geocoder_fixture, network_fixture, pro_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

CSV = (
    "nom;adresse;ville\n"
    "A;12 rue pres du reseau;grenoble\n"
    "B;3 place proche;grenoble\n"
    "C;1 chemin tres loin;grenoble\n"
    "D;rue inconnue;nulle part\n"
)


@pytest.fixture
def start(client, django_capture_on_commit_callbacks):
    """Post the column mapping: the test's transaction "commits", so its job is dispatched and,
    jobs running at once in tests, done."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def upload(client, content: bytes, name="adresses.csv"):
    return client.post(
        reverse("chaleur:pro_bulk"), {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    )


def test_from_upload_to_xlsx(client, start, pro, network, fake_geocoder):
    client.force_login(pro)
    response = upload(client, CSV.encode("cp1252"))
    bulk = BulkTest.objects.get()
    assert response["Location"] == reverse("chaleur:pro_bulk_mapping", args=[bulk.pk])
    mapping = client.get(response["Location"]).content.decode()
    assert "12 rue pres du reseau" in mapping  # the preview
    # The guess: delimiter ";", a header, address = columns 2 and 3.
    assert (bulk.delimiter, bulk.has_header, bulk.address_columns) == (";", True, [1, 2])
    response = start(
        response["Location"],
        {"delimiter": ";", "has_header": "on", "mode": "adresse", "address_columns": ["1", "2"]},
    )
    assert response["Location"] == reverse("chaleur:pro_bulk_detail", args=[bulk.pk])
    bulk.refresh_from_db()
    assert (bulk.status, bulk.total_rows, bulk.processed_rows, bulk.eligible_rows) == ("done", 4, 4, 2)
    rows = {r.line: r for r in BulkTestRow.objects.filter(bulk_test=bulk)}
    assert rows[2].outcome["type"] == "reseau_existant_tres_proche"
    assert rows[4].outcome["type"] == "trop_eloigne"
    assert rows[5].error == "Adresse non trouvée."
    assert client.get(reverse("chaleur:pro_bulk_status", args=[bulk.pk])).json()["progress_pct"] == 100
    page = client.get(response["Location"]).content.decode()
    assert "Télécharger les résultats" in page
    [email] = mail.outbox
    assert email.to == ["bureau@etudes.example"] and "prêts" in email.subject
    xlsx = client.get(reverse("chaleur:pro_bulk_xlsx", args=[bulk.pk]))
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert workbook.sheetnames == ["Résultats", "Légende"]
    sheet = list(workbook["Résultats"].values)
    assert list(sheet[0]) == list(RESULT_COLUMNS)
    assert sheet[1][0] == "12 rue pres du reseau grenoble"
    assert sheet[1][2] == 92 and sheet[1][4] == "Oui" and sheet[1][8] == "3801C" and sheet[1][10] == 100
    assert sheet[3][4] == "Non" and sheet[3][5] is None
    assert sheet[4][1] == "Adresse non trouvée."


def test_lat_lon_columns(client, start, pro, network, fake_geocoder):
    client.force_login(pro)
    upload(client, b"lat,lon\n45.1881,5.72\n45.2,5.72\n")
    bulk = BulkTest.objects.get()
    start(
        reverse("chaleur:pro_bulk_mapping", args=[bulk.pk]),
        {
            "delimiter": ",",
            "has_header": "on",
            "mode": "coordonnees",
            "lat_column": "0",
            "lon_column": "1",
        },
    )
    bulk.refresh_from_db()
    assert (bulk.total_rows, bulk.eligible_rows) == (2, 1)
    assert fake_geocoder.batches == []  # coordinates are not geocoded


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04\x00\x00", "adresses.csv", "pas un fichier texte"),
        (b"", "adresses.csv", "vide"),
        (b"adresse\n1 rue A", "adresses.xlsx", "Seuls les fichiers .csv et .txt"),
    ],
)
def test_an_unreadable_file_gets_a_french_error_and_no_job(client, pro, content, name, message):
    client.force_login(pro)
    response = upload(client, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BulkTest.objects.exists()


def test_a_wrong_mapping_is_refused(client, pro, network, fake_geocoder):
    client.force_login(pro)
    upload(client, CSV.encode())
    bulk = BulkTest.objects.get()
    response = client.post(
        reverse("chaleur:pro_bulk_mapping", args=[bulk.pk]),
        {"delimiter": ";", "has_header": "on", "mode": "coordonnees", "lat_column": "1"},
    )
    assert "Indiquez à la fois la colonne de latitude et celle de longitude." in response.content.decode()
    bulk.refresh_from_db()
    assert bulk.total_rows == 0 and not BulkTestRow.objects.exists()


def test_only_the_owner_sees_a_test(client, pro, network, fake_geocoder):
    client.force_login(pro)
    upload(client, CSV.encode())
    bulk = BulkTest.objects.get()
    other = UserFactory()
    MembershipFactory(user=other, role=Role.PROFESSIONNEL)
    client.force_login(other)
    assert client.get(reverse("chaleur:pro_bulk_mapping", args=[bulk.pk])).status_code == 403
    assert client.get(reverse("chaleur:pro_bulk_status", args=[bulk.pk])).status_code == 403


def test_when_networks_change_past_tests_show_what_changed(client, start, pro, network, fake_geocoder):
    from transition.products.chaleur.selectors.eligibility_index import reset_index

    client.force_login(pro)
    upload(client, CSV.encode())
    bulk = BulkTest.objects.get()
    start(
        reverse("chaleur:pro_bulk_mapping", args=[bulk.pk]),
        {"delimiter": ";", "has_header": "on", "mode": "adresse", "address_columns": ["1", "2"]},
    )
    mail.outbox.clear()
    assert bulk_tests_recheck() == 0  # nothing changed yet
    network.open_to_connections = False  # staff closes the network: a new data version
    network.save()
    reset_index()
    assert bulk_tests_recheck() == 1
    bulk.refresh_from_db()
    assert (bulk.changed_rows, bulk.eligible_rows) == (2, 0)
    changed = BulkTestRow.objects.get(bulk_test=bulk, line=2)
    assert "type d’éligibilité : Réseau existant très proche → Aucun réseau à proximité" in changed.changes
    [email] = mail.outbox
    assert "2 adresses" in email.subject
    page = client.get(reverse("chaleur:pro_bulk_detail", args=[bulk.pk]) + "?changements=1").content.decode()
    assert "Réseau existant très proche → Aucun réseau à proximité" in page
    xlsx = client.get(reverse("chaleur:pro_bulk_xlsx", args=[bulk.pk]))
    sheet = list(load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))["Résultats"].values)
    assert sheet[0][-1] == "Changements à la dernière vérification"
    assert "Aucun réseau à proximité" in sheet[1][-1]
    assert bulk_tests_recheck() == 0  # idempotent


def test_command_line(tmp_path, network, fake_geocoder, capsys):
    source = tmp_path / "adresses.txt"
    source.write_text("12 rue pres du reseau grenoble\n1 chemin tres loin grenoble\n", encoding="utf-8")
    target = tmp_path / "sortie.xlsx"
    call_command("chaleur_bulk_test", str(source), str(target), "--address-column", "1")
    assert "2 adresse(s), 2 localisée(s), 1 éligible(s)" in capsys.readouterr().out
    sheet = list(load_workbook(target)["Résultats"].values)
    assert [r[4] for r in sheet[1:]] == ["Oui", "Non"]
    with pytest.raises(CommandError, match="pas un fichier texte"):
        (tmp_path / "b.csv").write_bytes(b"\x00\x01")
        call_command("chaleur_bulk_test", str(tmp_path / "b.csv"), str(target))
    with pytest.raises(CommandError, match="La colonne 4 n’existe pas"):
        call_command("chaleur_bulk_test", str(source), str(target), "--address-column", "4")


def test_a_repeated_address_is_geocoded_once(network, fake_geocoder):
    from transition.products.chaleur.domain.bulk_columns import AddressQuery
    from transition.products.chaleur.services.bulk_tests import bulk_evaluate

    queries = [AddressQuery(line=i, address="12 rue pres du reseau grenoble") for i in range(1, 4)]
    rows = list(bulk_evaluate(queries, geocoder=fake_geocoder))
    assert fake_geocoder.batches == [1]
    assert [r.outcome.type for r in rows] == ["reseau_existant_tres_proche"] * 3


def test_results_page_summary_filters_map_legend_and_renaming(client, start, pro, network, fake_geocoder):
    client.force_login(pro)
    response = upload(client, CSV.encode("utf-8"))
    bulk = BulkTest.objects.get()
    start(
        response["Location"], {"delimiter": ";", "has_header": "on", "mode": "adresse", "address_columns": ["1", "2"]}
    )
    detail = reverse("chaleur:pro_bulk_detail", args=[bulk.pk])
    page = client.get(detail).content.decode()
    summary = page.split('id="bulk-summary">')[1].split("</p>")[0]
    # The summary counts what the table says, one reading per row.
    assert "4 adresses testées" in summary and "1 non raccordable" in summary
    oui = page.count('<span class="fr-text--bold">Raccordable à un réseau existant</span>')
    assert f"<strong>{oui}</strong> raccordable" in summary
    assert "A confirmer" not in page
    # Filters by result: the table and the map follow.
    only_no = client.get(detail, {"resultat": "non"}).content.decode()
    assert "1 chemin tres loin" in only_no and "12 rue pres du reseau" not in only_no
    assert f"{reverse('chaleur:pro_bulk_geojson', args=[bulk.pk])}?resultat=non" in only_no
    points = client.get(reverse("chaleur:pro_bulk_geojson", args=[bulk.pk]), {"resultat": "non"}).json()
    assert [f["properties"]["address"] for f in points["features"]] == ["1 chemin tres loin grenoble"]
    assert (
        client.get(reverse("chaleur:pro_bulk_geojson", args=[bulk.pk])).json()["features"][0]["geometry"]["type"]
        == "Point"
    )
    # The legend explains each eligibility type; the header is frozen and filtered.
    client.post(reverse("chaleur:pro_bulk_rename", args=[bulk.pk]), {"name": "  Parc   2026 "})
    bulk.refresh_from_db()
    assert bulk.original_name == "Parc 2026"
    assert "Parc 2026" in client.get(reverse("chaleur:pro_bulk")).content.decode()
    assert (
        "Donnez un nom"
        in client.post(reverse("chaleur:pro_bulk_rename", args=[bulk.pk]), {"name": " "}, follow=True).content.decode()
    )
    xlsx = client.get(reverse("chaleur:pro_bulk_xlsx", args=[bulk.pk]))
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert workbook["Résultats"].freeze_panes == "A2" and workbook["Résultats"].auto_filter.ref
    legend = {row[0]: row[1] for row in workbook["Légende"].values if row and row[0]}
    assert legend["Aucun réseau à proximité"] == "Aucun réseau connu à moins de 1 000 m."
    assert all(legend[label] for label in ("Réseau existant très proche", "Dans la zone d’un réseau en construction"))
    # Someone else's test: neither its map nor its name.
    other = UserFactory(email="autre@etudes.example")
    MembershipFactory(user=other, role=Role.PROFESSIONNEL)
    client.force_login(other)
    assert client.get(reverse("chaleur:pro_bulk_geojson", args=[bulk.pk])).status_code == 403
    assert client.post(reverse("chaleur:pro_bulk_rename", args=[bulk.pk]), {"name": "x"}).status_code == 403
