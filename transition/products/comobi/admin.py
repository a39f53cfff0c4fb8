"""The team's view of CoMobi's data. Territories are set up in the product's own pages (by their
administrators); here the team reads, and corrects a territory's organisation when needed."""

from django.contrib import admin

from transition.platform.core.admin import ReadOnlyAdmin

from .models import Carpool, ContactLog, Offer, Person, Place, Territory, TerritoryCommune, TripRequest


class CommuneInline(admin.TabularInline):
    model = TerritoryCommune
    extra = 0


class PlaceInline(admin.TabularInline):
    model = Place
    extra = 0


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "organisation", "is_open", "created_at"]
    list_filter = ["is_open", "kind"]
    search_fields = ["name", "slug"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [CommuneInline, PlaceInline]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "territory", "contact_preference", "created_at"]
    list_filter = ["territory", "contact_preference"]
    search_fields = ["first_name", "last_name", "phone", "email"]


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "territory", "kind", "status", "departure_time", "source", "created_at"]
    list_filter = ["territory", "kind", "status", "source"]


@admin.register(TripRequest)
class TripRequestAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "territory", "status", "outcome", "reason", "source", "created_at"]
    list_filter = ["territory", "status", "reason", "source"]


@admin.register(Carpool)
class CarpoolAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "territory", "status", "day", "pickup_time"]
    list_filter = ["territory", "status"]


@admin.register(ContactLog)
class ContactLogAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "request", "channel", "answer", "by"]
    list_filter = ["channel", "answer"]
