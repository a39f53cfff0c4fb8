"""What `/potentiel/statistiques` shows: power of the projects by technology and region against
the PPE's targets, projects by status, time from notification to completion.

The database groups (a few hundred rows whatever the number of projects); the rules of
`domain/targets.py` do the rest."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from transition.platform.core.db_router import replica_reads
from transition.platform.geo.domain.referential import REGIONS

from ..domain.referential import load_referential
from ..domain.targets import (
    TECHNOLOGY_LABELS,
    CompletionDelay,
    ProjectPower,
    RegionRow,
    Targets,
    TechnologyProgress,
    completion_delay,
    parse_targets,
    power_by_region,
    progress_by_technology,
    project_stage,
    project_technology,
    projects_by_status,
)
from ..enums import Statut, StatutLaureat
from ..models import AppelOffres, Projet


@dataclass(frozen=True)
class TargetLine:
    """One line of the page's table: a technology at one of its targets' dates."""

    progress: TechnologyProgress
    year: int | None
    low_gw: Decimal | None
    high_gw: Decimal | None
    installed_pct: Decimal | None
    total_pct: Decimal | None
    first: bool  # the first line of its technology
    span: int  # how many lines its technology takes


def _lines(technologies: list[TechnologyProgress]) -> list[TargetLine]:
    lines = []
    for progress in technologies:
        span = max(len(progress.targets), 1)
        if not progress.targets:
            lines.append(TargetLine(progress, None, None, None, None, None, True, 1))
        for i, target in enumerate(progress.targets):
            lines.append(
                TargetLine(
                    progress,
                    target.year,
                    target.low_gw,
                    target.high_gw,
                    progress.share_pct(target, planned=False),
                    progress.share_pct(target, planned=True),
                    i == 0,
                    span,
                )
            )
    return lines


@dataclass(frozen=True)
class Statistics:
    targets: Targets
    technologies: list[TechnologyProgress]
    lines: list[TargetLine]
    regions: list[RegionRow]
    region_lines: list[dict]
    statuses: list[tuple[str, int]]
    delay: CompletionDelay
    projects: int


def _powers() -> list[ProjectPower]:
    ao_technology = dict(AppelOffres.objects.values_list("id", "technologie"))
    rows = (
        Projet.objects.filter(statut=Statut.LAUREAT)
        .values("appel_offres_id", "technologie", "region", "statut", "statut_laureat")
        .annotate(mw=Sum("puissance"), n=Count("id"))
        .order_by()
    )
    return [
        ProjectPower(
            technology=project_technology(ao_technology.get(r["appel_offres_id"], ""), r["technologie"]),
            region=REGIONS.get(r["region"] or "", ""),
            power_mw=Decimal(r["mw"] or 0),
            stage=project_stage(r["statut"], r["statut_laureat"]),
            projects=r["n"],
        )
        for r in rows
    ]


@replica_reads()
def statistics() -> Statistics:
    targets = parse_targets(load_referential()["objectifs_ppe"])
    powers = _powers()
    statuses = Projet.objects.values_list("statut", "statut_laureat").annotate(n=Count("id")).order_by()
    delays = Projet.objects.filter(
        statut=Statut.LAUREAT,
        statut_laureat=StatutLaureat.ACHEVE,
        date_notification__isnull=False,
        date_achevement_reelle__isnull=False,
    ).values_list("date_notification", "date_achevement_reelle")
    by_status = projects_by_status(statuses)
    technologies = progress_by_technology(powers, targets)
    regions = power_by_region(powers)
    return Statistics(
        targets=targets,
        technologies=technologies,
        lines=_lines(technologies),
        regions=regions,
        region_lines=[
            {
                "region": r.region,
                "technology": TECHNOLOGY_LABELS[r.technology],
                "projects": r.projects,
                "installed_mw": r.installed_mw,
                "planned_mw": r.planned_mw,
            }
            for r in regions
        ],
        statuses=by_status,
        delay=completion_delay(delays),
        projects=sum(n for _, n in by_status),
    )
