"""Benchmark of CoMobi's matching: one request against 10,000 regular trips, 1,000 requests in a
row, and the public search API under load.

    .venv/bin/python bench/comobi_matching.py [--trips 10000] [--requests 1000] [--seed 7]
        [--connections 20] [--duration 20] [--workers 2] [--skip-api]

Builds a scratch SpatiaLite database in a temporary folder (migrate), one territory shaped like a
rural département (about 100 × 100 km, 120 villages and 12 towns) and TRIPS drivers' regular
trips: from a village to a town (or between towns), on a few weekdays, leaving between 06:00 and
09:30, a third of them with a return (so about 13,000 directions in the index).

1. In process, through `selectors.matching.matches_for` (the path the pages and the API take:
   one read of the territory's offers version, the numpy sieve, the domain rule on the
   candidates): one request at a time, p50/p95/p99, then REQUESTS requests in a row. Baseline in
   the same run: the domain rule alone over every trip (`domain.matching.search`), as a plain
   loop would do it, on a sample.
2. The API `GET /comobi/api/v1/<slug>/search` served by gunicorn on loopback, DEBUG off, CONNECTIONS
   connections for DURATION seconds (wrk when installed, else an asyncio client).

Targets (issue 11): one request under 20 ms; 1,000 requests under 10 s. The machine's load
average is printed beside the figures: on a shared machine, compare with the baseline of the
same run.
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
FOLDER = Path(tempfile.mkdtemp(prefix="transition-comobi-bench-"))
ENV = {
    "TRANSITION_VAR_DIR": str(FOLDER),
    "DATABASE_URL": f"spatialite:///{FOLDER / 'bench.sqlite3'}",
    "DJANGO_SETTINGS_MODULE": "transition.config.settings.base",
    "DJANGO_DEBUG": "false",
    "DB_CONN_MAX_AGE": "600",
    "LOG_LEVEL": "WARNING",
    "COMOBI_API_SEARCH_PER_MINUTE": "100000000",
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from api_load import free_port, run_python, run_wrk, wait_ready  # noqa: E402
from django.core.management import call_command  # noqa: E402

from transition.platform.accounts.models import Organisation  # noqa: E402
from transition.platform.core.models import data_version_bump  # noqa: E402
from transition.products.comobi.domain.matching import Need, Point, search, weekday_mask  # noqa: E402
from transition.products.comobi.enums import OfferKind  # noqa: E402
from transition.products.comobi.models import Offer, Person, Territory, offers_version_name  # noqa: E402
from transition.products.comobi.selectors.matching import matches_for, matching_index, trips_of  # noqa: E402

SOUTH, NORTH, WEST, EAST = 44.25, 45.15, 1.05, 2.25
VENV = ROOT / ".venv" / "bin"


def places(rng):
    towns = [Point(rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)) for _ in range(12)]
    villages = [Point(rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)) for _ in range(120)]
    return towns, villages


def near(rng, point, km=1.5):
    return Point(point.lat + rng.gauss(0, km / 111), point.lon + rng.gauss(0, km / 79))


def build(trips: int, rng) -> Territory:
    call_command("migrate", "--noinput", verbosity=0)
    organisation = Organisation.objects.create(name="Département de démonstration")
    territory = Territory.objects.create(organisation=organisation, slug="banc", name="Banc d’essai", is_open=True)
    towns, villages = places(rng)
    drivers = Person.objects.bulk_create(
        Person(territory=territory, first_name=f"Conducteur{i}", last_name="Essai", phone=f"+3361{i:07d}")
        for i in range(trips // 3)
    )
    offers = []
    for i in range(trips):
        start = near(rng, rng.choice(villages)) if rng.random() < 0.8 else near(rng, rng.choice(towns))
        end = near(rng, rng.choice(towns), km=0.8)
        days = frozenset(rng.sample(range(5), rng.randint(2, 5))) | (
            frozenset({5}) if rng.random() < 0.1 else frozenset()
        )
        minutes = rng.randint(6 * 60, 9 * 60 + 30)
        offers.append(
            Offer(
                territory=territory,
                driver=drivers[i % len(drivers)],
                kind=OfferKind.REGULAR,
                origin_label=f"Village {i}",
                origin_lat=start.lat,
                origin_lon=start.lon,
                destination_label=f"Ville {i}",
                destination_lat=end.lat,
                destination_lon=end.lon,
                weekdays=weekday_mask(days),
                departure_time=clock(minutes // 60, minutes % 60),
                return_time=clock(rng.randint(16, 19), rng.choice((0, 15, 30, 45))) if rng.random() < 0.33 else None,
                max_extra_minutes=rng.choice((None, None, 10, 15, 20, 30)),
            )
        )
    Offer.objects.bulk_create(offers, batch_size=2000)
    data_version_bump(offers_version_name(territory.pk))
    return territory


def needs(count: int, rng) -> list[Need]:
    towns, villages = places(random.Random(rng.random()))  # other villages than the trips'
    monday = date(2030, 3, 4)
    found = []
    for _ in range(count):
        origin, destination = near(rng, rng.choice(villages)), near(rng, rng.choice(towns), km=0.5)
        if rng.random() < 0.3:
            origin, destination = destination, origin
        after = rng.randint(6 * 60, 9 * 60) if rng.random() < 0.5 else None
        found.append(
            Need(
                origin=origin,
                destination=destination,
                day=monday + timedelta(days=rng.randint(0, 13)),
                leave_after_min=after,
            )
        )
    return found


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"charge de la machine {one:.2f} / {five:.2f} / {fifteen:.2f} (1, 5, 15 min ; {os.cpu_count()} cœurs)"


def in_process(territory: Territory, asked: list[Need]) -> None:
    started = time.perf_counter()
    index = matching_index(territory)
    print(f"Index construit : {len(index)} sens de trajet en {1000 * (time.perf_counter() - started):.0f} ms")
    latencies, found = [], 0
    for need in asked[:300]:
        started = time.perf_counter()
        found += len(matches_for(territory, need).matches)
        latencies.append(1000 * (time.perf_counter() - started))
    p50, p95, p99 = pct(latencies, 0.5), pct(latencies, 0.95), pct(latencies, 0.99)
    print(
        f"Une demande contre {len(index)} sens : p50 {p50:.2f} ms, p95 {p95:.2f} ms, p99 {p99:.2f} ms ({found / 300:.1f} conducteurs trouvés en moyenne)"
    )
    print(f"  objectif < 20 ms (p95) : {'atteint' if p95 < 20 else 'manqué'} — {load()}")
    started = time.perf_counter()
    for need in asked:
        matches_for(territory, need)
    elapsed = time.perf_counter() - started
    print(f"{len(asked)} demandes à la suite : {elapsed:.2f} s ({1000 * elapsed / len(asked):.2f} ms par demande)")
    print(f"  objectif < 10 s : {'atteint' if elapsed < 10 else 'manqué'} — {load()}")
    trips = index.trips
    sample = asked[:20]
    started = time.perf_counter()
    agree = all(
        [m.key for m in search(trips, need)] == [m.key for m in matches_for(territory, need).matches] for need in sample
    )
    baseline = 1000 * (time.perf_counter() - started) / len(sample)
    print(
        f"Référence (la règle seule sur chaque trajet, sans crible) : {baseline:.1f} ms par demande ; mêmes résultats : {'oui' if agree else 'NON'}"
    )
    offers = Offer.objects.count()
    print(
        f"({offers} trajets réguliers, {sum(len(trips_of(o)) for o in Offer.objects.all()[:200]) / 200:.2f} sens par trajet sur un échantillon)"
    )


def api(territory: Territory, asked: list[Need], args) -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            str(VENV / "gunicorn"),
            "transition.config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **ENV},
        start_new_session=True,
    )
    try:
        paths = [
            f"/comobi/api/v1/{territory.slug}/search?from_lat={n.origin.lat:.5f}&from_lon={n.origin.lon:.5f}"
            f"&to_lat={n.destination.lat:.5f}&to_lon={n.destination.lon:.5f}&date={n.day.isoformat()}"
            + (
                f"&after={n.leave_after_min // 60:02d}:{n.leave_after_min % 60:02d}"
                if n.leave_after_min is not None
                else ""
            )
            for n in asked
        ]
        base = f"http://127.0.0.1:{port}"
        wait_ready(base + paths[0], timeout_s=60)
        with urllib.request.urlopen(base + paths[0], timeout=10) as answer:
            assert answer.status == 200
        if shutil.which("wrk"):
            result = run_wrk(base, paths, args.connections, args.duration, FOLDER)
        else:
            result = run_python(port, paths, args.connections, args.duration)
        errors = sum(result["errors"].values())
        print(
            f"API sous charge : gunicorn {args.workers} processus, {args.connections} connexions, {args.duration} s, client {result['client']}"
        )
        print(
            f"  {result['requests']} requêtes, {result['rps']:.0f} requêtes/s ; p50 {result['p50_ms']:.1f} ms, "
            f"p95 {result['p95_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms ; erreurs {errors} — {load()}"
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trips", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-api", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    try:
        print(f"Au départ : {load()}")
        territory = build(args.trips, rng)
        asked = needs(args.requests, rng)
        in_process(territory, asked)
        if not args.skip_api:
            api(territory, asked, args)
    finally:
        shutil.rmtree(FOLDER, ignore_errors=True)


if __name__ == "__main__":
    main()
