"""Load the communes' population, surface and median housing price (socio-economic balance).

manage.py friches_import_communes communes_stats.csv
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...services.communes import communes_stats_import


class Command(BaseCommand):
    help = "Charge les chiffres des communes (population, surface, prix médian du logement)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        report = communes_stats_import(source=path, filename=path.name)
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(report.summary())
