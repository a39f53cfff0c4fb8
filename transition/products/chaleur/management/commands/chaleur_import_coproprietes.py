"""manage.py chaleur_import_coproprietes FILE — load the condominium registry.

A CSV (`;` or `,`, UTF-8 or Windows-1252), XLSX or ODS file whose first line names the columns:
identifiant, nom, adresse, code_insee, longitude, latitude, nb_lots, nb_logements,
periode_construction, chauffage, energie_chauffage, syndic. Every line is checked first; nothing
is written if one is wrong. Importing the same file twice changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from transition.platform.core.imports import ImportRefused

from ...services.coproprietes import coproprietes_import


class Command(BaseCommand):
    help = (
        "Importe le registre des copropriétés (CSV, XLSX, ODS) : tout est vérifié avant d’écrire, en une transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Fichier du registre")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        try:
            report = coproprietes_import(path=file)
        except ImportRefused as exc:
            raise CommandError("\n".join(exc.report.lines())) from exc
        self.stdout.write(self.style.SUCCESS(report.summary()))
