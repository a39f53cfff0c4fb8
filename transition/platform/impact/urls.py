from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:product_slug>/", views.product, name="product"),
]
