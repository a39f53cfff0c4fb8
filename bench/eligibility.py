"""Benchmark of the eligibility engine against the original service's method in PostGIS.

    .venv/bin/python bench/eligibility.py [--networks 1000] [--points 100000] [--single 20000]
        [--postgis-sample 20000] [--seed 5] [--pg "host=/var/run/postgresql user=postgres"]

Generates NETWORKS networks shaped like real ones across mainland France (multi-line traces, each
a few branches of street-like random walks, from a few to a few hundred segments of 15 to 90 m;
90 % existing heat networks, 10 % under construction, plus zones under construction and PDP
around some of them) and POINTS positions (half within 1.5 km of a network, half anywhere).

Our engine: the in-memory index of `transition.products.chaleur.selectors.eligibility_index`, built from
the same geometries, answering the whole rule (PDP, zones, existing and future networks, all
the thresholds), vectorised over every point at once, then one point per call (p50/p99).

PostGIS: the same traces in a table of a scratch database on the local PostgreSQL (GiST index),
one prepared query per point, over the Unix socket: nearest network by `ORDER BY geom <-> pt
LIMIT 1`, then `ST_Distance`. That is only the first query of the original service's several:
PostGIS is favoured. Run over a sample of SAMPLE points, the rate extrapolated to all points.
The nearest distances of both are compared on that sample.
"""

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "transition.config.settings.base")

import django  # noqa: E402

django.setup()

from transition.platform.geo.projection import to_wgs84_many  # noqa: E402
from transition.products.chaleur.domain.eligibility import NetworkRole  # noqa: E402
from transition.products.chaleur.domain.eligibility_result import EXISTING_MODEL, FUTURE_MODEL, NetworkInfo  # noqa: E402
from transition.products.chaleur.selectors.eligibility_index import EligibilityIndex, _PdpEntry  # noqa: E402

# Mainland France in Lambert-93 (roughly, inside the coasts).
X_RANGE = (150_000, 1_050_000)
Y_RANGE = (6_250_000, 7_050_000)


def street_walk(rng, x, y, segments):
    heading = rng.uniform(0, 2 * math.pi)
    coords = [(x, y)]
    for _ in range(segments):
        heading += rng.normal(0, 0.35) if rng.random() > 0.1 else rng.choice([-1, 1]) * math.pi / 2
        step = rng.uniform(15, 90)
        x, y = x + step * math.cos(heading), y + step * math.sin(heading)
        coords.append((x, y))
    return coords


