"""Development email backend: each message once, as a person would read it, on the console.

Django's console backend prints the raw MIME message: the text part, the HTML part and their
headers, so a sign-in link shows four or five times among markup. This one prints who, what and the
plain-text body only (the HTML part says the same thing: the templates are written in pairs).
"""

import sys
import threading

from django.core.mail.backends.base import BaseEmailBackend

RULE = "─" * 72


def render_plain(message) -> str:
    body = message.body.strip()
    lines = [
        RULE,
        f"Courriel à : {', '.join(message.to)}",
        f"De : {message.from_email}",
        f"Objet : {message.subject}",
    ]
    if message.reply_to:
        lines.append(f"Répondre à : {', '.join(message.reply_to)}")
    attachments = [
        attachment[0] if isinstance(attachment, tuple) else attachment.get_filename()
        for attachment in message.attachments
    ]
    if attachments:
        lines.append(f"Pièces jointes : {', '.join(str(name) for name in attachments)}")
    lines += ["", body, RULE, ""]
    return "\n".join(lines)


class PlainConsoleBackend(BaseEmailBackend):
    def __init__(self, *args, stream=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        with self._lock:
            for message in email_messages:
                self.stream.write(render_plain(message) + "\n")
            self.stream.flush()
        return len(email_messages)
