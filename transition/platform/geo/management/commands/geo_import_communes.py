from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from transition.platform.geo.services import GeoImportError, communes_import


class Command(BaseCommand):
    help = (
        "Charge le référentiel des communes depuis un fichier séparé par des points-virgules aux colonnes "
        "city_code;name;department;region;epci. Relançable : les communes déjà connues sont mises à jour."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Fichier des communes (CSV séparé par « ; »).")

    def handle(self, *args, file, **options):
        try:
            report = communes_import(path=file)
        except GeoImportError as exc:
            raise CommandError(
                "Aucune commune n'a été enregistrée :\n"
                + "\n".join(f"- {error}" for error in exc.errors[:50])
                + (f"\n… et {len(exc.errors) - 50} autres erreurs." if len(exc.errors) > 50 else "")
            ) from exc
        self.stdout.write(
            f"{report.communes} communes, {report.departements} départements, {report.regions} régions "
            f"et {report.epcis} EPCI chargés."
        )
