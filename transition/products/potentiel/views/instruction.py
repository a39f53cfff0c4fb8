"""The administration's queue: the requests an agent may instruct, by kind, status, région and
authority (a DREAL agent sees what the DREAL instructs in its régions; the DGEC sees everything)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from .. import permissions
from ..domain.changes import KIND_LABELS, ChangeKind
from ..domain.lifecycle import STATUS_LABELS, Status
from ..selectors.requests import demandes_search, queue

STATUS_FILTERS = [("en-cours", "En cours"), *[(s.value, STATUS_LABELS[s]) for s in Status], ("", "Tous")]


@login_required
def instruction_queue(request):
    authority = permissions.agent_authority(request.user)
    if authority is None:
        raise PermissionDenied("Réservé aux agents des DREAL et de la DGEC.")
    filters = {
        "kind": request.GET.get("nature", ""),
        "status": request.GET.get("statut", "en-cours"),
        "region": request.GET.get("region", "")[:2],
        "authority": request.GET.get("autorite", ""),
    }
    if filters["kind"] not in {k.value for k in ChangeKind}:
        filters["kind"] = ""
    if filters["status"] not in {v for v, _ in STATUS_FILTERS}:
        filters["status"] = "en-cours"
    if filters["authority"] not in ("", "dreal", "dgec"):
        filters["authority"] = ""
    text = request.GET.get("q", "")[:100]
    demandes = demandes_search(queue(request.user, **filters), text)
    page = Paginator(demandes, 50).get_page(request.GET.get("page"))
    keep = urlencode(
        {
            k: v
            for k, v in {
                "nature": filters["kind"],
                "statut": filters["status"],
                "region": filters["region"],
                "autorite": filters["authority"],
                "q": text,
            }.items()
            if v
        }
    )
    return render(
        request,
        "potentiel/requests/queue.html",
        {
            "title": "Demandes à instruire",
            "page": page,
            "keep_query": keep,
            "filters": filters,
            "text": text,
            "kinds": [(k.value, KIND_LABELS[k]) for k in ChangeKind],
            "statuses": STATUS_FILTERS,
            "agent": authority,
            "regions": sorted(permissions.dreal_regions(request.user)),
        },
    )
