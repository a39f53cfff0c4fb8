from django.urls import path

from transition.platform.ui.views import under_construction

from .views import exports, targets

app_name = "potentiel"

urlpatterns = [
    path("", under_construction("potentiel"), name="home"),
    path("statistiques", targets.statistiques, name="statistiques"),
    path("exports/laureats.csv", exports.laureats, name="export_laureats"),
    path("exports/elimines.csv", exports.elimines, name="export_elimines"),
    path("exports/raccordements.csv", exports.raccordements, name="export_raccordements"),
]
