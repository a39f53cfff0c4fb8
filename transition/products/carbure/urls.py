from django.urls import path

from transition.platform.ui.views import under_construction

app_name = "carbure"

urlpatterns = [
    path("", under_construction("carbure"), name="home"),
]
