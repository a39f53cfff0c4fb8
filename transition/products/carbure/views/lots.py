"""An entity's lots: the lists, one lot, the form, the template import, sending, deleting."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from transition.platform.core.spreadsheets import xlsx_response

from .. import tasks
from ..domain.ghg import TERMS
from ..domain.transitions import Action, allowed_actions
from ..exports import lots_sheet
from ..forms.lots import LotFilterForm, LotForm, TemplateFileForm
from ..forms.transactions import AcceptForm, CommentForm
from ..models import Entity, Lot, LotImport
from ..selectors import lots as lot_selectors
from ..selectors.entities import client_names, depots, entity_sites
from ..selectors.lots import lot_as_row
from ..services import imports, lots
from .common import acting_entity, entity_context


def entity_lot(entity: Entity, lot_id: int) -> Lot:
    """A lot the entity is party to (creator, supplier, client or intermediary), else 404."""
    lot = get_object_or_404(
        Lot.objects.select_related(*lot_selectors.DETAIL_RELATED, "vendor__organisation"),
        Q(added_by=entity) | Q(supplier=entity) | Q(client=entity) | Q(vendor=entity),
        pk=lot_id,
    )
    if lot.lot_status == "DELETED" and lot.added_by_id != entity.pk:
        raise Http404
    return lot


def _filters(form: LotFilterForm) -> lot_selectors.LotFilters:
    """The list's filters; the export takes the same, so that it holds the lots shown."""
    if not form.is_valid():
        return lot_selectors.LotFilters()
    data = form.cleaned_data
    return lot_selectors.LotFilters(
        period=data["periode"],
        biofuel=data["biocarburant"],
        feedstock=data["matiere"],
        with_errors=data["erreurs"],
        query=data["q"].strip(),
    )


@login_required
def lot_list(request, entity_id: int):
    entity = acting_entity(request, entity_id)
    tab = request.GET.get("onglet", "brouillons")
    if tab not in lot_selectors.TAB_KEYS:
        tab = "brouillons"
    form = LotFilterForm(request.GET or None)
    queryset = lot_selectors.filtered(lot_selectors.tab_queryset(entity, tab), _filters(form))
    try:
        after = int(request.GET.get("apres", "") or 0) or None
    except ValueError:
        after = None
    page = lot_selectors.lot_page(queryset, after=after, size=settings.CARBURE_LOTS_PER_PAGE, viewer=entity)
    keep = {k: v for k, v in request.GET.items() if k != "apres"}
    counts = lot_selectors.tab_counts(entity)
    return render(
        request,
        "carbure/lots/list.html",
        {
            **entity_context(request, entity, "lots"),
            "title": f"Lots — {entity.name}",
            "tab": tab,
            "tab_label": next(t.label for t in lot_selectors.TABS if t.key == tab),
            "tab_links": [
                {"key": t.key, "label": t.label, "count": counts[t.key], "current": t.key == tab}
                for t in lot_selectors.TABS
            ],
            "form": form,
            "page": page,
            "first_page": after is None,
            "next_query": urlencode({**keep, "apres": page.next_cursor}) if page.next_cursor else "",
            "first_query": urlencode(keep),
            "export_query": urlencode(keep),
            "sendable": tab == "brouillons",
        },
    )


@login_required
def lots_export(request, entity_id: int):
    entity = acting_entity(request, entity_id)
    tab = request.GET.get("onglet", "brouillons")
    if tab not in lot_selectors.TAB_KEYS:
        raise Http404
    queryset = lot_selectors.filtered(
        lot_selectors.tab_queryset(entity, tab), _filters(LotFilterForm(request.GET or None))
    )
    return xlsx_response(f"lots-{tab}.xlsx", [lots_sheet(queryset)])


def _form_context(request, entity, form, lot=None) -> dict:
    return {
        **entity_context(request, entity, "lots"),
        "form": form,
        "lot": lot,
        "term_fields": [form[term] for term in TERMS],
        "sites": entity_sites(entity),
        "client_names": client_names(),
        "depots": depots(),
    }


