from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from transition.config.api import api

# The JSON API first: its requests (the eligibility API under load) resolve without trying every
# page pattern; its paths (api/…, chaleur/api/…) are distinct from the pages'.
urlpatterns = [
    path("", api.urls),
    path("", include("transition.platform.ui.urls")),
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
