from django.urls import path

from .views import public

urlpatterns = [
    path("", public.home, name="home"),
    path("resultat", public.result, name="eligibility_result"),
    path("carte", public.network_map, name="map"),
    path("reseaux", public.network_list, name="network_list"),
    path("reseaux/<str:national_id>", public.network_detail, name="network_detail"),
]
