"""Emails of accounts (sign-in link, inactivity warning), rendered here and sent by a huey job.

Templates follow the notify convention: `<name>_subject.txt`, `<name>.txt`, `<name>.html`.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from huey.contrib.djhuey import db_task


@db_task(retries=3, retry_delay=60)
def email_deliver(*, to: str, subject: str, text: str, html: str) -> None:
    message = EmailMultiAlternatives(subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def email_queue(*, to: str, template: str, context: dict) -> None:
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    email_deliver(
        to=to,
        subject=subject,
        text=render_to_string(f"{template}.txt", context),
        html=render_to_string(f"{template}.html", context),
    )
