"""Named people for the tests, so that permission tests read like sentences:

    def test_a_stranger_cannot_see_the_demand(client, alice, bob): ...

- alice: a citizen, signed in with FranceConnect or a link, no organisation;
- bob: an agent of an organisation (no product role: each product's factories add its own);
- charlie: a member of the team (is_staff) who has enrolled a second factor;
- dave: a member of the team who has *not* verified a second factor in this session.

`login(client, user, verified=...)` signs a Django test client in; `verified=True` marks the
session as verified with the second factor (what the admin's TOTP step does), which staff
powers require (`has_staff_power`).
"""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.platform.accounts.factories import OrganisationFactory, UserFactory


def login(client, user, *, verified: bool = False):
    client.force_login(user)
    if verified:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="application d’authentification", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def alice(db):
    return UserFactory(email="alice.martin@example.fr", given_name="Alice", family_name="Martin")


@pytest.fixture
def bob(db):
    organisation = OrganisationFactory(name="Communauté de communes du Causse")
    return UserFactory(email="bob.durand@example.fr", given_name="Bob", family_name="Durand", organisation=organisation)


@pytest.fixture
def charlie(db):
    user = UserFactory(email="charlie.leroy@beta.gouv.fr", given_name="Charlie", family_name="Leroy", is_staff=True)
    TOTPDevice.objects.create(user=user, name="application d’authentification", confirmed=True)
    return user


@pytest.fixture
def dave(db):
    return UserFactory(email="dave.petit@beta.gouv.fr", given_name="Dave", family_name="Petit", is_staff=True)


@pytest.fixture
def staff_client(client, charlie):
    """A client signed in as charlie, second factor verified."""
    return login(client, charlie, verified=True)
