from django.urls import path

from .views import (
    candidatures,
    completion,
    exports,
    grid,
    guarantees,
    instruction,
    modifications,
    projects,
    public,
    requests,
    targets,
)

app_name = "potentiel"

urlpatterns = [
    path("", public.home, name="home"),
    path("projets/", projects.mes_projets, name="mes_projets"),
    path("projets/reclamer/", projects.claim, name="claim"),
    path("projets/rattacher/", projects.projets_attach, name="projets_attach"),
    path("projets/<int:pk>/", projects.projet_detail, name="projet"),
    path("projets/<int:pk>/attestation.pdf", projects.projet_attestation, name="projet_attestation"),
    path("projets/<int:pk>/inviter/", projects.projet_invite, name="projet_invite"),
    path("projets/<int:pk>/cahier-des-charges/", projects.projet_cahier_des_charges, name="projet_cdc"),
    path("invitations/<str:token>/", projects.invitation, name="invitation"),
    path("administration/", projects.admin_home, name="admin_home"),
    path("administration/candidatures/importer/", candidatures.candidatures_import, name="candidatures_import"),
    path("administration/periodes/", candidatures.periodes, name="periodes"),
    path("projets/<int:pk>/candidature/correction/", candidatures.candidature_correct, name="candidature_correct"),
    path("administration/periodes/<int:pk>/notifier/", candidatures.periode_notify, name="periode_notify"),
    path(
        "administration/periodes/<int:pk>/notification/<int:job_id>/",
        candidatures.periode_notification,
        name="periode_notification",
    ),
    # --- targets and exports (potproof) ---
    path("statistiques", targets.statistiques, name="statistiques"),
    path("exports/laureats.csv", exports.laureats, name="export_laureats"),
    path("exports/elimines.csv", exports.elimines, name="export_elimines"),
    path("exports/raccordements.csv", exports.raccordements, name="export_raccordements"),
    # --- workflows: requests, guarantees, grid connection, completion (potflows) ---
    path("projets/<int:pk>/demandes/", requests.projet_demandes, name="projet_demandes"),
    path("projets/<int:pk>/demandes/<slug:slug>/nouvelle/", requests.demande_new, name="demande_new"),
    path("demandes/<int:pk>/", requests.demande_detail, name="demande_detail"),
    path("demandes/<int:pk>/action/<slug:action>/", requests.demande_action, name="demande_action"),
    path("demandes/<int:pk>/decision/", requests.demande_decision, name="demande_decision"),
    path("demandes/<int:pk>/courrier.pdf", requests.demande_letter, name="demande_letter"),
    path("demandes/<int:pk>/pieces/<int:document_pk>/", requests.demande_document, name="demande_document"),
    path("instruction/", instruction.instruction_queue, name="instruction"),
    path("projets/<int:pk>/garanties/", guarantees.garanties, name="garanties"),
    path("projets/<int:pk>/garanties/depot/", guarantees.depot_submit, name="garanties_depot"),
    path("projets/<int:pk>/garanties/depot/suppression/", guarantees.depot_delete, name="garanties_depot_delete"),
    path("projets/<int:pk>/garanties/depot/validation/", guarantees.depot_validate, name="garanties_depot_validate"),
    path("projets/<int:pk>/garanties/enregistrement/", guarantees.actuelles_record, name="garanties_record"),
    path("projets/<int:pk>/garanties/modification/", guarantees.actuelles_modify, name="garanties_modify"),
    path("projets/<int:pk>/garanties/depot/modification/", guarantees.depot_modify, name="garanties_depot_modify"),
    path("projets/<int:pk>/garanties/attestation/", guarantees.attestation_record, name="garanties_attestation"),
    path("garanties/mainlevees/", guarantees.mainlevees_queue, name="mainlevees"),
    path("projets/<int:pk>/garanties/mainlevee/", guarantees.mainlevee_request, name="mainlevee_request"),
    path("projets/<int:pk>/garanties/mainlevee/<slug:action>/", guarantees.mainlevee_action, name="mainlevee_action"),
    path("projets/<int:pk>/garanties/mainlevee-decision/", guarantees.mainlevee_decision, name="mainlevee_decision"),
    path(
        "projets/<int:pk>/garanties/mainlevee/<int:mainlevee_pk>/courrier.pdf",
        guarantees.mainlevee_letter,
        name="mainlevee_letter",
    ),
    path("projets/<int:pk>/raccordement/", grid.raccordement, name="raccordement"),
    path("projets/<int:pk>/raccordement/gestionnaire/", grid.gestionnaire_set, name="raccordement_gestionnaire"),
    path("projets/<int:pk>/raccordement/dossiers/", grid.dossier_add, name="raccordement_dossier_add"),
    path(
        "projets/<int:pk>/raccordement/dossiers/modification/", grid.dossier_update, name="raccordement_dossier_update"
    ),
    path(
        "projets/<int:pk>/raccordement/dossiers/reference/",
        grid.dossier_reference,
        name="raccordement_dossier_reference",
    ),
    path(
        "projets/<int:pk>/raccordement/dossiers/suppression/", grid.dossier_delete, name="raccordement_dossier_delete"
    ),
    path("projets/<int:pk>/raccordement/documents/<str:action>/", grid.document, name="raccordement_document"),
    path("projets/<int:pk>/ppa/<str:action>/", grid.ppa, name="ppa"),
    path("projets/<int:pk>/raccordement/mise-en-service/", grid.mise_en_service, name="raccordement_mise_en_service"),
    path("raccordement/dates-de-mise-en-service/", grid.grd_csv, name="grd_csv"),
    path("projets/<int:pk>/achevement/", completion.achevement, name="achevement"),
    path("projets/<int:pk>/achevement/transmission/", completion.achevement_act, name="achevement_submit"),
    path("projets/<int:pk>/achevement/<slug:act>/", completion.achevement_act, name="achevement_act"),
    # --- corrections outside the requests (potadmin) ---
    path("projets/<int:pk>/modifier/<slug:slug>/", modifications.projet_modifier, name="projet_modifier"),
    path("projets/<int:pk>/numero-identification/", modifications.projet_identification, name="projet_identification"),
    path("projets/<int:pk>/preuve-recandidature/", modifications.recandidature, name="recandidature"),
    path(
        "demandes/<int:pk>/correction-accord/",
        modifications.demande_correction_accord,
        name="demande_correction_accord",
    ),
]
