from django.core.management.base import BaseCommand, CommandError

from transition.platform.audit.selectors import chain_verify


class Command(BaseCommand):
    help = "Vérifie la chaîne d’empreintes du journal d’audit et signale la première rupture."

    def handle(self, *args, **options):
        checked, broken = chain_verify()
        if broken is not None:
            raise CommandError(
                f"Chaîne rompue à l’événement {broken.event_id} : {broken.reason} "
                f"({checked} événement(s) valides avant la rupture)."
            )
        self.stdout.write(self.style.SUCCESS(f"Chaîne intacte : {checked} événement(s) vérifié(s)."))
