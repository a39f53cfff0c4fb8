"""axe-core on every page of the site map, signed out, and on every back-office page reached
from each demo role's home, signed in: WCAG 2.1 A and AA, at a desktop and a phone width. Any
violation fails, with the page, the width, the rule and the elements, so that every product (the
next ones too) is held to it.

The crawl (tests/a11y.py) starts from /plan-du-site/ and follows the site's own links; pages of
one shape (`/demandes/12`, `/demandes/13`) are checked once. The demo data gives every page
something to show.
"""

import pytest
from django.core.management import call_command
from django.test import Client

from tests.a11y import crawl
from transition.platform.accounts.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Who signs in, and where their back-office starts (the demo's accounts, README "La démonstration").
BACK_OFFICES = [
    ("gestionnaire@energies-angevines.example", ["/chaleur/pro/demandes", "/mes-donnees/", "/compte/jetons/"]),
    ("agent@angersloiremetropole.example", ["/chaleur/pro/demandes"]),
    ("producteur@sucrerie-picarde.example", ["/carbure/"]),
    ("dgec@developpement-durable.example", ["/carbure/"]),
    ("claire.roques@lot.example", ["/comobi/mediation/", "/comobi/lot/"]),
    ("conseiller.friches@ddt08.example", ["/friches/projets/", "/friches/sites/"]),
    ("maire.adjointe@revin.example", ["/friches/projets/"]),
]


@pytest.fixture
def demo():
    call_command("demo", verbosity=0)


def sign_in(page, live_server, email: str) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(User.objects.get(email=email))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_every_page_passes_axe(page, live_server, demo):
    checked, violations = crawl(
        page, ["/plan-du-site/", "/chaleur/resultat?adresse=12+avenue+Jean+XXIII+Angers"], limit=80
    )
    assert len(checked) >= 30, checked  # the site map was followed
    for email, starts in BACK_OFFICES:
        sign_in(page, live_server, email)
        pages, found = crawl(page, starts, limit=30)
        checked += pages
        violations += [f"{email} : {line}" for line in found]
    # Failed tiles and refused outside requests are the interception at work, not the page's.
    page.problems[:] = [p for p in page.problems if "Failed to load resource" not in p]
    assert not violations, f"{len(violations)} violations sur {len(checked)} pages :\n" + "\n".join(violations)
