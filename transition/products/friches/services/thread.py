"""Writing in a project's thread: the authority and its advisors talk; the others are told by
email (the text itself stays on the site: the email only says there is a message)."""

from django.db import transaction

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..models import Message, Project
from ..notifications import message_posted
from .news import project_news

PRODUCT = "friches"
MAX_CHARS = 5000


def message_post(*, actor, project: Project, text: str) -> Message:
    permissions.require(actor, "friches.project_thread", project)
    text = clean_text(text).strip()
    if not text:
        raise ValueError("Le message est vide.")
    if len(text) > MAX_CHARS:
        raise ValueError(f"Le message dépasse {MAX_CHARS} caractères.")
    with transaction.atomic():
        message = Message.objects.create(project=project, author=actor, text=text)
        project_news(project)
        event_record(
            actor=actor,
            action="friches.message_post",
            target=message,
            product=PRODUCT,
            payload={"project_id": project.pk},
        )
        message_posted(message)
    return message
