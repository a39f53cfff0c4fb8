from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from transition.platform.core.registry import demo_loaders


class Command(BaseCommand):
    help = "Charge les données de démonstration de la plateforme et de chaque produit (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="Ne charger que ces jeux (par défaut : tous).")

    def handle(self, *args, names, **options):
        loaders = demo_loaders()
        unknown = sorted(set(names) - set(loaders))
        if unknown:
            raise CommandError(f"Jeu de démonstration inconnu : {', '.join(unknown)}. Connus : {', '.join(loaders)}")
        # Platform loaders run first: products' demo data stands on accounts and communes.
        ordered = sorted(loaders.items(), key=lambda item: (not item[0].startswith("platform"), item[0]))
        for name, loader in ordered:
            if names and name not in names:
                continue
            with transaction.atomic():
                loader()
            self.stdout.write(f"Démo chargée : {name}")
