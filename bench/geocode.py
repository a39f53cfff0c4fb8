"""Benchmark of the local geocoder against addok (the engine of the national BAN service).

    .venv/bin/python bench/geocode.py [--queries 10000] [--seed 7] [--file PATH]

Loads the real BAN extract (New Caledonia, 40,874 house numbers) into a fresh database through
`addresses_import`, builds the local index, then geocodes QUERIES house numbers drawn from the
extract and rewritten as people type them (lower case, no accents, abbreviations, city often
missing). The same queries then go, one request each, to a real addok started on loopback
(`make .venv-addok/.installed`). Prints throughput, p50/p99 latency and the share of top results
within 5 m of the true point, side by side. Both run on one core, one query at a time.
"""

import argparse
import gzip
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_FILE = ROOT.parent / "shared" / "data" / "geo" / "adresses-addok-france-simplified.ndjson.gz"

ABBREVIATIONS = {
    "rue": ["r", "rue", "rue"],
    "avenue": ["av", "ave", "avenue"],
    "boulevard": ["bd", "bld", "boulevard"],
    "allee": ["all", "allee"],
    "impasse": ["imp", "impasse"],
    "route": ["rte", "route"],
    "chemin": ["chem", "ch", "chemin"],
    "place": ["pl", "place"],
    "promenade": ["prom", "promenade"],
    "saint": ["st", "saint"],
    "sainte": ["ste", "sainte"],
    "marechal": ["mal", "marechal"],
    "general": ["gal", "gen", "general"],
    "docteur": ["dr", "docteur"],
}


def strip_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def as_typed(rng: random.Random, number: str, street: str, city: str, postcode: str) -> str:
    """How a person types an address: lower case, no accents, abbreviations, city often missing."""
    match = re.match(r"^(\d+)([a-z]+)$", number)
    if match and rng.random() < 0.5:
        number = f"{match.group(1)} {match.group(2)}"
    # strip_accents drops the BAN's typographic apostrophe (’): "l’Alezan" is typed "lalezan".
    words = strip_accents(street.lower()).replace("'", " ").replace("-", " ").split()
    words = [rng.choice(ABBREVIATIONS[w]) if w in ABBREVIATIONS and rng.random() < 0.7 else w for w in words]
    text = f"{number} {' '.join(words)}"
    draw = rng.random()
    if draw < 0.55:
        text += " " + strip_accents(city.lower())
    elif draw < 0.7 and postcode:
        text += f" {postcode} {strip_accents(city.lower())}"
    # else: the city is missing
    return text


def sample(path: Path, count: int, seed: int) -> list[tuple[str, float, float]]:
    """(typed query, true lon, true lat) for `count` house numbers of the extract."""
    postcodes: dict[str, str] = {}
    numbers = []
    with gzip.open(path, "rt", encoding="utf-8") if path.name.endswith(".gz") else open(path) as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["type"] == "municipality":
                postcodes[doc["citycode"]] = (doc.get("postcode") or [""])[0]
                continue
            city = doc["city"][0] if isinstance(doc["city"], list) else doc["city"]
            citycode = doc["citycode"][0] if isinstance(doc["citycode"], list) else doc["citycode"]
            for number, point in (doc.get("housenumbers") or {}).items():
                numbers.append((number, doc["name"], city, citycode, point["lon"], point["lat"]))
    rng = random.Random(seed)
    chosen = rng.sample(numbers, min(count, len(numbers)))
    return [(as_typed(rng, n, s, c, postcodes.get(cc, "")), lon, lat) for n, s, c, cc, lon, lat in chosen]


