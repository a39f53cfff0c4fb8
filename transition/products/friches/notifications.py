"""Which email Friches sends to whom, with what context. Every recipient signed in to the service
(their address is verified); a message's text stays on the site, the email points to it."""

from django.urls import reverse

from transition.platform.notify.services import email_send

from .selectors.projects import authority_users, participants

PRODUCT = "friches"


def _project_url(project) -> str:
    return reverse("friches:project_detail", args=[project.pk])


def message_posted(message) -> int:
    project = message.project
    sent = 0
    for user in participants(project):
        if user.pk == message.author_id:
            continue
        email_send(
            to=user.email,
            template="friches/emails/message_posted",
            product=PRODUCT,
            context={"user": user, "project": project, "author": message.author, "path": _project_url(project)},
        )
        sent += 1
    return sent


def advisor_joined(project, advisor_user) -> int:
    sent = 0
    for user in authority_users(project):
        email_send(
            to=user.email,
            template="friches/emails/advisor_joined",
            product=PRODUCT,
            context={"user": user, "project": project, "advisor": advisor_user, "path": _project_url(project)},
        )
        sent += 1
    return sent


def whats_up(project, open_actions) -> int:
    sent = 0
    for user in authority_users(project):
        email_send(
            to=user.email,
            template="friches/emails/whats_up",
            product=PRODUCT,
            context={"user": user, "project": project, "actions": open_actions, "path": _project_url(project)},
        )
        sent += 1
    return sent


def new_recommendations(project, actions) -> int:
    sent = 0
    for user in authority_users(project):
        email_send(
            to=user.email,
            template="friches/emails/new_recommendations",
            product=PRODUCT,
            context={"user": user, "project": project, "actions": actions, "path": _project_url(project)},
        )
        sent += 1
    return sent


def reminder_due(reminder) -> None:
    email_send(
        to=reminder.author.email,
        template="friches/emails/reminder_due",
        product=PRODUCT,
        context={
            "user": reminder.author,
            "reminder": reminder,
            "project": reminder.project,
            "path": _project_url(reminder.project),
        },
    )
