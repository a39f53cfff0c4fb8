from django.urls import include, path

from .views import administration, imports, mediation, offers, people, requests, search, territories, unmet

app_name = "comobi"

territory = [
    path("", territories.territory, name="territory"),
    path("conditions/", territories.terms, name="terms"),
    path("chiffres/", territories.stats, name="territory_stats"),
    path("recherche/", search.search, name="search"),
    # a person's own pages
    path("profil/", people.profile, name="profile"),
    path("profil/telephone/", people.phone_check, name="phone_check"),
    path("conducteur/", offers.offer_list, name="offer_list"),
    path("conducteur/nouveau/", offers.offer_create, name="offer_create"),
    path("conducteur/<int:pk>/modifier/", offers.offer_edit, name="offer_edit"),
    path("conducteur/<int:pk>/<str:action>/", offers.offer_status, name="offer_status"),
    path("demandes/", requests.request_list, name="request_list"),
    path("demandes/nouvelle/", requests.request_new, name="request_create"),
    path("demandes/<int:pk>/", requests.request_detail, name="request_detail"),
    path("demandes/<int:pk>/coordonnees/<int:offer_pk>/", requests.request_reveal, name="request_reveal"),
    path("demandes/<int:pk>/mediateur/", requests.request_hand, name="request_hand"),
    path("demandes/<int:pk>/annuler/", requests.request_cancel_view, name="request_cancel"),
    path("demandes/<int:pk>/trajet/", requests.request_carpool, name="request_carpool"),
    path("trajets/<int:pk>/annuler/", requests.carpool_cancel, name="carpool_cancel"),
    # mediators
    path("mediation/", mediation.dashboard, name="mediation"),
    path("mediation/demandes/nouvelle/", mediation.intake, name="intake"),
    path("mediation/demandes/<int:pk>/", mediation.request_detail, name="mediation_request"),
    path("mediation/demandes/<int:pk>/suivre/", mediation.request_take_view, name="request_take"),
    path("mediation/demandes/<int:pk>/contact/", mediation.contact_add, name="contact_add"),
    path("mediation/demandes/<int:pk>/confirmer/", mediation.carpool_new, name="carpool_new"),
    path("mediation/demandes/<int:pk>/etat/", mediation.request_status, name="request_status"),
    path("mediation/trajets/", mediation.carpools, name="carpools"),
    path("mediation/trajets/<int:pk>/etat/", mediation.carpool_status, name="carpool_status"),
    path("mediation/personnes/", people.people, name="people"),
    path("mediation/personnes/nouvelle/", people.person_new, name="person_new"),
    path("mediation/personnes/<int:pk>/", people.person_detail, name="person_detail"),
    path("mediation/personnes/<int:pk>/trajets/nouveau/", people.person_offer_new, name="person_offer_new"),
    path("mediation/personnes/<int:pk>/effacer/", people.person_erase_view, name="person_erase"),
    path("mediation/non-satisfaites/", unmet.unmet, name="unmet"),
    path("mediation/non-satisfaites/export/", unmet.unmet_export, name="unmet_export"),
    path("mediation/import/", imports.import_file, name="import"),
    # administrators
    path("administration/", administration.settings_view, name="administration"),
    path("administration/communes/", administration.communes, name="communes"),
    path("administration/lieux/", administration.places, name="places"),
    path("administration/lieux/<int:pk>/", administration.place_edit, name="place_edit"),
    path("administration/equipe/", administration.team, name="team"),
    path("administration/equipe/<int:pk>/retirer/", administration.team_remove, name="team_remove"),
]

urlpatterns = [
    path("", territories.home, name="home"),
    path("territoires/nouveau/", administration.territory_new, name="territory_create"),
    path("mes-trajets/", people.mine, name="mine"),
    path("mediation/", mediation.mediation_home, name="mediation_home"),
    path("<slug:slug>/", include(territory)),
]
