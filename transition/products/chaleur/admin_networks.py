"""Staff views of the networks (registered from setup_networks): mostly read-only, since the open
data import owns the published fields; staff sets what only the application knows (whether a
network is open to new connections). Geometries are not edited here (the import owns them)."""

from django.contrib import admin

from .models import DataVersion, Network, NetworkUnderConstruction, Pdp

IMPORTED_NETWORK_FIELDS = [
    field.name
    for field in Network._meta.get_fields()
    if getattr(field, "concrete", False) and field.name not in {"id", "open_to_connections", "trace", "location"}
]


class NetworkAdmin(admin.ModelAdmin):
    list_display = ("national_id", "name", "kind", "has_trace", "gestionnaire", "classified", "open_to_connections")
    list_filter = ("kind", "has_trace", "classified", "open_to_connections")
    list_editable = ("open_to_connections",)
    search_fields = ("national_id", "name", "communes", "gestionnaire")
    readonly_fields = IMPORTED_NETWORK_FIELDS
    exclude = ("trace", "location")

    def has_add_permission(self, request):
        return False


class NetworkUnderConstructionAdmin(admin.ModelAdmin):
    list_display = ("name", "is_zone", "gestionnaire", "mise_en_service", "open_to_connections")
    list_filter = ("is_zone", "open_to_connections")
    list_editable = ("open_to_connections",)
    search_fields = ("name", "gestionnaire", "communes")
    readonly_fields = (
        "import_key",
        "national_id",
        "is_zone",
        "name",
        "gestionnaire",
        "mise_en_service",
        "communes",
        "source_properties",
        "updated_at",
    )
    exclude = ("trace", "zone")

    def has_add_permission(self, request):
        return False


class PdpAdmin(admin.ModelAdmin):
    list_display = ("national_id", "network")
    search_fields = ("national_id",)
    readonly_fields = ("import_key", "national_id", "network", "source_properties", "updated_at")
    exclude = ("geometry",)

    def has_add_permission(self, request):
        return False


class DataVersionAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "changed_at")
    readonly_fields = ("name", "version", "changed_at")

    def has_add_permission(self, request):
        return False


def register(site=admin.site) -> None:
    for model, model_admin in (
        (Network, NetworkAdmin),
        (NetworkUnderConstruction, NetworkUnderConstructionAdmin),
        (Pdp, PdpAdmin),
        (DataVersion, DataVersionAdmin),
    ):
        if not site.is_registered(model):
            site.register(model, model_admin)
