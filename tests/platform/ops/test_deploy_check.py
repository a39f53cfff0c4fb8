"""`manage.py deploy_check`: every step against a live server (jobs and emails run at once in
tests, as a consumer would run them), and each failure said in plain French."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.faults import RedisProcess
from transition.platform.jobs import tasks as job_tasks
from transition.platform.notify import tasks as notify_tasks
from transition.platform.ops import deploy_checks
from transition.platform.ops.deploy_checks import Step

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


class LostQueue:
    """A queue no consumer reads."""

    class huey:
        immediate = False

    def __call__(self, *args):
        pass


@pytest.fixture
def checks_pass(monkeypatch):
    monkeypatch.setattr(
        deploy_checks, "django_checks", lambda: Step("réglages (check --deploy)", True, "aucun problème")
    )


def test_a_sound_deployment_passes_every_step(live_server, checks_pass, capsys, mailoutbox):
    call_command("deploy_check", url=live_server.url, email="equipe@example.fr", timeout=5)
    out = capsys.readouterr().out
    for name in ("base de données", "Redis", "fichiers", "pages", "API", "traitement de fond", "courriel"):
        assert f"OK    {name} :" in out
    assert "Déploiement vérifié." in out
    assert [m.to for m in mailoutbox] == [["equipe@example.fr"]]


def test_the_development_settings_fail_the_deployment_checks(live_server, capsys):
    with pytest.raises(CommandError, match="réglages"):
        call_command("deploy_check", url=live_server.url, timeout=5)
    assert "ÉCHEC réglages (check --deploy)" in capsys.readouterr().out


def test_without_a_consumer_the_job_and_the_email_are_reported_missing(live_server, checks_pass, monkeypatch, capsys):
    monkeypatch.setattr(job_tasks, "job_run_task", LostQueue())
    monkeypatch.setattr(notify_tasks, "email_deliver_job", LostQueue())
    with pytest.raises(CommandError, match="traitement de fond, courriel"):
        call_command("deploy_check", url=live_server.url, email="equipe@example.fr", timeout=1)
    out = capsys.readouterr().out
    assert "un consommateur tourne-t-il ?" in out and "toujours en attente" in out


def test_an_unreachable_site_fails_pages_and_api(checks_pass, capsys):
    with pytest.raises(CommandError, match="pages, API"):
        call_command("deploy_check", url="http://127.0.0.1:9", timeout=5)


@pytest.mark.redis
@pytest.mark.parametrize(("appendonly", "ok"), [(True, True), (False, False)])
def test_redis_without_persistence_is_a_failure(tmp_path, settings, appendonly, ok):
    with RedisProcess(tmp_path, appendonly=appendonly) as server:
        settings.REDIS_URL = server.url
        step = deploy_checks.redis_server()
    assert step.ok is ok
    assert ("AOF active" in step.detail) if ok else ("sans persistance AOF" in step.detail)
