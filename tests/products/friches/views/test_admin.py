"""Staff edit the guidance's referentials and name advisors in the admin (second factor required)."""

import pytest

from tests.personas import login
from tests.platform.accounts.factories import OrganisationFactory, UserFactory
from tests.products.friches.factories import SiteFactory, resource
from transition.platform.accounts.models import Membership
from transition.products.friches.models import Advisor, FundingScheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, charlie):
    """The team's admin: superuser, signed in with the second factor."""
    charlie.is_superuser = True
    charlie.save(update_fields=["is_superuser"])
    return login(client, charlie, verified=True)


def test_referential_pages_open_for_verified_staff(staff_client):
    resource("Guide de la dépollution")
    SiteFactory()
    for model in (
        "resource",
        "actiontemplate",
        "contact",
        "fundingscheme",
        "questionset",
        "question",
        "advisor",
        "site",
        "project",
        "communestats",
        "siteimport",
    ):
        assert staff_client.get(f"/admin/friches/{model}/").status_code == 200, model
        if model not in ("siteimport",):
            assert staff_client.get(f"/admin/friches/{model}/add/").status_code in (200, 403), model


def test_a_funding_scheme_with_its_area_in_official_codes(staff_client):
    response = staff_client.post(
        "/admin/friches/fundingscheme/add/",
        {
            "name": "Aide régionale",
            "funder": "Région",
            "beneficiaries": '["commune"]',
            "covers": "Études",
            "departements": '["8"]',
            "regions": "[]",
            "priority": "0",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert FundingScheme.objects.get().departements == ["08"]


def test_naming_an_advisor_grants_the_role(staff_client):
    user = UserFactory(email="julien@ddt08.example")
    organisation = OrganisationFactory(name="DDT des Ardennes")
    response = staff_client.post(
        "/admin/friches/advisor/add/",
        {"user": user.pk, "organisation": organisation.pk, "departements": '["08"]', "regions": "[]", "active": "on"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Advisor.objects.get(user=user).departements == ["08"]
    assert Membership.objects.filter(user=user, product="friches", role="conseiller").exists()


def test_staff_without_second_factor_cannot_open_the_admin(client, dave):
    client.force_login(dave)
    assert client.get("/admin/friches/resource/").status_code in (302, 403)
