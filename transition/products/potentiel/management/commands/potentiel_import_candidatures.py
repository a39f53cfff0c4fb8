"""Import the CRE's candidate file (CSV, `;`, UTF-8 or Windows-1252).

    manage.py potentiel_import_candidatures FICHIER.csv

The whole file is checked first; a file with an invalid row is refused (exit 1, nothing written)
and every problem is listed by line and column. Re-importing a period corrects its candidatures.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...services.candidatures import import_candidatures


class Command(BaseCommand):
    help = "Importe le fichier CSV des candidatures transmis par la CRE."

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier CSV de la CRE (séparateur point-virgule)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        report = import_candidatures(path, filename=path.name)
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(report.summary())
