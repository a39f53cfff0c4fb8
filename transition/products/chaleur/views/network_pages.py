"""A network's page, beyond the open data: its documents, the operator's correction form, and the
staff's review of corrections (second factor required; one view per action)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from transition.platform.accounts import permissions
from transition.platform.accounts.ratelimit import rate_limited

from ..domain.network_corrections import CORRECTABLE
from ..enums import CorrectionStatus
from ..forms import Form
from ..models import NetworkCorrection, NetworkFile
from ..selectors import networks as network_selectors
from ..selectors.network_pages import correction_rows
from ..services.network_corrections import (
    network_correction_accept,
    network_correction_propose,
    network_correction_refuse,
    network_current_values,
)


def _field_name(name: str) -> str:
    return name.replace(".", "__")


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


class CorrectionForm(Form):
    reason = forms.CharField(
        label="Justification",
        help_text="D’où viennent ces valeurs (rapport annuel, arrêté, date des chiffres…) ?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    document = forms.FileField(label="Document à publier sur la fiche (PDF, facultatif)", required=False)
    document_title = forms.CharField(label="Titre du document", max_length=200, required=False)

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for field in CORRECTABLE:
            key = _field_name(field.name)
            label = f"{field.label} ({field.unit})" if field.unit else field.label
            if field.kind == "bool":
                self.fields[key] = forms.ChoiceField(
                    label=label,
                    choices=[("inconnu", "Inconnu"), ("oui", "Oui"), ("non", "Non")],
                    initial=_shown(current.get(field.name)) or "inconnu",
                    required=False,
                )
            else:
                self.fields[key] = forms.CharField(
                    label=label, initial=_shown(current.get(field.name)), required=False, max_length=300
                )
        self.order_fields([_field_name(f.name) for f in CORRECTABLE] + ["reason", "document", "document_title"])

    def raw_values(self) -> dict[str, str]:
        return {f.name: self.cleaned_data.get(_field_name(f.name)) or "" for f in CORRECTABLE}


def _network_or_404(national_id: str):
    network = network_selectors.network_get(national_id)
    if network is None:
        raise Http404("Réseau inconnu")
    return network


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("chaleur_network_correction")
def network_correct(request, national_id: str):
    network = _network_or_404(national_id)
    permissions.require(request.user, "chaleur.network_correct", network)
    current = network_current_values(network)
    form = CorrectionForm(request.POST or None, request.FILES or None, current=current)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            network_correction_propose(
                actor=request.user,
                network=network,
                raw_values=form.raw_values(),
                reason=form.cleaned_data["reason"],
                document=form.cleaned_data.get("document"),
                document_title=form.cleaned_data["document_title"],
            )
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, "Correction envoyée : l’équipe la vérifie avant de l’appliquer.")
            return redirect("chaleur:network_detail", national_id=network.national_id)
    return render(
        request,
        "chaleur/network_pages/correct.html",
        {
            "title": f"Proposer une correction — {network.name or network.national_id}",
            "network": network,
            "form": form,
            "problems": problems,
            "corrections": NetworkCorrection.objects.filter(network=network).order_by("-created_at")[:20],
        },
    )


@require_GET
def network_file(request, national_id: str, pk: int):
    network = _network_or_404(national_id)
    document = get_object_or_404(NetworkFile, pk=pk, network=network)
    # Unpublished (a correction not yet accepted): staff reviewing it only.
    if not document.published and not permissions.can(request.user, "chaleur.network_correction_review"):
        raise Http404("Document introuvable")
    # At most CHALEUR_NETWORK_FILE_MAX_MB: read whole, the file closed at once.
    with document.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{network.national_id or "reseau"}-{document.pk}.pdf"'
    return response


@login_required
@require_GET
def correction_list(request):
    permissions.require(request.user, "chaleur.network_correction_review")
    corrections = NetworkCorrection.objects.select_related("network", "organisation").order_by("status", "-created_at")
    return render(
        request,
        "chaleur/network_pages/corrections.html",
        {
            "title": "Corrections proposées par les gestionnaires",
            "pending": [c for c in corrections if c.status == CorrectionStatus.PENDING],
            "decided": [c for c in corrections if c.status != CorrectionStatus.PENDING][:100],
        },
    )


def _review_page(request, correction, error: str = ""):
    return render(
        request,
        "chaleur/network_pages/correction_detail.html",
        {
            "title": f"Correction n° {correction.pk}",
            "correction": correction,
            "rows": correction_rows(correction),
            "error": error,
            "pending": correction.status == CorrectionStatus.PENDING,
        },
    )


@login_required
@require_GET
def correction_detail(request, pk: int):
    permissions.require(request.user, "chaleur.network_correction_review")
    return _review_page(request, get_object_or_404(NetworkCorrection.objects.select_related("network"), pk=pk))


@login_required
@require_POST
def correction_accept(request, pk: int):
    permissions.require(request.user, "chaleur.network_correction_review")
    correction = get_object_or_404(NetworkCorrection.objects.select_related("network"), pk=pk)
    try:
        network_correction_accept(actor=request.user, correction=correction, comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        return _review_page(request, correction, exc.messages[0])
    messages.success(request, "Correction acceptée et appliquée à la fiche du réseau.")
    return redirect("chaleur:pro_corrections")


@login_required
@require_POST
def correction_refuse(request, pk: int):
    permissions.require(request.user, "chaleur.network_correction_review")
    correction = get_object_or_404(NetworkCorrection.objects.select_related("network"), pk=pk)
    try:
        network_correction_refuse(actor=request.user, correction=correction, comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        return _review_page(request, correction, exc.messages[0])
    messages.success(request, "Correction refusée ; le gestionnaire en est prévenu.")
    return redirect("chaleur:pro_corrections")
