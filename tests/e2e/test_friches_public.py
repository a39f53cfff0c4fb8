"""The public pages of Friches in a browser. The maps without their base map (tiles unreachable):
the notice says the drawings keep their names, so every site drawn carries its name, on the
registry's map and on a site's page. On a phone, the wide tables scroll in their box."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.products.friches.factories import SiteFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def ignore_failed_tiles(page) -> None:
    # The failed tiles are the expected console errors; anything else (CSP, script) still fails.
    page.problems[:] = [p for p in page.problems if "Failed to load resource" not in p]


def test_offline_the_registry_map_names_each_site(page):
    SiteFactory(name="Ancienne filature Deville")
    SiteFactory(name="Gare de marchandises de Revin")
    page.tiles_offline = True
    page.goto("/friches/carte/")
    expect(page.locator(".transition-map-offline")).to_contain_text("Le fond de carte ne s’affiche pas")
    expect(page.locator(".transition-map-label", has_text="Ancienne filature Deville")).to_be_visible()
    expect(page.locator(".transition-map-label", has_text="Gare de marchandises de Revin")).to_be_visible()
    screenshot(page, "friches-carte-hors-ligne")
    ignore_failed_tiles(page)


def test_offline_a_site_s_map_names_the_site(page):
    site = SiteFactory(name="Ancienne filature Deville")
    page.tiles_offline = True
    page.goto(f"/friches/sites/{site.pk}/")
    expect(page.locator(".transition-map-offline")).to_be_visible()
    expect(page.locator("[data-friches-site-map] .transition-map-label")).to_have_text("Ancienne filature Deville")
    ignore_failed_tiles(page)


def test_on_a_phone_the_wide_tables_scroll_in_their_box(page):
    site = SiteFactory(name="Supermarché fermé de la route de Philippeville")
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/friches/sites/", f"/friches/sites/{site.pk}/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    screenshot(page, "friches-site-telephone")
    ignore_failed_tiles(page)


def test_on_a_phone_the_offline_notice_leaves_the_zoom_buttons_free(page):
    SiteFactory(name="Ancienne filature Deville")
    page.set_viewport_size({"width": 390, "height": 844})
    page.tiles_offline = True
    page.goto("/friches/carte/")
    notice = page.locator(".transition-map-offline")
    expect(notice).to_be_visible()
    zoom = page.locator(".leaflet-control-zoom").bounding_box()
    box = notice.bounding_box()
    assert box["x"] > zoom["x"] + zoom["width"], (box, zoom)  # side by side, not over the buttons
    ignore_failed_tiles(page)
