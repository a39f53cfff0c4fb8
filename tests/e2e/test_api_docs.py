"""Issue 9, finding 11: /api/docs shows the operations, with its assets served by the
application under the site's CSP (no CDN, no console error, no CSP violation)."""

import pytest

from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_lists_every_product_s_operations(page, live_server):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto("/api/docs")
    page.locator(".opblock").first.wait_for(timeout=15000)
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/chaleur/api/v1/eligibility" in summaries
    assert "/chaleur/api/v2/demands" in summaries
    assert "/api/geo/search" in summaries
    assert any(p.startswith("/friches/api/") for p in summaries)
    assert any(p.startswith("/comobi/api/") for p in summaries)
    assert any(p.startswith("/carbure/api/") for p in summaries)
    assert outside == [] and failed == []
    screenshot(page, "api-docs")


def test_api_docs_assets_are_ours_and_pinned(client):
    response = client.get("/api/docs")
    html = response.content.decode()
    assert "cdn.jsdelivr.net" not in html and "django-ninja.dev" not in html
    assert "/static/ui/vendor/swagger-ui/swagger-ui-bundle.js" in html
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert html.count(f'nonce="{nonce}"') >= 2
