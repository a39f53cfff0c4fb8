"""The faults of issue 10, injected into a production-like Transition on this machine (bench/prodlike.py:
PostgreSQL primary + streaming standby, Redis with AOF, moto S3, gunicorn 4 workers behind nginx
ending TLS, two huey consumers, prod settings), with what each one cost, counted.

    .venv/bin/python bench/faults.py                      # every fault, a table at the end
    .venv/bin/python bench/faults.py --only postgres_down redis_down_posts
    .venv/bin/python bench/faults.py --keep /tmp/prod     # keep the folder (logs) afterwards

Root is needed (PostgreSQL runs as the postgres user). Nothing listens beyond 127.0.0.1. Shorter
delays than production's defaults, so that the run ends in minutes: JOBS_LEASE_S=15,
NOTIFY_OUTBOX_DELAY_S=20 (said in the table). The demand form's rate limit is raised (every post
comes from 127.0.0.1).
"""

import argparse
import csv
import io
import logging
import os
import random
import re
import shutil
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from prodlike import HOST, ProdLike, wait

ANGERS = [(-0.5938, 47.4786), (-0.5441, 47.4469), (-0.5256, 47.4877), (-0.5388, 47.4916), (-0.5480, 47.4820)]
EXTRA_ENV = {
    "JOBS_LEASE_S": "15",
    "NOTIFY_OUTBOX_DELAY_S": "20",
    "CHALEUR_DEMAND_RATE_PER_IP": "100000",
    "CHALEUR_API_ELIGIBILITY_PER_MINUTE": "1000000",
    "GEO_API_RATE_LIMIT_PER_IP": "1000000",
    "CHALEUR_INDEX_MAX_AGE_S": "2",
    "GEO_LOCAL_INDEX_CHECK_S": "2",
    "CHALEUR_BULK_BATCH_SIZE": "2000",
}
RESULTS: list[tuple[str, str, str]] = []
logging.getLogger("werkzeug").setLevel(
    logging.WARNING
)  # moto's S3 server: one line per request otherwise  # (fault, before (issue 10), now: counted)


def report(fault: str, before: str, now: str) -> None:
    RESULTS.append((fault, before, now))
    print(f"\n### {fault}\n{now}\n", flush=True)


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


# Helpers over HTTP (through nginx, TLS) ---------------------------------------------------------


def csrf_form(client, path: str) -> str:
    page = client.get(path, timeout=30)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    return match.group(1) if match else ""


DEMAND = {
    "first_name": "Camille",
    "last_name": "Martin",
    "phone": "02 41 00 00 00",
    "structure_type": "copropriete",
    "heating_energy": "gaz",
    "heating_type": "collectif",
    "dwellings_count": "40",
    "surface_m2": "",
    "comment": "Chaudière de 1995 à remplacer ; étude souhaitée avant l’assemblée générale.",
    "wants_operator_contact": "on",
    "consent": "on",
}


def post_demand(client, i: int) -> int:
    lon, lat = ANGERS[i % len(ANGERS)]
    path = f"/chaleur/demande/?lat={lat}&lon={lon}&label=1+rue+du+Bench+49000+Angers&citycode=49007"
    try:
        token = csrf_form(client, path)
        response = client.post(
            path,
            data={**DEMAND, "email": f"demandeur{i}@example.fr", "csrfmiddlewaretoken": token},
            headers={"Referer": f"https://{HOST}{path}"},
            timeout=30,
        )
    except Exception as exc:
        return f"{type(exc).__name__}"
    if response.status_code == 503 and f"demandeur{i}@example.fr" not in response.text:
        return "503 sans la saisie"
    return response.status_code


# The faults -----------------------------------------------------------------------------------


def redis_down_posts(prod: ProdLike) -> None:
    from transition.products.chaleur.models import Demand

    before_count = Demand.objects.count()
    client = prod.https
    statuses, during = [], []
    stopper = None
    for i in range(100):
        if i == 30:
            prod.redis.stop()  # SIGTERM: Redis goes away for 3 s
            stopper = threading.Timer(3, prod.redis.start)
            stopper.start()
        down = stopper is not None and stopper.is_alive()
        status = post_demand(client, 1000 + i)
        statuses.append(status)
        if down:
            during.append(status)
    if stopper:
        stopper.join()
    counts = Counter(statuses)
    saved = Demand.objects.count() - before_count
    report(
        "Redis down 3 s during 100 demand posts",
        "23 × « Erreur 500 » (the rate limiter raised before any write); the person's form content lost",
        f"{dict(counts)}, of which {len(during)} posted while Redis was down: {dict(Counter(during))} ; "
        f"{saved} demands saved of 100 ({load()})",
    )


