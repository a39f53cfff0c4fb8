"""Declaration or request, who decides, and why not: against the appels d'offres' own rules."""

import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.potentiel.domain.changes import (
    ABANDON_PENDING,
    ABANDONED,
    ACHIEVED,
    ALREADY_PENDING,
    INSTRUCTION_REQUIRED,
    NOT_ALLOWED_BY_CDC,
    NOT_COMPETENT,
    NOT_ELIMINE,
    NOT_LAUREAT,
    Authority,
    ChangeKind,
    ChangeRefused,
    ChangeRule,
    Mode,
    PowerChange,
    ProjectFacts,
    check_delai_months,
    check_may_instruct,
    check_new_value,
    check_recours_grant_date,
    competent_authority,
    may_instruct,
    plan_change,
    plan_puissance,
)
from transition.products.potentiel.domain.referential import load_referential, rules_for

FACTS = Path(__file__).resolve().parents[4] / "../shared/data/potentiel/potentiel_appels_offres.json"
APPELS = {ao["id"]: ao for ao in json.loads(FACTS.read_text())["appels_offres"]}


def ao_rule(ao: str, domain: str) -> ChangeRule:
    changement = APPELS[ao]["miseÀJour"]["changement"]
    return ChangeRule.from_referential({} if changement == "indisponible" else changement.get(domain))


LAUREAT = ProjectFacts(statut="lauréat", statut_laureat="actif", technologie="pv")
ELIMINE = ProjectFacts(statut="éliminé")


def test_every_appel_d_offres_rule_reads():
    for ao in APPELS.values():
        changement = ao["miseÀJour"]["changement"]
        if changement == "indisponible":
            continue
        for domain, raw in changement.items():
            rule = ChangeRule.from_referential(raw)
            assert rule.demande == bool(raw.get("demande")), (ao["id"], domain)


@pytest.mark.parametrize(
    ("ao", "kind", "domain", "mode", "authority"),
    [
        ("PPE2 - Sol", ChangeKind.ABANDON, "abandon", Mode.DEMANDE, Authority.DREAL),
        ("PPE2 - Innovation", ChangeKind.ABANDON, "abandon", Mode.DEMANDE, Authority.DGEC),
        ("CRE4 - Bâtiment", ChangeKind.ABANDON, "abandon", Mode.DEMANDE, Authority.DGEC),
        ("PPE2 - Sol", ChangeKind.DELAI, "délai", Mode.DEMANDE, Authority.DREAL),
        ("Eolien", ChangeKind.DELAI, "délai", Mode.DEMANDE, Authority.DGEC),
        ("PPE2 - Sol", ChangeKind.ACTIONNAIRE, "actionnaire", Mode.DECLARATION, Authority.DREAL),
        ("PPE2 - Sol", ChangeKind.PRODUCTEUR, "producteur", Mode.DECLARATION, Authority.DREAL),
        ("PPE2 - Sol", ChangeKind.REPRESENTANT_LEGAL, "représentantLégal", Mode.DEMANDE, Authority.DREAL),
        ("PPE2 - Petit PV", ChangeKind.REPRESENTANT_LEGAL, "représentantLégal", Mode.DECLARATION, Authority.DREAL),
    ],
)
def test_mode_and_authority_from_the_rules(ao, kind, domain, mode, authority):
    plan = plan_change(kind, ao_rule(ao, domain), LAUREAT)
    assert (plan.mode, plan.authority) == (mode, authority)
    assert plan.explanation()


def test_representant_legal_automatic_decision_follows_the_rules():
    assert (
        plan_change(ChangeKind.REPRESENTANT_LEGAL, ao_rule("PPE2 - Sol", "représentantLégal"), LAUREAT).automatic
        == "accord"
    )
    plan = plan_change(ChangeKind.REPRESENTANT_LEGAL, ao_rule("Eolien", "représentantLégal"), LAUREAT)
    assert plan.automatic == "rejet"
    assert "rejetée automatiquement" in plan.explanation()


def test_delai_without_authority_in_the_rules_goes_to_the_dgec():
    assert competent_authority(ChangeKind.DELAI, ChangeRule(demande=True)) is Authority.DGEC
    # puissance is instructed by the DREAL whatever the rules say
    assert (
        competent_authority(ChangeKind.PUISSANCE, ChangeRule(demande=True, authority=Authority.DGEC)) is Authority.DREAL
    )


