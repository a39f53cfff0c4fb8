"""Notify a period, for operations.

    manage.py potentiel_notify "PPE2 - Bâtiment" 3 --date 2025-01-15

Every candidature of the period not yet notified becomes lauréat or éliminé, gets its attestation,
and its contact an email with the link to claim the project.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ...models import Periode
from ...services.notification import notification_check, notify_periode


class Command(BaseCommand):
    help = "Notifie une période d’un appel d’offres (lauréats et éliminés, attestations, courriels)."

    def add_arguments(self, parser):
        parser.add_argument("appel_offres", help="identifiant de l’appel d’offres, ex. « PPE2 - Bâtiment »")
        parser.add_argument("periode", help="identifiant de la période, ex. « 3 »")
        parser.add_argument("--date", required=True, help="date de notification, AAAA-MM-JJ")

    def handle(self, *args, **options):
        try:
            date = dt.date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError("La date doit être au format AAAA-MM-JJ.") from None
        periode = Periode.objects.filter(
            appel_offres_id=options["appel_offres"], identifiant=options["periode"]
        ).first()
        if periode is None:
            raise CommandError(f"Période inconnue : « {options['appel_offres']} », période {options['periode']}.")
        try:
            notification_check(periode, date)
            result = notify_periode(periode=periode, date=date)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"{periode.label} notifiée le {date:%d/%m/%Y} : {result['notifies']} candidature(s), "
            f"{result['laureats']} lauréat(s), {result['elimines']} éliminé(s)."
        )
