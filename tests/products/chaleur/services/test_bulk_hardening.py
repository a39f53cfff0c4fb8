"""Issue 9, finding 9: server errors found in the bulk test of addresses."""

import threading

import pytest
from django.core.files.base import ContentFile
from django.db import connections
from django.test import Client
from django.urls import reverse

from transition.platform.jobs.models import Job
from transition.products.chaleur.domain.bulk_columns import MAX_COLUMNS_SHOWN
from transition.products.chaleur.models import BulkTest

from ..factories import fake_geocoder_fixture, network_fixture, pro_fixture  # noqa: F401
from .test_bulk_tests import upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|", ""])
def test_a_line_over_131072_characters_then_a_delimiter_gets_a_french_error(client, pro, delimiter):
    """The file reads at upload (one address per line); read again with a delimiter, the long
    line was a 500 on the mapping page."""
    client.force_login(pro)
    lines = ["adresse", "12 rue du port grenoble", "3 place proche grenoble", *["1 rue x"] * 6, "x" * 140_000]
    upload(client, "\n".join(lines).encode())
    bulk = BulkTest.objects.get()
    url = reverse("chaleur:pro_bulk_mapping", args=[bulk.pk])
    response = client.get(url, {"delimiter": delimiter, "has_header": "on"})
    assert response.status_code == 200
    response = client.post(
        url, {"delimiter": delimiter, "has_header": "on", "mode": "adresse", "address_columns": ["0"]}
    )
    assert response.status_code == 200
    assert "Ligne 10 : une cellule dépasse 131\u00a0072 caractères" in response.content.decode()
    assert not Job.objects.exists()


def test_the_long_line_among_the_first_lines_is_named_on_the_mapping_page(client, pro):
    client.force_login(pro)
    upload(client, b"adresse\n12 rue du port grenoble\n")
    bulk = BulkTest.objects.get()
    bulk.file.save("a.csv", ContentFile(("adresse;ville\n" + "x" * 140_000 + ";grenoble\n").encode()), save=True)
    response = client.get(reverse("chaleur:pro_bulk_mapping", args=[bulk.pk]), {"delimiter": ";", "has_header": "on"})
    assert response.status_code == 200
    assert "Ligne 2 : une cellule dépasse" in response.content.decode()


def test_a_file_of_100000_columns_shows_a_capped_page_and_says_so(client, pro):
    client.force_login(pro)
    content = (";".join(f"c{i}" for i in range(100_000)) + "\n" + ";".join("1" for _ in range(100_000)) + "\n").encode()
    upload(client, content)
    bulk = BulkTest.objects.get()
    response = client.get(reverse("chaleur:pro_bulk_mapping", args=[bulk.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert len(page) < 2_000_000
    assert f"Seules les {MAX_COLUMNS_SHOWN} premières colonnes sont affichées" in page
    assert "100\u00a0000 colonnes" in page


@pytest.mark.django_db(transaction=True)
def test_starting_the_same_test_eight_times_at_once_queues_one_job(pro, network, fake_geocoder, settings):
    settings.HUEY = {**settings.HUEY, "immediate": False}  # the jobs wait: only the queueing is under test
    client = Client()
    client.force_login(pro)
    upload(client, b"adresse;ville\n12 rue pres du reseau;grenoble\n")
    bulk = BulkTest.objects.get()
    url = reverse("chaleur:pro_bulk_mapping", args=[bulk.pk])
    barrier = threading.Barrier(8)
    statuses, errors = [], []

    def start():
        try:
            own = Client()
            own.force_login(pro)
            barrier.wait()
            response = own.post(
                url, {"delimiter": ";", "has_header": "on", "mode": "adresse", "address_columns": ["0"]}
            )
            statuses.append(response.status_code)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and 500 not in statuses
    assert Job.objects.count() == 1
