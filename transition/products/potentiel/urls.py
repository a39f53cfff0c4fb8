from django.urls import path

from .views import candidatures, projects, public

app_name = "potentiel"

urlpatterns = [
    path("", public.home, name="home"),
    path("projets/", projects.mes_projets, name="mes_projets"),
    path("projets/reclamer/", projects.claim, name="claim"),
    path("projets/<int:pk>/", projects.projet_detail, name="projet"),
    path("projets/<int:pk>/attestation.pdf", projects.projet_attestation, name="projet_attestation"),
    path("projets/<int:pk>/inviter/", projects.projet_invite, name="projet_invite"),
    path("projets/<int:pk>/cahier-des-charges/", projects.projet_cahier_des_charges, name="projet_cdc"),
    path("invitations/<str:token>/", projects.invitation, name="invitation"),
    path("administration/", projects.admin_home, name="admin_home"),
    path("administration/candidatures/importer/", candidatures.candidatures_import, name="candidatures_import"),
    path("administration/periodes/", candidatures.periodes, name="periodes"),
    path("administration/periodes/<int:pk>/notifier/", candidatures.periode_notify, name="periode_notify"),
    path(
        "administration/periodes/<int:pk>/notification/<int:job_id>/",
        candidatures.periode_notification,
        name="periode_notification",
    ),
]
