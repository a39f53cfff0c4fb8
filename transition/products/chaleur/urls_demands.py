from django.urls import path

from .views import bulk, demands, pro

urlpatterns = [
    path("demande/", demands.demand_create, name="demand_create"),
    path("demande/envoyee/", demands.demand_sent, name="demand_sent"),
    path("ambassadeur/<str:token>/", demands.ambassador_volunteer, name="ambassador_volunteer"),
    path("ambassadeurs/<int:pk>/ecrire/", demands.ambassador_write, name="ambassador_write"),
    path("ambassadeurs/repondre/<str:token>/", demands.ambassador_reply, name="ambassador_reply"),
    path("pro/demandes", pro.demand_list, name="pro_demands"),
    path("pro/demandes/carte.geojson", pro.demand_geojson, name="pro_demands_geojson"),
    path("pro/demandes/export.xlsx", pro.demand_export, name="pro_demands_export"),
    path("pro/demandes/<int:pk>", pro.demand_detail, name="pro_demand_detail"),
    path("pro/prospects", pro.prospect_list, name="pro_prospects"),
    path("pro/prospects/export.xlsx", pro.prospect_export, name="pro_prospects_export"),
    path("pro/api", pro.api_token, name="pro_api_token"),
    path("pro/tests-adresses", bulk.bulk_list, name="pro_bulk"),
    path("pro/tests-adresses/<int:pk>/colonnes", bulk.bulk_mapping, name="pro_bulk_mapping"),
    path("pro/tests-adresses/<int:pk>", bulk.bulk_detail, name="pro_bulk_detail"),
    path("pro/tests-adresses/<int:pk>/etat", bulk.bulk_status, name="pro_bulk_status"),
    path("pro/tests-adresses/<int:pk>/resultats.xlsx", bulk.bulk_xlsx, name="pro_bulk_xlsx"),
]
