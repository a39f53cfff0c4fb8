from django.urls import path
from django.views.generic import RedirectView

from .views import (
    ambassadors,
    back_office,
    bulk_tests,
    cities,
    comparator,
    demands,
    eligibility,
    embeds,
    network_pages,
    networks,
    prospects,
    requester_space,
)

app_name = "chaleur"

urlpatterns = [
    # Eligibility of an address, networks and their map
    path("", eligibility.home, name="home"),
    path("resultat", eligibility.result, name="eligibility_result"),
    path("carte", networks.network_map, name="map"),
    path("reseaux", networks.network_list, name="network_list"),
    path("reseaux/<str:national_id>", networks.network_detail, name="network_detail"),
    # Demands and ambassadors
    path("demande/", demands.demand_create, name="demand_create"),
    path("demande/envoyee/", demands.demand_sent, name="demand_sent"),
    path("ambassadeur/<str:token>/", ambassadors.ambassador_volunteer, name="ambassador_volunteer"),
    path("ambassadeur/<str:token>/retrait", ambassadors.ambassador_withdraw, name="ambassador_withdraw"),
    path("ambassadeurs/<int:pk>/ecrire/", ambassadors.ambassador_write, name="ambassador_write"),
    path("ambassadeurs/repondre/<str:token>/", ambassadors.ambassador_reply, name="ambassador_reply"),
    # The back-office
    path("pro/demandes", back_office.demand_list, name="pro_demands"),
    path("pro/demandes/carte.geojson", back_office.demand_geojson, name="pro_demands_geojson"),
    path("pro/demandes/export.xlsx", back_office.demand_export, name="pro_demands_export"),
    path("pro/demandes/<int:pk>", back_office.demand_detail, name="pro_demand_detail"),
    path("pro/demandes/<int:pk>/statut", back_office.demand_status_change, name="pro_demand_status"),
    path("pro/demandes/<int:pk>/commentaire", back_office.demand_comment, name="pro_demand_comment"),
    path("pro/demandes/<int:pk>/correction", back_office.demand_correct, name="pro_demand_correct"),
    path("pro/demandes/<int:pk>/courriel", back_office.demand_email, name="pro_demand_email"),
    path("pro/prospects", prospects.prospect_list, name="pro_prospects"),
    path("pro/prospects/export.xlsx", prospects.prospect_export, name="pro_prospects_export"),
    # The partner API's tokens are the platform's: the old address leads there.
    path("pro/api", RedirectView.as_view(pattern_name="accounts:api_tokens"), name="pro_api_token"),
    path("pro/tests-adresses", bulk_tests.bulk_list, name="pro_bulk"),
    path("pro/tests-adresses/<int:pk>/colonnes", bulk_tests.bulk_mapping, name="pro_bulk_mapping"),
    path("pro/tests-adresses/<int:pk>", bulk_tests.bulk_detail, name="pro_bulk_detail"),
    path("pro/tests-adresses/<int:pk>/etat", bulk_tests.bulk_status, name="pro_bulk_status"),
    path("pro/tests-adresses/<int:pk>/resultats.xlsx", bulk_tests.bulk_xlsx, name="pro_bulk_xlsx"),
    path("pro/tests-adresses/<int:pk>/carte.geojson", bulk_tests.bulk_geojson, name="pro_bulk_geojson"),
    path("pro/tests-adresses/<int:pk>/nom", bulk_tests.bulk_rename, name="pro_bulk_rename"),
    # Tools of the original service: the comparator
    path("comparateur", comparator.comparator, name="comparator"),
    path("villes", cities.city_list, name="city_list"),
    path("villes/<str:commune>", cities.city_detail, name="city"),
    # Embeds for partners' sites (framed only by the partner's origins)
    path("integration/<slug:slug>/formulaire", embeds.embed_form, name="embed_form"),
    path("integration/<slug:slug>/carte", embeds.embed_map, name="embed_map"),
    # A network's page: corrections by its operator, decided by staff; its documents
    path("reseaux/<str:national_id>/corriger", network_pages.network_correct, name="network_correct"),
    path("reseaux/<str:national_id>/documents/<int:pk>", network_pages.network_file, name="network_file"),
    path("pro/corrections", network_pages.correction_list, name="pro_corrections"),
    path("pro/corrections/<int:pk>", network_pages.correction_detail, name="pro_correction_detail"),
    path("pro/corrections/<int:pk>/accepter", network_pages.correction_accept, name="pro_correction_accept"),
    path("pro/corrections/<int:pk>/refuser", network_pages.correction_refuse, name="pro_correction_refuse"),
    # The requester's space
    path("mes-demandes", requester_space.requester_demands, name="requester_demands"),
    path("mes-demandes/<int:pk>", requester_space.requester_demand, name="requester_demand"),
    path("mes-demandes/<int:pk>/message", requester_space.requester_message, name="requester_message"),
]
