from django.contrib import admin

from transition.platform.geo.models import (
    AddressNumber,
    AddressPlace,
    Commune,
    Departement,
    Epci,
    Region,
)


@admin.register(AddressPlace)
class AddressPlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "postcode", "city", "citycode", "ban_id")
    list_filter = ("kind",)
    search_fields = ("name", "city", "citycode", "ban_id")


@admin.register(AddressNumber)
class AddressNumberAdmin(admin.ModelAdmin):
    list_display = ("housenumber", "place", "ban_id", "lon", "lat")
    search_fields = ("ban_id", "place__name")
    raw_id_fields = ("place",)
    list_select_related = ("place",)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region")
    search_fields = ("code", "name")


@admin.register(Epci)
class EpciAdmin(admin.ModelAdmin):
    list_display = ("siren", "name")
    search_fields = ("siren", "name")


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "departement", "epci")
    list_filter = ("kind",)
    search_fields = ("code", "name", "search_name")
    list_select_related = ("departement", "epci")
