"""The upload of a CNIG file: checked whole, refused or imported (valid rows only on request),
with the report line by line."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from transition.platform.accounts import permissions

from ..forms.imports import CnigImportForm
from ..models import SiteImport
from ..services.imports import cnig_import


@login_required
def import_upload(request):
    if not permissions.can(request.user, "friches.site_import"):
        raise PermissionDenied("L’import de fichiers est réservé aux conseillers et à l’équipe.")
    outcome = None
    initial = {"source_name": request.user.organisation.name if request.user.organisation else ""}
    form = CnigImportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = cnig_import(
            actor=request.user,
            source=upload,
            filename=upload.name,
            source_name=form.cleaned_data["source_name"],
            skip_invalid=form.cleaned_data["skip_invalid"],
        )
    return render(
        request,
        "friches/imports/upload.html",
        {
            "title": "Importer des friches (standard CNIG)",
            "form": form,
            "outcome": outcome,
            "history": SiteImport.objects.select_related("created_by")[:10],
        },
    )
