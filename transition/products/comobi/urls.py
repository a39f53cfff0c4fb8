from django.urls import path

from transition.platform.ui.views import under_construction

app_name = "comobi"

urlpatterns = [
    path("", under_construction("comobi"), name="home"),
]
