"""The demo of issue 15's pages: a partner's embed (/chaleur/integration/demo/formulaire and
/carte) and the contacts of the demo's main network. Idempotent."""

from ..models import EmbedPartner, Network, NetworkContact

DEMO_ORIGINS = ["http://127.0.0.1:8000", "http://localhost:8000"]


def load_network_pages() -> None:
    partner, _ = EmbedPartner.objects.get_or_create(
        slug="demo", defaults={"name": "Angers Loire Métropole (démo)", "origins": DEMO_ORIGINS}
    )
    networks = list(Network.objects.filter(import_key__startswith="demo:", kind="chaleur"))
    if networks:
        partner.networks.add(*networks)
    main = Network.objects.filter(import_key="demo:4901C").first()
    if main is not None:
        NetworkContact.objects.get_or_create(
            network=main,
            defaults={
                "service": "Service raccordement",
                "email": "raccordement@reseau-demo.example",
                "phone": "02 41 00 00 00",
                "website": "https://reseau-demo.example",
            },
        )
