from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "transition.platform.geo"
    label = "geo"
    verbose_name = "Géographie"

    def ready(self):
        from transition.platform.core.registry import register_demo_loader
        from transition.platform.geo.demo import load_demo

        register_demo_loader("platform-geo", load_demo)
