"""manage.py chaleur_bulk_test INPUT OUTPUT.xlsx [--address-column N | --lat-column N --lon-column N]

The same engine as the bulk test page: reads the file (delimiter and header detected), geocodes in
batches, tests eligibility, writes the "Résultats" and "Légende" sheets. Columns are numbered
from 1, as a spreadsheet shows them; without any, they are guessed from the header.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...domain import bulk_columns
from ...enums import EligibilitySource
from ...exports import bulk_xlsx_write
from ...services.bulk_tests import bulk_evaluate
from ...services.eligibility_counts import eligibility_test_record


class Command(BaseCommand):
    help = "Teste l’éligibilité d’un fichier d’adresses et écrit les résultats en XLSX."

    def add_arguments(self, parser):
        parser.add_argument("input", type=Path)
        parser.add_argument("output", type=Path)
        parser.add_argument(
            "--address-column", type=int, action="append", help="colonne de l’adresse (à partir de 1 ; répétable)"
        )
        parser.add_argument("--lat-column", type=int, help="colonne de la latitude (à partir de 1)")
        parser.add_argument("--lon-column", type=int, help="colonne de la longitude (à partir de 1)")
        parser.add_argument("--no-header", action="store_true", help="la première ligne est déjà une adresse")

    def handle(self, *args, input: Path, output: Path, address_column, lat_column, lon_column, no_header, **options):
        if not str(output).lower().endswith(".xlsx"):
            raise CommandError("Le fichier de sortie doit se terminer par .xlsx.")
        try:
            data = input.read_bytes()
        except OSError as exc:
            raise CommandError(f"Fichier illisible : {input} ({exc.strerror}).") from exc
        started = time.perf_counter()
        try:
            text = bulk_columns.decode(data)
            preview = bulk_columns.preview(text, has_header=False if no_header else None)
        except bulk_columns.BulkFileError as exc:
            raise CommandError(str(exc)) from exc
        if address_column and (lat_column or lon_column):
            raise CommandError("Donnez soit --address-column, soit --lat-column et --lon-column.")
        if address_column:
            mapping = bulk_columns.ColumnMapping(address_columns=tuple(c - 1 for c in address_column))
        elif lat_column or lon_column:
            if not (lat_column and lon_column):
                raise CommandError("Donnez à la fois --lat-column et --lon-column.")
            mapping = bulk_columns.ColumnMapping(lat_column=lat_column - 1, lon_column=lon_column - 1)
        else:
            mapping = preview.guessed
        error = mapping.error(preview.column_count)
        if error:
            raise CommandError(error)
        queries = bulk_columns.iter_queries(
            text, delimiter=preview.delimiter, has_header=preview.has_header, mapping=mapping
        )
        counts = {"rows": 0, "eligible": 0, "found": 0}

        def rows():
            for r in bulk_evaluate(queries):
                counts["rows"] += 1
                if r.outcome:
                    counts["found"] += 1
                    counts["eligible"] += r.outcome.eligible
                yield r.address, r.tested_label, r.score, r.outcome, r.error, []

        bulk_xlsx_write(rows(), output, title=input.name)
        eligibility_test_record(
            eligible=[True] * counts["eligible"] + [False] * (counts["found"] - counts["eligible"]),
            source=EligibilitySource.MASSE,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['rows']} adresse(s), {counts['found']} localisée(s), {counts['eligible']} éligible(s) "
                f"— {output} écrit en {time.perf_counter() - started:.1f} s."
            )
        )
