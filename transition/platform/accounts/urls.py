from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.login, name="login"),
    path("connexion/lien-envoye/", views.email_link_sent, name="email_link_sent"),
    path("connexion/lien/<str:token>/", views.email_link, name="email_link"),
    path("connexion/proconnect/", views.oidc_start, {"provider": "proconnect"}, name="proconnect"),
    path("connexion/proconnect/retour/", views.oidc_callback, {"provider": "proconnect"}, name="proconnect_callback"),
    path("connexion/franceconnect/", views.oidc_start, {"provider": "franceconnect"}, name="franceconnect"),
    path(
        "connexion/franceconnect/retour/",
        views.oidc_callback,
        {"provider": "franceconnect"},
        name="franceconnect_callback",
    ),
    path("deconnexion/", views.logout, name="logout"),
    path("deconnexion/retour/", views.logout_callback, name="logout_callback"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/export.json", views.my_data_export, name="my_data_export"),
    path("mes-donnees/suppression/", views.my_data_delete, name="my_data_delete"),
    path("compte/jetons/", views.api_token_list, name="api_tokens"),
    path("compte/jetons/<int:pk>/revoquer/", views.api_token_revoke, name="api_token_revoke"),
]
