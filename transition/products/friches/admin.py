"""Staff views of Friches: the referentials the guidance suggests (actions, resources, contacts,
funding schemes), the questionnaire, advisors and their territory, and read-only histories.
The admin itself requires a verified second factor (staff powers)."""

from django.contrib import admin
from django.db import models

from transition.platform.core.admin import ReadOnlyAdmin
from transition.platform.geo.domain.territory import normalise_codes

from .models import (
    ActionTemplate,
    Advisor,
    Choice,
    CommuneStats,
    Contact,
    FundingScheme,
    Project,
    Question,
    QuestionSet,
    Resource,
    Site,
    SiteImport,
)
from .services.advisors import advisor_appoint

RULE_FIELDS = ("step", "conditions", "departements", "regions", "priority", "active")


class RuleAdmin(admin.ModelAdmin):
    list_filter = ("step", "active")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        obj.departements = normalise_codes(obj.departements or [])
        obj.regions = normalise_codes(obj.regions or [])
        super().save_model(request, obj, form, change)


@admin.register(Resource)
class ResourceAdmin(RuleAdmin):
    list_display = ("title", "kind", "step", "conditions", "active")
    search_fields = ("title", "summary", "publisher")
    fields = ("title", "kind", "publisher", "summary", "url", *RULE_FIELDS)


@admin.register(ActionTemplate)
class ActionTemplateAdmin(RuleAdmin):
    list_display = ("title", "step", "conditions", "priority", "active")
    search_fields = ("title", "text")
    fields = ("title", "text", "resource", *RULE_FIELDS)


@admin.register(Contact)
class ContactAdmin(RuleAdmin):
    list_display = ("organisation_name", "kind", "person_name", "step", "active")
    list_filter = ("kind", "step", "active")
    search_fields = ("organisation_name", "person_name", "email")
    fields = (
        "organisation_name",
        "kind",
        "person_name",
        "person_role",
        "email",
        "phone",
        "website",
        "summary",
        *RULE_FIELDS,
    )


@admin.register(FundingScheme)
class FundingSchemeAdmin(RuleAdmin):
    list_display = ("name", "funder", "rate_percent", "ceiling_eur", "deadline", "active")
    search_fields = ("name", "funder", "covers")
    fields = (
        "name",
        "funder",
        "beneficiaries",
        "covers",
        "rate_percent",
        "ceiling_eur",
        "deadline",
        "url",
        *RULE_FIELDS,
    )


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ("text", "text_short", "priority", "precondition", "is_multiple")
    extra = 0
    show_change_link = True


@admin.register(QuestionSet)
class QuestionSetAdmin(admin.ModelAdmin):
    list_display = ("heading", "priority", "precondition")
    inlines = [QuestionInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    fields = ("value", "text", "signals", "conclusion", "priority")
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "question_set", "priority", "precondition")
    list_filter = ("question_set",)
    inlines = [ChoiceInline]


@admin.register(Advisor)
class AdvisorAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "departements", "regions", "active")
    list_filter = ("active",)
    autocomplete_fields = ("user", "organisation")
    fields = ("user", "organisation", "departements", "regions", "active")

    def save_model(self, request, obj, form, change):
        # Through the service: the role is granted and the appointment logged.
        advisor = advisor_appoint(
            actor=request.user,
            user=obj.user,
            organisation=obj.organisation,
            departements=obj.departements or [],
            regions=obj.regions or [],
        )
        if not obj.active:
            advisor.active = False
            advisor.save(update_fields=["active"])
        obj.pk = advisor.pk


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("site_id", "name", "commune_name", "status", "site_type", "surface_m2")
    list_filter = ("status", "departement", "site_type")
    search_fields = ("site_id", "name", "commune_name")
    exclude = ("point", "outline")
    readonly_fields = ("site_id", "created_at", "modified_at", "organisation", "created_by")


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "site", "created_at", "last_news_at", "archived_at")
    search_fields = ("name",)
    readonly_fields = ("site", "organisation", "created_by", "created_at", "last_news_at", "share_token")
    fields = ("name", "description", "site", "organisation", "created_by", "created_at", "last_news_at", "archived_at")


@admin.register(CommuneStats)
class CommuneStatsAdmin(admin.ModelAdmin):
    list_display = ("insee", "name", "population", "surface_ha", "price_eur_m2")
    search_fields = ("insee", "name")


@admin.register(SiteImport)
class SiteImportAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "filename", "source_name", "created", "updated", "refused", "duplicates")
