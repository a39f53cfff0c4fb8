"""The team's admin for CarbuRe: entities, sites, depots, certificates and agreements are set up
here; lots, their checks and histories, stocks and declarations are read only (they change
through the product's services, which check the rules and write the audit chain)."""

from django.contrib import admin

from transition.platform.core.admin import ReadOnlyAdmin

from .models import (
    AuditorAssignment,
    Biofuel,
    Certificate,
    Country,
    Declaration,
    Depot,
    DoubleCountingAgreement,
    Entity,
    EntityCertificate,
    EntityDepot,
    Feedstock,
    GhgReferenceValue,
    GhgStatistic,
    Lot,
    LotCheck,
    LotComment,
    LotEvent,
    LotImport,
    ProductionSite,
    RedIIDefaultValue,
    Stock,
    StockEvent,
    StockTransformation,
    YearLock,
)


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ("__str__", "entity_type", "has_trading", "default_certificate")
    list_filter = ("entity_type",)
    search_fields = ("organisation__name",)
    autocomplete_fields = ("organisation",)


@admin.register(ProductionSite)
class ProductionSiteAdmin(admin.ModelAdmin):
    list_display = ("name", "producer", "country", "commissioning_date")
    search_fields = ("name", "producer__organisation__name")


@admin.register(Depot)
class DepotAdmin(admin.ModelAdmin):
    list_display = ("depot_id", "name", "city", "country", "depot_type")
    search_fields = ("depot_id", "name", "city")
    list_filter = ("depot_type",)


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("certificate_id", "scheme", "holder", "valid_from", "valid_until")
    search_fields = ("certificate_id", "holder")
    list_filter = ("scheme",)


@admin.register(DoubleCountingAgreement)
class DoubleCountingAgreementAdmin(admin.ModelAdmin):
    list_display = ("certificate_id", "production_site", "valid_from", "valid_until")
    search_fields = ("certificate_id",)


admin.site.register(AuditorAssignment)
admin.site.register(EntityDepot)
admin.site.register(EntityCertificate)
admin.site.register(YearLock)


class LotCheckInline(admin.TabularInline):
    model = LotCheck
    extra = 0
    can_delete = False
    readonly_fields = fields = ("code", "blocking", "field", "message")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Lot)
class LotAdmin(ReadOnlyAdmin):
    list_display = ("carbure_id", "lot_status", "correction_status", "delivery_date", "biofuel", "volume_l", "added_by")
    list_filter = ("lot_status", "correction_status", "has_blocking_errors")
    search_fields = ("carbure_id", "transport_document_reference")
    inlines = [LotCheckInline]
    list_select_related = ("biofuel", "added_by__organisation")
    show_full_result_count = False  # a count over millions of lots is slow


for model in (
    Biofuel,
    Feedstock,
    Country,
    RedIIDefaultValue,
    GhgReferenceValue,
    GhgStatistic,
    LotEvent,
    LotComment,
    LotImport,
    Stock,
    StockEvent,
    StockTransformation,
    Declaration,
):
    admin.site.register(model, ReadOnlyAdmin)
