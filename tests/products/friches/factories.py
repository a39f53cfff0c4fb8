"""Factories of Friches: sites, projects, advisors, the questionnaire and referentials."""

import factory
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from tests.platform.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from transition.products.friches.models import (
    ActionTemplate,
    Advisor,
    Choice,
    Contact,
    FundingScheme,
    Project,
    Question,
    QuestionSet,
    Resource,
    Site,
)


def square(lon: float, lat: float, size: float = 0.002) -> MultiPolygon:
    return MultiPolygon(
        Polygon(((lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat))), srid=4326
    )


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    site_id = factory.Sequence(lambda n: f"08105_F{n}")
    name = factory.Sequence(lambda n: f"Ancienne usine n° {n}")
    site_type = "friche industrielle"
    commune_insee = "08105"
    commune_name = "Charleville-Mézières"
    departement = "08"
    region = "44"
    point = factory.LazyFunction(lambda: Point(4.72, 49.77, srid=4326))
    outline = factory.LazyFunction(lambda: square(4.719, 49.769))
    surface_m2 = 30000
    status = "friche sans projet"


def porteur(organisation=None, **kwargs):
    organisation = organisation or OrganisationFactory(name="Ville de Charleville-Mézières")
    user = UserFactory(organisation=organisation, **kwargs)
    MembershipFactory(user=user, organisation=organisation, product="friches", role="porteur")
    return user


def advisor(departements=("08",), regions=(), **kwargs):
    organisation = OrganisationFactory(name="DDT des Ardennes")
    user = UserFactory(organisation=organisation, **kwargs)
    MembershipFactory(user=user, organisation=organisation, product="friches", role="conseiller")
    Advisor.objects.create(user=user, organisation=organisation, departements=list(departements), regions=list(regions))
    return user


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    site = factory.SubFactory(SiteFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Projet {n}")


def question(
    text_short: str,
    choices: list[tuple[str, str]],
    *,
    precondition="",
    multiple=False,
    set_priority=100,
    priority=0,
    upload="",
):
    question_set, _ = QuestionSet.objects.get_or_create(
        heading=f"Thème {set_priority}", defaults={"priority": set_priority}
    )
    q = Question.objects.create(
        question_set=question_set,
        text=f"{text_short} ?",
        text_short=text_short,
        precondition=precondition,
        is_multiple=multiple,
        priority=priority,
        upload_title=upload,
    )
    for value, signals in choices:
        Choice.objects.create(question=q, value=value, text=value.capitalize(), signals=signals)
    return q


def template(step: str, title: str, conditions: str = "", **kwargs) -> ActionTemplate:
    return ActionTemplate.objects.create(step=step, title=title, conditions=conditions, **kwargs)


def resource(title: str, **kwargs) -> Resource:
    return Resource.objects.create(title=title, **kwargs)


def contact(name: str, **kwargs) -> Contact:
    kwargs.setdefault("kind", "ddt")
    return Contact.objects.create(organisation_name=name, **kwargs)


def funding(name: str, **kwargs) -> FundingScheme:
    kwargs.setdefault("funder", "État")
    kwargs.setdefault("covers", "Études et travaux")
    return FundingScheme.objects.create(name=name, **kwargs)
