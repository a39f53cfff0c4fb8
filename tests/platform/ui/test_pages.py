import pytest
from django.urls import reverse

from transition.platform.core.registry import products

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/mentions-legales/", "/donnees-personnelles/", "/accessibilite/", "/plan-du-site/", "/cookies/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_renders_with_dsfr_layout(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="fr-header"' in html
    assert "République<br>Française" in html
    for footer_link in ("Plan du site", "Accessibilité : non conforme", "Mentions légales", "Données personnelles"):
        assert footer_link in html


def test_portal_presents_the_five_services(client):
    html = client.get("/").content.decode()
    for slug in ("chaleur", "comobi", "potentiel", "carbure", "friches"):
        assert f'href="/{slug}/"' in html
    assert [p.slug for p in products()] == ["chaleur", "comobi", "potentiel", "carbure", "friches"]


def test_unbuilt_product_says_it_is_under_construction(client):
    built = {p.slug for p in products() if p.built}
    for p in products():
        if p.slug in built:
            continue
        html = client.get(reverse(p.home_url_name)).content.decode()
        assert "Ce service est en construction" in html


def test_sitemap_lists_pages_from_the_url_tree(client):
    html = client.get("/plan-du-site/").content.decode()
    for path in PUBLIC_PAGES:
        assert f'href="{path}"' in html


def test_missing_page_is_a_dsfr_404(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


def test_jdma_button_follows_settings(client, settings):
    settings.JDMA_URLS = {**settings.JDMA_URLS, "portail": "https://jdma.example/avis/1"}
    assert "Je donne mon avis" in client.get("/").content.decode()
    settings.JDMA_URLS = {**settings.JDMA_URLS, "portail": ""}
    assert "Je donne mon avis" not in client.get("/").content.decode()


def test_menu_marks_the_current_section(client):
    html = client.get("/stats/").content.decode()
    assert 'href="/stats/" aria-current="page"' in html
    assert 'href="/" aria-current="page"' not in html


def test_menu_inside_a_product_marks_pages_below_a_section(client):
    # /chaleur/reseaux/<id> sits below "Réseaux"; the product's home is current only on itself.
    html = client.get(reverse("chaleur:network_detail", args=["INCONNU"])).content.decode()
    assert f'href="{reverse("chaleur:network_list")}" aria-current="page"' in html
    assert 'href="/chaleur/" aria-current="page"' not in html


@pytest.mark.django_db
def test_the_sign_in_link_never_nests_its_next(client):
    html = client.get("/plan-du-site/").content.decode()
    assert 'href="/connexion/?next=%2Fplan-du-site%2F"' in html
    html = client.get("/connexion/?next=/plan-du-site/").content.decode()
    assert 'href="/connexion/?next=%2Fplan-du-site%2F"' in html and "next=%2Fconnexion" not in html
    html = client.get("/connexion/?next=/connexion/%3Fnext%3D/x/").content.decode()
    assert 'href="/connexion/"' in html and "next=%2Fconnexion" not in html
