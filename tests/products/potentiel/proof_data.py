"""Projects written straight into the database for the tests of statistics, exports and
indicators (the import and notification services have their own tests)."""

import datetime as dt
from decimal import Decimal
from itertools import count

from tests.platform.accounts.factories import OrganisationFactory, UserFactory
from transition.platform.accounts.models import Membership
from transition.products.potentiel.enums import Statut, StatutCandidature, StatutLaureat
from transition.products.potentiel.models import Dreal, Periode, Projet

_numbers = count(1)


def make_projet(
    *,
    ao="PPE2 - Sol",
    periode="1",
    statut=Statut.LAUREAT,
    statut_laureat=StatutLaureat.ACTIF,
    puissance="10",
    region="76",
    technologie="pv",
    notified=dt.date(2022, 3, 1),
    completed=None,
    nom=None,
    **fields,
) -> Projet:
    number = str(next(_numbers))
    p = Periode.objects.get(appel_offres_id=ao, identifiant=periode)
    return Projet.objects.create(
        identifiant=f"{ao}#{periode}##{number}",
        appel_offres_id=ao,
        periode=p,
        numero_cre=number,
        nom_projet=nom or f"Centrale {number}",
        nom_candidat="Soleil SAS",
        nom_representant_legal="Camille Durand",
        email_contact=f"contact{number}@example.fr",
        code_postal="31000",
        commune="Toulouse",
        departement="31",
        region=region,
        puissance_candidature=Decimal(puissance),
        prix_reference=Decimal("80"),
        note_totale=Decimal("50"),
        technologie=technologie,
        statut_candidature=StatutCandidature.ELIMINE if statut == Statut.ELIMINE else StatutCandidature.CLASSE,
        statut=statut,
        statut_laureat=statut_laureat if statut == Statut.LAUREAT else "",
        puissance=Decimal(puissance),
        date_notification=notified if statut != Statut.CLASSE else None,
        date_achevement_reelle=completed,
        **fields,
    )


def agent(role: str, *, email: str, region: str | None = None, organisation_name: str | None = None):
    """A person holding `role` in Potentiel, in an organisation (a DREAL tied to `region`)."""
    organisation = OrganisationFactory(name=organisation_name or f"{role} {email}")
    user = UserFactory(email=email, organisation=organisation)
    Membership.objects.create(user=user, organisation=organisation, product="potentiel", role=role)
    if region:
        Dreal.objects.create(organisation=organisation, region=region)
    return user
