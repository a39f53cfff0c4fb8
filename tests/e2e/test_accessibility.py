"""axe-core on every page of the site map, signed out, and on every back-office page reached
from each demo role's home, signed in: WCAG 2.1 A and AA, at a desktop and a phone width. Any
violation fails, with the page, the width, the rule and the elements, so that every product (the
next ones too) is held to it.

The crawl (tests/a11y.py) starts from /plan-du-site/ and follows the site's own links; pages of
one shape (`/demandes/12`, `/demandes/13`) are checked once. The demo data gives every page
something to show.
"""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.test import Client

from tests.a11y import crawl
from tests.products.carbure.factories import referentials_ensure
from transition.platform.accounts.models import User
from transition.products.carbure.selectors.referentials import referentials_forget
from transition.products.potentiel.models import AppelOffres, Periode
from transition.products.potentiel.services.referential import referential_sync

# Serialized rollback: the test starts from the database as migrations left it (the referentials
# they load included), whatever transactional test emptied it before.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

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
    referentials_ensure()  # CarbuRe's, as migrations left them…
    referentials_forget()  # …and its in-memory copy read again from them
    referential_sync(AppelOffres, Periode)  # Potentiel's, and its grid operators
    importlib.import_module("transition.products.potentiel.migrations.0002_workflows").seed_grid_operators(
        django_apps, None
    )
    call_command("demo", verbosity=0)


def sign_in(page, live_server, email: str) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(User.objects.get(email=email))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_every_page_passes_axe(page, live_server, demo):
    seen: set[str] = set()
    # The site map, a result page, and what an unknown address shows (the 404 page).
    starts = ["/plan-du-site/", "/chaleur/resultat?adresse=12+avenue+Jean+XXIII+Angers", "/page-inconnue/"]
    checked, violations = crawl(page, starts, limit=60, seen=seen)
    assert len(checked) >= 30, checked  # the site map was followed
    for email, back_office in BACK_OFFICES:
        sign_in(page, live_server, email)
        pages, found = crawl(page, back_office, limit=15, seen=seen)
        checked += pages
        violations += [f"{email} : {line}" for line in found]
    # Failed tiles, refused outside requests and the 404 itself are expected, not the page's.
    page.problems[:] = [p for p in page.problems if "Failed to load resource" not in p]
    assert not violations, f"{len(violations)} violations sur {len(checked)} pages :\n" + "\n".join(violations)
