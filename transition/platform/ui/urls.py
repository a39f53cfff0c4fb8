from django.urls import path

from . import views

app_name = "ui"

urlpatterns = [
    path("", views.portal, name="portal"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
    path("cookies/", views.cookies, name="cookies"),
]
