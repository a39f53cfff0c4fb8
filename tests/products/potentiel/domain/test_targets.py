from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.potentiel.domain import targets as t
from transition.products.potentiel.domain.referential import load_referential

PPE = {
    "source": {"texte": "Décret n° 2020-456 du 21 avril 2020, article 3", "url": "https://www.legifrance.gouv.fr/x"},
    "unite": "GW",
    "objectifs": [
        {
            "technologie": "pv",
            "libelle": "PV",
            "echeances": [{"annee": 2023, "min": 20.1, "max": 20.1}, {"annee": 2028, "min": 35.1, "max": 44.0}],
        },
        {
            "technologie": "eolien",
            "libelle": "Éolien",
            "echeances": [{"annee": 2023, "min": 24.1, "max": 24.1}, {"annee": 2028, "min": 33.2, "max": 34.7}],
        },
        {"technologie": "hydraulique", "libelle": "Hydro", "echeances": [{"annee": 2028, "min": 26.4, "max": 26.7}]},
    ],
}


def _targets():
    return t.parse_targets(PPE)


def test_parse_targets():
    targets = _targets()
    assert "2020-456" in targets.source
    by_key = {(x.technology, x.year): (x.low_gw, x.high_gw) for x in targets.targets}
    assert by_key[("pv", 2023)] == (Decimal("20.1"), Decimal("20.1"))
    assert by_key[("pv", 2028)] == (Decimal("35.1"), Decimal("44.0"))
    assert by_key[("eolien", 2028)] == (Decimal("33.2"), Decimal("34.7"))
    assert by_key[("hydraulique", 2028)] == (Decimal("26.4"), Decimal("26.7"))


def test_the_referential_carries_the_ppe_figures_and_their_source():
    targets = t.parse_targets(load_referential()["objectifs_ppe"])
    assert "2020-456" in targets.source and targets.source_url.startswith("https://www.legifrance.gouv.fr/")
    by_key = {(x.technology, x.year): (x.low_gw, x.high_gw) for x in targets.targets}
    assert by_key == {
        ("pv", 2023): (Decimal("20.1"), Decimal("20.1")),
        ("pv", 2028): (Decimal("35.1"), Decimal("44.0")),
        ("eolien", 2023): (Decimal("24.1"), Decimal("24.1")),
        ("eolien", 2028): (Decimal("33.2"), Decimal("34.7")),
        ("hydraulique", 2023): (Decimal("25.7"), Decimal("25.7")),
        ("hydraulique", 2028): (Decimal("26.4"), Decimal("26.7")),
    }


@pytest.mark.parametrize(
    "change, message",
    [
        ({"source": {"texte": "", "url": "x"}}, "source"),
        ({"unite": "MW"}, "unité"),
        ({"objectifs": []}, "aucun"),
        ({"objectifs": [{"technologie": "charbon", "libelle": "x", "echeances": []}]}, "inconnue"),
        (
            {"objectifs": [{"technologie": "pv", "libelle": "x", "echeances": [{"annee": 2028, "min": 5, "max": 4}]}]},
            "fourchette",
        ),
        (
            {"objectifs": [{"technologie": "pv", "libelle": "x", "echeances": [{"annee": 2028, "min": 0, "max": 4}]}]},
            "fourchette",
        ),
    ],
)
def test_a_broken_targets_file_is_refused(change, message):
    with pytest.raises(t.TargetsError, match=message):
        t.parse_targets(PPE | change)


@pytest.mark.parametrize(
    "ao, declared, expected",
    [
        ("pv", None, "pv"),
        ("pv", "eolien", "pv"),  # the appel d'offres decides when it has one technology
        ("eolien", "", "eolien"),
        ("multiples", "hydraulique", "hydraulique"),
        ("multiples", "N/A", "inconnue"),
        ("multiples", None, "inconnue"),
    ],
)
def test_project_technology(ao, declared, expected):
    assert t.project_technology(ao, declared) == expected


@pytest.mark.parametrize(
    "statut, laureat, stage",
    [
        ("classé", None, None),
        ("éliminé", None, None),
        ("lauréat", "actif", t.PLANNED),
        ("lauréat", "achevé", t.INSTALLED),
        ("lauréat", "abandonné", None),
    ],
)
def test_project_stage(statut, laureat, stage):
    assert t.project_stage(statut, laureat) == stage


