import datetime as dt

import pytest

from tests.platform.accounts.factories import OrganisationFactory, UserFactory
from tests.products.potentiel.factories import cre_csv, cre_row
from transition.platform.accounts.models import Membership
from transition.products.potentiel.models import Dreal, Periode
from transition.products.potentiel.services.candidatures import import_candidatures

NOTIFICATION_DATE = dt.date(2025, 1, 10)


def member(email: str, role: str, organisation=None):
    user = UserFactory(email=email)
    organisation = organisation or OrganisationFactory()
    Membership.objects.create(user=user, organisation=organisation, product="potentiel", role=role)
    return user


@pytest.fixture
def validateur(db):
    return member("valerie.validatrice@developpement-durable.gouv.fr", "dgec-validateur")


@pytest.fixture
def dgec(db):
    return member("denis.dgec@developpement-durable.gouv.fr", "dgec")


@pytest.fixture
def dreal_paca(db):
    organisation = OrganisationFactory(name="DREAL Provence-Alpes-Côte d’Azur")
    Dreal.objects.create(organisation=organisation, region="93")
    return member("agent@dreal-paca.gouv.fr", "dreal", organisation)


@pytest.fixture
def dreal_bretagne(db):
    organisation = OrganisationFactory(name="DREAL Bretagne")
    Dreal.objects.create(organisation=organisation, region="53")
    return member("agent@dreal-bretagne.gouv.fr", "dreal", organisation)


@pytest.fixture
def porteur(db):
    return UserFactory(email="porteur@example.org")


@pytest.fixture
def periode(db):
    """PPE2 - Bâtiment, période 1, imported: two classés (Marseille, Rennes), one éliminé."""
    rows = [
        cre_row(numéroCRE="1", nomProjet="Toitures du Prado"),
        cre_row(
            numéroCRE="2",
            nomProjet="Hangar de Rennes",
            codePostal="35000",
            commune="Rennes",
            emailContact="autre@example.org",
        ),
        cre_row(
            numéroCRE="3",
            nomProjet="Serres du Var",
            statut="Éliminé",
            motifÉlimination="Offre au-dessus du prix plafond",
            volumeRéservé="",
            codePostal="83000",
            commune="Toulon",
            emailContact="elimine@example.org",
        ),
    ]
    report = import_candidatures(cre_csv(rows), filename="cre.csv")
    assert report.ok, report.lines()
    return Periode.objects.get(appel_offres_id="PPE2 - Bâtiment", identifiant="1")
