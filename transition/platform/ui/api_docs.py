"""/api/docs: Swagger UI served from the application's own static files (vendored, pinned: see
static/ui/vendor/README.md), with the page's CSP nonce; nothing is loaded from a CDN."""

from django.shortcuts import render
from ninja.openapi.docs import DocsBase

SWAGGER_SETTINGS = {
    "layout": "BaseLayout",
    "deepLinking": True,
    "docExpansion": "list",
    "validatorUrl": None,  # no call to validator.swagger.io
    "tryItOutEnabled": False,
}


class ApiDocs(DocsBase):
    def render_page(self, request, api, **kwargs):
        settings = {**SWAGGER_SETTINGS, "url": self.get_openapi_url(api, kwargs)}
        return render(request, "ui/api_docs.html", {"api": api, "swagger_settings": settings})