@login_required
def lot_new(request, entity_id: int):
    """A new lot; `?depuis=<id>`: the form filled as one of the entity's lots, but for its
    customs document (« Dupliquer », as in the original: a producer's lots differ by little)."""
    entity = acting_entity(request, entity_id, write=True)
    title, initial = "Nouveau lot", None
    source_id = request.GET.get("depuis", "")
    if request.method != "POST" and source_id.isdigit():
        source = entity_lot(entity, int(source_id))
        if source.added_by_id == entity.pk:
            title, initial = f"Nouveau lot, copie de {source.carbure_id}", {**lot_as_row(source), "dae": ""}
    form = LotForm(request.POST or None, entity=entity, initial=initial)
    if request.method == "POST" and form.is_valid():
        lot = lots.lot_create(entity=entity, user=request.user, draft=form.draft)
        messages.success(request, f"Brouillon {lot.carbure_id} enregistré.")
        return redirect("carbure:lot", entity.pk, lot.pk)
    return render(request, "carbure/lots/form.html", {**_form_context(request, entity, form), "title": title})


@login_required
def lot_edit(request, entity_id: int, lot_id: int):
    entity = acting_entity(request, entity_id, write=True)
    lot = entity_lot(entity, lot_id)
    if Action.UPDATE not in allowed_actions(lot_selectors.lot_state(lot, entity)):
        messages.error(request, "Ce lot ne peut pas être modifié maintenant.")
        return redirect("carbure:lot", entity.pk, lot.pk)
    form = LotForm(request.POST or None, entity=entity, initial=lot_as_row(lot))
    if request.method == "POST" and form.is_valid():
        try:
            lot = lots.lot_update(entity=entity, user=request.user, lot=lot, draft=form.draft)
        except lots.LotActionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Lot enregistré.")
        return redirect("carbure:lot", entity.pk, lot.pk)
    context = {**_form_context(request, entity, form, lot), "title": f"Modifier le lot {lot.carbure_id}"}
    return render(request, "carbure/lots/form.html", context)


@login_required
def lots_import(request, entity_id: int):
    entity = acting_entity(request, entity_id, write=True)
    form = TemplateFileForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = imports.lots_import(entity=entity, user=request.user, upload=upload, filename=upload.name)
        if result.pending is not None:
            tasks.lots_import_start(result.pending)
            return redirect("carbure:lots_import_status", entity.pk, result.pending.pk)
        if result.report.ok:
            flagged = result.flagged
            messages.success(
                request,
                f"{len(result.lots)} lot{'s' if len(result.lots) > 1 else ''} importé{'s' if len(result.lots) > 1 else ''} "
                f"en brouillon"
                + (f", dont {flagged} à corriger avant l’envoi." if flagged else ", prêts à être envoyés."),
            )
            query = "?onglet=brouillons" + ("&erreurs=on" if flagged else "")
            return redirect(reverse("carbure:lots", args=[entity.pk]) + query)
    return render(
        request,
        "carbure/lots/import.html",
        {**entity_context(request, entity, "lots"), "title": "Importer des lots", "form": form, "result": result},
    )


def _entity_import(entity, import_id: int) -> LotImport:
    return get_object_or_404(LotImport.objects.select_related("job"), pk=import_id, entity=entity)


@login_required
def lots_import_status(request, entity_id: int, import_id: int):
    entity = acting_entity(request, entity_id)
    lot_import = _entity_import(entity, import_id)
    return render(
        request,
        "carbure/lots/import_status.html",
        {
            **entity_context(request, entity, "lots"),
            "title": f"Import de {lot_import.filename}",
            "lot_import": lot_import,
            "job": lot_import.job,
            "poll_url": reverse("carbure:lots_import_progress", args=[entity.pk, lot_import.pk]),
            "errors": lot_import.report.get("errors", []),
        },
    )