@pytest.mark.parametrize(
    ("kind", "project", "rule", "message"),
    [
        (ChangeKind.ABANDON, LAUREAT, ao_rule("CRE4 - Autoconsommation métropole", "abandon"), NOT_ALLOWED_BY_CDC),
        (ChangeKind.ACTIONNAIRE, LAUREAT, ao_rule("CRE4 - Sol", "actionnaire"), NOT_ALLOWED_BY_CDC),
        (ChangeKind.ACTIONNAIRE, ProjectFacts("lauréat", "abandonné"), ao_rule("PPE2 - Sol", "actionnaire"), ABANDONED),
        (ChangeKind.PUISSANCE, ProjectFacts("lauréat", "achevé"), ao_rule("PPE2 - Sol", "puissance"), ACHIEVED),
        (
            ChangeKind.PRODUCTEUR,
            ProjectFacts("lauréat", "actif", abandon_pending=True),
            ao_rule("PPE2 - Bâtiment", "producteur"),
            ABANDON_PENDING,
        ),
        (
            ChangeKind.ACTIONNAIRE,
            ProjectFacts("lauréat", "actif", pending_kinds=frozenset({ChangeKind.ACTIONNAIRE})),
            ao_rule("PPE2 - Sol", "actionnaire"),
            ALREADY_PENDING,
        ),
        (ChangeKind.ACTIONNAIRE, ELIMINE, ao_rule("PPE2 - Sol", "actionnaire"), NOT_LAUREAT),
        (ChangeKind.RECOURS, LAUREAT, ao_rule("PPE2 - Sol", "recours"), NOT_ELIMINE),
        (
            ChangeKind.RECOURS,
            ProjectFacts("éliminé", pending_kinds=frozenset({ChangeKind.RECOURS})),
            ao_rule("PPE2 - Sol", "recours"),
            "Un recours est déjà en cours",
        ),
        (ChangeKind.ACTIONNAIRE, LAUREAT, ao_rule("PPE2 - Petit PV Bâtiment", "actionnaire"), NOT_ALLOWED_BY_CDC),
    ],
)
def test_refused_changes(kind, project, rule, message):
    with pytest.raises(ChangeRefused) as refused:
        plan_change(kind, rule, project)
    assert refused.value.message == message


def test_recours_of_an_elimine_goes_to_the_dgec():
    plan = plan_change(ChangeKind.RECOURS, ao_rule("PPE2 - Sol", "recours"), ELIMINE)
    assert (plan.mode, plan.authority) == (Mode.DEMANDE, Authority.DGEC)


EOLIEN = ao_rule("Eolien", "actionnaire")


@pytest.mark.parametrize(
    ("facts", "declaration_allowed"),
    [
        (ProjectFacts("lauréat", "actif", guarantees_validated=True), True),
        (
            ProjectFacts("lauréat", "actif", guarantees_validated=True, actionnariat="investissement-participatif"),
            False,
        ),
        (ProjectFacts("lauréat", "actif", guarantees_validated=False), False),
        (ProjectFacts("lauréat", "actif", guarantees_validated=True, guarantee_deposit_pending=True), False),
    ],
)
def test_eolien_actionnaire_declaration_only_under_conditions(facts, declaration_allowed):
    if declaration_allowed:
        assert plan_change(ChangeKind.ACTIONNAIRE, EOLIEN, facts, wanted=Mode.DECLARATION).is_declaration
    else:
        with pytest.raises(ChangeRefused) as refused:
            plan_change(ChangeKind.ACTIONNAIRE, EOLIEN, facts, wanted=Mode.DECLARATION)
        assert refused.value.message == INSTRUCTION_REQUIRED
        # the holder may still ask: it becomes a request for the DREAL
        assert plan_change(ChangeKind.ACTIONNAIRE, EOLIEN, facts).mode is Mode.DEMANDE


@pytest.mark.parametrize(
    ("agent", "competent", "allowed"),
    [
        (Authority.DGEC, Authority.DGEC, True),
        (Authority.DGEC, Authority.DREAL, True),
        (Authority.DREAL, Authority.DREAL, True),
        (Authority.DREAL, Authority.DGEC, False),
    ],
)
def test_dgec_instructs_what_a_dreal_instructs_never_the_reverse(agent, competent, allowed):
    assert may_instruct(agent, competent) is allowed
    if not allowed:
        with pytest.raises(ChangeRefused) as refused:
            check_may_instruct(agent, competent)
        assert refused.value.message == NOT_COMPETENT
    with pytest.raises(ChangeRefused):
        check_may_instruct(None, competent)


