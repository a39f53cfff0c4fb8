from django.core.management.base import BaseCommand

from transition.products.carbure.services.administration import ghg_statistics_refresh


class Command(BaseCommand):
    help = "Recalcule les statistiques d’émissions (eec, ep) des lots déclarés auxquelles les contrôles comparent les lots."

    def handle(self, *args, **options):
        count = ghg_statistics_refresh()
        self.stdout.write(f"{count} statistique{'s' if count > 1 else ''} enregistrée{'s' if count > 1 else ''}.")
