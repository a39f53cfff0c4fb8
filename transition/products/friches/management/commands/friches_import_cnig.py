"""Import a CNIG brownfield file (CSV) into the registry.

    manage.py friches_import_cnig FICHIER.csv [--skip-invalid] [--source "DDT des Ardennes"]
        [--contours CONTOURS.geojson]

The whole file is checked first; a file with an invalid row is refused (exit 1, nothing written)
unless --skip-invalid, which imports the valid rows and lists each refused one with its reason.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...services.imports import cnig_import, read_outlines_file


class Command(BaseCommand):
    help = "Importe un fichier CSV au standard CNIG Friches dans le registre des sites."

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier CSV au standard CNIG Friches")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="importer les lignes valides et lister les lignes refusées"
        )
        parser.add_argument(
            "--source",
            default="",
            help="nom de la source, si le fichier n’a pas de colonne source_nom (défaut : nom du fichier)",
        )

        parser.add_argument(
            "--contours",
            default="",
            help="GeoJSON des contours des sites (propriété site_id), pour un CSV sans geomsurf",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        outlines = None
        if options["contours"]:
            outlines, problems = read_outlines_file(Path(options["contours"]))
            for problem in problems:
                self.stdout.write(f"Attention — {problem}")
        outcome = cnig_import(
            actor=None,
            source=path,
            filename=path.name,
            source_name=options["source"] or path.stem,
            skip_invalid=options["skip_invalid"],
            outlines=outlines,
        )
        for line in outcome.lines():
            self.stdout.write(line)
        if not outcome.accepted:
            raise CommandError(outcome.summary())
