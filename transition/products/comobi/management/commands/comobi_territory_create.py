from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from transition.products.comobi.enums import TerritoryKind
from transition.products.comobi.services.territories import territory_create


class Command(BaseCommand):
    help = "Crée un territoire CoMobi (fermé au public tant que son administrateur ne l’ouvre pas)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="adresse du territoire : /comobi/<slug>/")
        parser.add_argument("--name", required=True, help="nom du territoire")
        parser.add_argument(
            "--communes", default="", help="codes INSEE des communes desservies, séparés par des virgules"
        )
        parser.add_argument("--kind", default=TerritoryKind.AUTRE, choices=TerritoryKind.values)
        parser.add_argument("--admin", default="", help="adresse électronique du premier administrateur")

    def handle(self, *args, slug, name, communes, kind, admin, **options):
        try:
            territory = territory_create(
                actor=None,
                slug=slug,
                name=name,
                kind=kind,
                communes=[c for c in communes.split(",") if c.strip()],
                admin_email=admin,
            )
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        count = territory.communes.count()
        self.stdout.write(
            f"Territoire « {territory.name} » créé (/comobi/{territory.slug}/), {count} commune"
            f"{'s' if count > 1 else ''}. Il est fermé au public : son administrateur l’ouvre une fois prêt."
        )
