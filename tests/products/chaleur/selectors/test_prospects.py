import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.platform.accounts.factories import MembershipFactory, UserFactory
from transition.products.chaleur.enums import Role

from ..factories import copro_make, network_fixture, operator_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_condominiums_within_200_m_of_the_operator_networks(client, operator):
    copro_make("NEAR1", 5.7200, 45.1885, dwellings_count=48)  # ~55 m
    copro_make("NEAR2", 5.7200, 45.1896, heating_type="individuel", dwellings_count=10)  # ~178 m
    copro_make("FAR1", 5.7200, 45.1910)  # ~334 m
    client.force_login(operator.user)
    body = client.get(reverse("chaleur:pro_prospects")).content.decode()
    assert "NEAR1" in body and "NEAR2" in body and "FAR1" not in body
    body = client.get(reverse("chaleur:pro_prospects"), {"chauffage": "collectif"}).content.decode()
    assert "NEAR1" in body and "NEAR2" not in body
    body = client.get(reverse("chaleur:pro_prospects"), {"logements_min": "20"}).content.decode()
    assert "NEAR1" in body and "NEAR2" not in body
    sheet = load_workbook(io.BytesIO(client.get(reverse("chaleur:pro_prospects_export")).content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Numéro d’immatriculation"
    assert [r[0] for r in rows[1:]] == ["NEAR1", "NEAR2"]
    assert 50 <= rows[1][-1] <= 60  # metres, rounded


def test_prospects_are_for_operators_only(client, network):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.COLLECTIVITE)
    client.force_login(user)
    assert client.get(reverse("chaleur:pro_prospects")).status_code == 403
