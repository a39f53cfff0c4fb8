from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "transition.platform.geo"
    label = "geo"
    verbose_name = "Géographie"
