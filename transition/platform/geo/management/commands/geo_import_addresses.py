import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from transition.platform.geo.services import GeoImportError, addresses_import


class Command(BaseCommand):
    help = (
        "Charge des fichiers de la Base Adresse Nationale pour le géocodeur local : exports CSV "
        "(adresses-XX.csv[.gz]) ou addok (.ndjson[.gz]). Relançable : les adresses déjà connues sont mises à jour."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="Fichiers BAN (.csv, .csv.gz, .ndjson, .ndjson.gz).")

    def handle(self, *args, files, **options):
        started = time.perf_counter()
        try:
            report = addresses_import(paths=files)
        except GeoImportError as exc:
            raise CommandError(
                "Aucune adresse n'a été enregistrée :\n"
                + "\n".join(f"- {error}" for error in exc.errors[:50])
                + (f"\n… et {exc.total - 50} autres erreurs." if exc.total > 50 else "")
            ) from exc
        self.stdout.write(
            f"{report.places} lieux (communes, voies, lieux-dits) et {report.numbers} numéros chargés "
            f"en {time.perf_counter() - started:.1f} s (version des adresses : {report.version})."
        )
