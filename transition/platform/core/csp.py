"""Content-Security-Policy with a fresh nonce per response: no inline script or style runs."""

import secrets
from urllib.parse import urlsplit

from django.conf import settings


def tiles_origin(url: str) -> str:
    """The origin of the maps' tile server ("https://data.geopf.fr"), or "" when the tiles are
    served by the site itself or there are none."""
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return ""


def _policy(nonce: str, frame_ancestors: list[str] | None = None) -> str:
    img_sources = [tiles_origin(getattr(settings, "MAP_TILES_URL", "")), *getattr(settings, "CSP_EXTRA_IMG_SRC", [])]
    extra_img = " ".join(source for source in img_sources if source)
    extra_form = " ".join(getattr(settings, "CSP_EXTRA_FORM_ACTION", []))
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        f"style-src 'self' 'nonce-{nonce}'",
        f"img-src 'self' data: blob: {extra_img}".strip(),
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action 'self' {extra_form}".strip(),
        # Nobody may frame a page, except the origins a view names for its response
        # (`response.csp_frame_ancestors`, already validated: scheme://host[:port]).
        f"frame-ancestors {' '.join(frame_ancestors)}" if frame_ancestors else "frame-ancestors 'none'",
    ]
    if settings.CSP_REPORT_URI:
        directives.append(f"report-uri {settings.CSP_REPORT_URI}")
    return "; ".join(directives)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce
        response = self.get_response(request)
        frame_ancestors = getattr(response, "csp_frame_ancestors", None)
        response.headers.setdefault("Content-Security-Policy", _policy(nonce, frame_ancestors))
        response.headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
        return response