# --- puissance -----------------------------------------------------------------------------------

SOL = ao_rule("PPE2 - Sol", "puissance")  # ratios 0.9 - 1.1, declaration and request
CRE4_BATIMENT = ao_rule("CRE4 - Bâtiment", "puissance")
DECLARATION_ONLY = ChangeRule(declaration=True, ratios=SOL.ratios)


def power(new, *, initial="10", current=None, **kw):
    return PowerChange(initial=D(initial), current=D(current or initial), new=D(new), **kw)


@pytest.mark.parametrize(
    ("rule", "change", "expected"),
    [
        (SOL, power("10.5"), Mode.DECLARATION),
        (SOL, power("9"), Mode.DECLARATION),  # the minimum ratio itself
        (SOL, power("11"), Mode.DECLARATION),  # the maximum ratio itself
        (SOL, power("8.9"), Mode.DEMANDE),
        (SOL, power("12"), Mode.DEMANDE),
        (SOL, power("7.5"), Mode.DEMANDE),  # « à la baisse pour décision de l'État »
        (SOL, power("10", current="10.5"), Mode.DECLARATION),  # back to the initial power
        (
            DECLARATION_ONLY,
            power("8.9"),
            "La puissance ne peut être en deçà de la puissance minimale autorisée par l'appel d'offres",
        ),
        (
            DECLARATION_ONLY,
            power("11.1"),
            "La nouvelle puissance ne peut dépasser la puissance maximale autorisée par l'appel d'offres",
        ),
        (SOL, power("0"), "La puissance d'un projet doit avoir une valeur positive"),
        (SOL, power("-1"), "La puissance d'un projet doit avoir une valeur positive"),
        (SOL, power("10"), "La puissance doit avoir une valeur différente"),
        (
            SOL,
            power("10.5", family_max=D("10.2")),
            "La nouvelle puissance ne peut pas dépasser la puissance maximale de la famille de l'appel d'offres",
        ),
        (
            SOL,
            power("6", initial="5", reserved_max=D("5")),
            "La nouvelle puissance ne peut pas dépasser la puissance maximale du volume réservé",
        ),
        (
            SOL,
            power("10.5", new_site=D("100")),
            "Le champ puissance de site ne peut être renseigné pour cet appel d'offres",
        ),
        (
            SOL,
            power("10", site_power_field="requis", current_site=D("1"), new_site=D("0")),
            "La puissance de site d'un projet doit avoir une valeur positive",
        ),
        (SOL, power("12", site_power_field="requis", current_site=D("1")), "La puissance de site doit être modifiée"),
        (
            SOL,
            power("10.5", site_power_field="requis", current_site=D("1"), new_site=D("1")),
            "La puissance de site doit être modifiée",
        ),
        (SOL, power("10", site_power_field="requis", current_site=D("1"), new_site=D("1.1")), Mode.DECLARATION),
        (
            SOL,
            power("10", site_power_field="optionnel", current_site=D("1")),
            "La puissance doit avoir une valeur différente",
        ),
        (ChangeRule(), power("10.5"), NOT_ALLOWED_BY_CDC),
    ],
)
def test_puissance(rule, change, expected):
    if isinstance(expected, Mode):
        plan = plan_puissance(rule, LAUREAT, change)
        assert plan.mode is expected
        assert plan.authority is Authority.DREAL
    else:
        with pytest.raises(ChangeRefused) as refused:
            plan_puissance(rule, LAUREAT, change)
        assert refused.value.message == expected


def test_puissance_ratios_by_technology():
    rule = ao_rule("PPE2 - Autoconsommation métropole", "puissance")
    eolien = ProjectFacts("lauréat", "actif", technologie="eolien")
    pv = ProjectFacts("lauréat", "actif", technologie="pv")
    assert plan_puissance(rule, eolien, power("11.5")).mode is Mode.DECLARATION  # eolien: up to 1.2
    assert plan_puissance(rule, pv, power("11.5")).mode is Mode.DEMANDE  # pv: up to 1.1