@login_required
def lots_import_progress(request, entity_id: int, import_id: int):
    """The job's progress fragment, polled by the status page; the whole page once finished."""
    entity = acting_entity(request, entity_id)
    lot_import = _entity_import(entity, import_id)
    if lot_import.job is not None and lot_import.job.is_finished:
        response = render(request, "jobs/progress.html", {"job": lot_import.job})
        response["HX-Refresh"] = "true"
        return response
    poll_url = reverse("carbure:lots_import_progress", args=[entity.pk, lot_import.pk])
    return render(request, "jobs/progress.html", {"job": lot_import.job, "poll_url": poll_url})


@login_required
def lot_detail(request, entity_id: int, lot_id: int):
    entity = acting_entity(request, entity_id)
    lot = entity_lot(entity, lot_id)
    state = lot_selectors.lot_state(lot, entity)
    actions = allowed_actions(state) if entity_context(request, entity, "lots")["can_write"] else frozenset()
    return render(
        request,
        "carbure/lots/detail.html",
        {
            **entity_context(request, entity, "lots"),
            "title": f"Lot {lot.carbure_id}",
            "lot": lot,
            "checks": lot_selectors.visible_checks(lot, entity),
            "events": lot.events.select_related("entity__organisation", "user").order_by("id"),
            "comments": lot.comments.filter(is_control=False).select_related("entity__organisation"),
            "lineage": lot_selectors.lot_lineage(lot),
            "can": {action.value: action in actions for action in Action},
            "fix_label": "Demander une correction" if lot.client_id == entity.pk else "Rappeler pour corriger",
            "accept_form": AcceptForm(entity=entity) if Action.ACCEPT in actions else None,
            "comment_form": CommentForm() if Action.COMMENT in actions else None,
        },
    )


@login_required
@require_POST
def lots_send(request, entity_id: int):
    entity = acting_entity(request, entity_id, write=True)
    ids = [int(i) for i in request.POST.getlist("lots") if i.isdigit()]
    selection = Lot.objects.filter(pk__in=ids, added_by=entity)
    if request.POST.get("tous") == "1":
        selection = lot_selectors.tab_queryset(entity, "brouillons").filter(has_blocking_errors=False)
    if not selection.exists():
        messages.error(request, "Sélectionnez au moins un brouillon à envoyer.")
        return redirect(reverse("carbure:lots", args=[entity.pk]) + "?onglet=brouillons")
    report = lots.lots_send(entity=entity, user=request.user, lots=list(selection))
    done = len(report.sent) + len(report.auto_accepted)
    if done:
        messages.success(request, f"{done} lot{'s' if done > 1 else ''} envoyé{'s' if done > 1 else ''}.")
    for lot, reason in report.refused[:10]:
        messages.error(request, f"{lot.carbure_id} : {reason}")
    if len(report.refused) > 10:
        messages.error(request, f"… et {len(report.refused) - 10} autres lots non envoyés.")
    if len(ids) == 1 and not report.refused:
        return redirect("carbure:lot", entity.pk, ids[0])
    return redirect(reverse("carbure:lots", args=[entity.pk]) + "?onglet=brouillons")


@login_required
def lot_delete(request, entity_id: int, lot_id: int):
    """GET: what deleting the lot does, and a button to confirm; POST: delete it."""
    entity = acting_entity(request, entity_id, write=True)
    lot = entity_lot(entity, lot_id)
    if request.method != "POST":
        if Action.DELETE not in allowed_actions(lot_selectors.lot_state(lot, entity)):
            return redirect("carbure:lot", entity.pk, lot.pk)
        return render(
            request,
            "carbure/lots/delete.html",
            {**entity_context(request, entity, "lots"), "title": f"Supprimer le lot {lot.carbure_id}", "lot": lot},
        )
    try:
        lots.lot_delete(entity=entity, user=request.user, lot=lot)
    except lots.LotActionRefused as exc:
        messages.error(request, str(exc))
        return redirect("carbure:lot", entity.pk, lot.pk)
    messages.success(request, f"Lot {lot.carbure_id} supprimé.")
    return redirect("carbure:lots", entity.pk)