def generate_networks(rng, count):
    """Traces of `count` networks: towns scattered over France, a few networks per town."""
    towns = [(rng.uniform(*X_RANGE), rng.uniform(*Y_RANGE)) for _ in range(max(1, count // 3))]
    traces = []
    for _ in range(count):
        tx, ty = towns[rng.integers(len(towns))]
        cx, cy = tx + rng.normal(0, 1500), ty + rng.normal(0, 1500)
        total = int(np.clip(rng.lognormal(math.log(150), 0.9), 3, 900))
        branches = max(1, min(12, total // 25))
        lines, start = [], (cx, cy)
        for b in range(branches):
            part = street_walk(rng, *start, max(1, total // branches))
            lines.append(part)
            start = part[rng.integers(len(part))] if b % 2 == 0 else (cx, cy)
        traces.append(shapely.MultiLineString(lines))
    return traces


def generate_points(rng, traces, count):
    near = count // 2
    xs = np.empty(count)
    ys = np.empty(count)
    for i in range(near):
        coords = shapely.get_coordinates(traces[rng.integers(len(traces))])
        x, y = coords[rng.integers(len(coords))]
        angle, distance = rng.uniform(0, 2 * math.pi), rng.uniform(0, 1500)
        xs[i], ys[i] = x + distance * math.cos(angle), y + distance * math.sin(angle)
    xs[near:] = rng.uniform(*X_RANGE, count - near)
    ys[near:] = rng.uniform(*Y_RANGE, count - near)
    order = rng.permutation(count)
    return xs[order], ys[order]


def build_engine(rng, traces):
    infos, existing, future_traces, zones, pdps = [], [], [], [], []
    for i, trace in enumerate(traces):
        is_future = i % 10 == 9
        national_id = "" if is_future else f"{i:04d}C"
        if i == 0:
            national_id = "7501C"  # one network with the Paris thresholds
        infos.append(
            NetworkInfo(
                pk=i,
                model=FUTURE_MODEL if is_future else EXISTING_MODEL,
                national_id=national_id,
                name=f"Réseau {i}",
                gestionnaire="Exploitant",
                renewable_rate_pct=float(rng.uniform(0, 90)),
                co2_kg_per_kwh=float(rng.uniform(0.02, 0.3)),
            )
        )
        (future_traces if is_future else existing).append((i, trace))
        if is_future and i % 20 == 19:
            zones.append((i, shapely.buffer(shapely.envelope(trace), 200)))
        if not is_future and i % 25 == 0:
            pdps.append((shapely.buffer(trace, 400), _PdpEntry(((i, NetworkRole.EXISTING, trace, national_id),))))
    return EligibilityIndex(
        infos=infos,
        existing=existing,
        future_traces=future_traces,
        future_zones=zones,
        no_trace_by_commune={},
        pdps=pdps,
        data_version=1,
    )


def load_line(when: str) -> str:
    one, five, fifteen = os.getloadavg()
    return f"Charge moyenne ({when}) : {one:.2f} / {five:.2f} / {fifteen:.2f} sur {os.cpu_count()} cœurs"


def number(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def run_postgis(dsn, traces, xs, ys, sample, rng):
    import psycopg

    admin = psycopg.connect(dsn + " dbname=postgres", autocommit=True)
    name = "transition_bench_eligibility"
    admin.execute(f"DROP DATABASE IF EXISTS {name}")
    admin.execute(f"CREATE DATABASE {name}")
    try:
        with psycopg.connect(dsn + f" dbname={name}", autocommit=True) as db:
            db.execute("CREATE EXTENSION postgis")
            db.execute("CREATE TABLE network (id int PRIMARY KEY, geom geometry(MultiLineString, 2154) NOT NULL)")
            started = time.perf_counter()
            with db.cursor().copy("COPY network (id, geom) FROM STDIN") as copy:
                for i, trace in enumerate(traces):
                    copy.write_row((i, "SRID=2154;" + shapely.to_wkt(trace, rounding_precision=2)))
            db.execute("CREATE INDEX network_geom ON network USING gist (geom)")
            db.execute("ANALYZE network")
            load_s = time.perf_counter() - started
            query = (
                "SELECT id, ST_Distance(geom, ST_SetSRID(ST_MakePoint(%s, %s), 2154)) FROM network "
                "ORDER BY geom <-> ST_SetSRID(ST_MakePoint(%s, %s), 2154) LIMIT 1"
            )
            picked = rng.choice(len(xs), size=min(sample, len(xs)), replace=False)
            cursor = db.cursor()
            for i in picked[:200]:  # warm the cache and the prepared plan
                cursor.execute(query, (xs[i], ys[i], xs[i], ys[i]), prepare=True)
                cursor.fetchone()
            latencies, distances = [], []
            started = time.perf_counter()
            for i in picked:
                t0 = time.perf_counter_ns()
                cursor.execute(query, (xs[i], ys[i], xs[i], ys[i]), prepare=True)
                row = cursor.fetchone()
                latencies.append(time.perf_counter_ns() - t0)
                distances.append(row[1])
            elapsed = time.perf_counter() - started
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.close()
    return {"load_s": load_s, "elapsed_s": elapsed, "latencies_ns": latencies, "picked": picked, "distances": distances}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--networks", type=int, default=1000)
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--single", type=int, default=20_000, help="points timed one call each")
    parser.add_argument("--postgis-sample", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--pg", default="host=/var/run/postgresql user=postgres")
    parser.add_argument("--no-postgis", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)

    traces = generate_networks(rng, args.networks)
    segments = int(sum(len(shapely.get_coordinates(t)) - len(shapely.get_parts(t)) for t in traces))
    xs, ys = generate_points(rng, traces, args.points)
    lons, lats = to_wgs84_many(xs, ys)
    print(f"Données : {args.networks} réseaux, {segments} segments, {args.points} points")

    started = time.perf_counter()
    engine = build_engine(rng, traces)
    build_s = time.perf_counter() - started
    print(f"Index en mémoire construit en {build_s:.2f} s")

    citycodes = [None] * len(lons)
    engine.evaluate(lons[:1000], lats[:1000], citycodes[:1000])  # warm up
    print(load_line("avant le moteur"))
    started = time.perf_counter()
    batch = engine.evaluate_batch(lons, lats, citycodes)
    kinds = {kind.value: count for kind, count in batch.type_counts().items()}
    batch_s = time.perf_counter() - started
    batch_rate = len(lons) / batch_s
    started = time.perf_counter()
    objects = engine.evaluate(lons, lats, citycodes)
    objects_s = time.perf_counter() - started
    objects_rate = len(lons) / objects_s
    assert [r.type.value for r in objects] == [r.type.value for r in batch.results()]
    print(
        f"Moteur, par lot, réponses en tableaux : {number(len(lons))} points en {batch_s:.2f} s, "
        f"soit {number(batch_rate)} points/s"
    )
    print(f"Moteur, par lot, un objet résultat par point : {objects_s:.2f} s, soit {number(objects_rate)} points/s")
    print("  types : " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])))

    single = min(args.single, len(lons))
    latencies = []
    for i in range(single):
        t0 = time.perf_counter_ns()
        engine.evaluate(lons[i : i + 1], lats[i : i + 1], [None])
        latencies.append(time.perf_counter_ns() - t0)
    single_rate = 1e9 * single / sum(latencies)
    print(
        f"Moteur, un point par appel ({single} appels) : p50 {percentile(latencies, 0.5) / 1000:.0f} µs, "
        f"p99 {percentile(latencies, 0.99) / 1000:.0f} µs, max {max(latencies) / 1000:.0f} µs, "
        f"{number(single_rate)} points/s"
    )

    print(load_line("après le moteur"))
    if args.no_postgis:
        return
    pg = run_postgis(args.pg, traces, xs, ys, args.postgis_sample, rng)
    count = len(pg["picked"])
    pg_rate = count / pg["elapsed_s"]
    print(f"PostGIS : table chargée et indexée en {pg['load_s']:.1f} s")
    print(
        f"PostGIS, une requête préparée par point ({count} points tirés parmi {len(xs)}) : "
        f"p50 {percentile(pg['latencies_ns'], 0.5) / 1000:.0f} µs, p99 {percentile(pg['latencies_ns'], 0.99) / 1000:.0f} µs, "
        f"{number(pg_rate)} points/s, soit {len(xs) / pg_rate:.1f} s extrapolées pour les {number(len(xs))} points"
    )
    # Same nearest distance on the sample (ours rounded to the metre, within 1 km)
    ours = {}
    for thresholds_index in engine.existing + engine.future:
        positions, distances = thresholds_index[1].nearest_many(xs[pg["picked"]], ys[pg["picked"]])
        for j, d in enumerate(distances):
            ours[j] = min(ours.get(j, math.inf), d)
    mismatches = sum(1 for j, d in enumerate(pg["distances"]) if abs(ours[j] - d) > 0.01)
    print(f"Distances au plus proche réseau identiques à PostGIS : {count - mismatches}/{count}")
    print(f"Rapport de débit, moteur par lot (tableaux) / PostGIS : {batch_rate / pg_rate:.1f}× (cible ≥ 25×)")
    print(f"Rapport de débit, moteur par lot (objets) / PostGIS : {objects_rate / pg_rate:.1f}×")
    print(f"Rapport de débit, moteur un point par appel / PostGIS : {single_rate / pg_rate:.1f}×")
    print(load_line("fin"))
    print(
        f"Médiane PostGIS / médiane moteur (un point) : {statistics.median(pg['latencies_ns']) / statistics.median(latencies):.1f}×"
    )


if __name__ == "__main__":
    main()
