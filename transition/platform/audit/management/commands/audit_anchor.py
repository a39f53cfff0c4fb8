from django.core.management.base import BaseCommand

from transition.platform.audit.services import anchor_write


class Command(BaseCommand):
    help = "Écrit maintenant une ancre du journal d’audit (tête de chaîne signée) hors de la base."

    def handle(self, *args, **options):
        anchor, places = anchor_write()
        if anchor is None:
            self.stdout.write("Rien de nouveau depuis la dernière ancre : aucune ancre écrite.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Ancre écrite jusqu’à l’événement {anchor['head_event_id']} "
                f"({len(anchor['events'])} empreinte(s)) : {', '.join(places)}."
            )
        )