def redis_killed_with_emails(prod: ProdLike) -> None:
    from transition.platform.notify.enums import EmailStatus
    from transition.platform.notify.models import EmailLog

    for consumer in prod.consumers:
        consumer.stop()
    first = EmailLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    client = prod.https
    statuses = Counter(post_demand(client, 2000 + i) for i in range(23))
    ours = EmailLog.objects.filter(pk__gt=first)
    queued = ours.count()
    queue_before = prod.redis.client().llen("huey.redis.transition")
    prod.redis.kill()
    for path in (prod.work / "redis").glob("appendonly*"):  # the worst case: the AOF lost too
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    prod.redis.start()
    queue_after = prod.redis.client().llen("huey.redis.transition")
    started = time.monotonic()
    prod.consumers = [prod.start_consumer(c.name) for c in prod.consumers]
    wait(lambda: not ours.exclude(status=EmailStatus.SENT).exists(), 180, "les courriels")
    elapsed = time.monotonic() - started
    ids = set(ours.values_list("message_id", flat=True))
    sent = Counter(
        line.split(":", 1)[1].strip()
        for path in prod.maildir.iterdir()
        for line in path.read_text(errors="replace").splitlines()
        if line.startswith("Message-ID:") and line.split(":", 1)[1].strip() in ids
    )
    report(
        "Redis killed (AOF lost too) with emails queued",
        "23 confirmation emails lost for good; their log rows stay « queued » and nothing sends them again",
        f"{statuses} posts ; {queued} emails queued, {queue_before} jobs in Redis before the kill, {queue_after} after ; "
        f"all {len(sent)}/{queued} sent {elapsed:.0f} s after the consumers restarted (sweep), "
        f"{sum(n - 1 for n in sent.values())} duplicates ({load()})",
    )


def api_load_during(prod: ProdLike, fault, *, seconds: float, threads: int = 6):
    """Eligibility and geocoder API calls from `threads` threads while `fault()` runs."""
    stop = threading.Event()
    results: list[tuple[str, int, bool]] = []
    lock = threading.Lock()

    def worker(seed: int):
        rng = random.Random(seed)
        client = prod.https
        while not stop.is_set():
            if rng.random() < 0.5:
                lon, lat = rng.choice(ANGERS)
                path, api = (
                    f"/chaleur/api/v1/eligibility?lat={lat + rng.gauss(0, 0.003):.6f}&lon={lon + rng.gauss(0, 0.004):.6f}",
                    "eligibility",
                )
            else:
                path, api = "/api/geo/search?q=rue+de+la+gare+angers&limit=1", "geocoder"
            try:
                response = client.get(path, timeout=30)
                entry = (api, response.status_code, "X-Data-Stale" in response.headers)
            except Exception as exc:
                entry = (api, type(exc).__name__, False)
            with lock:
                results.append(entry)

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    time.sleep(2)
    fault()
    time.sleep(seconds)
    stop.set()
    for w in workers:
        w.join()
    return results


def postgres_down(prod: ProdLike) -> None:
    def fault():
        prod.primary.stop("fast")
        time.sleep(5)
        prod.primary.start()

    results = api_load_during(prod, fault, seconds=8)
    lines = []
    for api in ("eligibility", "geocoder"):
        mine = [(status, stale) for name, status, stale in results if name == api]
        counts = Counter(status for status, _ in mine)
        stale = sum(1 for status, is_stale in mine if status == 200 and is_stale)
        lines.append(f"{api}: {len(mine)} calls {dict(counts)}, of which {stale} × 200 marked X-Data-Stale")
    report(
        "PostgreSQL down 5 s under API load",
        "1,086 × 500 from the data-version check, although the index in memory could answer",
        " ; ".join(lines) + f" ({load()})",
    )


