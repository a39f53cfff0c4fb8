from django.urls import include, path

from .views import administration, audits, declarations, entities, lots, public, stocks, transactions

app_name = "carbure"

lot_patterns = [
    path("", lots.lot_detail, name="lot"),
    path("modifier/", lots.lot_edit, name="lot_edit"),
    path("supprimer/", lots.lot_delete, name="lot_delete"),
    path("accepter/", transactions.lot_accept, name="lot_accept"),
    path("refuser/", transactions.lot_reject, name="lot_reject"),
    path("correction/", transactions.lot_fix_ask, name="lot_fix_ask"),
    path("correction/soumettre/", transactions.lot_fix_submit, name="lot_fix_submit"),
    path("correction/valider/", transactions.lot_fix_approve, name="lot_fix_approve"),
    path("annuler-acceptation/", transactions.lot_accept_cancel, name="lot_accept_cancel"),
    path("commenter/", transactions.lot_comment, name="lot_comment"),
]

entity_patterns = [
    path("", entities.entity_home, name="entity_home"),
    path("entite/", entities.entity_profile, name="entity"),
    path("entite/sites/ajouter/", entities.site_add, name="site_add"),
    path("entite/depots/ajouter/", entities.depot_add, name="depot_add"),
    path("entite/depots/<int:depot_id>/retirer/", entities.depot_remove, name="depot_remove"),
    path("entite/certificats/ajouter/", entities.certificate_add, name="certificate_add"),
    path("entite/parametres/", entities.settings_update, name="settings_update"),
    path("lots/", lots.lot_list, name="lots"),
    path("lots/nouveau/", lots.lot_new, name="lot_new"),
    path("lots/importer/", lots.lots_import, name="lots_import"),
    path("lots/imports/<int:import_id>/", lots.lots_import_status, name="lots_import_status"),
    path("lots/imports/<int:import_id>/progression/", lots.lots_import_progress, name="lots_import_progress"),
    path("lots/envoyer/", lots.lots_send, name="lots_send"),
    path("lots/export.xlsx", lots.lots_export, name="lots_export"),
    path("lots/<int:lot_id>/", include(lot_patterns)),
    path("stocks/", stocks.stock_list, name="stocks"),
    path("stocks/<int:stock_id>/", stocks.stock_detail, name="stock"),
    path("stocks/<int:stock_id>/extraire/", stocks.stock_split, name="stock_split"),
    path("stocks/<int:stock_id>/vidanger/", stocks.stock_flush, name="stock_flush"),
    path("stocks/<int:stock_id>/transformer/", stocks.stock_transform, name="stock_transform"),
    path("declarations/", declarations.declaration_list, name="declarations"),
    path("declarations/<int:period>/valider/", declarations.declaration_validate, name="declaration_validate"),
    path("declarations/<int:period>/annuler/", declarations.declaration_cancel, name="declaration_cancel"),
    path("audit/", audits.lot_list, name="audit_lots"),
    path("audit/lots/<int:lot_id>/", audits.lot_detail, name="audit_lot"),
    path("audit/lots/<int:lot_id>/avis/", audits.lot_verdict, name="audit_verdict"),
    path("audit/lots/<int:lot_id>/commenter/", audits.lot_comment, name="audit_comment"),
]

administration_patterns = [
    path("", administration.dashboard, name="admin_dashboard"),
    path("lots/", administration.lot_list, name="admin_lots"),
    path("lots/export.xlsx", administration.lots_export, name="admin_lots_export"),
    path("lots/<int:lot_id>/", administration.lot_detail, name="admin_lot"),
    path("lots/<int:lot_id>/signaler/", administration.lot_highlight, name="admin_lot_highlight"),
    path("declarations/", administration.declaration_list, name="admin_declarations"),
    path("registres/", administration.registries, name="admin_registries"),
    path("registres/annees/verrouiller/", administration.year_lock, name="admin_year_lock"),
    path("registres/annees/<int:year>/deverrouiller/", administration.year_unlock, name="admin_year_unlock"),
    path("registres/certificats/", administration.certificate_register, name="admin_certificate_register"),
    path(
        "registres/certificats/<int:claim_id>/verifier/",
        administration.certificate_check,
        name="admin_certificate_check",
    ),
    path("registres/agrements/", administration.agreement_register, name="admin_agreement_register"),
    path("registres/depots/", administration.depot_register, name="admin_depot_register"),
]

urlpatterns = [
    path("", public.home, name="home"),
    path("verifier", public.checker, name="checker"),
    path("modele.xlsx", public.template_download, name="template"),
    path("administration/", include(administration_patterns)),
    path("<int:entity_id>/", include(entity_patterns)),
]
