from django.urls import path

from transition.platform.ui.views import under_construction

app_name = "friches"

urlpatterns = [
    path("", under_construction("friches"), name="home"),
]
