"""Impact indicators of Friches, shown on /stats/friches/: authorities supported, projects active,
steps crossed, sites reconverted, hectares."""

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Sum

from transition.platform.impact.registry import Indicator, day_end, register_indicator

from .enums import SiteStatus
from .models import Project, ProjectStep, Site

PRODUCT = "friches"
ACTIVE_WINDOW_DAYS = 91  # three months


def _projects(day: date):
    return Project.objects.filter(created_at__lt=day_end(day))


def authorities_supported(day: date) -> int:
    return _projects(day).values("organisation").distinct().count()


def projects_active(day: date) -> int:
    end = day_end(day)
    return (
        ProjectStep.objects.filter(crossed_at__lt=end, crossed_at__gte=end - timedelta(days=ACTIVE_WINDOW_DAYS))
        .values("project")
        .distinct()
        .count()
    )


def steps_crossed(day: date) -> int:
    return ProjectStep.objects.filter(crossed_at__lt=day_end(day)).count()


def _supported_sites(day: date):
    return Site.objects.filter(projects__created_at__lt=day_end(day)).distinct()


def sites_reconverted(day: date) -> int:
    return _supported_sites(day).filter(status=SiteStatus.RECONVERTIE).count()


def _hectares(qs) -> Decimal:
    total = qs.aggregate(m2=Sum("surface_m2"))["m2"] or 0
    return (Decimal(total) / 10000).quantize(Decimal("0.1"))


def hectares_supported(day: date) -> Decimal:
    return _hectares(Site.objects.filter(pk__in=_supported_sites(day).values("pk")))


def hectares_reconverted(day: date) -> Decimal:
    return _hectares(
        Site.objects.filter(pk__in=_supported_sites(day).filter(status=SiteStatus.RECONVERTIE).values("pk"))
    )


def registry_sites(day: date) -> int:
    return Site.objects.filter(created_at__lt=day_end(day)).count()


def register() -> None:
    for indicator in (
        Indicator(
            PRODUCT,
            "collectivites_accompagnees",
            "Collectivités accompagnées",
            "Collectivités et porteurs de projet ayant ouvert au moins un projet de reconversion dans Friches.",
            "collectivités",
            authorities_supported,
            counts_as_request=False,
        ),
        Indicator(
            PRODUCT,
            "projets_actifs",
            "Projets actifs",
            "Projets dont une étape a été franchie dans les trois derniers mois (toutes ses actions closes, "
            "une au moins faite).",
            "projets",
            projects_active,
        ),
        Indicator(
            PRODUCT,
            "etapes_franchies",
            "Étapes franchies",
            "Étapes du parcours (repérer, connaître le site, envisager son devenir, consolider le projet, "
            "engager les travaux) franchies par les projets.",
            "étapes",
            steps_crossed,
        ),
        Indicator(
            PRODUCT,
            "sites_reconvertis",
            "Friches reconverties",
            "Sites accompagnés dans Friches dont la reconversion est achevée (statut « friche reconvertie »).",
            "sites",
            sites_reconverted,
        ),
        Indicator(
            PRODUCT,
            "hectares_accompagnes",
            "Hectares accompagnés",
            "Surface des sites ayant un projet dans Friches : autant d’espaces naturels, agricoles ou forestiers "
            "que ces projets n’ont pas à consommer.",
            "ha",
            hectares_supported,
        ),
        Indicator(
            PRODUCT,
            "hectares_reconvertis",
            "Hectares reconvertis",
            "Surface des sites accompagnés dont la reconversion est achevée.",
            "ha",
            hectares_reconverted,
        ),
        Indicator(
            PRODUCT,
            "sites_registre",
            "Sites au registre",
            "Sites du registre des friches (imports au standard CNIG et sites déclarés par les collectivités).",
            "sites",
            registry_sites,
            headline=False,
        ),
    ):
        register_indicator(indicator)
