from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from transition.platform.notify.services import email_send


class Command(BaseCommand):
    help = "Envoie un courriel d’essai (par le job d’envoi) pour vérifier la configuration EMAIL_URL."

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, help="Adresse du destinataire.")
        parser.add_argument("--product", default="portail", help="Service au nom duquel écrire (par défaut : portail).")

    def handle(self, *args, to, product, **options):
        try:
            log = email_send(to=to, template="notify/emails/test", context={}, product=product)
        except (ValidationError, ValueError) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            raise CommandError(message) from None
        self.stdout.write(
            f"Courriel d’essai n° {log.pk} mis en file pour {log.to} (état : {log.get_status_display()})."
        )
