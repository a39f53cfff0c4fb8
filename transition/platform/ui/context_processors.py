from django.conf import settings

from transition.platform.core.registry import product, products


def current_product_slug(request) -> str | None:
    """The product whose pages are being shown: the first URL namespace when it names one."""
    match = getattr(request, "resolver_match", None)
    if match and match.namespaces and product(match.namespaces[0]):
        return match.namespaces[0]
    return None


def site(request):
    slug = current_product_slug(request)
    current = product(slug) if slug else None
    return {
        "products": products(),
        "current_product": current,
        "service_name": current.name if current else "Transition",
        "service_tagline": current.tagline if current else "Services publics numériques de la transition écologique",
        "jdma_url": settings.JDMA_URLS.get(slug or "portail", ""),
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
