"""The daily digests: "Où en êtes-vous ?" 42 days without news, recalled recommendations, reminders;
each sent once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.products.friches.factories import SiteFactory, advisor, porteur
from transition.products.friches.models import AdvisorReminder, Project
from transition.products.friches.services.advisors import project_join, reminder_add
from transition.products.friches.services.digests import digests_send
from transition.products.friches.services.path import action_add
from transition.products.friches.services.projects import project_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    mayor = porteur(email="maire@charleville.example")
    project = project_create(actor=mayor, site=SiteFactory(), organisation=mayor.organisation, name="Reconversion")
    action_add(actor=mayor, project=project, step="reperer", title="Inventorier le site")
    return project


def _age(project, days):
    Project.objects.filter(pk=project.pk).update(last_news_at=timezone.now() - timedelta(days=days))


def test_whats_up_after_42_days_without_news_once(project):
    mail.outbox.clear()
    _age(project, 41)
    assert digests_send().whats_up == 0
    _age(project, 42)
    assert digests_send().whats_up == 1
    assert mail.outbox[-1].subject.startswith("Où en êtes-vous")
    assert "Inventorier le site" in mail.outbox[-1].body
    assert digests_send().whats_up == 0  # the next one 42 days after this one


def test_no_whats_up_without_an_open_action(project):
    project.actions.update(status="faite")
    _age(project, 100)
    assert digests_send().whats_up == 0


def test_recommendations_are_recalled_42_days_after_the_latest(project):
    julien = advisor(email="julien@ddt08.example")
    project_join(actor=julien, project=project)
    recommendation = action_add(actor=julien, project=project, step="connaitre", title="Rencontrer l’EPF")
    project.actions.filter(pk=recommendation.pk).update(created_at=timezone.now() - timedelta(days=43))
    mail.outbox.clear()
    run = digests_send()
    assert run.new_recommendations == 1
    assert any("Rencontrer l’EPF" in m.body for m in mail.outbox)
    assert digests_send().new_recommendations == 0


def test_reminders_reach_their_author_on_the_day(project):
    julien = advisor(email="julien@ddt08.example")
    project_join(actor=julien, project=project)
    reminder_add(actor=julien, project=project, due_on=timezone.localdate(), text="Appeler la mairie")
    mail.outbox.clear()
    assert digests_send().reminders == 1
    assert mail.outbox[-1].to == ["julien@ddt08.example"]
    assert AdvisorReminder.objects.get().sent_at is not None
    assert digests_send().reminders == 0
