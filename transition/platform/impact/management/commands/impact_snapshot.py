from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from transition.platform.impact.services import snapshot_backfill


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"Date invalide : « {text} ». Format attendu : AAAA-MM-JJ (par exemple 2026-11-21)."
        ) from None


class Command(BaseCommand):
    help = (
        "Relève la valeur de chaque indicateur d’impact à la fin d’un jour (par défaut : hier, heure de Paris). "
        "Avec --backfill N, relève les N jours qui finissent à cette date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="day", help="Jour à relever, AAAA-MM-JJ (par défaut : hier).")
        parser.add_argument(
            "--backfill", type=int, default=1, metavar="N", help="Nombre de jours à relever, jusqu’à --date inclus."
        )

    def handle(self, *args, day=None, backfill=1, **options):
        today = timezone.localdate()
        last_day = _day(day) if day else today - timedelta(days=1)
        if last_day > today:
            raise CommandError(f"Le {last_day:%d/%m/%Y} n’est pas encore passé : impossible de le relever.")
        if backfill < 1:
            raise CommandError("--backfill doit valoir au moins 1.")
        failures = 0
        for report in snapshot_backfill(last_day=last_day, days=backfill):
            self.stdout.write(f"{report.day:%d/%m/%Y} : {len(report.saved)} indicateur(s) relevé(s)")
            for (product, key), message in report.failed.items():
                failures += 1
                self.stderr.write(f"  {product}/{key} non relevé : {message}")
        if failures:
            raise CommandError(f"{failures} relevé(s) en échec (détails ci-dessus) ; les autres sont enregistrés.")
