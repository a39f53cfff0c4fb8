import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.platform.accounts.factories import UserFactory
from transition.products.chaleur.demo.network_pages import load_network_pages
from transition.products.chaleur.demo.networks import load_networks
from transition.products.chaleur.models import Network
from transition.products.chaleur.selectors.eligibility_index import eligibility_for_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    """A staff member signed in with password and TOTP (the session carries the verified device)."""
    user = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def test_staff_closes_a_network_and_eligibility_follows(staff_client, settings):
    load_networks()
    network = Network.objects.get(national_id="4901C")
    assert eligibility_for_point(-0.5938, 47.4786, "49007").type == "dans_pdp_reseau_existant"
    prefix = f"/{settings.ADMIN_URL}chaleur/network/"
    assert staff_client.get(prefix).status_code == 200
    page = staff_client.get(f"{prefix}{network.pk}/change/")
    assert page.status_code == 200 and "Réseau de chaleur de Belle-Beille" in page.content.decode()
    answer = staff_client.post(f"{prefix}{network.pk}/change/", {"open_to_connections": ""})
    assert answer.status_code == 302
    network.refresh_from_db()
    assert network.open_to_connections is False and network.name == "Réseau de chaleur de Belle-Beille"
    assert eligibility_for_point(-0.5938, 47.4786, "49007").type != "dans_pdp_reseau_existant"


def test_issue_15_admin_pages_open(staff_client, settings):
    load_networks()
    load_network_pages()
    for model in ("embedpartner", "networkcontact", "networkfile", "networkcorrection"):
        assert staff_client.get(f"/{settings.ADMIN_URL}chaleur/{model}/").status_code == 200, model
    answer = staff_client.post(
        f"/{settings.ADMIN_URL}chaleur/embedpartner/add/",
        {"name": "Ville", "slug": "ville", "origins": '["https://ville.fr/chemin"]', "active": "on"},
    )
    assert answer.status_code == 200 and "chemin" in answer.content.decode()
