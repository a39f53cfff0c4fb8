from django.urls import path

from transition.platform.ui.views import under_construction

urlpatterns = [
    path("", under_construction("chaleur"), name="home"),
]
