"""The local geocoder at national scale: a file shaped like the national BAN, imported, indexed
and queried.

    .venv/bin/python bench/geocode_scale.py --numbers 1000000           # develop at 1 M numbers
    .venv/bin/python bench/geocode_scale.py                              # national: 26 M numbers
    .venv/bin/python bench/geocode_scale.py --numbers 1000000 --database postgis://postgres@127.0.0.1:5432/transition_geoscale
    .venv/bin/python bench/geocode_scale.py --numbers 200000 --keep     # keep the file and the database

Generates a BAN CSV (`adresses-france.csv`, the columns of the BAN's own export) with NUMBERS
house numbers, about NUMBERS / 17 streets (1.5 M at 26 M) and NUMBERS × 35,000 / 26 M communes
(35,000 at 26 M), spread over mainland France: communes sized unevenly (a few cities, many
villages), street names as the BAN has them (the same "Rue de l'Église" in thousands of
communes, people's names, trees, lieux-dits made of French syllables, so that the vocabulary
grows with the file), numbers with "bis"/"ter" now and then.

Then, each stage in a process of its own so that its peak memory is its own:
1. import: `geo.services.addresses_import` (what `manage.py geo_import_addresses` runs) into a
   scratch SQLite database (or `--database`);
2. index: `geo.local.build_index()` from the database, then QUERIES house numbers drawn from the
   file, typed as people type them (bench/geocode.py's `as_typed`: lower case, no accents,
   abbreviations, no city in 30 %), one at a time (`search(limit=1)`), then through `batch()`.

Prints, each with the load average: generation time and file size, import time and peak
resident memory, index build time, resident memory once built (and its peak), queries per
second (wall and per CPU second), p50/p99, and the share of top results within 5 m of the true
point (all queries, and those that name the city). Targets (issue 15): resident memory < 8 GB,
>= 2,000 queries/s, import < 30 min, at 26 M numbers.
"""

import argparse
import csv
import json
import math
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

NATIONAL_NUMBERS = 26_000_000
NATIONAL_STREETS = 1_500_000
NATIONAL_COMMUNES = 35_000

STREET_TYPES = [
    ("Rue", 40),
    ("Chemin", 14),
    ("Route", 8),
    ("Impasse", 9),
    ("Allée", 6),
    ("Avenue", 5),
    ("Place", 4),
    ("Boulevard", 1),
    ("Lotissement", 2),
    ("Lieu-dit", 3),
    ("Résidence", 2),
    ("Square", 1),
    ("Sentier", 1),
    ("Passage", 1),
]
COMMON = [
    "de l’Église",
    "de la Mairie",
    "des Écoles",
    "du Moulin",
    "de la Gare",
    "du Château",
    "de la Fontaine",
    "du Stade",
    "des Jardins",
    "de la Poste",
    "du Lavoir",
    "des Vignes",
    "du Bourg",
    "de la Forêt",
    "des Prés",
    "du Puits",
    "de la Croix",
    "du Pont",
    "des Peupliers",
    "des Tilleuls",
    "des Chênes",
    "des Lilas",
    "des Acacias",
    "des Rosiers",
    "du Cimetière",
    "de la Libération",
    "de la République",
    "du Onze Novembre",
    "du Huit Mai 1945",
    "de la Paix",
    "Neuve",
    "Haute",
    "Basse",
    "Principale",
    "du Midi",
    "du Levant",
    "du Couchant",
    "des Sports",
    "de la Vallée",
    "des Coteaux",
]
PEOPLE = [
    "Victor Hugo",
    "Jean Jaurès",
    "Pasteur",
    "du Général de Gaulle",
    "Jean Moulin",
    "Jules Ferry",
    "du Maréchal Foch",
    "Gambetta",
    "Émile Zola",
    "Anatole France",
    "Voltaire",
    "Jean Jacques Rousseau",
    "Paul Bert",
    "Aristide Briand",
    "Georges Clemenceau",
    "Louis Pasteur",
    "Pierre Curie",
    "Marie Curie",
    "Jean Monnet",
    "Charles Péguy",
    "Albert Camus",
    "Molière",
    "Lamartine",
    "Alphonse Daudet",
    "Frédéric Mistral",
    "du Docteur Schweitzer",
    "Saint-Exupéry",
    "Louise Michel",
    "Simone Veil",
    "Jean de la Fontaine",
]
SAINTS = ["Martin", "Pierre", "Jean", "Michel", "Nicolas", "Laurent", "Germain", "Georges", "Denis", "Étienne"]
ONSETS = ["b", "br", "ch", "d", "f", "g", "gr", "j", "l", "m", "n", "p", "pl", "r", "s", "t", "tr", "v", "c", "cl"]
VOWELS = ["a", "e", "i", "o", "ou", "au", "ai", "é", "ie", "eu"]
ENDINGS = ["ière", "ais", "ac", "y", "ot", "eau", "ard", "ins", "ette", "on", "ay", "el", "euil", "oux", "ier"]
COMMUNE_SUFFIXES = ["sur-Loire", "en-Bresse", "le-Château", "les-Bains", "sur-Mer", "la-Forêt", "du-Bois"]
REPS = [("bis", 0.03), ("ter", 0.004), ("a", 0.004), ("b", 0.003)]

