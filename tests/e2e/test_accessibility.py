"""axe-core on every page of the site map, signed out, and on every back-office page reached
from each demo role's home, signed in: WCAG 2.1 A and AA, at a desktop and a phone width. Any
violation fails, with the page, the width, the rule and the elements, so that every product (the
next ones too) is held to it.

The crawl (tests/a11y.py) starts from /plan-du-site/ and follows the site's own links; pages of
one shape (`/demandes/12`, `/demandes/13`) are checked once. The demo data gives every page
something to show.

One test per crawl (the public site, then each role's back-office), so that the test processes
share them: each process loads the demo once for all its crawls of this module (committed, served
by a live server of its own: pytest-django's `live_server` would empty the database after each
test), and empties the database after them (tests/seeded.py gives back what the
migrations loaded). The shapes of the public crawl are skipped by the back-office crawls, as
they were when one test ran every crawl in turn.
"""

from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from pytest_django.live_server_helper import LiveServer

from tests.a11y import crawl, shapes_crawled
from tests.browser import watched_page
from transition.platform.accounts.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

# The site map, a result page, and what an unknown address shows (the 404 page).
PUBLIC_STARTS = ["/plan-du-site/", "/chaleur/resultat?adresse=12+avenue+Jean+XXIII+Angers", "/page-inconnue/"]
PUBLIC_LIMIT = 60

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
BACK_OFFICE_LIMIT = 15


@dataclass
class DemoSite:
    url: str
    sessions: dict[str, str]  # email → session id, signed in once for the module
    # The shapes checked in this process: the public crawl's, then the back-offices' as they go.
    seen: set[str] = field(default_factory=set)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo in the test database, committed, served by a live server of this module: its
    tests do not flush the database between them (they write nothing), and the demo loads once
    per test process. The database is emptied at the end."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("a11y-media"))
    media.enable()
    with django_db_blocker.unblock():
        call_command("demo", verbosity=0)
        sessions = {}
        for email, _ in BACK_OFFICES:
            client = Client()
            client.force_login(User.objects.get(email=email))
            sessions[email] = client.cookies["sessionid"].value
        public = shapes_crawled(Client(), PUBLIC_STARTS, limit=PUBLIC_LIMIT)
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    try:
        yield DemoSite(url=server.url, sessions=sessions, seen=public)
    finally:
        server._live_server_modified_settings.disable()
        server.stop()
        with django_db_blocker.unblock():
            call_command("flush", verbosity=0, interactive=False)
        media.disable()


@pytest.fixture
def db(django_db_setup, django_db_blocker):
    """Database access without a transaction of the test's own: its tests write nothing, and on
    SQLite (BEGIN IMMEDIATE) an open transaction would hold the lock the live server needs to
    write (sessions, counters). Named `db` so that pytest-django creates the test database."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def _media_root():
    """The demo's files stay where the module loaded them (tests/conftest.py gives each test its own)."""


@pytest.fixture
def axe_page(browser, demo_site):
    """A watched page on the demo site. Failed tiles, refused outside requests and the 404 itself
    are expected, not the page's."""
    with watched_page(browser, demo_site.url) as page:
        yield page
        page.problems[:] = [p for p in page.problems if "Failed to load resource" not in p]


def test_public_pages_pass_axe(axe_page):
    checked, violations = crawl(axe_page, PUBLIC_STARTS, limit=PUBLIC_LIMIT, seen=set())
    assert len(checked) >= 30, checked  # the site map was followed
    assert not violations, f"{len(violations)} violations sur {len(checked)} pages :\n" + "\n".join(violations)


@pytest.mark.parametrize(("email", "starts"), BACK_OFFICES, ids=[email for email, _ in BACK_OFFICES])
def test_back_office_pages_pass_axe(axe_page, demo_site, email, starts):
    axe_page.context.add_cookies([{"name": "sessionid", "value": demo_site.sessions[email], "url": demo_site.url}])
    checked, violations = crawl(axe_page, starts, limit=BACK_OFFICE_LIMIT, seen=demo_site.seen)
    assert set(starts) <= set(checked), checked  # each start opened signed in
    assert not violations, f"{email} : {len(violations)} violations sur {len(checked)} pages :\n" + "\n".join(
        violations
    )
