from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from transition.config.api import api

# The JSON API right after the portal's handful of pages: its requests (the eligibility API under
# load) resolve without trying every product's patterns. Not first: django-ninja adds its own
# root view at "", which would take the portal's place.
urlpatterns = [
    path("", include("transition.platform.ui.urls")),
    path("", api.urls),
    path("", include("transition.platform.accounts.urls")),
    path("stats/", include("transition.platform.impact.urls")),
    path("chaleur/", include("transition.products.chaleur.urls")),
    path("comobi/", include("transition.products.comobi.urls")),
    path("potentiel/", include("transition.products.potentiel.urls")),
    path("carbure/", include("transition.products.carbure.urls")),
    path("friches/", include("transition.products.friches.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler403 = "transition.platform.ui.views.permission_denied"
handler404 = "transition.platform.ui.views.page_not_found"
handler500 = "transition.platform.ui.views.server_error"