def test_progress_by_technology_adds_installed_and_planned_against_the_low_option():
    projects = [
        t.ProjectPower("pv", "Occitanie", Decimal("100"), t.INSTALLED),
        t.ProjectPower("pv", "Bretagne", Decimal("251"), t.PLANNED),
        t.ProjectPower("pv", "Bretagne", Decimal("999"), None),  # abandoned: not counted
        t.ProjectPower("eolien", "Bretagne", Decimal("24.1"), t.INSTALLED),
    ]
    rows = {r.technology: r for r in t.progress_by_technology(projects, _targets())}
    pv = rows["pv"]
    assert (pv.installed_mw, pv.planned_mw, pv.total_mw) == (100, 251, 351)
    target_2028 = pv.targets[-1]
    assert target_2028.year == 2028
    assert pv.share_pct(target_2028, planned=False) == Decimal("0.28")  # 100 MW of 35,100
    assert pv.share_pct(target_2028, planned=True) == Decimal("1.00")
    assert rows["eolien"].share_pct(rows["eolien"].targets[0], planned=False) == Decimal("0.10")
    assert rows["hydraulique"].total_mw == 0  # a technology with a target shows even without projects
    assert "inconnue" not in rows


def test_power_by_region():
    projects = [
        t.ProjectPower("pv", "Occitanie", Decimal("1"), t.INSTALLED),
        t.ProjectPower("pv", "Occitanie", Decimal("2"), t.PLANNED),
        t.ProjectPower("pv", "Occitanie", Decimal("3"), t.PLANNED, projects=3),  # an aggregate of three
        t.ProjectPower("eolien", "Bretagne", Decimal("3"), t.PLANNED, projects=1),
        t.ProjectPower("pv", "", Decimal("4"), t.PLANNED),
        t.ProjectPower("pv", "Bretagne", Decimal("5"), None),
    ]
    assert t.power_by_region(projects) == [
        t.RegionRow("Bretagne", "eolien", Decimal(0), Decimal(3), 1),
        t.RegionRow("Occitanie", "pv", Decimal(1), Decimal(5), 5),
        t.RegionRow("Région non renseignée", "pv", Decimal(0), Decimal(4), 1),
    ]


def test_projects_by_status_counts_every_status_and_refuses_an_unknown_one():
    rows = dict(t.projects_by_status([("lauréat", "actif", 1), ("lauréat", "actif", 1), ("éliminé", None, 1)]))
    assert rows["Lauréat en cours"] == 2 and rows["Éliminé"] == 1 and rows["Lauréat achevé"] == 0
    with pytest.raises(t.TargetsError):
        t.projects_by_status([("lauréat", "perdu", 1)])


def test_completion_delay():
    delay = t.completion_delay(
        [
            (date(2022, 1, 1), date(2023, 1, 1)),
            (date(2022, 1, 1), date(2024, 1, 1)),
            (date(2022, 1, 1), date(2022, 3, 1)),
        ]
    )
    assert (delay.projects, delay.median_days, delay.shortest_days, delay.longest_days) == (3, 365, 59, 730)
    assert delay.median_months == Decimal("12.0")
    assert t.completion_delay([]) == t.CompletionDelay(0, None, None, None)
    with pytest.raises(t.TargetsError, match="avant la notification"):
        t.completion_delay([(date(2022, 1, 2), date(2022, 1, 1))])


@given(st.lists(st.tuples(st.dates(max_value=date(2090, 1, 1)), st.integers(0, 4000)), min_size=1))
def test_completion_delay_median_lies_between_the_extremes(rows):
    delay = t.completion_delay([(d, d + timedelta(days=n)) for d, n in rows])
    assert delay.shortest_days <= delay.median_days <= delay.longest_days
    assert delay.projects == len(rows)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["pv", "eolien", "hydraulique", "inconnue"]),
            st.decimals(min_value=0, max_value=10_000, places=3),
            st.sampled_from([t.INSTALLED, t.PLANNED, None]),
        )
    )
)
def test_region_and_technology_totals_agree(rows):
    projects = [t.ProjectPower(tech, "R", mw, stage) for tech, mw, stage in rows]
    by_tech = sum((r.total_mw for r in t.progress_by_technology(projects, _targets())), Decimal(0))
    by_region = sum((r.installed_mw + r.planned_mw for r in t.power_by_region(projects)), Decimal(0))
    assert by_tech == by_region == sum((mw for _, mw, stage in rows if stage), Decimal(0))