def test_puissance_pending_or_not_allowed_by_the_cdc():
    pending = ProjectFacts("lauréat", "actif", pending_kinds=frozenset({ChangeKind.PUISSANCE}))
    with pytest.raises(ChangeRefused, match="Une demande de changement est déjà en cours"):
        plan_puissance(SOL, pending, power("10.5"))
    with pytest.raises(ChangeRefused, match="ne permet pas ce changement"):
        plan_puissance(ao_rule("CRE4 - Sol", "puissance"), LAUREAT, power("9.5"))
    assert plan_puissance(CRE4_BATIMENT, LAUREAT, power("9.5")).is_declaration


@given(
    initial=st.decimals(min_value=D("0.1"), max_value=D("500"), places=3),
    ratio=st.decimals(min_value=D("0.01"), max_value=D("3"), places=3),
)
def test_puissance_declaration_iff_within_the_ratios(initial, ratio):
    new = (initial * ratio).quantize(D("0.001"))
    if new <= 0 or new == initial:
        return
    plan = plan_puissance(SOL, LAUREAT, PowerChange(initial=initial, current=initial, new=new))
    within = D("0.9") <= new / initial <= D("1.1")
    assert plan.is_declaration is within


# --- other values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "ok"), [(1, True), (12, True), (56, True), (0, False), (-3, False), (121, False), (True, False)]
)
def test_delai_months(months, ok):
    if ok:
        check_delai_months(months)
    else:
        with pytest.raises(ChangeRefused):
            check_delai_months(months)


def test_same_representant_or_producteur_refused_actionnaire_accepted():
    with pytest.raises(ChangeRefused, match="Le représentant légal est identique à celui déjà associé au projet"):
        check_new_value(
            ChangeKind.REPRESENTANT_LEGAL,
            {"nom": "Marie Curie", "type": "personne-physique"},
            {"nom": " marie  CURIE", "type": "personne-physique"},
        )
    with pytest.raises(ChangeRefused, match="Le nouveau producteur est identique à celui associé au projet"):
        check_new_value(ChangeKind.PRODUCTEUR, "Soleil SAS", "Soleil SAS")
    check_new_value(ChangeKind.ACTIONNAIRE, "Holding", "Holding")
    check_new_value(ChangeKind.PRODUCTEUR, "Soleil SAS", "Vent SAS")


@pytest.mark.parametrize(
    ("granted_on", "message"),
    [
        ("2100-10-10", "La date d'accord du recours ne peut pas être dans le futur"),
        # The original's sentence lacks « être »; ours is written in correct French.
        ("2022-10-10", "La date d'accord du recours ne peut pas être antérieure à la date de notification du projet"),
        ("2023-06-01", None),
    ],
)
def test_recours_grant_date(granted_on, message):
    args = (date.fromisoformat(granted_on), date(2023, 1, 1), date(2026, 11, 27))
    if message is None:
        check_recours_grant_date(*args)
    else:
        with pytest.raises(ChangeRefused) as refused:
            check_recours_grant_date(*args)
        assert refused.value.message == message


def test_rules_read_from_the_projects_effective_rules():
    """The referential's own structure (potcore's `effective_rules`) gives the same plans."""
    rules = rules_for(load_referential(), "PPE2 - Eolien", "8")
    plan = plan_change(ChangeKind.ABANDON, ChangeRule.from_effective(rules.change("abandon")), LAUREAT)
    assert plan.authority is Authority.DGEC  # the période overrides the appel d'offres (« dreal »)
    rules = rules_for(load_referential(), "PPE2 - Petit PV Bâtiment", "1")
    assert (
        plan_change(ChangeKind.ABANDON, ChangeRule.from_effective(rules.change("abandon")), LAUREAT).authority
        is Authority.DREAL
    )
    eolien = rules_for(load_referential(), "Eolien", "6")
    rule = ChangeRule.from_effective(eolien.change("actionnaire"))
    assert rule.declaration and rule.demande and rule.declaration_conditional
    autoconso = ChangeRule.from_effective(
        rules_for(load_referential(), "PPE2 - Autoconsommation métropole", "1").change("puissance")
    )
    assert autoconso.ratios_for("eolien").max == D("1.2")
    unavailable = ChangeRule.from_effective(rules_for(load_referential(), "CRE4 - Sol", "1").change("puissance"))
    assert not (unavailable.demande or unavailable.declaration)