# Mainland France, roughly, in degrees.
LON_RANGE = (-4.5, 7.8)
LAT_RANGE = (42.5, 50.9)


def word(rng: random.Random, syllables: int) -> str:
    text = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables - 1))
    return (text + rng.choice(ONSETS) + rng.choice(ENDINGS)).capitalize()


def street_name(rng: random.Random) -> str:
    kind = rng.choices([t for t, _ in STREET_TYPES], weights=[w for _, w in STREET_TYPES])[0]
    draw = rng.random()
    if kind == "Lieu-dit" or draw < 0.35:  # a lieu-dit's own word: the vocabulary grows with the file
        article = rng.choice(["de la ", "des ", "du ", "de ", ""])
        name = f"{article}{word(rng, rng.randint(2, 3))}"
        return name[0].upper() + name[1:] if kind == "Lieu-dit" else f"{kind} {name}"
    if draw < 0.75:
        return f"{kind} {rng.choice(COMMON)}"
    if draw < 0.95:
        return f"{kind} {rng.choice(PEOPLE)}"
    return f"{kind} Saint-{rng.choice(SAINTS)}"


def commune_name(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.12:
        return f"Saint-{rng.choice(SAINTS)}" + (f"-{rng.choice(COMMUNE_SUFFIXES)}" if rng.random() < 0.7 else "")
    name = word(rng, rng.randint(2, 3))
    return f"{name}-{rng.choice(COMMUNE_SUFFIXES)}" if draw > 0.85 else name


def load_line(when: str) -> str:
    one, five, fifteen = os.getloadavg()
    return f"[charge {one:.2f} / {five:.2f} / {fifteen:.2f} sur {os.cpu_count()} cœurs, {when}]"


def number(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def generate(path: Path, numbers: int, seed: int, sample_every: int) -> tuple[dict, list]:
    """Write the CSV; return what was written and a sample of (number, street, city, postcode, lon, lat)."""
    rng = random.Random(seed)
    streets_total = max(10, round(numbers * NATIONAL_STREETS / NATIONAL_NUMBERS))
    communes_total = max(5, round(numbers * NATIONAL_COMMUNES / NATIONAL_NUMBERS))
    # Communes sized unevenly: a Pareto weight each, streets shared out in proportion.
    weights = [rng.paretovariate(1.2) for _ in range(communes_total)]
    scale = streets_total / sum(weights)
    streets_of = [max(1, round(w * scale)) for w in weights]
    samples: list = []
    written = 0
    streets_written = 0
    used_codes: set[str] = set()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter=";", lineterminator="\n")
        out.writerow(
            ["id", "id_fantoir", "numero", "rep", "nom_voie", "code_postal", "code_insee", "nom_commune", "lon", "lat"]
        )
        numbers_left = numbers
        for c in range(communes_total):
            if numbers_left <= 0:
                break
            while True:
                departement = rng.randint(1, 95)
                if departement == 20:
                    continue
                citycode = f"{departement:02d}{rng.randint(1, 999):03d}"
                if citycode not in used_codes:
                    used_codes.add(citycode)
                    break
            postcode = f"{departement:02d}{rng.randint(0, 99) * 10:03d}"
            city = commune_name(rng)
            clon, clat = rng.uniform(*LON_RANGE), rng.uniform(*LAT_RANGE)
            spread = 0.004 * math.sqrt(streets_of[c]) + 0.005
            names_here: set[str] = set()
            for s in range(streets_of[c]):
                name = street_name(rng)
                while name in names_here:  # a commune has each name once: another lieu-dit then
                    name = f"{rng.choice(['Chemin', 'Rue', 'Impasse'])} de {word(rng, 3)}"
                names_here.add(name)
                street_id = f"{citycode}_{s:04x}{rng.randint(0, 15):x}"
                streets_left = max(1, streets_total - streets_written)
                mean = max(1.0, numbers_left / streets_left)
                count = max(1, min(int(rng.expovariate(1 / mean)) + 1, 400, numbers_left))
                slon, slat = clon + rng.gauss(0, spread), clat + rng.gauss(0, spread) * 0.7
                heading = rng.uniform(0, math.tau)
                dlon, dlat = math.cos(heading) * 0.00012, math.sin(heading) * 0.00008
                for k in range(count):
                    numero = 1 + 2 * k if k < count / 2 else 2 * (k - count // 2 + 1)
                    rep = ""
                    draw = rng.random()
                    for suffix, share in REPS:
                        if draw < share:
                            rep = suffix
                            break
                        draw -= share
                    lon = round(slon + dlon * numero / 2, 6)
                    lat = round(slat + dlat * numero / 2 + (0.00003 if numero % 2 else 0), 6)
                    ban_id = f"{street_id}_{numero:05d}" + (f"_{rep}" if rep else "")
                    out.writerow([ban_id, "", numero, rep, name, postcode, citycode, city, lon, lat])
                    written += 1
                    if written % sample_every == 0:
                        samples.append((f"{numero}{rep}", name, city, postcode, lon, lat))
                numbers_left -= count
                streets_written += 1
                if numbers_left <= 0:
                    break
    return {"numbers": written, "streets": streets_written, "communes": len(used_codes)}, samples


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def django_setup(workdir: Path, database: str | None) -> None:
    os.environ["TRANSITION_VAR_DIR"] = str(workdir)
    if database:
        os.environ["DATABASE_URL"] = database
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "transition.config.settings.base"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def reset_peak_rss() -> bool:
    """Linux: forget the process's peak resident memory so far (the import's own peak follows)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_since_reset_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return peak_rss_mb()


def server_cpu_s(pid: int | None) -> float:
    """CPU time of the PostgreSQL backend serving this process (it runs on this machine here)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Phases:
    """Wall, process CPU and server CPU of each phase of the import (functions wrapped in place)."""

    def __init__(self, pid: int | None):
        self.pid = pid
        self.figures: dict[str, list[float]] = {}

    def wrap(self, module, name: str, label: str) -> None:
        function = getattr(module, name)

        def timed(*args, **kwargs):
            wall, cpu, server = time.perf_counter(), time.process_time(), server_cpu_s(self.pid)
            try:
                return function(*args, **kwargs)
            finally:
                figures = self.figures.setdefault(label, [0.0, 0.0, 0.0])
                figures[0] += time.perf_counter() - wall
                figures[1] += time.process_time() - cpu
                figures[2] += server_cpu_s(self.pid) - server

        setattr(module, name, timed)


def stage_import(workdir: Path, database: str | None) -> dict:
    django_setup(workdir, database)
    from django.db import connection

    from transition.platform.geo import address_load, services
    from transition.platform.geo.models import AddressNumber, AddressPlace

    # Migrations in a process of their own: their memory would hide the import's in this one.
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity", "0"], check=True)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AddressNumber._meta.db_table}")
        cursor.execute(f"DELETE FROM {AddressPlace._meta.db_table}")
    pid = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
    phases = Phases(pid)
    # The stream is read while the numbers are staged: "staging" includes the second reading.
    phases.wrap(services, "check_ban_files", "vérification (1re lecture)")
    phases.wrap(address_load, "numbers_stage", "2e lecture et table de chargement")
    phases.wrap(address_load, "places_upsert", "lieux")
    phases.wrap(address_load, "numbers_merge", "INSERT … ON CONFLICT des numéros")
    rss_before = current_rss_mb()
    reset = reset_peak_rss()
    started = time.perf_counter()
    cpu = time.process_time()
    server = server_cpu_s(pid)
    report = services.addresses_import(paths=[workdir / "adresses-france.csv"])
    return {
        "import_s": time.perf_counter() - started,
        "import_cpu_s": time.process_time() - cpu,
        "server_cpu_s": server_cpu_s(pid) - server if pid else None,
        "phases": phases.figures,
        "places": report.places,
        "numbers": report.numbers,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_since_reset_mb() if reset else peak_rss_mb(),
        "load": load_line("fin de l’import"),
    }


def stage_query(workdir: Path, database: str | None, queries_count: int, seed: int) -> dict:
    from geocode import as_typed

    django_setup(workdir, database)
    from transition.platform.geo import local
    from transition.platform.geo.domain.scoring import haversine_m

    rss_before = current_rss_mb()
    started = time.perf_counter()
    index = local.build_index()
    build_s = time.perf_counter() - started
    rss_built = current_rss_mb()
    load_built = load_line("index construit")

    samples = json.loads((workdir / "samples.json").read_text())
    rng = random.Random(seed)
    chosen = rng.sample(samples, min(queries_count, len(samples)))
    queries = []
    for housenumber, street, city, postcode, lon, lat in chosen:
        text = as_typed(rng, housenumber, street, city, postcode)
        queries.append((text, lon, lat, city.lower().split("-")[0][:4] in text))
    for text, *_ in queries[:200]:  # warm the caches a little, as a running server has them
        index.search(text, limit=1)
    latencies = []
    within = within_city = with_city = 0
    started = time.perf_counter()
    cpu = time.process_time()
    for text, lon, lat, names_city in queries:
        t0 = time.perf_counter()
        results = index.search(text, limit=1)
        latencies.append(time.perf_counter() - t0)
        right = bool(results) and haversine_m(lon, lat, results[0].lon, results[0].lat) <= 5.0
        within += right
        if names_city:
            with_city += 1
            within_city += right
    elapsed = time.perf_counter() - started
    cpu_s = time.process_time() - cpu
    load_queries = load_line("après les requêtes une à une")
    started = time.perf_counter()
    answers = index.batch([q for q, *_ in queries])
    batch_s = time.perf_counter() - started
    batch_within = sum(
        1
        for a, (_, lon, lat, _) in zip(answers, queries, strict=True)
        if a and haversine_m(lon, lat, a.lon, a.lat) <= 5
    )
    latencies.sort()
    return {
        "rss_before_mb": rss_before,
        "build_s": build_s,
        "rss_built_mb": rss_built,
        "peak_rss_mb": peak_rss_mb(),
        "load_built": load_built,
        "queries": len(queries),
        "examples": [q for q, *_ in queries[:4]],
        "per_s": len(queries) / elapsed,
        "per_cpu_s": len(queries) / cpu_s if cpu_s else float("inf"),
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "within": within / len(queries),
        "within_city": within_city / with_city if with_city else float("nan"),
        "with_city": with_city,
        "batch_per_s": len(queries) / batch_s,
        "batch_within": batch_within / len(queries),
        "load_queries": load_queries,
        "load": load_line("fin des requêtes"),
    }


def run_stage(name: str, args, workdir: Path) -> dict:
    command = [sys.executable, __file__, "--stage", name, "--workdir", str(workdir), "--seed", str(args.seed)]
    command += ["--queries", str(args.queries)]
    if args.database:
        command += ["--database", args.database]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        sys.exit(f"L’étape « {name} » a échoué (code {done.returncode}).")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--numbers", type=int, default=NATIONAL_NUMBERS, help="house numbers (26 M: national)")
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--database", help="a database URL (default: a scratch SQLite database)")
    parser.add_argument("--workdir", type=Path, help="where the file and the scratch database go")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the file and the imported database of --workdir (with --keep)"
    )
    parser.add_argument("--stage", choices=["import", "query"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:
        result = (
            stage_import(args.workdir, args.database)
            if args.stage == "import"
            else stage_query(args.workdir, args.database, args.queries, args.seed)
        )
        print(json.dumps(result))
        return

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-geocode-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "adresses-france.csv"
    print(f"Dossier de travail : {workdir} ; base : {args.database or 'SQLite de travail'}")
    print(load_line("début"))
    try:
        if args.reuse and path.exists():
            shape = json.loads((workdir / "shape.json").read_text())
            print(f"Fichier réutilisé : {path}")
        else:
            started = time.perf_counter()
            sample_every = max(1, args.numbers // max(1, args.queries * 3))
            shape, samples = generate(path, args.numbers, args.seed, sample_every)
            (workdir / "samples.json").write_text(json.dumps(samples))
            (workdir / "shape.json").write_text(json.dumps(shape))
            print(
                f"Fichier généré en {time.perf_counter() - started:.1f} s : {number(shape['numbers'])} numéros, "
                f"{number(shape['streets'])} voies, {number(shape['communes'])} communes, "
                f"{path.stat().st_size / 1e9:.2f} Go"
            )
        print(load_line("fichier prêt"))

        previous = workdir / "import.json"
        if args.reuse and previous.exists():
            imported = json.loads(previous.read_text())
            print("Import : base de la course précédente réutilisée ; ses chiffres :")
        else:
            imported = run_stage("import", args, workdir)
            previous.write_text(json.dumps(imported))
        print(
            f"Import (addresses_import) : {imported['import_s']:.1f} s ({imported['import_cpu_s']:.1f} s de CPU"
            + (
                f", {imported['server_cpu_s']:.1f} s de CPU du serveur PostgreSQL"
                if imported.get("server_cpu_s")
                else ""
            )
            + f"), {number(imported['places'])} lieux et {number(imported['numbers'])} numéros, "
            f"mémoire résidente au plus haut {number(imported['peak_rss_mb'])} Mo "
            f"(avant l’import : {number(imported.get('rss_before_mb', 0))} Mo)"
        )
        phases = imported.get("phases", {})
        for label, (wall, cpu, server) in phases.items():
            print(f"  {label} : {wall:.1f} s, {cpu:.1f} s de CPU" + (f", serveur {server:.1f} s" if server else ""))
        if phases:
            rest = [
                imported[key] - sum(p[i] for p in phases.values()) for i, key in enumerate(("import_s", "import_cpu_s"))
            ]
            server_rest = (imported.get("server_cpu_s") or 0) - sum(p[2] for p in phases.values())
            print(
                f"  reste (version des adresses, COMMIT et ses contrôles différés de clés étrangères) : {rest[0]:.1f} s, "
                f"{rest[1]:.1f} s de CPU" + (f", serveur {server_rest:.1f} s" if server_rest > 0.05 else "")
            )
        print(imported["load"])

        queried = run_stage("query", args, workdir)
        print(
            f"Index local construit depuis la base en {queried['build_s']:.1f} s ; mémoire résidente du processus "
            f"{number(queried['rss_built_mb'])} Mo une fois construit (Django seul : "
            f"{number(queried['rss_before_mb'])} Mo), au plus haut {number(queried['peak_rss_mb'])} Mo"
        )
        print(queried["load_built"])
        print("Exemples de requêtes : " + " | ".join(f"« {q} »" for q in queried["examples"]))
        print(
            f"Requêtes une à une ({number(queried['queries'])}) : {number(queried['per_s'])} /s "
            f"({number(queried['per_cpu_s'])} par seconde de CPU), p50 {queried['p50_ms']:.2f} ms, "
            f"p99 {queried['p99_ms']:.2f} ms"
        )
        print(
            f"Premier résultat à moins de 5 m : {queried['within']:.2%} de toutes les requêtes, "
            f"{queried['within_city']:.2%} de celles qui nomment la commune ({number(queried['with_city'])})"
        )
        print(f"batch() : {number(queried['batch_per_s'])} /s, {queried['batch_within']:.2%} à moins de 5 m")
        print(queried["load"])
        scale = NATIONAL_NUMBERS / max(1, shape["numbers"])
        if scale > 1.5:
            print(
                f"Extrapolation linéaire à 26 M numéros (×{scale:.1f}) : import ≈ {imported['import_s'] * scale / 60:.0f} min, "
                f"mémoire de l’import au plus ≈ {(imported['peak_rss_mb'] - imported.get('rss_before_mb', queried['rss_before_mb'])) * scale / 1024:.1f} Go au-dessus de Django "
                "(ce qui croît, ce sont les lieux : un pour 17 numéros ; les numéros passent en flux), "
                f"index ≈ {queried['build_s'] * scale / 60:.1f} min et "
                f"{(queried['rss_built_mb'] - queried['rss_before_mb']) * scale / 1024 + queried['rss_before_mb'] / 1024:.1f} Go "
                "(le débit des requêtes ne suit pas le nombre de numéros : il dépend de la longueur des listes de "
                "candidats, qui croît avec le nombre de voies portant les mêmes mots)"
            )
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
