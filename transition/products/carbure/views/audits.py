"""An auditor's pages: the lots of the entities it audits, one lot with its checks, a verdict."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from transition.platform.accounts.permissions import can

from ..enums import AUDIT_VERDICT_LABELS, AuditVerdict
from ..forms.transactions import CommentForm
from ..selectors.audits import audited_entities, audited_lots
from ..selectors.lots import DETAIL_RELATED, lot_lineage, lot_page, visible_checks
from ..services import audits
from ..services.lots import LotActionRefused
from .common import acting_entity


def _auditor(request, entity_id: int):
    auditor = acting_entity(request, entity_id)
    if not can(request.user, "carbure.audit", auditor):
        raise PermissionDenied("Réservé aux auditeurs.")
    return auditor


@login_required
def lot_list(request, entity_id: int):
    auditor = _auditor(request, entity_id)
    try:
        after = int(request.GET.get("apres", "") or 0) or None
    except ValueError:
        after = None
    page = lot_page(
        audited_lots(auditor), after=after, size=settings.CARBURE_LOTS_PER_PAGE, viewer=None, as_controller=True
    )
    return render(
        request,
        "carbure/audits/lots.html",
        {
            "title": f"Lots audités — {auditor.name}",
            "auditor": auditor,
            "audited": audited_entities(auditor),
            "page": page,
            "lot_url_auditor": True,
            "next_query": f"apres={page.next_cursor}" if page.next_cursor else "",
        },
    )


@login_required
def lot_detail(request, entity_id: int, lot_id: int):
    auditor = _auditor(request, entity_id)
    lot = get_object_or_404(audited_lots(auditor).select_related(*DETAIL_RELATED), pk=lot_id)
    return render(
        request,
        "carbure/audits/lot.html",
        {
            "title": f"Lot {lot.carbure_id}",
            "auditor": auditor,
            "lot": lot,
            "checks": visible_checks(lot, None, as_controller=True),
            "events": lot.events.select_related("entity__organisation").order_by("id"),
            "comments": lot.comments.select_related("entity__organisation"),
            "lineage": lot_lineage(lot),
            "verdict_label": AUDIT_VERDICT_LABELS.get(AuditVerdict(lot.audit_verdict)) if lot.audit_verdict else "",
            "comment_form": CommentForm(),
        },
    )


@login_required
@require_POST
def lot_verdict(request, entity_id: int, lot_id: int):
    auditor = _auditor(request, entity_id)
    lot = get_object_or_404(audited_lots(auditor), pk=lot_id)
    try:
        verdict = AuditVerdict(request.POST.get("verdict", ""))
    except ValueError:
        messages.error(request, "Choisissez conforme ou non conforme.")
        return redirect("carbure:audit_lot", auditor.pk, lot.pk)
    audits.lot_verdict(
        auditor=auditor, user=request.user, lot=lot, verdict=verdict, comment=request.POST.get("text", "")
    )
    messages.success(request, f"Lot marqué {AUDIT_VERDICT_LABELS[verdict].lower()}.")
    return redirect("carbure:audit_lot", auditor.pk, lot.pk)


@login_required
@require_POST
def lot_comment(request, entity_id: int, lot_id: int):
    auditor = _auditor(request, entity_id)
    lot = get_object_or_404(audited_lots(auditor), pk=lot_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            audits.lot_audit_comment(auditor=auditor, user=request.user, lot=lot, text=form.cleaned_data["text"])
        except LotActionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Commentaire ajouté (visible des seuls contrôleurs).")
    return redirect("carbure:audit_lot", auditor.pk, lot.pk)
