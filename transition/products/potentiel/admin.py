"""Staff views of Potentiel: the referential and the projects read-only (they change through the
services, which audit every decision), DREAL régions and holders' accesses editable. The admin
itself requires a verified second factor (staff powers)."""

from django.contrib import admin

from transition.platform.core.admin import ReadOnlyAdmin

from .models import (
    AppelOffres,
    CandidaturesImport,
    Demande,
    Dreal,
    GarantiesActuelles,
    GestionnaireReseau,
    Periode,
    Projet,
    ProjetAccess,
    TachePlanifiee,
)


@admin.register(AppelOffres)
class AppelOffresAdmin(ReadOnlyAdmin):
    list_display = ("id", "cycle", "technologie", "referential_version")


@admin.register(Periode)
class PeriodeAdmin(ReadOnlyAdmin):
    list_display = ("appel_offres", "identifiant", "titre", "legacy")
    list_filter = ("appel_offres", "legacy")


@admin.register(Projet)
class ProjetAdmin(ReadOnlyAdmin):
    list_display = ("identifiant", "nom_projet", "statut", "statut_laureat", "date_notification", "region")
    list_filter = ("statut", "statut_laureat", "appel_offres")
    search_fields = ("identifiant", "nom_projet", "nom_candidat", "email_contact")


@admin.register(CandidaturesImport)
class CandidaturesImportAdmin(ReadOnlyAdmin):
    list_display = ("filename", "imported_at", "imported_by", "created", "updated", "unchanged")


@admin.register(Dreal)
class DrealAdmin(admin.ModelAdmin):
    list_display = ("organisation", "region")


@admin.register(ProjetAccess)
class ProjetAccessAdmin(admin.ModelAdmin):
    list_display = ("projet", "user", "via", "granted_at", "revoked_at")
    list_filter = ("via",)
    search_fields = ("projet__identifiant", "user__email")
    raw_id_fields = ("projet", "user", "granted_by")


# --- workflows (potflows): the grid operators' table is maintained here by the DGEC's team; the
# requests, guarantees and dated tasks are read-only (they change through the audited services).


@admin.register(GestionnaireReseau)
class GestionnaireReseauAdmin(admin.ModelAdmin):
    list_display = ("raison_sociale", "code_eic", "format", "organisation")
    search_fields = ("raison_sociale", "code_eic")
    raw_id_fields = ("organisation",)


@admin.register(Demande)
class DemandeAdmin(ReadOnlyAdmin):
    list_display = ("projet", "kind", "mode", "status", "authority", "region", "filed_at", "decided_at")
    list_filter = ("kind", "mode", "status", "authority")
    search_fields = ("projet__identifiant", "projet__nom_projet")


@admin.register(GarantiesActuelles)
class GarantiesActuellesAdmin(ReadOnlyAdmin):
    list_display = ("projet", "type", "date_echeance", "status")
    list_filter = ("type", "status")


@admin.register(TachePlanifiee)
class TachePlanifieeAdmin(ReadOnlyAdmin):
    list_display = ("projet", "kind", "due_on", "status", "outcome")
    list_filter = ("kind", "status")
