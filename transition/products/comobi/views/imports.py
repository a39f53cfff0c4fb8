"""Bringing a territory's spreadsheets in from the back-office (the same services as the commands)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from transition.platform.accounts import permissions

from ..forms.mediation import ImportForm
from ..permissions import MEDIATE
from ..services.imports import ads_import, offers_import, requests_import
from .common import territory_context, territory_or_404

IMPORTERS = {"offers": offers_import, "requests": requests_import, "ads": ads_import}


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request, slug):
    territory = territory_or_404(request, slug)
    permissions.require(request.user, MEDIATE, territory)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = IMPORTERS[form.cleaned_data["kind"]](
            actor=request.user, territory=territory, source=upload, filename=upload.name
        )
        if report.ok:
            messages.success(
                request,
                f"Import terminé : {report.created} ligne(s) ajoutée(s), {report.unchanged} déjà présente(s), {report.skipped} laissée(s) de côté.",
            )
    return render(
        request,
        "comobi/imports/form.html",
        territory_context(request, territory, title="Importer un tableur", form=form, report=report),
    )
