import factory

from transition.platform.accounts.enums import OrganisationKind
from transition.platform.accounts.models import Membership, Organisation, User


def _siret(n: int) -> str:
    """A valid SIRET (Luhn on SIREN and SIRET) built from a sequence number."""
    from transition.platform.accounts.domain.siret import is_valid_siren, is_valid_siret

    base = f"{(n * 7919) % 10**8:08d}"
    siren = next(base + str(d) for d in range(10) if is_valid_siren(base + str(d)))
    nic = f"{n % 10**4:04d}"
    return next(siren + nic + str(d) for d in range(10) if is_valid_siret(siren + nic + str(d)))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.fr")
    given_name = factory.Faker("first_name", locale="fr_FR")
    family_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(None)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    siret = factory.Sequence(lambda n: _siret(n + 1))
    siren = factory.LazyAttribute(lambda o: o.siret[:9] if o.siret else "")
    kind = OrganisationKind.COLLECTIVITE


class MembershipFactory(factory.django.DjangoModelFactory):
    """The role must be registered for the product (roles.register_roles) to pass clean()."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    product = "chaleur"
    role = "gestionnaire"
