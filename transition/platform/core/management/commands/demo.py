from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from transition.platform.core.registry import demo_loaders


def run_order(names: list[str]) -> list[str]:
    """Platform loaders first (products' demo data stands on accounts and communes), then the
    products' by name, and the impact snapshots ("impact...") last: they count what the others wrote."""

    def rank(name: str) -> tuple[int, str]:
        if name.startswith("platform"):
            return (0, name)
        if name.startswith("impact"):
            return (2, name)
        return (1, name)

    return sorted(names, key=rank)


class Command(BaseCommand):
    help = "Charge les données de démonstration de la plateforme et de chaque produit (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="Ne charger que ces jeux (par défaut : tous).")

    def handle(self, *args, names, **options):
        loaders = demo_loaders()
        unknown = sorted(set(names) - set(loaders))
        if unknown:
            known = ", ".join(run_order(list(loaders))) or "aucun"
            raise CommandError(f"Jeu de démonstration inconnu : {', '.join(unknown)}. Jeux disponibles : {known}.")
        selected = [name for name in run_order(list(loaders)) if not names or name in names]
        if not selected:
            self.stdout.write("Aucun jeu de démonstration n’est enregistré.")
            return
        for name in selected:
            try:
                with transaction.atomic():  # a loader that fails leaves nothing half-written
                    loaders[name]()
            except Exception as exc:
                raise CommandError(
                    f"Le jeu de démonstration « {name} » a échoué ({type(exc).__name__} : {exc}) ; "
                    "il n’a rien écrit, les jeux précédents sont chargés."
                ) from exc
            self.stdout.write(f"Démo chargée : {name}")
