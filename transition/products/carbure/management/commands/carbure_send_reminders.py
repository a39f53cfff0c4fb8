from django.conf import settings
from django.core.management.base import BaseCommand

from transition.products.carbure.services.declarations import declaration_reminders_send


class Command(BaseCommand):
    help = "Relance les entités qui n’ont pas validé la déclaration du mois dernier (une fois par période)."

    def add_arguments(self, parser):
        parser.add_argument("--jours", type=int, default=settings.CARBURE_DECLARATION_REMINDER_DAYS)

    def handle(self, *args, jours, **options):
        count = declaration_reminders_send(days_before=jours)
        self.stdout.write(f"{count} entité{'s' if count > 1 else ''} relancée{'s' if count > 1 else ''}.")
