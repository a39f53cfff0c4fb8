import logging
import sys

from django.http import HttpResponse, HttpResponseServerError
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_resolver
from django.views.decorators.http import require_GET

from transition.platform.core.api import API_PATH, error_response
from transition.platform.core.registry import product
from transition.platform.core.resilience import (
    FAULT_MESSAGE,
    RETRY_AFTER_S,
    is_infrastructure_error,
    kept_fields,
)

from .sitemap import in_sitemap, sitemap_sections

logger = logging.getLogger(__name__)


@require_GET
@in_sitemap("Accueil")
def portal(request):
    return render(request, "ui/portal.html")


def legal_page(template: str, title: str):
    @require_GET
    @in_sitemap(title)
    def view(request):
        return render(request, template, {"title": title})

    view.__name__ = template.rsplit("/", 1)[-1].removesuffix(".html")
    return view


legal_notice = legal_page("ui/legal/mentions_legales.html", "Mentions légales")
personal_data = legal_page("ui/legal/donnees_personnelles.html", "Données personnelles")
accessibility = legal_page("ui/legal/accessibilite.html", "Déclaration d’accessibilité")
cookies = legal_page("ui/legal/cookies.html", "Gestion des cookies")


@require_GET
@in_sitemap("Plan du site")
def sitemap(request):
    return render(request, "ui/sitemap.html", {"sections": sitemap_sections(get_resolver())})


def under_construction(product_slug: str):
    """The honest home page of a product that is not built yet."""

    @require_GET
    @in_sitemap("Accueil du service")
    def view(request):
        return render(request, "ui/under_construction.html", {"product": product(product_slug)})

    return view


ERRORS = {
    403: (
        "Accès refusé",
        "Vous n’avez pas les droits pour voir cette page.",
        "Si vous pensez que c’est une erreur, connectez-vous avec le bon compte ou contactez la structure qui vous a invité.",
    ),
    404: (
        "Page non trouvée",
        "La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.",
        "Si vous avez tapé l’adresse web dans le navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus disponible.",
    ),
    500: (
        "Erreur inattendue",
        "Désolé, le service rencontre un problème, nous travaillons pour le résoudre le plus rapidement possible.",
        "Essayez de rafraîchir la page ou bien réessayez plus tard.",
    ),
}


def _error_context(status: int) -> dict:
    title, lead, text = ERRORS[status]
    return {"status": status, "error_title": title, "error_lead": lead, "error_text": text}


def permission_denied(request, exception=None):
    return render(request, "ui/error.html", _error_context(403), status=403)


def page_not_found(request, exception=None):
    return render(request, "ui/error.html", _error_context(404), status=404)


def _infrastructure_fault(request):
    """503 for a fault of the database or Redis: JSON for the API, else a page that keeps what
    was posted (shown, and ready to be posted again). Rendered without the request context, which
    would read the session and the user from the database."""
    if API_PATH.match(request.path_info):
        response = error_response(503)
    else:
        posted = request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        )
        html = render_to_string(
            "ui/fault.html",
            {
                "service_name": "Transition",
                "message": FAULT_MESSAGE,
                "kept": kept_fields(request.POST) if posted else [],
                "files_lost": posted and bool(request.FILES),
                "action": request.get_full_path(),
                "csrf_token": get_token(request),
                "csp_nonce": getattr(request, "csp_nonce", ""),
            },
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_S)
    return response


def server_error(request):
    if is_infrastructure_error(sys.exc_info()[1]):
        try:
            return _infrastructure_fault(request)
        except Exception:
            logger.exception("La page d’incident n’a pas pu être rendue")
    # Rendered without the request context: whatever broke (the database, a context processor)
    # must not break the error page too.
    try:
        html = render_to_string("ui/error.html", {**_error_context(500), "service_name": "Transition"})
    except Exception:  # the page of last resort: log and answer in plain text
        logger.exception("La page d'erreur 500 n'a pas pu être rendue")
        return HttpResponseServerError(
            "Erreur inattendue. Réessayez plus tard.", content_type="text/plain; charset=utf-8"
        )
    return HttpResponse(html, status=500)
