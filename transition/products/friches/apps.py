from django.apps import AppConfig


class FrichesConfig(AppConfig):
    name = "transition.products.friches"
    label = "friches"
    verbose_name = "Friches"

    def ready(self):
        from transition.platform.accounts.roles import register_roles
        from transition.platform.core.registry import Product, register_product

        from . import permissions
        from .enums import Role

        register_product(
            Product(
                slug="friches",
                name="Friches",
                tagline="Les étapes, contacts et financements pour reconvertir une friche.",
                audience="collectivités, porteurs de projets, conseillers",
                home_url_name="friches:home",
                order=5,
            )
        )
        register_roles("friches", dict(Role.choices))
        permissions.register()
