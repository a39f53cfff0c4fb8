from django.urls import path

from .views import advisors, balance, imports, projects, public, sites, survey, thread
from .views import path as path_views

app_name = "friches"

urlpatterns = [
    path("", public.home, name="home"),
    path("carte/", public.site_map, name="map"),
    path("sites/", public.site_list_view, name="site_list"),
    path("sites/nouveau/", sites.site_create, name="site_create"),
    path("sites/<int:pk>/", public.site_detail, name="site_detail"),
    path("sites/<int:pk>/modifier/", sites.site_edit, name="site_edit"),
    path("sites/<int:pk>/mutabilite/", sites.site_mutability_edit, name="site_mutability"),
    path("sites/<int:pk>/batiments/nouveau/", sites.building_edit, name="building_create"),
    path("sites/<int:pk>/batiments/<int:building_pk>/", sites.building_edit, name="building_edit"),
    path("sites/<int:pk>/batiments/<int:building_pk>/supprimer/", sites.building_delete, name="building_delete"),
    path("sites/<int:pk>/projet/", projects.project_create, name="project_create"),
    path("commencer/", sites.join, name="join"),
    path("import/", imports.import_upload, name="import"),
    path("import/<int:job_id>/", imports.import_job, name="import_job"),
    path("projets/", projects.project_list, name="project_list"),
    path("projets/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projets/<int:pk>/modifier/", projects.project_edit, name="project_edit"),
    path("projets/<int:pk>/partage/", projects.share_enable, name="share_enable"),
    path("projets/<int:pk>/partage/desactiver/", projects.share_disable, name="share_disable"),
    path("projets/<int:pk>/reconversion-achevee/", projects.project_reconverted, name="project_reconverted"),
    path("projets/<int:pk>/questionnaire/", survey.survey, name="survey"),
    path("projets/<int:pk>/questionnaire/<int:question_pk>/", survey.survey_question, name="survey_question"),
    path("projets/<int:pk>/reponses/", survey.survey_summary_view, name="survey_summary"),
    path("projets/<int:pk>/documents/<int:answer_pk>/", survey.answer_document, name="answer_document"),
    path("projets/<int:pk>/actions/nouvelle/", path_views.action_create, name="action_create"),
    path("projets/<int:pk>/actions/<int:action_pk>/statut/", path_views.action_status, name="action_status"),
    path("projets/<int:pk>/messages/", thread.message_create, name="message_create"),
    path("projets/<int:pk>/rejoindre/", advisors.join_project, name="project_join"),
    path("projets/<int:pk>/notes/", advisors.note_create, name="note_create"),
    path("projets/<int:pk>/rappels/", advisors.reminder_create, name="reminder_create"),
    path("projets/<int:pk>/bilan/", balance.balance, name="balance"),
    path("partage/<str:token>/", projects.share_view, name="share_view"),
    path("conseil/", advisors.advisor_space, name="advisor_space"),
]
