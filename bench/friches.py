"""Benchmarks of Friches: mutability of 10,000 sites, and the map's sites by bounding box among
100,000 on PostgreSQL.

    .venv/bin/python bench/friches.py [--sites 10000] [--map-sites 100000] [--queries 200]
        [--database postgis://postgres@127.0.0.1:5432/transition_friches] [--skip-map]

Mutability: SITES generated sites (every criterion of Mutafriches' table filled at random, a fifth
of them "ne sait pas" or missing), ranked and rated by the domain rules (`mutability_ranking`,
`mutability_reliability`); then a sample through `POST /friches/api/v1/mutabilite` (Django's test
client, JSON both ways) as the baseline of what the API adds.

Map: MAP_SITES sites (points across mainland France, denser around 300 towns, outlines for a
tenth) written to the given PostgreSQL + PostGIS database (migrated first; its friches sites are
replaced), then QUERIES random views at three zooms (a town, a département, a région) answered
by `GET /friches/api/v1/carte` (selector, JSON and all), timed one by one: p50, p95, p99. The
baseline, in the same run: the same selector with PostgreSQL's index scans turned off (what the
map would cost without the spatial index). Target: p95 under 100 ms.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def parse():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--api-sample", type=int, default=1_000)
    parser.add_argument("--map-sites", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database", default="postgis://postgres@127.0.0.1:5432/transition_friches")
    parser.add_argument("--skip-map", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated sites for the next run (and reuse them)"
    )
    return parser.parse_args()


ARGS = parse()
os.environ["DATABASE_URL"] = ARGS.database
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "transition.config.settings.base")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.gis.geos import MultiPolygon, Point, Polygon  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from transition.products.friches.domain.mutability import mutability_ranking  # noqa: E402
from transition.products.friches.domain.mutability_criteria import CRITERIA  # noqa: E402
from transition.products.friches.domain.mutability_reliability import mutability_reliability  # noqa: E402
from transition.products.friches.models import Site  # noqa: E402
from transition.products.friches.selectors.sites import SiteFilters, map_sites  # noqa: E402

STATUSES = ["friche potentielle", "friche sans projet", "friche avec projet", "friche reconvertie"]


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def random_site(rng: random.Random) -> dict:
    site = {}
    for c in CRITERIA:
        draw = rng.random()
        if draw < 0.1:
            continue
        if draw < 0.2:
            site[c.key] = "ne-sait-pas" if c.kind != "numeric" else None
            continue
        if c.kind == "numeric":
            site[c.key] = round(rng.uniform(0, 80_000 if c.unit == "m²" else 8_000 if c.unit == "m" else 20), 1)
        else:
            site[c.key] = rng.choice([ch.value for ch in c.choices])
    return site


def bench_mutability(rng):
    sites = [random_site(rng) for _ in range(ARGS.sites)]
    start = time.perf_counter()
    for site in sites:
        mutability_ranking(site)
        mutability_reliability(site)
    elapsed = time.perf_counter() - start
    print(
        f"mutability (domain): {ARGS.sites:,} sites in {elapsed:.2f} s = {ARGS.sites / elapsed:,.0f} sites/s (load {load_average()})"
    )
    client = Client()
    settings.RATE_LIMITS["friches_api_mutability"] = {"ip": (10**9, 60)}
    sample = sites[: ARGS.api_sample]
    times = []
    for site in sample:
        body = json.dumps({"donneesEnrichies": site})
        t = time.perf_counter()
        response = client.post("/friches/api/v1/mutabilite", body, content_type="application/json")
        times.append(time.perf_counter() - t)
        assert response.status_code == 200, response.content
    print(
        f"mutability (API, baseline): {len(sample):,} requests, {len(sample) / sum(times):,.0f} requests/s, "
        f"p50 {percentile(times, 50) * 1000:.2f} ms, p99 {percentile(times, 99) * 1000:.2f} ms (load {load_average()})"
    )


def bench_towns() -> list[tuple[float, float]]:
    """300 towns across mainland France, the same at each run (a kept set of sites matches them)."""
    rng = random.Random(ARGS.seed + 1)
    return [(rng.uniform(-1.5, 7.5), rng.uniform(43.3, 50.5)) for _ in range(300)]


def generate_sites(rng, towns):
    now = time.perf_counter()
    Site.objects.all().delete()
    batch = []
    for n in range(ARGS.map_sites):
        if rng.random() < 0.7:
            lon0, lat0 = towns[rng.randrange(len(towns))]
            lon, lat = lon0 + rng.gauss(0, 0.08), lat0 + rng.gauss(0, 0.06)
        else:
            lon, lat = rng.uniform(-4.5, 8), rng.uniform(42.5, 51)
        outline = None
        if n % 10 == 0:
            d = 0.001
            outline = MultiPolygon(
                Polygon(((lon, lat), (lon + d, lat), (lon + d, lat + d), (lon, lat + d), (lon, lat))), srid=4326
            )
        batch.append(
            Site(
                site_id=f"BENCH_{n}",
                name=f"Friche {n}",
                site_type="friche industrielle",
                commune_insee="08105",
                commune_name="Commune",
                departement="08",
                region="44",
                point=Point(lon, lat, srid=4326),
                outline=outline,
                surface_m2=rng.randrange(500, 100_000),
                status=rng.choice(STATUSES),
            )
        )
        if len(batch) == 5000:
            Site.objects.bulk_create(batch)
            batch = []
    if batch:
        Site.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE friches_site")
    print(f"map: {ARGS.map_sites:,} sites written in {time.perf_counter() - now:.1f} s (set-up, not timed below)")


def views(rng, towns, n):
    zooms = {"town": (0.12, 0.08), "département": (1.2, 0.8), "région": (4.0, 2.8)}
    out = []
    for i in range(n):
        name = list(zooms)[i % 3]
        w, h = zooms[name]
        lon, lat = towns[rng.randrange(len(towns))]
        out.append((name, (lon - w / 2, lat - h / 2, lon + w / 2, lat + h / 2)))
    return out


def time_api(client, boxes):
    by_zoom: dict[str, list[float]] = {}
    counts: dict[str, list[int]] = {}
    for name, bbox in boxes:
        t = time.perf_counter()
        response = client.get("/friches/api/v1/carte", {"bbox": ",".join(f"{v:.5f}" for v in bbox), "statut": ""})
        by_zoom.setdefault(name, []).append(time.perf_counter() - t)
        payload = response.json()
        counts.setdefault(name, []).append(payload["total"])
    return by_zoom, counts


def bench_map(rng):
    if connection.vendor != "postgresql":
        print("map: skipped (needs PostgreSQL + PostGIS: --database postgis://…)")
        return
    call_command("migrate", verbosity=0)
    towns = bench_towns()
    if Site.objects.filter(site_id__startswith="BENCH_").count() == ARGS.map_sites:
        print(f"map: reusing the {ARGS.map_sites:,} sites of a previous run (--keep)")
    else:
        generate_sites(rng, towns)
    settings.RATE_LIMITS["friches_api_map"] = {"ip": (10**9, 60)}
    client = Client()
    boxes = views(rng, towns, ARGS.queries)
    client.get("/friches/api/v1/carte", {"bbox": "0,45,1,46"})  # warm-up
    by_zoom, counts = time_api(client, boxes)
    every = [t for ts in by_zoom.values() for t in ts]
    print(f"map API, {len(every)} views over {ARGS.map_sites:,} sites (load {load_average()}):")
    for name, ts in by_zoom.items():
        print(
            f"  {name:12} sites in view p50 {statistics.median(counts[name]):,.0f}; "
            f"p50 {percentile(ts, 50) * 1000:.1f} ms, p95 {percentile(ts, 95) * 1000:.1f} ms, p99 {percentile(ts, 99) * 1000:.1f} ms"
        )
    p95 = percentile(every, 95) * 1000
    print(
        f"  all views: p50 {percentile(every, 50) * 1000:.1f} ms, p95 {p95:.1f} ms — target p95 < 100 ms: {'met' if p95 < 100 else 'MISSED'}"
    )
    # Baseline: the selector alone, with and without the index (index scans off, same transaction).
    sample = boxes[: min(60, len(boxes))]
    with_index = []
    for _, bbox in sample:
        t = time.perf_counter()
        map_sites(bbox=bbox, filters=SiteFilters(), limit=settings.FRICHES_MAP_MAX_SITES)
        with_index.append(time.perf_counter() - t)
    without = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off")
        for _, bbox in sample:
            t = time.perf_counter()
            map_sites(bbox=bbox, filters=SiteFilters(), limit=settings.FRICHES_MAP_MAX_SITES)
            without.append(time.perf_counter() - t)
    print(
        f"  selector alone, {len(sample)} views: with the spatial index p50 {statistics.median(with_index) * 1000:.1f} ms; "
        f"baseline without it p50 {statistics.median(without) * 1000:.1f} ms (load {load_average()})"
    )
    if not ARGS.keep:
        Site.objects.filter(site_id__startswith="BENCH_").delete()


def main():
    rng = random.Random(ARGS.seed)
    print(f"machine: {os.cpu_count()} cores, load average {load_average()}")
    bench_mutability(rng)
    if not ARGS.skip_map:
        bench_map(rng)


if __name__ == "__main__":
    main()
