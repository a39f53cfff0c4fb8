"""What the three import commands share: arguments, the service call, a report in French."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from transition.products.comobi.models import Territory


class ImportCommand(BaseCommand):
    importer = None

    def add_arguments(self, parser):
        parser.add_argument("slug", help="adresse du territoire")
        parser.add_argument("file", help="fichier CSV, XLSX ou ODS")

    def handle(self, *args, slug, file, **options):
        territory = Territory.objects.filter(slug=slug).first()
        if territory is None:
            raise CommandError(f"Territoire inconnu : « {slug} ».")
        path = Path(file)
        report = self.importer(actor=None, territory=territory, source=path, filename=path.name)
        for warning in report.warnings:
            self.stdout.write(f"  {warning}")
        if not report.ok:
            lines = [report.summary(), *(f"  {problem}" for problem in report.errors)]
            raise CommandError("\n".join(lines))
        self.stdout.write(report.summary())
