"""Staff's admin of France Chaleur Urbaine. Networks are mostly read-only, since the open data
import owns the published fields: staff sets what only the application knows (whether a network
is open to new connections); geometries are not edited here. Staff links operators to networks,
manages agencies. Partner API tokens are the platform's (/compte/jetons/)."""

from django.contrib import admin

from transition.platform.core.admin import ReadOnlyAdmin

from .models import (
    Agency,
    Ambassador,
    AmbassadorMessage,
    BulkTest,
    Copropriete,
    Demand,
    DemandEvent,
    EligibilityTestDay,
    Network,
    NetworkOperator,
    NetworkUnderConstruction,
    Pdp,
    Territory,
)

IMPORTED_NETWORK_FIELDS = [
    field.name
    for field in Network._meta.get_fields()
    if getattr(field, "concrete", False) and field.name not in {"id", "open_to_connections", "trace", "location"}
]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("national_id", "name", "kind", "has_trace", "gestionnaire", "classified", "open_to_connections")
    list_filter = ("kind", "has_trace", "classified", "open_to_connections")
    list_editable = ("open_to_connections",)
    search_fields = ("national_id", "name", "communes", "gestionnaire")
    readonly_fields = IMPORTED_NETWORK_FIELDS
    exclude = ("trace", "location")

    def has_add_permission(self, request):
        return False


@admin.register(NetworkUnderConstruction)
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


@admin.register(Pdp)
class PdpAdmin(admin.ModelAdmin):
    list_display = ("national_id", "network")
    search_fields = ("national_id",)
    readonly_fields = ("import_key", "national_id", "network", "source_properties", "updated_at")
    exclude = ("geometry",)

    def has_add_permission(self, request):
        return False


class DemandEventInline(admin.TabularInline):
    model = DemandEvent
    extra = 0
    can_delete = False
    readonly_fields = ("created_at", "actor", "kind", "from_status", "to_status", "text")
    fields = readonly_fields


@admin.register(Demand)
class DemandAdmin(admin.ModelAdmin):
    list_display = ("id", "created_at", "address", "status", "eligible", "network")
    list_filter = ("status", "eligible", "structure_type")
    search_fields = ("address", "email", "last_name")
    raw_id_fields = ("network", "network_under_construction", "requester", "agency")
    readonly_fields = ("eligibility_snapshot", "created_at")
    inlines = [DemandEventInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "active")
    search_fields = ("name",)


@admin.register(Copropriete)
class CoproprieteAdmin(admin.ModelAdmin):
    list_display = ("registry_id", "name", "address", "dwellings_count", "heating_type", "heating_energy")
    search_fields = ("registry_id", "name", "address", "syndic")
    list_filter = ("heating_type", "heating_energy", "construction_period")


@admin.register(NetworkOperator)
class NetworkOperatorAdmin(admin.ModelAdmin):
    list_display = ("organisation", "network", "network_under_construction")
    raw_id_fields = ("organisation", "network", "network_under_construction")


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ("organisation",)
    raw_id_fields = ("organisation",)


@admin.register(Ambassador)
class AmbassadorAdmin(admin.ModelAdmin):
    list_display = ("display_name", "active", "created_at")
    raw_id_fields = ("demand",)


@admin.register(AmbassadorMessage)
class AmbassadorMessageAdmin(admin.ModelAdmin):
    list_display = ("ambassador", "created_at", "replied_at")
    readonly_fields = ("reply_token_hash",)


@admin.register(BulkTest)
class BulkTestAdmin(admin.ModelAdmin):
    list_display = ("original_name", "owner", "created_at", "status", "total_rows", "eligible_rows")
    list_filter = ("status",)


@admin.register(EligibilityTestDay)
class EligibilityTestDayAdmin(ReadOnlyAdmin):
    """Counters written by the application only."""

    list_display = ("day", "source", "tested", "eligible")


# Issue 15: partner embeds (origins validated by the model's clean()) and the network pages'
# corrections (read here; decided on /chaleur/pro/corrections, where each decision is audited).
from .models import EmbedPartner, NetworkContact, NetworkCorrection, NetworkFile  # noqa: E402  (kept beside the admins that use them)


@admin.register(EmbedPartner)
class EmbedPartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "active", "created_at")
    list_filter = ("active",)
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("organisation",)
    filter_horizontal = ("networks",)
    help_texts = {"origins": 'Liste JSON, par exemple ["https://www.ville.fr"].'}


@admin.register(NetworkCorrection)
class NetworkCorrectionAdmin(ReadOnlyAdmin):
    list_display = ("network", "organisation", "status", "created_at", "reviewed_at")
    list_filter = ("status",)


@admin.register(NetworkContact)
class NetworkContactAdmin(admin.ModelAdmin):
    """Staff may also set a network's contacts directly (operators propose them as corrections)."""

    list_display = ("network", "service", "email", "phone", "updated_at")
    raw_id_fields = ("network",)


@admin.register(NetworkFile)
class NetworkFileAdmin(admin.ModelAdmin):
    """A published document can be withdrawn here (untick « publié »)."""

    list_display = ("title", "network", "published", "created_at")
    list_filter = ("published",)
    raw_id_fields = ("network",)
    readonly_fields = ("file", "size_bytes", "created_at")
