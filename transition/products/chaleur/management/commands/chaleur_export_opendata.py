"""manage.py chaleur_export_opendata OUT.zip: our networks as the national open-data archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...selectors.opendata_export import opendata_archive_write


class Command(BaseCommand):
    help = (
        "Écrit l’archive open data des réseaux de chaleur et de froid (mêmes six fichiers GeoJSON, en "
        "Lambert-93, que lit chaleur_import) : réimporter l’archive ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="archive .zip à écrire")

    def handle(self, *args, out, **options):
        path = Path(out)
        if path.suffix.lower() != ".zip":
            raise CommandError(f"« {out} » : le fichier à écrire doit finir par .zip.")
        if not path.parent.exists():
            raise CommandError(f"Le dossier « {path.parent} » n’existe pas.")
        counts = opendata_archive_write(path=path)
        for name, count in counts.items():
            self.stdout.write(f"{name} : {count} objet(s)")
        self.stdout.write(self.style.SUCCESS(f"Archive écrite : {path}"))
