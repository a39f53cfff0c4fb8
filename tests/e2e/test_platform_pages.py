"""Every platform page opens in headless Chromium with no console error and no CSP violation."""

import pytest
from django.urls import include, path

from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("/", "Les services publics numériques de la transition écologique"),
    ("/mentions-legales/", "Mentions légales"),
    ("/donnees-personnelles/", "Données personnelles"),
    ("/accessibilite/", "Déclaration d’accessibilité"),
    ("/plan-du-site/", "Plan du site"),
    ("/cookies/", "Gestion des cookies"),
    ("/stats/", "Statistiques"),
    ("/comobi/", "CoMobi"),
]


def _forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _broken(request):
    raise RuntimeError("erreur provoquée par le test")


urlpatterns = [
    path("_e2e/403/", _forbidden),
    path("_e2e/500/", _broken),
    path("", include("transition.config.urls")),
]
handler403 = "transition.platform.ui.views.permission_denied"
handler404 = "transition.platform.ui.views.page_not_found"
handler500 = "transition.platform.ui.views.server_error"


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_page_opens_cleanly(page, path, heading):
    response = page.goto(path)
    assert response.status == 200
    assert heading in page.locator("h1").first.inner_text()
    assert page.locator("header.fr-header").is_visible()
    assert page.locator("footer.fr-footer").is_visible()
    screenshot(page, "platform" + path.replace("/", "_").rstrip("_"))


@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/page-qui-n-existe-pas/", 404, "Page non trouvée"),
        ("/_e2e/403/", 403, "Accès refusé"),
        ("/_e2e/500/", 500, "Erreur inattendue"),
    ],
)
def test_error_pages_are_dsfr(page, settings, path, status, heading):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    # A page answered with an error status logs one console error by design: Chromium reports the
    # failed resource load. Only that one is expected; anything else (CSP, script) still fails.
    response = page.goto(path)
    assert response.status == status
    assert heading in page.locator("h1").first.inner_text()
    page.problems[:] = [p for p in page.problems if "Failed to load resource" not in p]
    screenshot(page, f"error_{status}")


def test_menu_opens_on_a_small_screen(page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    page.get_by_role("button", name="Menu").click()
    assert (
        page.get_by_role("navigation", name="Menu principal")
        .get_by_role("link", name="Statistiques")
        .first.is_visible()
    )
