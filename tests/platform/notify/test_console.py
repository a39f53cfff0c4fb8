"""The development console prints each email once, plainly: who, subject, text body."""

import io

from django.core.mail import EmailMultiAlternatives

from transition.platform.notify.console import PlainConsoleBackend


def test_each_message_prints_once_as_text():
    stream = io.StringIO()
    message = EmailMultiAlternatives(
        "Votre lien de connexion à Transition",
        "Bonjour,\n\nhttp://127.0.0.1:8000/connexion/lien/abc/\n",
        "Transition <ne-pas-repondre@example.org>",
        ["personne@example.org"],
    )
    message.attach_alternative(
        '<p><a href="http://127.0.0.1:8000/connexion/lien/abc/">Me connecter</a></p>', "text/html"
    )
    assert PlainConsoleBackend(stream=stream).send_messages([message]) == 1
    printed = stream.getvalue()
    assert printed.count("/connexion/lien/abc/") == 1
    assert "Objet : Votre lien de connexion à Transition" in printed
    assert "Courriel à : personne@example.org" in printed
    assert "<p>" not in printed and "Content-Type" not in printed


def test_huey_logger_has_one_handler(settings):
    assert settings.LOGGING["loggers"]["huey"]["propagate"] is False