def run(name: str, geocode, queries: list[tuple[str, float, float]]) -> dict:
    from transition.platform.geo.domain.scoring import haversine_m

    latencies = []
    within = 0
    found = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    for query, lon, lat in queries:
        t0 = time.perf_counter()
        results = geocode(query)
        latencies.append(time.perf_counter() - t0)
        if results:
            found += 1
            if haversine_m(lon, lat, results[0].lon, results[0].lat) <= 5.0:
                within += 1
    elapsed = time.perf_counter() - started
    cpu_s = time.process_time() - cpu_started
    latencies.sort()
    return {
        "name": name,
        "per_s": len(queries) / elapsed,
        # This process's CPU time: what one core does, whatever else the machine runs meanwhile.
        # (For addok the work happens in its own processes: only the wall-clock figure counts.)
        "per_cpu_s": len(queries) / cpu_s if cpu_s else float("inf"),
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "answered": found / len(queries),
        "within_5m": within / len(queries),
        "within_count": within,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--no-addok", action="store_true", help="Only the local backend.")
    parser.add_argument("--show-misses", type=int, default=0, help="Print this many local misses.")
    args = parser.parse_args()
    if not args.file.exists():
        sys.exit(f"Fichier introuvable : {args.file}")

    workdir = tempfile.mkdtemp(prefix="bench-geocode-")
    os.environ["TRANSITION_VAR_DIR"] = workdir
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "transition.config.settings.base"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    from transition.platform.geo import local
    from transition.platform.geo.addok_server import AddokServer, addok_available
    from transition.platform.geo.ban import BanGeocoder, RateLimiter
    from transition.platform.geo.domain.scoring import haversine_m
    from transition.platform.geo.services import addresses_import

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    report = addresses_import(paths=[args.file])
    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = local.build_index()
    build_s = time.perf_counter() - t0
    print(f"Extrait : {report.places} lieux, {report.numbers} numéros")
    print(f"Import en base (SQLite) : {import_s:.2f} s ; construction de l'index local : {build_s:.2f} s")

    queries = sample(args.file, args.queries, args.seed)
    print(f"{len(queries)} adresses tapées comme des personnes, par exemple :")
    for query, _, _ in queries[:5]:
        print(f"  « {query} »")

    rows = [run("local", lambda q: index.search(q, limit=1), queries)]
    if args.show_misses:
        shown = 0
        for query, lon, lat in queries:
            results = index.search(query, limit=3)
            if not results or haversine_m(lon, lat, results[0].lon, results[0].lat) > 5:
                print("  raté :", query, "->", [(r.label, r.score) for r in results])
                shown += 1
                if shown >= args.show_misses:
                    break
    if not args.no_addok:
        if not addok_available():
            print("addok absent : lancez `make .venv-addok/.installed` pour la comparaison.")
        else:
            t0 = time.perf_counter()
            with AddokServer(args.file) as server:
                print(f"addok chargé et démarré en {time.perf_counter() - t0:.1f} s sur {server.url}")
                client = BanGeocoder(server.url, limiter=RateLimiter(0), max_retries=0)
                rows.append(run("addok (HTTP, boucle locale)", lambda q: client.search(q, limit=1), queries))
                t0 = time.perf_counter()
                batch = client.batch([q for q, _, _ in queries])
                batch_s = time.perf_counter() - t0
                within = sum(
                    1
                    for r, (_, lon, lat) in zip(batch, queries, strict=True)
                    if r and haversine_m(lon, lat, r.lon, r.lat) <= 5
                )
                print(
                    f"addok search/csv (lots de {client.batch_rows}) : {len(queries) / batch_s:,.0f} adresses/s, "
                    f"{within / len(queries):.2%} à moins de 5 m"
                )
    t0 = time.perf_counter()
    local_batch = index.batch([q for q, _, _ in queries])
    batch_s = time.perf_counter() - t0
    within = sum(
        1
        for r, (_, lon, lat) in zip(local_batch, queries, strict=True)
        if r and haversine_m(lon, lat, r.lon, r.lat) <= 5
    )
    print(f"local batch : {len(queries) / batch_s:,.0f} adresses/s, {within / len(queries):.2%} à moins de 5 m")

    print()
    print(
        f"{'moteur':30} {'adresses/s':>11} {'/s de CPU':>10} {'p50 (ms)':>9} {'p99 (ms)':>9} "
        f"{'répondu':>8} {'à 5 m':>8}"
    )
    for row in rows:
        cpu = f"{row['per_cpu_s']:>10,.0f}" if row["name"] == "local" else f"{'-':>10}"
        print(
            f"{row['name']:30} {row['per_s']:>11,.0f} {cpu} {row['p50_ms']:>9.3f} {row['p99_ms']:>9.3f} "
            f"{row['answered']:>8.2%} {row['within_5m']:>8.2%}"
        )


if __name__ == "__main__":
    main()
