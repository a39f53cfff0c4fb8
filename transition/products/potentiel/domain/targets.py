"""How far the projects followed in Potentiel take France towards its renewable targets.

Pure rules over plain data: the national targets of the PPE (the referential's `objectifs_ppe`,
with their source), the power of each project by technology and region
split into installed (achevé) and planned (lauréat still active), projects by status, and the
time from notification to completion.

Powers: the appels d'offres count photovoltaic power in MWc and wind and hydro in MW; the PPE
counts photovoltaic in GWc too, so the two add up without conversion (1 GW = 1,000 MW).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

TECHNOLOGY_LABELS = {
    "pv": "Photovoltaïque",
    "eolien": "Éolien terrestre",
    "hydraulique": "Hydroélectricité",
    "inconnue": "Technologie non renseignée",
}
TECHNOLOGY_ORDER = ("pv", "eolien", "hydraulique", "inconnue")
MW_PER_GW = Decimal(1000)
PPE_SCOPE = (
    "France métropolitaine continentale, puissance totale installée (toutes les installations, "
    "pas seulement les lauréats des appels d’offres)"
)

# Stages of a project for the power counts (statut, statutLaureat of the API).
INSTALLED = "installed"
PLANNED = "planned"
STATUS_LABELS = {
    ("classé", ""): "Classé (non notifié)",
    ("éliminé", ""): "Éliminé",
    ("lauréat", "actif"): "Lauréat en cours",
    ("lauréat", "achevé"): "Lauréat achevé",
    ("lauréat", "abandonné"): "Lauréat abandonné",
}


class TargetsError(ValueError):
    """The targets file does not say what it must (a programming or data error, never user input)."""


@dataclass(frozen=True)
class Target:
    technology: str
    label: str
    year: int
    low_gw: Decimal
    high_gw: Decimal


@dataclass(frozen=True)
class Targets:
    source: str
    source_url: str
    targets: tuple[Target, ...]
    scope: str = PPE_SCOPE

    def for_technology(self, technology: str) -> tuple[Target, ...]:
        return tuple(sorted((t for t in self.targets if t.technology == technology), key=lambda t: t.year))


def parse_targets(objectifs_ppe: Mapping) -> Targets:
    """The referential's `objectifs_ppe` as plain data, checked: a source, known technologies,
    every figure positive and the low option never above the high one."""
    source = objectifs_ppe.get("source") or {}
    if not source.get("texte") or not source.get("url"):
        raise TargetsError("objectifs : la source (texte et adresse) manque")
    if objectifs_ppe.get("unite") != "GW":
        raise TargetsError("objectifs : l’unité attendue est le GW")
    targets = []
    for row in objectifs_ppe.get("objectifs") or ():
        technology = row["technologie"]
        if technology not in TECHNOLOGY_LABELS:
            raise TargetsError(f"objectifs : technologie inconnue « {technology} »")
        for due in row["echeances"]:
            low, high = Decimal(str(due["min"])), Decimal(str(due["max"]))
            if low <= 0 or high < low:
                raise TargetsError(f"objectifs : fourchette invalide pour {technology} {due['annee']}")
            targets.append(Target(technology, row["libelle"], int(due["annee"]), low, high))
    if not targets:
        raise TargetsError("objectifs : aucun objectif")
    return Targets(source["texte"], source["url"], tuple(targets))


def project_technology(ao_technology: str, declared: str | None) -> str:
    """The technology of a project: the appel d'offres' own, or, for a multi-technology appel
    d'offres ("multiples"), what the candidate declared; "inconnue" when nothing is known."""
    technology = declared if ao_technology == "multiples" else ao_technology
    return technology if technology in ("pv", "eolien", "hydraulique") else "inconnue"


def project_stage(statut: str, statut_laureat: str | None) -> str | None:
    """Installed once achevé, planned while a lauréat is active; otherwise not counted."""
    if statut != "lauréat":
        return None
    return {"achevé": INSTALLED, "actif": PLANNED}.get(statut_laureat or "")


