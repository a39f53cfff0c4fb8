"""The batch form (arrays, far points left out of the trees, future traces asked only where no
existing network is very close, PDP points measured at once) answers exactly as point by point."""

import math

import numpy as np
import shapely

from transition.platform.geo.projection import to_wgs84_many
from transition.products.chaleur.domain.eligibility import NetworkRole
from transition.products.chaleur.domain.eligibility_result import EXISTING_MODEL, FUTURE_MODEL, NetworkInfo
from transition.products.chaleur.selectors.eligibility_index import EligibilityIndex, _PdpEntry


def _walk(rng, x, y, segments):
    heading, coords = rng.uniform(0, 2 * math.pi), [(x, y)]
    for _ in range(segments):
        heading += rng.normal(0, 0.4)
        step = rng.uniform(15, 90)
        x, y = x + step * math.cos(heading), y + step * math.sin(heading)
        coords.append((x, y))
    return coords


def _index(rng, count=80):
    towns = [(rng.uniform(300_000, 900_000), rng.uniform(6_300_000, 7_000_000)) for _ in range(count // 4)]
    infos, existing, future, zones, pdps, traces = [], [], [], [], [], []
    for i in range(count):
        tx, ty = towns[i % len(towns)]
        trace = shapely.MultiLineString(
            [_walk(rng, tx + rng.normal(0, 800), ty + rng.normal(0, 800), int(rng.integers(3, 60))) for _ in range(3)]
        )
        traces.append(trace)
        is_future = i % 5 == 4
        national_id = "7501C" if i == 1 else ("" if is_future else f"{i:04d}C")
        infos.append(
            NetworkInfo(
                pk=i,
                model=FUTURE_MODEL if is_future else EXISTING_MODEL,
                national_id=national_id,
                name=f"Réseau {i}",
                gestionnaire="Exploitant",
            )
        )
        (future if is_future else existing).append((i, trace))
        if is_future and i % 10 == 9:
            zones.append((i, shapely.buffer(shapely.envelope(trace), 150)))
        if i % 7 == 0:
            candidates = [(i, NetworkRole.FUTURE if is_future else NetworkRole.EXISTING, trace, national_id)]
            if i + 4 < count and (i + 4) % 5 == 4:
                candidates.append((i + 4, NetworkRole.FUTURE, None, ""))  # its trace comes later
            pdps.append((shapely.buffer(trace, 300), _PdpEntry(tuple(candidates))))
    pdps.append((shapely.buffer(traces[3], 250), _PdpEntry(())))  # a PDP none of whose networks is open
    index = EligibilityIndex(
        infos=infos,
        existing=existing,
        future_traces=future,
        future_zones=zones,
        no_trace_by_commune={"49007": [2], "75056": [3, 5]},
        pdps=pdps,
        data_version=3,
    )
    return index, traces


def _points(rng, traces, count):
    xs, ys = np.empty(count), np.empty(count)
    for i in range(count):
        if i % 3:
            coords = shapely.get_coordinates(traces[int(rng.integers(len(traces)))])
            x, y = coords[int(rng.integers(len(coords)))]
            angle, distance = rng.uniform(0, 2 * math.pi), rng.uniform(0, 1300)
            xs[i], ys[i] = x + distance * math.cos(angle), y + distance * math.sin(angle)
        else:
            xs[i], ys[i] = rng.uniform(250_000, 950_000), rng.uniform(6_250_000, 7_050_000)
    return to_wgs84_many(xs, ys)


def test_batch_and_point_by_point_agree_on_generated_networks():
    rng = np.random.default_rng(3)
    index, traces = _index(rng)
    lons, lats = _points(rng, traces, 3000)
    citycodes = [("49007", "75056", None, "")[i % 4] for i in range(len(lons))]
    batch = index.evaluate(lons, lats, citycodes)
    single = [index.evaluate(lons[i : i + 1], lats[i : i + 1], [citycodes[i]])[0] for i in range(len(lons))]
    assert batch == single
    kinds = {r.type.value for r in batch}
    assert {"dans_pdp_reseau_existant", "dans_pdp_reseau_futur", "dans_zone_reseau_futur"} <= kinds
    assert {"reseau_existant_tres_proche", "reseau_futur_tres_proche", "trop_eloigne"} <= kinds
    assert "dans_ville_reseau_existant_sans_trace" in kinds


def test_the_arrays_give_the_same_results_and_counts():
    rng = np.random.default_rng(8)
    index, traces = _index(rng, 40)
    lons, lats = _points(rng, traces, 500)
    citycodes = [None] * len(lons)
    arrays = index.evaluate_batch(lons, lats, citycodes)
    results = index.evaluate(lons, lats, citycodes)
    assert arrays.results() == results
    assert arrays.result(17) == results[17]
    counts = {}
    for result in results:
        counts[result.type] = counts.get(result.type, 0) + 1
    assert arrays.type_counts() == counts


def test_a_batch_far_from_everything_is_answered_without_the_trees():
    rng = np.random.default_rng(1)
    index, _ = _index(rng, 10)
    lons, lats = to_wgs84_many(np.full(40, 1_200_000.0), np.linspace(6_100_000, 6_120_000, 40))
    results = index.evaluate(lons, lats, ["49007"] * 40)
    assert {r.type.value for r in results} == {"dans_ville_reseau_existant_sans_trace"}
    assert all(r.network.pk == 2 and r.distance_m is None for r in results)
