"""manage.py chaleur_import PATH: the national open data of heat and cold networks."""

from django.core.management.base import BaseCommand, CommandError

from transition.platform.core.imports import ImportRefused

from ...services.networks_import import FILES, networks_import


class Command(BaseCommand):
    help = (
        "Importe les tracés des réseaux de chaleur et de froid (archive opendata-fcu.zip ou dossier contenant "
        + ", ".join(FILES)
        + "). Tout est vérifié avant d’écrire ; une erreur laisse les données précédentes intactes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="archive .zip ou dossier")
        parser.add_argument(
            "--allow-removals",
            action="store_true",
            help="retirer les réseaux que les fichiers ne listent plus (sans cette option, l’import les liste et "
            "s’arrête) ; un réseau retiré garde ses demandes et ses gestionnaires",
        )

    def handle(self, *args, path, allow_removals=False, **options):
        try:
            report = networks_import(path=path, allow_removals=allow_removals)
        except ImportRefused as exc:
            raise CommandError(
                "Import refusé, aucune donnée modifiée :\n"
                + "\n".join(f"  - {problem}" for problem in exc.report.errors)
            ) from None
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Import terminé."))
