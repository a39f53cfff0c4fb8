"""Which email Friches sends to whom, with what context. Every recipient signed in to the service
(their address is verified); a message's text stays on the site, the email points to it."""

from django.urls import reverse

from transition.platform.notify.services import email_send

from .selectors.projects import authority_users, participants

PRODUCT = "friches"


def _send(users, template: str, project, **context) -> int:
    """One email to each of `users`; how many were queued."""
    path = reverse("friches:project_detail", args=[project.pk])
    sent = 0
    for user in users:
        email_send(
            to=user.email,
            template=f"friches/emails/{template}",
            product=PRODUCT,
            context={"user": user, "project": project, "path": path, **context},
        )
        sent += 1
    return sent


def message_posted(message) -> int:
    others = [u for u in participants(message.project) if u.pk != message.author_id]
    return _send(others, "message_posted", message.project, author=message.author)


def advisor_joined(project, advisor_user) -> int:
    return _send(authority_users(project), "advisor_joined", project, advisor=advisor_user)


def whats_up(project, open_actions) -> int:
    return _send(authority_users(project), "whats_up", project, actions=open_actions)


def new_recommendations(project, actions) -> int:
    return _send(authority_users(project), "new_recommendations", project, actions=actions)


def reminder_due(reminder) -> int:
    return _send([reminder.author], "reminder_due", reminder.project, reminder=reminder)
