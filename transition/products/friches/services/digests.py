"""The daily digests (UrbanVitaliz's reminders): "Où en êtes-vous ?" to a project's authority 42
days after its last news, a recall of open recommendations 42 days after the latest, and the
reminders advisors set for themselves. What was sent is recorded: running twice sends nothing twice."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from transition.platform.audit.services import event_record

from .. import notifications
from ..domain.digests import is_due, new_recommendations_due_on, whats_up_due_on
from ..enums import ActionOrigin
from ..models import AdvisorReminder, Project
from ..selectors.projects import open_recommendations

PRODUCT = "friches"


@dataclass
class DigestRun:
    whats_up: int = 0
    new_recommendations: int = 0
    reminders: int = 0


def digests_send(*, now: datetime | None = None) -> DigestRun:
    now = now or timezone.now()
    today = timezone.localdate(now)
    interval = settings.FRICHES_DIGEST_INTERVAL_DAYS
    run = DigestRun()
    projects = Project.objects.filter(archived_at__isnull=True).select_related("site")
    for project in projects.iterator(chunk_size=500):
        open_actions = list(open_recommendations(project).order_by("step", "created_at"))
        if not open_actions:
            continue
        due = whats_up_due_on(
            last_news=timezone.localtime(project.last_news_at),
            last_sent=timezone.localtime(project.whats_up_sent_at) if project.whats_up_sent_at else None,
            today=today,
            interval_days=interval,
        )
        if is_due(due, today) and _digest(project, notifications.whats_up, open_actions, "whats_up_sent_at", now):
            run.whats_up += 1
        recommended = [a for a in open_actions if a.origin == ActionOrigin.CONSEILLER]
        latest = max((a.created_at for a in recommended), default=None)
        due = new_recommendations_due_on(
            latest_open_recommendation=timezone.localtime(latest) if latest else None,
            last_sent=timezone.localtime(project.new_reco_sent_at) if project.new_reco_sent_at else None,
            interval_days=interval,
        )
        if is_due(due, today) and _digest(
            project, notifications.new_recommendations, recommended, "new_reco_sent_at", now
        ):
            run.new_recommendations += 1
    for reminder in AdvisorReminder.objects.filter(due_on__lte=today, sent_at__isnull=True).select_related(
        "author", "project"
    ):
        with transaction.atomic():
            notifications.reminder_due(reminder)
            AdvisorReminder.objects.filter(pk=reminder.pk).update(sent_at=now)
            run.reminders += 1
    return run


def _digest(project: Project, notify, actions, sent_field: str, now) -> bool:
    """Send one digest and record it, in one transaction: sent once."""
    with transaction.atomic():
        if not notify(project, actions):
            return False
        Project.objects.filter(pk=project.pk).update(**{sent_field: now})
        event_record(actor=None, action=f"friches.digest_{notify.__name__}", target=project, product=PRODUCT)
    return True
