"""Potentiel at scale: listing and filtering 100,000 projects, and notifying a period of 2,000
candidates with their attestations (PDF).

    DATABASE_URL=postgis://postgres@127.0.0.1:5432/transition_potentiel_bench \\
        .venv/bin/python bench/potentiel.py list --projects 100000
    DATABASE_URL=postgis://postgres@127.0.0.1:5432/transition_potentiel_bench \\
        .venv/bin/python bench/potentiel.py notify --candidates 2000

Without DATABASE_URL both run on a scratch SQLite file (the issue's targets are for PostgreSQL).

`list` fills the database once with generated projects spread over the 21 appels d'offres and
their periods (rerun: the fill is skipped when they are there), then times, through the Django
test client, what the machines and the agents use: the API `GET /potentiel/api/v1/projets`
(token of scope `potentiel:lecture`; first page, filters by appel d'offres, période, statut and
`updated_since`, a page deep in the list by its `after` cursor) and the administration's list
(`/potentiel/administration/`, a DGEC agent; first page, filters, search, a page deep in the
list by its `apres` and `avant` cursors). Target: < 200 ms per page.

`notify` writes a period of candidates (classé and éliminé) and runs what the notification job
runs (`services/notification.py: notify_periode`): status, planned completion, attestation PDF
stored with its SHA-256, claim code, audit event and email for each. Target: < 2 minutes.
Each figure is printed with the load average; on a shared machine, say so.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_PERIOD = ("PPE2 - Sol", "1")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"(charge {one:.1f} / {five:.1f}, {os.cpu_count()} cœurs)"


def setup_django(workdir: Path, queue_dir: Path | None = None) -> None:
    os.environ["TRANSITION_VAR_DIR"] = str(workdir)
    if queue_dir is not None:
        os.environ["HUEY_SQLITE_PATH"] = str(queue_dir / "huey.sqlite3")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "transition.config.settings.base"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["EMAIL_URL"] = "memorymail://"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _projet(number: int, periode, *, statut_candidature: str, notified: bool):
    from transition.products.potentiel.models import Projet

    regions = ("11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93")
    region = regions[number % len(regions)]
    classe = statut_candidature == "classé"
    statut = ("lauréat" if classe else "éliminé") if notified else statut_candidature
    laureat = ("actif", "actif", "actif", "achevé", "abandonné")[number % 5] if notified and classe else ""
    power = Decimal(1 + number % 97) / 2
    return Projet(
        identifiant=f"{periode.appel_offres_id}#{periode.identifiant}##{number}",
        appel_offres_id=periode.appel_offres_id,
        periode=periode,
        numero_cre=str(number),
        nom_projet=f"Centrale solaire n° {number}",
        nom_candidat=f"Énergies {number % 1000} SAS",
        nom_representant_legal="Camille Durand",
        email_contact=f"contact{number}@example.fr",
        adresse1=f"{number % 200} route des Lavandes",
        code_postal="31000",
        commune="Toulouse",
        departement="31",
        region=region,
        puissance_candidature=power,
        prix_reference=Decimal("72.5"),
        note_totale=Decimal(number % 100),
        technologie="pv",
        statut_candidature=statut_candidature,
        motif_elimination="" if classe else "Prix au-delà du prix plafond",
        historique_abandon="première-candidature",
        type_garanties="avec-date-échéance" if classe else "",
        date_echeance_garanties=dt.date(2030, 1, 1) if classe else None,
        statut=statut,
        statut_laureat=laureat,
        puissance=power,
        date_notification=dt.date(2023, 1, 1) + dt.timedelta(days=number % 600) if notified else None,
        date_achevement_previsionnelle=dt.date(2025, 6, 30) if notified and classe else None,
    )


def fill(total: int) -> None:
    from transition.products.potentiel.models import Periode, Projet

    present = Projet.objects.count()
    if present >= total:
        print(f"{present} projets déjà en base : remplissage sauté")
        return
    periodes = list(Periode.objects.filter(legacy=False).order_by("appel_offres_id", "rank"))
    started = time.perf_counter()
    batch, number = [], present
    while number < total:
        periode = periodes[number % len(periodes)]
        batch.append(_projet(number, periode, statut_candidature=("classé", "éliminé")[number % 4 == 0], notified=True))
        number += 1
        if len(batch) == 5000:
            Projet.objects.bulk_create(batch)
            batch = []
    if batch:
        Projet.objects.bulk_create(batch)
    print(f"remplissage : {total - present} projets en {time.perf_counter() - started:.1f} s {load()}")


def _time(client, url: str, *, runs: int, **headers) -> tuple[float, float, int]:
    durations = []
    status = 0
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, **headers)
        durations.append((time.perf_counter() - started) * 1000)
        status = response.status_code
        assert status == 200, (url, status, response.content[:300])
    durations.sort()
    return statistics.median(durations), durations[int(len(durations) * 0.95) - 1], status


def bench_list(total: int, runs: int) -> None:
    from django.test import Client

    from transition.platform.accounts.api_tokens import api_token_issue
    from transition.platform.accounts.models import Membership, Organisation, User
    from transition.products.potentiel.models import Projet

    fill(total)
    organisation, _ = Organisation.objects.get_or_create(name="DGEC (banc)", defaults={"kind": "administration"})
    user, _ = User.objects.get_or_create(email="banc@dgec.example")
    Membership.objects.get_or_create(user=user, organisation=organisation, product="potentiel", role="dgec")
    _, raw = api_token_issue(organisation=organisation, scope="potentiel:lecture", name="banc")
    api = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    deep = Projet.objects.order_by("pk").values_list("pk", flat=True)[total * 9 // 10]
    since = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ao = "PPE2 - Sol"
    cases = [
        ("API, première page (50)", "/potentiel/api/v1/projets?limit=50"),
        ("API, filtre appel d'offres", f"/potentiel/api/v1/projets?appelOffre={ao}&limit=50"),
        (
            "API, appel d'offres + période + statut",
            f"/potentiel/api/v1/projets?appelOffre={ao}&periode=3&statut=lauréat&limit=50",
        ),
        ("API, updated_since", f"/potentiel/api/v1/projets?updated_since={since}&limit=50"),
        ("API, page à 90 % (curseur after)", f"/potentiel/api/v1/projets?after={deep}&limit=50"),
    ]
    print(f"\n{Projet.objects.count()} projets ; {runs} essais par page ; médiane / p95 {load()}")
    for label, url in cases:
        median, p95, _ = _time(api, url, runs=runs, **auth)
        print(f"  {label:<45} {median:7.1f} ms / {p95:7.1f} ms")
    pages = Client()
    pages.force_login(user)
    deep_cursor = quote(Projet.objects.order_by("identifiant").values_list("identifiant", flat=True)[total * 9 // 10])
    cases = [
        ("page d'administration, première page", "/potentiel/administration/"),
        ("page d'administration, AO + statut", f"/potentiel/administration/?appel_offres={ao}&statut=actif"),
        ("page d'administration, recherche", "/potentiel/administration/?q=n%C2%B0%2012345"),
        ("page d'administration, à 90 % (curseur apres)", f"/potentiel/administration/?apres={deep_cursor}"),
        ("page d'administration, à 90 % (curseur avant)", f"/potentiel/administration/?avant={deep_cursor}"),
    ]
    for label, url in cases:
        median, p95, _ = _time(pages, url, runs=runs)
        print(f"  {label:<45} {median:7.1f} ms / {p95:7.1f} ms")
    print(f"objectif : < 200 ms par page {load()}")


class DescendantsCpu:
    """CPU time (user + system, seconds) of this process's descendants — the PDF renderer's fork
    server and workers — read from /proc every 0.2 s while they live (a worker's time is not
    counted by getrusage: its parent is the fork server). Linux only; 0 elsewhere."""

    def __init__(self):
        self.seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    @staticmethod
    def _stats() -> dict[int, tuple[int, float]]:
        ticks = os.sysconf("SC_CLK_TCK")
        stats = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
        return stats

    def _sample(self) -> None:
        stats = self._stats()
        family = {os.getpid()}
        grown = True
        while grown:
            grown = False
            for pid, (parent, _) in stats.items():
                if parent in family and pid not in family:
                    family.add(pid)
                    grown = True
        for pid in family - {os.getpid()}:
            self.seen[pid] = max(self.seen.get(pid, 0.0), stats[pid][1])

    def _poll(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def __enter__(self):
        if Path("/proc/self/stat").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def total(self) -> float:
        return sum(self.seen.values())


def bench_notify(candidates: int) -> None:
    from django.db import connection

    from transition.platform.accounts.models import Membership, Organisation, User
    from transition.products.potentiel.models import Periode, Projet
    from transition.products.potentiel.services.notification import notify_periode

    ao, identifiant = BENCH_PERIOD
    periode = Periode.objects.get(appel_offres_id=ao, identifiant=identifiant)
    Projet.objects.filter(periode=periode).delete()
    Projet.objects.bulk_create(
        _projet(1_000_000 + n, periode, statut_candidature=("classé", "éliminé")[n % 3 == 0], notified=False)
        for n in range(candidates)
    )
    organisation, _ = Organisation.objects.get_or_create(name="DGEC (banc)", defaults={"kind": "administration"})
    user, _ = User.objects.get_or_create(email="banc@dgec.example")
    Membership.objects.get_or_create(user=user, organisation=organisation, product="potentiel", role="dgec-validateur")
    print(f"{candidates} candidatures sur {ao}, période {identifiant} ; base {connection.vendor} {load()}")
    started, cpu_started = time.perf_counter(), time.process_time()
    with DescendantsCpu() as workers:
        result = notify_periode(periode=periode, date=dt.date(2025, 3, 14), user=user)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    pdfs = Projet.objects.filter(periode=periode).exclude(attestation="").count()
    print(
        f"notification : {result['notifies']} candidatures ({result['laureats']} lauréats, "
        f"{result['elimines']} éliminés), {pdfs} attestations PDF, en {elapsed:.1f} s "
        f"soit {elapsed * 1000 / max(candidates, 1):.1f} ms par candidature {load()}"
    )
    print(
        f"CPU : processus principal {cpu:.1f} s ({cpu * 1000 / max(candidates, 1):.1f} ms par candidature), "
        f"processus de rendu PDF {workers.total:.1f} s ({workers.total * 1000 / max(candidates, 1):.1f} ms par "
        "attestation)"
    )
    print(
        f"file des courriels : {'Redis' if os.environ.get('REDIS_URL') else os.environ.get('HUEY_SQLITE_PATH', 'SQLite')}"
    )
    print("objectif : < 120 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    listing = sub.add_parser("list")
    listing.add_argument("--projects", type=int, default=100_000)
    listing.add_argument("--runs", type=int, default=20)
    notify = sub.add_parser("notify")
    notify.add_argument("--candidates", type=int, default=2000)
    args = parser.parse_args()
    # Without REDIS_URL the job queue is SQLite: one synced commit per email queued (≈ 5 ms on this
    # disk, 2,000 for a period). In memory (/dev/shm) it costs what Redis costs in production.
    memory = Path("/dev/shm")
    in_memory = not os.environ.get("REDIS_URL") and memory.is_dir() and os.access(memory, os.W_OK)
    with (
        tempfile.TemporaryDirectory(prefix="bench-potentiel-") as tmp,
        tempfile.TemporaryDirectory(prefix="bench-potentiel-queue-", dir=memory if in_memory else None) as queue,
    ):
        setup_django(Path(tmp), Path(queue) if in_memory else None)
        if args.what == "list":
            bench_list(args.projects, args.runs)
        else:
            bench_notify(args.candidates)


if __name__ == "__main__":
    main()
