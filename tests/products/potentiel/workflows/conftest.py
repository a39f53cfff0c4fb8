"""People and projects for the workflow tests: a notified lauréat of PPE2 - Bâtiment période 1 in
Provence-Alpes-Côte d'Azur (93), its holder, the DREAL of the région, another DREAL, the DGEC, a
grid operator's agent."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.platform.accounts.factories import OrganisationFactory, UserFactory
from transition.platform.accounts.models import Membership
from transition.products.potentiel.enums import AccessVia, Role, Statut, StatutCandidature, StatutLaureat
from transition.products.potentiel.models import Dreal, GestionnaireReseau, Periode, Projet, ProjetAccess

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def pdf(name: str = "piece.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


_counter = iter(range(1, 10**6))


def projet_create(
    *,
    ao: str = "PPE2 - Bâtiment",
    periode: str = "1",
    famille: str = "",
    statut: str = Statut.LAUREAT,
    region: str = "93",
    notified: dt.date = dt.date(2024, 1, 15),
    planned: dt.date | None = dt.date(2026, 1, 14),
    puissance: str = "1.5",
    **fields,
) -> Projet:
    number = next(_counter)
    periode_obj = Periode.objects.get(appel_offres_id=ao, identifiant=periode)
    return Projet.objects.create(
        identifiant=f"{ao}#{periode}#{famille}#{number}",
        appel_offres_id=ao,
        periode=periode_obj,
        famille=famille,
        numero_cre=str(number),
        nom_projet=fields.pop("nom_projet", "Du boulodrome de Marseille"),
        nom_candidat=fields.pop("nom_candidat", "Soleil du Midi SAS"),
        nom_representant_legal=fields.pop("nom_representant_legal", "Valentin Cognito"),
        email_contact="porteur@example.org",
        code_postal="13008",
        commune="Marseille",
        region=region,
        puissance_candidature=Decimal(puissance),
        prix_reference=Decimal("85.3"),
        note_totale=Decimal("42"),
        technologie=fields.pop("technologie", "pv"),
        statut_candidature=StatutCandidature.CLASSE if statut == Statut.LAUREAT else StatutCandidature.ELIMINE,
        statut=statut,
        statut_laureat=StatutLaureat.ACTIF if statut == Statut.LAUREAT else "",
        puissance=Decimal(fields.pop("puissance_actuelle", puissance)),
        date_notification=notified,
        date_achevement_previsionnelle=planned if statut == Statut.LAUREAT else None,
        **fields,
    )


def agent(email: str, role: str, *, region: str | None = None, organisation=None):
    user = UserFactory(email=email)
    organisation = organisation or OrganisationFactory(name=f"Organisation de {email}")
    Membership.objects.create(user=user, organisation=organisation, product="potentiel", role=role)
    if region:
        Dreal.objects.get_or_create(organisation=organisation, defaults={"region": region})
    return user


@pytest.fixture
def projet(db):
    return projet_create()


@pytest.fixture
def porteur(db, projet):
    user = UserFactory(email="porteur@example.org")
    Membership.objects.create(
        user=user, organisation=OrganisationFactory(name="Soleil du Midi"), product="potentiel", role=Role.PORTEUR
    )
    ProjetAccess.objects.create(projet=projet, user=user, via=AccessVia.CLAIM)
    return user


@pytest.fixture
def dreal(db):
    return agent("agent@dreal-paca.gouv.fr", Role.DREAL, region="93")


@pytest.fixture
def other_dreal(db):
    return agent("agent@dreal-bretagne.gouv.fr", Role.DREAL, region="53")


@pytest.fixture
def dgec(db):
    return agent("agent@dgec.gouv.fr", Role.DGEC)


@pytest.fixture
def enedis(db):
    organisation = OrganisationFactory(name="Enedis")
    operator = GestionnaireReseau.objects.get(raison_sociale="Enedis")
    operator.organisation = organisation
    operator.save()
    return operator


@pytest.fixture
def grd(db, enedis):
    return agent("agent@enedis.fr", Role.GRD, organisation=enedis.organisation)
