"""Claiming a project (code or contact address), invitations, revoking accesses."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.platform.accounts.factories import UserFactory
from tests.products.potentiel.conftest import NOTIFICATION_DATE
from transition.products.potentiel.models import ProjetAccess
from transition.products.potentiel.services.access import (
    MAX_FAILED_ATTEMPTS,
    accesses_revoke,
    invitation_accept,
    invitation_create,
    projet_claim,
)
from transition.products.potentiel.services.notification import notify_periode

pytestmark = pytest.mark.django_db
IDENT = "PPE2 - Bâtiment#1##2"  # contact autre@example.org


@pytest.fixture
def codes(periode, validateur):
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    return {m.to[0]: re.search(r"Code : (\w+)", m.body).group(1) for m in mail.outbox}


def test_claim_with_the_emailed_code(codes):
    someone = UserFactory(email="associe@example.org")
    projet = projet_claim(user=someone, identifiant=IDENT, code=codes["autre@example.org"].lower())
    assert projet.numero_cre == "2"
    assert ProjetAccess.objects.get(user=someone).via == "réclamation"


def test_the_contact_claims_without_a_code(codes):
    contact = UserFactory(email="Autre@Example.org")
    projet_claim(user=contact, identifiant=IDENT)
    assert ProjetAccess.objects.get(user=contact).via == "contact"


@pytest.mark.parametrize(
    "identifiant",
    [IDENT, "PPE2 - Bâtiment#1##99", "n'importe quoi", ""],
)
def test_a_wrong_code_or_number_says_the_same(codes, identifiant):
    with pytest.raises(ValidationError, match="Ce numéro de projet et ce code ne correspondent pas."):
        projet_claim(user=UserFactory(email="intrus@example.org"), identifiant=identifiant, code="AAAAAAAAAA")
    assert not ProjetAccess.objects.filter(user__email="intrus@example.org").exists()


def test_the_code_locks_after_five_misses(codes):
    intrus = UserFactory(email="intrus@example.org")
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(ValidationError):
            projet_claim(user=intrus, identifiant=IDENT, code="AAAAAAAAAA")
    with pytest.raises(ValidationError, match="Trop d’essais"):
        projet_claim(user=intrus, identifiant=IDENT, code=codes["autre@example.org"])


def test_an_unnotified_project_cannot_be_claimed(periode):
    with pytest.raises(ValidationError):
        projet_claim(user=UserFactory(email="autre@example.org"), identifiant=IDENT)


def test_invitation_round_trip(codes):
    holder = UserFactory(email="autre@example.org")
    projet = projet_claim(user=holder, identifiant=IDENT)
    invitation, token = invitation_create(projet=projet, email="Collegue@Example.org", by=holder)
    with pytest.raises(PermissionDenied):
        invitation_accept(token=token, user=UserFactory(email="quelquun@example.org"))
    colleague = UserFactory(email="collegue@example.org")
    assert invitation_accept(token=token, user=colleague) == projet
    assert ProjetAccess.objects.get(user=colleague).via == "invitation"
    with pytest.raises(ValidationError, match="déjà été acceptée"):
        invitation_accept(token=token, user=colleague)


def test_only_a_holder_invites(codes):
    from transition.products.potentiel.models import Projet

    with pytest.raises(PermissionDenied):
        invitation_create(projet=Projet.objects.get(identifiant=IDENT), email="x@example.org", by=UserFactory())


def test_revoking_accesses(codes):
    holder = UserFactory(email="autre@example.org")
    projet = projet_claim(user=holder, identifiant=IDENT)
    assert accesses_revoke(projet=projet, reason="Changement de producteur") == 1
    assert not ProjetAccess.objects.filter(projet=projet, revoked_at__isnull=True).exists()
    projet_claim(user=holder, identifiant=IDENT)  # a new access may be given afterwards
    assert ProjetAccess.objects.filter(projet=projet, revoked_at__isnull=True).count() == 1
