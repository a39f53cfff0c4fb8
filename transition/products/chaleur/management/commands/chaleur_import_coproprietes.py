"""manage.py chaleur_import_coproprietes FILE.csv — load the condominium registry.

Columns (header required, `;` or `,`): identifiant, nom, adresse, code_insee, longitude, latitude,
nb_lots, nb_logements, periode_construction, chauffage, energie_chauffage, syndic. Every line is
checked first; nothing is written if one is wrong. Importing the same file twice changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...services.coproprietes import CoproprietesImportError, coproprietes_import


class Command(BaseCommand):
    help = "Importe le registre des copropriétés (CSV) : tout est vérifié avant d’écrire, en une transaction."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Fichier CSV du registre")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        try:
            report = coproprietes_import(path=file)
        except CoproprietesImportError as exc:
            raise CommandError("Import refusé, rien n’a été écrit :\n" + "\n".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Copropriétés : {report['created']} créée(s), {report['updated']} mise(s) à jour, "
                f"{report['unchanged']} inchangée(s)."
            )
        )
