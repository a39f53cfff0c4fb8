from django.core.management.base import BaseCommand, CommandError

from transition.platform.ops.deploy_checks import deploy_check


class Command(BaseCommand):
    help = (
        "Vérifie un déploiement : check --deploy, base, Redis, fichiers, pages et API par l’adresse publique, "
        "un traitement fait par un consommateur, un courriel envoyé."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", required=True, help="Adresse publique du site, ex. https://transition.beta.gouv.fr"
        )
        parser.add_argument(
            "--email", help="Adresse qui recevra un courriel d’essai (sans elle : pas d’essai d’envoi)."
        )
        parser.add_argument(
            "--timeout", type=float, default=60, help="Attente maximale du traitement et du courriel (s)."
        )

    def handle(self, *args, url, email, timeout, **options):
        steps = deploy_check(base_url=url, email_to=email, timeout_s=timeout)
        for step in steps:
            mark = self.style.SUCCESS("OK   ") if step.ok else self.style.ERROR("ÉCHEC")
            self.stdout.write(f"{mark} {step.name} : {step.detail}")
        failed = [s.name for s in steps if not s.ok]
        if failed:
            raise CommandError(f"Déploiement à corriger : {', '.join(failed)}.")
        self.stdout.write(self.style.SUCCESS("Déploiement vérifié."))
