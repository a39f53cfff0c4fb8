from django.urls import path

from transition.platform.ui.views import under_construction

app_name = "potentiel"

urlpatterns = [
    path("", under_construction("potentiel"), name="home"),
]
