"""What `manage.py deploy_check` verifies on a running deployment, step by step: Django's own
deployment checks, the database (and its replica), Redis, the file storage, the public pages and
the API through the public address, a job run by a consumer, an email sent through SMTP.

Each step returns a Step; none raises. Run from any machine that has the production environment
(a web server, usually), after each deployment: docs/deploy.md.
"""

import io
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import redis
import requests
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from transition.platform.core.registry import products
from transition.platform.jobs.enums import JobState
from transition.platform.jobs.models import Job
from transition.platform.jobs.services import job_enqueue
from transition.platform.notify.enums import EmailStatus
from transition.platform.notify.models import EmailLog
from transition.platform.notify.services import email_send

SMOKE_JOB = "platform.smoke"


@dataclass(frozen=True)
class Step:
    name: str
    ok: bool
    detail: str


def _wait(condition: Callable[[], object], timeout_s: float) -> object:
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.5)


def django_checks() -> Step:
    output = io.StringIO()
    try:
        call_command("check", deploy=True, fail_level="WARNING", stdout=output, stderr=output)
    except Exception as exc:  # SystemCheckError carries the list of problems
        return Step("réglages (check --deploy)", False, str(exc).strip())
    return Step("réglages (check --deploy)", True, "aucun problème")


def database() -> Step:
    try:
        connection = connections["default"]
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in pending[:5])
            return Step("base de données", False, f"{len(pending)} migration(s) à appliquer : {names}")
        detail = f"{connection.vendor}, migrations à jour"
        if "replica" in settings.DATABASES:
            with connections["replica"].cursor() as cursor:
                cursor.execute("SELECT 1")
            detail += ", réplica joignable"
    except Exception as exc:
        return Step("base de données", False, f"{type(exc).__name__} : {exc}")
    return Step("base de données", True, detail)


def redis_server() -> Step:
    if not settings.REDIS_URL:
        return Step("Redis", True, "non utilisé (file de tâches SQLite, cache local)")
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
    except redis.RedisError as exc:
        return Step("Redis", False, f"injoignable : {exc}")
    try:
        aof = client.config_get("appendonly").get("appendonly")
    except redis.RedisError:  # managed services often forbid CONFIG
        return Step("Redis", True, "répond (persistance non vérifiable : CONFIG refusé)")
    if aof != "yes":
        return Step("Redis", False, "répond, mais sans persistance AOF (appendonly no) : voir docs/deploy.md")
    return Step("Redis", True, "répond, persistance AOF active")


def file_storage() -> Step:
    name = f"deploy-check/{uuid.uuid4().hex}.txt"
    try:
        saved = default_storage.save(name, ContentFile(b"essai"))
        with default_storage.open(saved, "rb") as f:
            ok = f.read() == b"essai"
        default_storage.delete(saved)
    except Exception as exc:
        return Step("fichiers", False, f"{type(exc).__name__} : {exc}")
    backend = settings.STORAGES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return Step("fichiers", ok, f"écrit, relu et effacé ({backend})" if ok else "relu différent de l’écrit")


def _get(url: str, timeout_s: float) -> requests.Response:
    return requests.get(
        url, timeout=timeout_s, allow_redirects=False, headers={"User-Agent": "transition-deploy-check"}
    )


def pages(base_url: str, timeout_s: float = 10) -> Step:
    paths = [reverse("ui:portal"), reverse("impact:index")] + [reverse(p.home_url_name) for p in products() if p.built]
    problems = []
    for path in paths:
        try:
            response = _get(base_url + path, timeout_s)
        except requests.RequestException as exc:
            problems.append(f"{path} : {type(exc).__name__}")
            continue
        if response.status_code != 200 or "<html" not in response.text:
            problems.append(f"{path} : {response.status_code}")
        elif "Content-Security-Policy" not in response.headers:
            problems.append(f"{path} : pas d’en-tête Content-Security-Policy")
        elif base_url.startswith("https://") and "Strict-Transport-Security" not in response.headers:
            problems.append(f"{path} : pas d’en-tête Strict-Transport-Security")
    if problems:
        return Step("pages", False, " ; ".join(problems))
    return Step("pages", True, f"{len(paths)} pages en 200 avec leurs en-têtes de sécurité")


def api(base_url: str, timeout_s: float = 10) -> Step:
    try:
        schema = _get(base_url + "/api/openapi.json", timeout_s)
        search = _get(base_url + "/api/geo/search?q=rue+de+la+mairie", timeout_s)
        missing = _get(base_url + "/api/deploy-check-inexistant", timeout_s)
    except requests.RequestException as exc:
        return Step("API", False, f"{type(exc).__name__} : {exc}")
    problems = []
    if schema.status_code != 200 or "paths" not in schema.json():
        problems.append(f"/api/openapi.json : {schema.status_code}")
    if search.status_code != 200 or search.json().get("type") != "FeatureCollection":
        problems.append(f"/api/geo/search : {search.status_code}")
    if missing.status_code != 404 or missing.json().get("code") != "not_found":
        problems.append(f"erreur d’API hors du format commun ({missing.status_code})")
    if problems:
        return Step("API", False, " ; ".join(problems))
    return Step("API", True, "schéma, recherche d’adresse et erreur au format commun")


def background_job(timeout_s: float) -> Step:
    try:
        job = job_enqueue(kind=SMOKE_JOB, payload={"file": f"deploy-check/{uuid.uuid4().hex}.txt"})
    except Exception as exc:
        return Step("traitement de fond", False, f"lancement impossible : {type(exc).__name__} : {exc}")
    started = time.monotonic()
    finished = _wait(
        lambda: Job.objects.filter(pk=job.pk, state__in=[JobState.DONE, JobState.FAILED]).first(), timeout_s
    )
    if not finished:
        return Step(
            "traitement de fond",
            False,
            f"traitement n° {job.pk} non terminé en {timeout_s:.0f} s : un consommateur tourne-t-il ?",
        )
    if finished.state != JobState.DONE:
        return Step("traitement de fond", False, f"traitement n° {job.pk} en échec : {finished.error[-300:]}")
    return Step(
        "traitement de fond",
        True,
        f"traitement n° {job.pk} fait par {finished.worker} en {time.monotonic() - started:.1f} s (fichier écrit et relu)",
    )


def email(to: str, timeout_s: float) -> Step:
    try:
        log = email_send(to=to, template="notify/emails/test", context={"note": "vérification après déploiement"})
    except Exception as exc:
        return Step("courriel", False, f"{type(exc).__name__} : {exc}")
    status = _wait(
        lambda: (
            EmailLog.objects.filter(pk=log.pk)
            .exclude(status=EmailStatus.QUEUED)
            .values_list("status", flat=True)
            .first()
        ),
        timeout_s,
    )
    if status != EmailStatus.SENT:
        error = EmailLog.objects.filter(pk=log.pk).values_list("error", flat=True).first() or "toujours en attente"
        return Step("courriel", False, f"courriel n° {log.pk} à {to} non parti en {timeout_s:.0f} s : {error[:300]}")
    return Step("courriel", True, f"courriel n° {log.pk} parti pour {to} ({log.message_id})")


def deploy_check(*, base_url: str, email_to: str | None, timeout_s: float) -> list[Step]:
    base_url = base_url.rstrip("/")
    steps = [django_checks(), database(), redis_server(), file_storage(), pages(base_url), api(base_url)]
    steps.append(background_job(timeout_s))
    if email_to:
        steps.append(email(email_to, timeout_s))
    return steps
