from django.core.management.base import BaseCommand, CommandError

from transition.platform.audit.anchors import AnchorReadError, anchors_load
from transition.platform.audit.selectors import anchors_verify, chain_verify


class Command(BaseCommand):
    help = (
        "Vérifie le journal d’audit : la chaîne d’empreintes scellées (HMAC), puis les ancres "
        "gardées hors de la base ; nomme le premier événement en désaccord."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchors",
            action="append",
            default=[],
            metavar="DOSSIER",
            help="dossier d’ancres à vérifier en plus de celles des AUDIT_ANCHOR_BACKENDS (copies de courriels…)",
        )
        parser.add_argument(
            "--no-anchors", action="store_true", help="ne vérifie que la chaîne (aucune ancre n’est lue)"
        )

    def handle(self, *args, **options):
        checked, broken = chain_verify()
        anchors = None
        if not options["no_anchors"]:
            try:
                anchors = anchors_verify(anchors_load(options["anchors"]))
            except AnchorReadError as exc:
                raise CommandError(f"Vérification impossible : {exc}.") from exc
            if anchors.broken and (broken is None or anchors.broken.event_id < (broken.event_id or 0)):
                broken = anchors.broken
        if broken is not None:
            raise CommandError(
                f"Chaîne rompue à l’événement {broken.event_id} : {broken.reason} "
                f"({checked} événement(s) valides avant la rupture de chaîne)."
            )
        if anchors is not None and anchors.problems:
            raise CommandError("Ancres en défaut : " + " ; ".join(anchors.problems) + ".")
        message = f"Chaîne intacte : {checked} événement(s) vérifié(s)."
        if anchors is not None:
            message += f" {anchors.anchors} ancre(s) concordante(s), {anchors.events} empreinte(s) attestée(s)."
            if not anchors.anchors:
                message += " Aucune ancre trouvée : lancez manage.py audit_anchor (tâche périodique)."
        self.stdout.write(self.style.SUCCESS(message))
