"""The administration's (DGEC) pages: dashboard by month, entity and feedstock; every lot with
its checks; declarations; certificates to check; locked years; registries; exports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from transition.platform.accounts.permissions import can
from transition.platform.core.spreadsheets import xlsx_response

from ..domain import declarations as periods
from ..exports import lots_sheet
from ..forms.administration import AdminLotFilterForm, AgreementForm, CertificateForm, DepotForm, YearForm
from ..models import EntityCertificate, Lot
from ..selectors import administration as admin
from ..selectors.lots import DETAIL_RELATED, lot_lineage, lot_page, visible_checks
from ..services import administration as services


def _viewer(request, admin_page: str = ""):
    if not can(request.user, "carbure.administration_view"):
        raise PermissionDenied("Réservé à l’administration.")
    return {"can_act": can(request.user, "carbure.administration_act"), "admin_page": admin_page}


def _year(request) -> int:
    try:
        return int(request.GET.get("annee") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@login_required
def dashboard(request):
    context = _viewer(request, "dashboard")
    year = _year(request)
    return render(
        request,
        "carbure/administration/dashboard.html",
        {
            **context,
            "title": f"Tableau de bord {year}",
            "year": year,
            "years": list(range(timezone.localdate().year, 2019, -1)),
            "months": admin.volumes_by_month(year),
            "feedstocks": admin.volumes_by_feedstock(year),
            "entities": admin.volumes_by_entity(year),
            "checks": admin.check_counts(year)[:20],
            "locked": year in admin.locked_year_list(),
        },
    )


def _filters(form) -> admin.AdminLotFilters:
    if not form.is_valid():
        return admin.AdminLotFilters(year=timezone.localdate().year)
    d = form.cleaned_data
    return admin.AdminLotFilters(
        year=d["annee"],
        period=d["annee"] * 100 + d["mois"] if d["annee"] and d["mois"] else None,
        entity_id=d["entite"].pk if d["entite"] else None,
        status=d["statut"],
        check_code=d["controle"].strip().upper(),
        blocking_only=d["bloquants"],
        highlighted=d["signales"],
    )


@login_required
def lot_list(request):
    context = _viewer(request, "lots")
    form = AdminLotFilterForm(request.GET or None)
    try:
        after = int(request.GET.get("apres", "") or 0) or None
    except ValueError:
        after = None
    page = lot_page(
        admin.admin_lots(_filters(form)),
        after=after,
        size=settings.CARBURE_LOTS_PER_PAGE,
        viewer=None,
        as_controller=True,
    )
    keep = request.GET.copy()
    keep.pop("apres", None)
    next_query = keep.copy()
    if page.next_cursor:
        next_query["apres"] = page.next_cursor
    return render(
        request,
        "carbure/administration/lots.html",
        {
            **context,
            "title": "Tous les lots",
            "form": form,
            "page": page,
            "next_query": next_query.urlencode() if page.next_cursor else "",
            "export_query": keep.urlencode(),
        },
    )


@login_required
def lots_export(request):
    _viewer(request)
    form = AdminLotFilterForm(request.GET or None)
    return xlsx_response("lots-administration.xlsx", [lots_sheet(admin.admin_lots(_filters(form)))])


@login_required
def lot_detail(request, lot_id: int):
    context = _viewer(request, "lots")
    lot = get_object_or_404(Lot.objects.select_related(*DETAIL_RELATED, "vendor__organisation"), pk=lot_id)
    return render(
        request,
        "carbure/administration/lot.html",
        {
            **context,
            "title": f"Lot {lot.carbure_id}",
            "lot": lot,
            "checks": visible_checks(lot, None, as_controller=True),
            "events": lot.events.select_related("entity__organisation").order_by("id"),
            "comments": lot.comments.select_related("entity__organisation"),
            "lineage": lot_lineage(lot),
        },
    )


@login_required
@require_POST
def lot_highlight(request, lot_id: int):
    _viewer(request)
    lot = get_object_or_404(Lot, pk=lot_id)
    services.lot_highlight(user=request.user, lot=lot, highlighted=request.POST.get("signaler") == "1")
    messages.success(request, "Lot signalé." if lot.highlighted_by_admin else "Signalement retiré.")
    return redirect("carbure:admin_lot", lot.pk)


@login_required
def declaration_list(request):
    context = _viewer(request, "declarations")
    today = timezone.localdate()
    try:
        period = int(request.GET.get("periode") or periods.previous_period(today.year * 100 + today.month))
    except ValueError:
        period = periods.previous_period(today.year * 100 + today.month)
    if not periods.is_valid_period(period):
        period = periods.previous_period(today.year * 100 + today.month)
    return render(
        request,
        "carbure/administration/declarations.html",
        {
            **context,
            "title": f"Déclarations {periods.period_of(period)}",
            "period": period,
            "year": period // 100,
            "month": period % 100,
            "period_label": periods.period_label(period),
            "period_of": periods.period_of(period),
            "previous": periods.previous_period(period),
            "next": periods.next_period(period),
            "deadline": periods.deadline(period),
            "rows": admin.period_declarations(period),
        },
    )


@login_required
def registries(request):
    context = _viewer(request, "registries")
    return render(
        request,
        "carbure/administration/registries.html",
        {
            **context,
            "title": "Certificats, agréments, dépôts et années",
            "pending": admin.pending_certificates(),
            "locked_years": admin.locked_year_list(),
            "year_form": YearForm(),
            "certificate_form": CertificateForm(),
            "agreement_form": AgreementForm(),
            "depot_form": DepotForm(),
        },
    )


def _registered(request, form_class, service, success: str):
    _viewer(request)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("carbure:admin_registries")
    try:
        service(user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("carbure:admin_registries")


@login_required
@require_POST
def year_lock(request):
    return _registered(
        request, YearForm, services.year_lock, "Année verrouillée : ses lots et déclarations ne changent plus."
    )


@login_required
@require_POST
def year_unlock(request, year: int):
    _viewer(request)
    services.year_unlock(user=request.user, year=year)
    messages.success(request, f"Année {year} déverrouillée.")
    return redirect("carbure:admin_registries")


@login_required
@require_POST
def certificate_register(request):
    return _registered(request, CertificateForm, services.certificate_register, "Certificat enregistré.")


@login_required
@require_POST
def agreement_register(request):
    return _registered(request, AgreementForm, services.agreement_register, "Agrément double comptage enregistré.")


@login_required
@require_POST
def depot_register(request):
    return _registered(request, DepotForm, services.depot_register, "Dépôt enregistré.")


@login_required
@require_POST
def certificate_check(request, claim_id: int):
    _viewer(request)
    claim = get_object_or_404(EntityCertificate, pk=claim_id)
    services.certificate_check(user=request.user, claim=claim, accepted=request.POST.get("decision") == "accepter")
    messages.success(request, "Vérification enregistrée.")
    return redirect("carbure:admin_registries")