def replica_reads(prod: ProdLike) -> None:
    def commits(cluster) -> int:
        return int(cluster.sql("SELECT sum(xact_commit) FROM pg_stat_database WHERE datname = 'transition'"))

    time.sleep(11)  # a backend flushes its statistics when idle, at most every 10 s
    before = (commits(prod.primary), commits(prod.standby))
    client = prod.https
    statuses = Counter(client.get("/stats/", timeout=30).status_code for _ in range(20))
    time.sleep(11)
    after = (commits(prod.primary), commits(prod.standby))
    report(
        "read replicas",
        "`docs/deploy.md` promises them; there is one `DATABASE_URL` and no router",
        f"20 × /stats/ {dict(statuses)}: {after[1] - before[1]} transactions on the standby, "
        f"{after[0] - before[0]} on the primary (sessions, counters) ({load()})",
    )


def huey_results(prod: ProdLike) -> None:
    client = prod.redis.client()
    keys = {key.decode(): client.type(key).decode() for key in client.keys("*")}
    results = client.hlen("huey.results.transition")
    report(
        "huey results",
        "every email job's result is kept in Redis with no expiry: it grows for ever",
        f"{results} results stored after the whole run; Redis holds {len(keys)} keys: "
        f"{sum(1 for k in keys if k.startswith('huey.'))} of the queue, {sum(1 for k in keys if k.startswith(':'))} of the cache",
    )


def periodic_once(prod: ProdLike) -> None:
    from transition.platform.core.models import PeriodicClaim

    pattern = re.compile(r"Tâche périodique (\S+) (réservée|déjà réservée) pour (\S+ \S+)")
    decisions: Counter = Counter()
    for consumer in prod.consumers:
        for task, verdict, minute in set(pattern.findall(consumer.log())):
            decisions[(task, minute, verdict)] += 1
    slots = {(t, m) for t, m, _ in decisions}
    won = Counter((t, m) for t, m, v in decisions if v == "réservée")
    doubled = sum(1 for slot in slots if won[slot] > 1)
    report(
        "periodic jobs with two consumers both scheduling",
        "the killed consumer was also the only one running periodic jobs",
        f"{len(slots)} (job, minute) slots, {sum(won.values())} enqueued, {doubled} twice, "
        f"{sum(n for (t, m, v), n in decisions.items() if v != 'réservée')} times a consumer found the minute taken ; "
        f"{PeriodicClaim.objects.count()} jobs claimed in the database",
    )


def bulk_file(rows: int) -> bytes:
    rng = random.Random(7)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["latitude", "longitude"])
    for _ in range(rows):
        lon, lat = rng.choice(ANGERS)
        writer.writerow([f"{lat + rng.gauss(0, 0.01):.6f}", f"{lon + rng.gauss(0, 0.015):.6f}"])
    return out.getvalue().encode()


