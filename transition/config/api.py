"""The JSON API: one NinjaAPI, every router mounted here, OpenAPI at /api/docs.

config/ is the composition root: the only place that may import both platform and products.
"""

from ninja import NinjaAPI

from transition.platform.core.api import install_error_handlers

api = NinjaAPI(
    title="API Transition",
    version="1.0.0",
    description="API publique des services de Transition. Toutes les réponses sont en JSON.",
    docs_url="/api/docs",
    openapi_url="/api/openapi.json",
    urls_namespace="api",
)
install_error_handlers(api)  # every error answers {"code", "message", "errors"}, in French

api.add_router("/api/geo/", "transition.platform.geo.api.router")
api.add_router("/chaleur/api/", "transition.products.chaleur.api.public.router")
api.add_router("/chaleur/api/v2/", "transition.products.chaleur.api.partner.router")
api.add_router("/friches/api/", "transition.products.friches.api.public.router")
api.add_router("/comobi/api/v1/", "transition.products.comobi.api.public.router")
api.add_router("/carbure/api/", "transition.products.carbure.api.public.router")
api.add_router("/potentiel/api/v1/", "transition.products.potentiel.api.public.router")
api.add_router("/potentiel/api/v1/grd/", "transition.products.potentiel.api.grd.router")
