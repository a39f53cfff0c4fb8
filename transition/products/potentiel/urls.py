from django.urls import path

from transition.platform.ui.views import under_construction

from .views import targets

app_name = "potentiel"

urlpatterns = [
    path("", under_construction("potentiel"), name="home"),
    path("statistiques", targets.statistiques, name="statistiques"),
]