def consumer_killed_bulk(prod: ProdLike, rows: int = 50_000) -> None:
    """A pro user's bulk test through the pages; the consumer running it is killed at a third."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from transition.platform.accounts.models import Membership, Organisation, User
    from transition.platform.jobs.models import Job
    from transition.products.chaleur.enums import Role
    from transition.products.chaleur.models import BulkTest, BulkTestRow

    user, _ = User.objects.get_or_create(email="bureau.etudes@example.fr")
    organisation, _ = Organisation.objects.get_or_create(name="Bureau d’études Thermique Ouest")
    Membership.objects.get_or_create(user=user, organisation=organisation, product="chaleur", role=Role.PROFESSIONNEL)
    session = SessionStore()
    session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    client = prod.https
    client.cookies.set("sessionid", session.session_key)
    token = csrf_form(client, "/chaleur/pro/tests-adresses")
    upload = client.post(
        "/chaleur/pro/tests-adresses",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("adresses.csv", bulk_file(rows), "text/csv")},
        headers={"Referer": f"https://{HOST}/chaleur/pro/tests-adresses"},
        timeout=60,
    )
    mapping_path = upload.headers["Location"]
    page = client.get(mapping_path, timeout=60).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    client.post(
        mapping_path,
        data={"csrfmiddlewaretoken": token, "action": "start", "delimiter": ";", "has_header": "on",
              "mode": "coordonnees", "lat_column": "0", "lon_column": "1"},
        headers={"Referer": f"https://{HOST}{mapping_path}"},
        timeout=60,
    )  # fmt: skip
    bulk = BulkTest.objects.filter(owner=user).latest("pk")
    job = wait(lambda: BulkTest.objects.get(pk=bulk.pk).job, 60, "le traitement")
    wait(lambda: Job.objects.get(pk=job.pk).done_count >= rows // 3, 600, "un tiers du test")
    job.refresh_from_db()
    holder = next(c for c in prod.consumers if job.worker.endswith(f":{c.pid}"))
    killed_at = job.done_count
    holder.kill()
    killed = time.monotonic()
    detail_path = f"/chaleur/pro/tests-adresses/{bulk.pk}"
    seen = wait(
        lambda: "reprise après incident" in client.get(detail_path, timeout=30).text and "seen",
        120,
        "« reprise après incident » sur la page",
    )
    wait(lambda: Job.objects.get(pk=job.pk).is_finished, 900, "la fin du test")
    finished = time.monotonic() - killed
    job.refresh_from_db()
    bulk.refresh_from_db()
    stored = BulkTestRow.objects.filter(bulk_test=bulk).count()
    distinct = BulkTestRow.objects.filter(bulk_test=bulk).values("line").distinct().count()

    def mails() -> int:
        return sum(
            1
            for p in prod.maildir.iterdir()
            for line in p.read_text(errors="replace").splitlines()
            if line.startswith("To: bureau.etudes@example.fr")
        )

    wait(mails, 120, "le courriel de fin")
    time.sleep(5)  # a second copy would show by now
    prod.consumers = [c if c is not holder else prod.start_consumer(c.name) for c in prod.consumers]
    report(
        f"kill -9 of the consumer running a {rows:,}-address bulk test at {killed_at:,}",
        "stuck « En cours » for good; 18,000 rows stored against a counter of 16,000; no email; only a hand re-queue finished it",
        f"page said « {seen and 'reprise après incident'} » ; {job.get_state_display()} {finished:.0f} s after the kill "
        f"(lease {EXTRA_ENV['JOBS_LEASE_S']} s) ; {stored:,} rows stored ({distinct:,} distinct lines) against a counter of "
        f"{job.done_count:,} of {job.total:,} ; resumed {job.resumed_count} time ; {mails()} email to the person ; "
        f"result file in S3: {bool(bulk.result_file)} ({load()})",
    )


FAULTS = {
    "periodic_once": None,  # read at the end, from the consumers' logs
    "consumer_killed_bulk": consumer_killed_bulk,
    "redis_down_posts": redis_down_posts,
    "redis_killed_emails": redis_killed_with_emails,
    "postgres_down": postgres_down,
    "replica_reads": replica_reads,
    "huey_results": None,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", choices=list(FAULTS), help="only these faults")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (logs)")
    parser.add_argument("--bulk-rows", type=int, default=50_000)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="transition-faults-"))
    print(f"Dossier : {work} ; {load()}", flush=True)
    started = time.monotonic()
    with ProdLike(work, extra_env=EXTRA_ENV) as prod:
        os.environ.update(prod.env())
        import django

        django.setup()
        from django.db import connections

        prod.manage("demo")
        print(f"Installation prête en {time.monotonic() - started:.0f} s ; {load()}", flush=True)
        selected = args.only or list(FAULTS)
        for name in selected:
            if FAULTS[name] is None:
                continue
            print(f"--- {name} ({load()})", flush=True)
            connections.close_all()  # the bench's own connection may have died with a fault
            if name == "consumer_killed_bulk":
                consumer_killed_bulk(prod, rows=args.bulk_rows)
            else:
                FAULTS[name](prod)
        if "huey_results" in selected:
            huey_results(prod)
        if "periodic_once" in selected:
            periodic_once(prod)
    print("\n| fault | issue 10 (before) | now, counted on this machine |\n|---|---|---|")
    for fault, before, now in RESULTS:
        print(f"| {fault} | {before} | {now} |")
    print(f"\nDurée totale {time.monotonic() - started:.0f} s ; {load()}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
