import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from transition.platform.accounts import permissions, roles, services
from transition.platform.audit.models import Event

from .factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _roles():
    roles.register_roles("essai", {"gestionnaire": "Gestionnaire", "lecteur": "Lecteur"})
    permissions.register_permission(
        "essai.dossier_voir",
        lambda user, dossier: permissions.has_role(user, "essai", "gestionnaire", dossier["organisation"]),
    )


def test_has_role_in_an_organisation():
    alice = UserFactory()
    mairie, autre = OrganisationFactory(), OrganisationFactory()
    MembershipFactory(user=alice, organisation=mairie, product="essai", role="gestionnaire")
    assert permissions.has_role(alice, "essai", "gestionnaire")
    assert permissions.has_role(alice, "essai", "gestionnaire", mairie)
    assert not permissions.has_role(alice, "essai", "gestionnaire", autre)
    assert not permissions.has_role(alice, "essai", "lecteur")
    assert not permissions.has_role(AnonymousUser(), "essai", "gestionnaire")


def test_unknown_role_is_a_programming_error():
    with pytest.raises(ImproperlyConfigured):
        permissions.has_role(UserFactory(), "essai", "roi")


def test_can_and_require_use_the_registered_rule():
    alice, bob = UserFactory(), UserFactory()
    mairie = OrganisationFactory()
    MembershipFactory(user=alice, organisation=mairie, product="essai", role="gestionnaire")
    dossier = {"organisation": mairie}
    assert permissions.can(alice, "essai.dossier_voir", dossier)
    assert not permissions.can(bob, "essai.dossier_voir", dossier)
    permissions.require(alice, "essai.dossier_voir", dossier)
    with pytest.raises(PermissionDenied):
        permissions.require(bob, "essai.dossier_voir", dossier)


def test_inactive_or_anonymous_users_may_do_nothing():
    alice = UserFactory()
    mairie = OrganisationFactory()
    MembershipFactory(user=alice, organisation=mairie, product="essai", role="gestionnaire")
    alice.is_active = False
    assert not permissions.can(alice, "essai.dossier_voir", {"organisation": mairie})
    assert not permissions.can(AnonymousUser(), "essai.dossier_voir", {"organisation": mairie})


def test_unregistered_action_is_a_programming_error():
    with pytest.raises(ImproperlyConfigured):
        permissions.can(UserFactory(), "essai.inconnue")


def test_membership_validation_knows_the_roles():
    membership = MembershipFactory.build(
        user=UserFactory(), organisation=OrganisationFactory(), product="essai", role="roi"
    )
    with pytest.raises(ValidationError):
        membership.full_clean()


def test_role_changes_are_audited():
    admin, alice = UserFactory(is_staff=True), UserFactory()
    mairie = OrganisationFactory()
    membership = services.membership_grant(
        actor=admin, user=alice, organisation=mairie, product="essai", role="lecteur"
    )
    before = {"role": "lecteur"}
    membership.role = "gestionnaire"
    services.membership_update(actor=admin, membership=membership, before=before)
    services.membership_revoke(actor=admin, membership=membership)
    actions = list(Event.objects.filter(product="essai").values_list("action", "actor_id"))
    assert actions == [
        ("accounts.role_grant", admin.pk),
        ("accounts.role_change", admin.pk),
        ("accounts.role_revoke", admin.pk),
    ]
    assert not alice.memberships.exists()
    with pytest.raises(ValueError):
        services.membership_grant(actor=admin, user=alice, organisation=mairie, product="essai", role="roi")
