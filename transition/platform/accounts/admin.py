from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm

from transition.platform.core.admin import ReadOnlyAdmin

from . import services
from .models import Membership, OIDCIdentity, Organisation, SignInFailureCount, User
from .roles import role_choices


class UserCreationForm(AdminUserCreationForm):
    """Keyed by email. Only staff need a password; everyone else signs in without one."""

    class Meta:
        model = User
        fields = ("email",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationForm
    ordering = ("email",)
    list_display = ("email", "given_name", "family_name", "organisation", "is_staff", "is_active", "last_login")
    list_filter = ("is_staff", "is_active", "is_superuser")
    search_fields = ("email", "given_name", "family_name")
    readonly_fields = ("last_login", "date_joined", "inactivity_warned_at", "anonymised_at")
    autocomplete_fields = ("organisation",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("given_name", "family_name", "phone", "organisation")}),
        ("Droits", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined", "inactivity_warned_at", "anonymised_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "siret", "siren", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "siret", "siren")


class MembershipForm(forms.ModelForm):
    role = forms.ChoiceField(label="rôle")

    class Meta:
        model = Membership
        fields = ("user", "organisation", "product", "role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "---------")] + [
            (role, f"{slug} — {label}") for slug, roles in role_choices() for role, label in roles
        ]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Every change goes through the services, which write it to the audit log."""

    form = MembershipForm
    list_display = ("user", "product", "role", "organisation", "created_at")
    list_filter = ("product", "role")
    search_fields = ("user__email", "organisation__name", "organisation__siret")
    autocomplete_fields = ("user", "organisation")

    def save_model(self, request, obj, form, change):
        if change:
            before = {field: form.initial.get(field) for field in ("user", "organisation", "product", "role")}
            services.membership_update(actor=request.user, membership=obj, before=before)
        else:
            membership = services.membership_grant(
                actor=request.user, user=obj.user, organisation=obj.organisation, product=obj.product, role=obj.role
            )
            obj.pk = membership.pk

    def delete_model(self, request, obj):
        services.membership_revoke(actor=request.user, membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.membership_revoke(actor=request.user, membership=membership)


@admin.register(OIDCIdentity)
class OIDCIdentityAdmin(admin.ModelAdmin):
    list_display = ("user", "provider", "created_at")
    list_filter = ("provider",)
    search_fields = ("user__email",)
    readonly_fields = ("user", "provider", "subject", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(SignInFailureCount)
class SignInFailureCountAdmin(ReadOnlyAdmin):
    list_display = ("day", "method", "reason", "count")
    list_filter = ("method",)
