from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from transition.platform.core.registry import product, products


def current_product_slug(request) -> str | None:
    """The product whose pages are being shown: the first URL namespace when it names one."""
    match = getattr(request, "resolver_match", None)
    if match and match.namespaces and product(match.namespaces[0]):
        return match.namespaces[0]
    return None


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


def _nav_items(request, entries: list[tuple[str, str, tuple]]) -> list[NavItem]:
    """The main menu. An entry is current on its own page and, except for a home page, on the
    pages below it (a back-office section, a network under the network list)."""
    items = []
    homes = {reverse(p.home_url_name) for p in products()} | {reverse("ui:portal")}
    for label, url_name, args in entries:
        try:
            url = reverse(url_name, args=args)
        except NoReverseMatch:  # a product may list a page it has not built yet
            continue
        below = url not in homes and request.path.startswith(url)
        items.append(NavItem(label, url, request.path == url or below))
    return items


def login_url(request) -> str:
    """The header's "Se connecter": back to the page after signing in. On the sign-in pages
    themselves, the same link (their own `next` kept, never nested): a crawler would otherwise
    find a new URL in each ("/connexion/?next=/connexion/%3Fnext%3D…")."""
    base = reverse("accounts:login")
    if request.path.startswith(base):
        target = request.GET.get("next", "")
        if target.startswith("/") and not target.startswith("//") and not target.startswith(base):
            return f"{base}?{urlencode({'next': target})}"
        return base
    return f"{base}?{urlencode({'next': request.get_full_path()})}"


def site(request):
    slug = current_product_slug(request)
    current = product(slug) if slug else None
    if current:
        entries = [("Tous les services", "ui:portal", ())]
        entries += [(label, url_name, ()) for label, url_name in current.nav_items]
        entries.append(("Statistiques", "impact:product", (current.slug,)))
    else:
        entries = [("Accueil", "ui:portal", ())]
        entries += [(p.name, p.home_url_name, ()) for p in products()]
        entries.append(("Statistiques", "impact:index", ()))
    return {
        "nav_items": _nav_items(request, entries),
        "products": products(),
        "current_product": current,
        "service_name": current.name if current else "Transition",
        "service_tagline": current.tagline if current else "Services publics numériques de la transition écologique",
        "jdma_url": settings.JDMA_URLS.get(slug or "portail", ""),
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "login_url": login_url(request),
    }
