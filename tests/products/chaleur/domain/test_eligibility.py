"""The eligibility rule, as a table of cases and as properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transition.products.chaleur.domain.eligibility import (
    ELIGIBLE_TYPES,
    TYPE_ORDER,
    Candidate,
    EligibilityType,
    NearestArrays,
    NetworkRole,
    Situation,
    decide,
    decide_many,
    round_distance,
    thresholds_for,
)

E, F, N = NetworkRole.EXISTING, NetworkRole.FUTURE, NetworkRole.NO_TRACE


def existing(distance, national_id="6901C", key="net"):
    return Candidate(key, E, distance, national_id)


def future(distance, key="fut"):
    return Candidate(key, F, distance, "")


# (name, situation, expected type, expected network, expected distance)
CASES = [
    ("nothing around", Situation(), "trop_eloigne", None, None),
    (
        "PDP, its network nearest",
        Situation(in_pdp=True, pdp_networks=(existing(215.2), future(280))),
        "dans_pdp_reseau_existant",
        "net",
        215,
    ),
    (
        "PDP, its future network nearest",
        Situation(in_pdp=True, pdp_networks=(existing(285), future(209.5))),
        "dans_pdp_reseau_futur",
        "fut",
        210,
    ),
    (
        "PDP and a zone under construction",
        Situation(in_pdp=True, pdp_networks=(existing(5),), future_zones=("zone",)),
        "dans_pdp_reseau_futur",
        "zone",
        0,
    ),
    (
        "PDP beats a very close network",
        Situation(in_pdp=True, pdp_networks=(existing(900, key="pdp-net"),), existing=(existing(3),)),
        "dans_pdp_reseau_existant",
        "pdp-net",
        900,
    ),
    (
        "PDP whose networks are all closed",
        Situation(in_pdp=True, existing=(existing(150),)),
        "reseau_existant_proche",
        "net",
        150,
    ),
    ("existing very close", Situation(existing=(existing(47),)), "reseau_existant_tres_proche", "net", 47),
    ("existing at 100 m", Situation(existing=(existing(100),)), "reseau_existant_tres_proche", "net", 100),
    (
        "existing at 100.49 m rounds to 100",
        Situation(existing=(existing(100.49),)),
        "reseau_existant_tres_proche",
        "net",
        100,
    ),
    ("existing at 100.5 m rounds to 101", Situation(existing=(existing(100.5),)), "reseau_existant_proche", "net", 101),
    ("existing at 101 m", Situation(existing=(existing(101),)), "reseau_existant_proche", "net", 101),
    ("existing at 99 m", Situation(existing=(existing(99),)), "reseau_existant_tres_proche", "net", 99),
    ("existing at 199 m", Situation(existing=(existing(199),)), "reseau_existant_proche", "net", 199),
    ("existing at 200 m", Situation(existing=(existing(200),)), "reseau_existant_proche", "net", 200),
    ("existing at 201 m", Situation(existing=(existing(201),)), "reseau_existant_loin", "net", 201),
    ("existing at 999 m", Situation(existing=(existing(999),)), "reseau_existant_loin", "net", 999),
    ("existing at 1000 m", Situation(existing=(existing(1000),)), "reseau_existant_loin", "net", 1000),
    ("existing at 1001 m", Situation(existing=(existing(1001),)), "trop_eloigne", None, None),
    ("Paris at 59 m", Situation(existing=(existing(59, "7501C"),)), "reseau_existant_tres_proche", "net", 59),
    ("Paris at 60 m", Situation(existing=(existing(60, "7501C"),)), "reseau_existant_tres_proche", "net", 60),
    ("Paris at 61 m", Situation(existing=(existing(61, "7501C"),)), "reseau_existant_proche", "net", 61),
    ("Paris at 99 m", Situation(existing=(existing(99, "7511C"),)), "reseau_existant_proche", "net", 99),
    ("Paris at 100 m", Situation(existing=(existing(100, "7511C"),)), "reseau_existant_proche", "net", 100),
    ("Paris at 101 m", Situation(existing=(existing(101, "7511C"),)), "reseau_existant_loin", "net", 101),
    ("Paris at 1000 m", Situation(existing=(existing(1000, "7511C"),)), "reseau_existant_loin", "net", 1000),
    (
        "an ordinary network within its threshold beats a nearer Paris one",
        Situation(existing=(existing(90, key="lyon"), existing(70, "7501C", key="paris"))),
        "reseau_existant_tres_proche",
        "lyon",
        90,
    ),
    ("future very close", Situation(future=(future(51),)), "reseau_futur_tres_proche", "fut", 51),
    ("future at 100 m", Situation(future=(future(100),)), "reseau_futur_tres_proche", "fut", 100),
    ("future at 101 m", Situation(future=(future(101),)), "reseau_futur_proche", "fut", 101),
    ("future at 200 m", Situation(future=(future(200),)), "reseau_futur_proche", "fut", 200),
    ("future at 201 m", Situation(future=(future(201),)), "reseau_futur_loin", "fut", 201),
    ("future at 1000 m", Situation(future=(future(1000),)), "reseau_futur_loin", "fut", 1000),
    ("future at 1001 m", Situation(future=(future(1001),)), "trop_eloigne", None, None),
    (
        "existing very close beats future very close",
        Situation(existing=(existing(90),), future=(future(10),)),
        "reseau_existant_tres_proche",
        "net",
        90,
    ),
    (
        "future very close beats existing close",
        Situation(existing=(existing(150),), future=(future(99),)),
        "reseau_futur_tres_proche",
        "fut",
        99,
    ),
    (
        "future very close beats a zone",
        Situation(future=(future(99),), future_zones=("zone",)),
        "reseau_futur_tres_proche",
        "fut",
        99,
    ),
    ("zone", Situation(future_zones=("zone",)), "dans_zone_reseau_futur", "zone", 0),
    (
        "zone beats existing close",
        Situation(existing=(existing(101),), future_zones=("zone",)),
        "dans_zone_reseau_futur",
        "zone",
        0,
    ),
    (
        "existing close beats future close",
        Situation(existing=(existing(199),), future=(future(101),)),
        "reseau_existant_proche",
        "net",
        199,
    ),
    (
        "future close beats existing far",
        Situation(existing=(existing(201),), future=(future(200),)),
        "reseau_futur_proche",
        "fut",
        200,
    ),
    (
        "existing far beats future far",
        Situation(existing=(existing(999),), future=(future(201),)),
        "reseau_existant_loin",
        "net",
        999,
    ),
    (
        "existing far beats a network without trace",
        Situation(existing=(existing(999),), no_trace_networks=("nt",)),
        "reseau_existant_loin",
        "net",
        999,
    ),
    (
        "future far beats a network without trace",
        Situation(future=(future(999),), no_trace_networks=("nt",)),
        "reseau_futur_loin",
        "fut",
        999,
    ),
    (
        "network without trace in the commune",
        Situation(existing=(existing(1400),), no_trace_networks=("nt",)),
        "dans_ville_reseau_existant_sans_trace",
        "nt",
        None,
    ),
]


@pytest.mark.parametrize(("name", "situation", "kind", "network", "distance"), CASES, ids=[c[0] for c in CASES])
def test_table(name, situation, kind, network, distance):
    decision = decide(situation)
    assert decision.type == kind
    assert decision.network == network
    assert decision.distance_m == distance
    assert decision.eligible is (kind in ELIGIBLE_TYPES)


def test_every_type_appears_in_the_table():
    assert {case[2] for case in CASES} == {t.value for t in EligibilityType}


def test_the_eligible_types():
    assert {t.value for t in ELIGIBLE_TYPES} == {
        "dans_pdp_reseau_existant",
        "dans_pdp_reseau_futur",
        "reseau_existant_tres_proche",
        "reseau_futur_tres_proche",
        "dans_zone_reseau_futur",
        "reseau_existant_proche",
        "reseau_futur_proche",
    }


def test_thresholds():
    assert (thresholds_for("7501C").very_close_m, thresholds_for("7501C").close_m) == (60, 100)
    assert (thresholds_for("7511C").very_close_m, thresholds_for("7511C").close_m) == (60, 100)
    assert (thresholds_for("7502C").very_close_m, thresholds_for("7502C").close_m) == (100, 200)
    assert (thresholds_for("").very_close_m, thresholds_for(None).close_m) == (100, 200)


@pytest.mark.parametrize(
    ("raw", "rounded"), [(0, 0), (0.49, 0), (0.5, 1), (1.5, 2), (2.5, 3), (99.5, 100), (100.4999, 100)]
)
def test_rounding_is_half_up(raw, rounded):
    assert round_distance(raw) == rounded


def test_negative_distance_is_refused():
    with pytest.raises(ValueError):
        round_distance(-1)


# Properties ------------------------------------------------------------------------------------

distances = st.floats(0, 1500, allow_nan=False)
national_ids = st.sampled_from(["6901C", "7501C", "7511C", "3801C"])


@st.composite
def situations(draw, *, pdp=True):
    existing_ = tuple(
        Candidate(f"e{i}", E, draw(distances), draw(national_ids)) for i in range(draw(st.integers(0, 3)))
    )
    future_ = tuple(Candidate(f"f{i}", F, draw(distances), "") for i in range(draw(st.integers(0, 2))))
    in_pdp = pdp and draw(st.booleans())
    pdp_networks = ()
    if in_pdp:
        pdp_networks = tuple(
            Candidate(f"p{i}", draw(st.sampled_from([E, F])), draw(distances), "")
            for i in range(draw(st.integers(0, 2)))
        )
    return Situation(
        in_pdp=in_pdp,
        pdp_networks=pdp_networks,
        future_zones=tuple(draw(st.lists(st.just("z"), max_size=1))),
        existing=existing_,
        future=future_,
        no_trace_networks=tuple(draw(st.lists(st.just("nt"), max_size=1))),
    )


def rank(decision) -> int:
    return TYPE_ORDER.index(decision.type)


@given(situation=situations(), which=st.integers(0, 10), factor=st.floats(0, 1))
def test_moving_closer_never_makes_a_point_less_eligible(situation, which, factor):
    """Bring one network closer (all else equal): the answer is the same step or an earlier one."""
    pools = [("existing", situation.existing), ("future", situation.future), ("pdp_networks", situation.pdp_networks)]
    pools = [(name, pool) for name, pool in pools if pool]
    if not pools:
        return
    name, pool = pools[which % len(pools)]
    position = which % len(pool)
    moved = pool[position]
    closer = Candidate(moved.network, moved.role, moved.distance_m * factor, moved.national_id)
    changed = Situation(**{**situation.__dict__, name: pool[:position] + (closer,) + pool[position + 1 :]})
    before, after = decide(situation), decide(changed)
    if name != "pdp_networks":
        assert rank(after) <= rank(before)
    assert after.eligible or not before.eligible


@given(situation=situations())
def test_decision_is_deterministic_and_reported_distance_is_rounded(situation):
    first, second = decide(situation), decide(situation)
    assert first == second
    if first.distance_m is not None:
        assert isinstance(first.distance_m, int)
    if first.type in {"dans_zone_reseau_futur"}:
        assert first.distance_m == 0
    if first.type in {"trop_eloigne"}:
        assert first.network is None and first.distance_m is None


def arrays_of(situations_, role_pool: str):
    """The nearest candidate per threshold set, as the index hands them to decide_many."""
    groups = {}
    for i, situation in enumerate(situations_):
        for candidate in getattr(situation, role_pool):
            thresholds = candidate.thresholds
            network, distance = groups.setdefault(thresholds, ([-1] * len(situations_), [np.inf] * len(situations_)))
            if candidate.distance_m < distance[i]:
                network[i], distance[i] = candidate.network, candidate.distance_m
    ordered = sorted(groups.items(), key=lambda item: (-item[0].very_close_m, -item[0].close_m))
    return [NearestArrays(t, np.array(n, dtype=np.int64), np.array(d, dtype=float)) for t, (n, d) in ordered]


@settings(max_examples=200)
@given(batch=st.lists(situations(pdp=False), min_size=1, max_size=20))
def test_batch_rule_equals_the_single_point_rule(batch):
    # Integer keys, as the index uses; one candidate per threshold set, the nearest, as the index gives.
    codes = {}

    def code(key):
        return codes.setdefault(key, len(codes))

    normalised = []
    for situation in batch:

        def nearest_per_set(candidates, situation_id):
            best = {}
            for c in candidates:
                if c.thresholds not in best or c.distance_m < best[c.thresholds].distance_m:
                    best[c.thresholds] = c
            ordered = sorted(best.items(), key=lambda item: (-item[0].very_close_m, -item[0].close_m))
            return tuple(
                Candidate(code((situation_id, c.network)), c.role, c.distance_m, c.national_id) for _, c in ordered
            )

        situation_id = len(normalised)
        normalised.append(
            Situation(
                existing=nearest_per_set(situation.existing, situation_id),
                future=nearest_per_set(situation.future, situation_id),
                future_zones=tuple(code((situation_id, z)) for z in situation.future_zones),
                no_trace_networks=tuple(code((situation_id, n)) for n in situation.no_trace_networks),
            )
        )
    kinds, networks, distances_, _ = decide_many(
        existing=arrays_of(normalised, "existing"),
        future=arrays_of(normalised, "future"),
        future_zone=np.array([s.future_zones[0] if s.future_zones else -1 for s in normalised], dtype=np.int64),
        no_trace=np.array([s.no_trace_networks[0] if s.no_trace_networks else -1 for s in normalised], dtype=np.int64),
        in_pdp=np.zeros(len(normalised), dtype=bool),
    )
    for i, situation in enumerate(normalised):
        decision = decide(situation)
        assert TYPE_ORDER[kinds[i]] == decision.type
        assert (networks[i] if networks[i] >= 0 else None) == decision.network
        assert (distances_[i] if distances_[i] >= 0 else None) == decision.distance_m


def test_batch_leaves_points_in_a_pdp_to_the_single_rule():
    kinds, *_ = decide_many(
        existing=[],
        future=[],
        future_zone=np.array([-1, -1]),
        no_trace=np.array([-1, -1]),
        in_pdp=np.array([True, False]),
    )
    assert kinds[0] == -1 and TYPE_ORDER[kinds[1]] == "trop_eloigne"