@dataclass(frozen=True)
class ProjectPower:
    technology: str
    region: str
    power_mw: Decimal
    stage: str | None  # INSTALLED, PLANNED or None (not counted)
    projects: int = 1  # a row may stand for several projects (a database aggregate)


@dataclass(frozen=True)
class TechnologyProgress:
    technology: str
    label: str
    installed_mw: Decimal
    planned_mw: Decimal
    targets: tuple[Target, ...]

    @property
    def total_mw(self) -> Decimal:
        return self.installed_mw + self.planned_mw

    def share_pct(self, target: Target, *, planned: bool) -> Decimal:
        """Share of the target's low option reached by installed (or installed + planned) power."""
        power = self.total_mw if planned else self.installed_mw
        return (power * 100 / (target.low_gw * MW_PER_GW)).quantize(Decimal("0.01"))


def progress_by_technology(projects: Iterable[ProjectPower], targets: Targets) -> list[TechnologyProgress]:
    installed: Counter = Counter()
    planned: Counter = Counter()
    for p in projects:
        if p.stage == INSTALLED:
            installed[p.technology] += p.power_mw
        elif p.stage == PLANNED:
            planned[p.technology] += p.power_mw
    rows = []
    for technology in TECHNOLOGY_ORDER:
        own_targets = targets.for_technology(technology)
        if not own_targets and not installed[technology] and not planned[technology]:
            continue
        rows.append(
            TechnologyProgress(
                technology,
                TECHNOLOGY_LABELS[technology],
                Decimal(installed[technology]),
                Decimal(planned[technology]),
                own_targets,
            )
        )
    return rows


@dataclass(frozen=True)
class RegionRow:
    region: str
    technology: str
    installed_mw: Decimal
    planned_mw: Decimal
    projects: int


def power_by_region(projects: Iterable[ProjectPower]) -> list[RegionRow]:
    """Installed and planned power per region and technology, regions in alphabetical order."""
    sums: dict[tuple[str, str], list] = {}
    for p in projects:
        if p.stage not in (INSTALLED, PLANNED):
            continue
        row = sums.setdefault((p.region or "Région non renseignée", p.technology), [Decimal(0), Decimal(0), 0])
        row[0 if p.stage == INSTALLED else 1] += p.power_mw
        row[2] += p.projects
    order = {t: i for i, t in enumerate(TECHNOLOGY_ORDER)}
    return [
        RegionRow(region, technology, v[0], v[1], v[2])
        for (region, technology), v in sorted(sums.items(), key=lambda kv: (kv[0][0], order[kv[0][1]]))
    ]


def projects_by_status(counts_by_status: Iterable[tuple[str, str | None, int]]) -> list[tuple[str, int]]:
    """(label, count) for each status in a fixed order, zero counts included, from
    (statut, statutLaureat, count) rows."""
    counts: Counter = Counter()
    for statut, statut_laureat, count in counts_by_status:
        counts[(statut, statut_laureat or "")] += count
    unknown = set(counts) - set(STATUS_LABELS)
    if unknown:
        raise TargetsError(f"statut inconnu : {sorted(unknown)}")
    return [(label, counts[key]) for key, label in STATUS_LABELS.items()]


@dataclass(frozen=True)
class CompletionDelay:
    projects: int
    median_days: int | None
    shortest_days: int | None
    longest_days: int | None

    @property
    def median_months(self) -> Decimal | None:
        """Median in months of 30.4375 days (365.25 / 12), to one decimal."""
        if self.median_days is None:
            return None
        return (Decimal(self.median_days) / Decimal("30.4375")).quantize(Decimal("0.1"))


def completion_delay(pairs: Iterable[tuple[date, date]]) -> CompletionDelay:
    """Days from notification to actual completion, over the projects that have both dates.
    A completion dated before the notification is a data error, not a negative delay."""
    days = []
    for notified, completed in pairs:
        if completed < notified:
            raise TargetsError(f"achèvement le {completed} avant la notification du {notified}")
        days.append((completed - notified).days)
    if not days:
        return CompletionDelay(0, None, None, None)
    return CompletionDelay(len(days), round(median(days)), min(days), max(days))
