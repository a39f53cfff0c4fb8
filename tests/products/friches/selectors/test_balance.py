"""The socio-economic balance of a project: defaults from the site and the commune, what is missing,
each figure with its assumption."""

import pytest

from tests.products.friches.factories import ProjectFactory, SiteFactory
from transition.products.friches.domain.socioeconomic.project_impact import ImpactInputs, project_impact
from transition.products.friches.models import Building, CommuneStats
from transition.products.friches.selectors.balance import default_kind, project_balance

pytestmark = pytest.mark.django_db


def test_without_the_communes_figures_the_balance_says_what_is_missing():
    balance = project_balance(ProjectFactory())
    assert balance.impact is None
    assert "la population de la commune" in balance.missing


def test_with_the_communes_figures_every_figure_has_its_assumption():
    CommuneStats.objects.create(
        insee="08105", name="Charleville-Mézières", population=45000, surface_ha=3130, price_eur_m2=1350
    )
    site = SiteFactory(intended_uses=["residentiel"])
    Building.objects.create(site=site, label="Halle", footprint_m2=4000, floor_area_m2=4000)
    project = ProjectFactory(site=site, impact_inputs={"floor_RESIDENTIAL": 9000, "public_green_m2": 6000})
    balance = project_balance(project)
    assert balance.missing == [] and balance.impact is not None
    keys = {f.key for f in balance.impact.figures}
    assert {"land_take", "reinstatement", "friche_costs", "property_value", "transfer_duties", "travel", "co2"} <= keys
    assert all(f.assumption for f in balance.impact.figures)
    assert balance.impact.figure("land_take").value == 3.0
    demolition = dict(balance.impact.figure("reinstatement").details)
    assert demolition["Déconstruction (4\u202f000 m²)".replace("\u202f", " ")] == -300000


@pytest.mark.parametrize(
    ("uses", "kind"),
    [
        (["renaturation"], "renaturation"),
        (["photovoltaique"], "photovoltaique"),
        (["residentiel", "renaturation"], "urbain"),
        ([], "urbain"),
    ],
)
def test_default_kind(uses, kind):
    assert default_kind(uses) == kind


def _inputs(**changes):
    values = {
        "kind": "urbain",
        "site_m2": 20000,
        "city_population": 20000,
        "city_m2": 30_000_000,
        "price_eur_m2": 1500,
        "first_year": 2026,
    }
    values.update(changes)
    return ImpactInputs(**values)


def test_solar_counts_households_jobs_and_co2():
    impact = project_impact(_inputs(kind="photovoltaique", solar_power_kwc=5000, solar_production_mwh=5500))
    assert impact.figure("households").value == round(5500 * 1000 / 4890.6)
    assert impact.figure("solar_jobs").value == 1
    assert impact.figure("co2").value > 0 and len(impact.co2_years) == 30
    assert impact.figure("property_value") is None


def test_renaturation_uses_the_five_rings():
    urban = project_impact(_inputs())
    renatured = project_impact(_inputs(kind="renaturation"))
    assert renatured.figure("property_value").value > urban.figure("property_value").value
    assert len(renatured.figure("property_value").details) == 5
    # The rings' gains add up to more than the discounted total: each line says it is before discounting.
    figure = urban.figure("property_value")
    assert sum(gain for _, gain in figure.details) > figure.value
    assert all("avant étalement et actualisation" in label for label, _ in figure.details)


def test_co2_years_are_discounted_at_the_co2_value_of_their_year():
    impact = project_impact(_inputs(floor_areas={"RESIDENTIAL": 5000}, period_years=5))
    first, last = impact.co2_years[0], impact.co2_years[-1]
    assert first.discount == 1 and last.discount == pytest.approx(1 / 1.045**4)
    assert first.value_eur == pytest.approx(first.tonnes * first.eur_per_tonne)


def test_rural_communes_pay_no_guarding():
    rural = project_impact(_inputs(rural=True))
    assert "Gardiennage et sécurisation" not in dict(rural.figure("friche_costs").details)
