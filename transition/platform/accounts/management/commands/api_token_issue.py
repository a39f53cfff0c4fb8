"""Issue an API token for an organisation (operations): prints it once; only its hash is kept."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from transition.platform.accounts.api_tokens import api_scope, api_scopes, api_token_issue
from transition.platform.accounts.models import Organisation


class Command(BaseCommand):
    help = "Crée un jeton d’API pour une organisation, un service et une portée ; l’affiche une seule fois."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="nom exact ou SIRET de l’organisation")
        parser.add_argument("--product", required=True, help="service : chaleur, comobi, potentiel, carbure, friches")
        parser.add_argument("--scope", required=True, help="portée, par exemple potentiel:lecture")
        parser.add_argument("--name", default="", help="nom du jeton (le logiciel qui l’utilise)")

    def handle(self, *args, organisation, product, scope, name, **options):
        spec = api_scope(scope)
        if spec is None or spec.product != product:
            known = ", ".join(s.scope for s in api_scopes(product)) or "aucune"
            raise CommandError(f"Portée « {scope} » inconnue pour le service « {product} » (portées : {known}).")
        found = list(
            Organisation.objects.filter(Q(name__iexact=organisation.strip()) | Q(siret=organisation.strip()))[:2]
        )
        if not found:
            raise CommandError(f"Aucune organisation ne s’appelle « {organisation} » (ni n’a ce SIRET).")
        if len(found) > 1:
            raise CommandError(f"Plusieurs organisations s’appellent « {organisation} » : donnez son SIRET.")
        try:
            token, raw = api_token_issue(
                organisation=found[0], scope=scope, name=name or f"Jeton {scope}", created_by=None
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Jeton créé pour {found[0].name} ({scope}) — copiez-le, il ne sera plus affiché :")
        self.stdout.write(raw)
