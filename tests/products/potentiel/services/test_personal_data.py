import pytest

from tests.platform.accounts.factories import UserFactory
from transition.products.potentiel.enums import AccessVia
from transition.products.potentiel.models import Invitation, Projet, ProjetAccess
from transition.products.potentiel.services.access import access_grant, invitation_create
from transition.products.potentiel.services.personal_data import personal_data_erase, personal_data_export

pytestmark = pytest.mark.django_db


def test_export_then_erase(periode):
    user = UserFactory(email="titulaire@example.org")
    projet = Projet.objects.get(numero_cre="1")
    access_grant(projet=projet, user=user, via=AccessVia.ADMIN)
    invitation_create(projet=projet, email="collegue@example.org", by=user)
    data = personal_data_export(user)
    assert data["projets"][0]["identifiant"] == "PPE2 - Bâtiment#1##1"
    assert data["invitations_envoyees"][0]["a"] == "collegue@example.org"
    personal_data_erase(user)
    assert not ProjetAccess.objects.filter(user=user).exists()
    assert not Invitation.objects.filter(email="collegue@example.org").exists()
    assert Projet.objects.filter(pk=projet.pk).exists()
