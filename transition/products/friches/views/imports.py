"""The upload of a CNIG file: checked whole, refused or imported (valid rows only on request),
with the report line by line. A large file is imported by a job whose progress the page follows."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from transition.platform.accounts import permissions
from transition.platform.accounts.permissions import has_staff_power
from transition.platform.jobs.models import Job
from transition.platform.jobs.services import job_enqueue

from ..forms.imports import CnigImportForm
from ..models import SiteImport
from ..services.imports import JOB_KIND, cnig_import, cnig_upload_store, read_outlines_file


def _allowed(request) -> None:
    if not permissions.can(request.user, "friches.site_import"):
        raise PermissionDenied("L’import de fichiers est réservé aux conseillers et à l’équipe.")


@login_required
def import_upload(request):
    _allowed(request)
    outcome = None
    initial = {"source_name": request.user.organisation.name if request.user.organisation else ""}
    form = CnigImportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        contours = form.cleaned_data.get("outlines")
        options = {"source_name": form.cleaned_data["source_name"], "skip_invalid": form.cleaned_data["skip_invalid"]}
        if upload.size + (contours.size if contours else 0) > settings.FRICHES_IMPORT_SYNC_MAX_KB * 1024:
            job = job_enqueue(
                kind=JOB_KIND,
                owner=request.user,
                payload={
                    "name": cnig_upload_store(upload=upload),
                    "outlines_name": cnig_upload_store(upload=contours) if contours else "",
                    "filename": upload.name[:255],
                    "created_by_id": request.user.pk,
                    **options,
                },
            )
            return redirect("friches:import_job", job_id=job.pk)
        outlines, problems = read_outlines_file(contours) if contours else (None, [])
        outcome = cnig_import(actor=request.user, source=upload, filename=upload.name, outlines=outlines, **options)
        for problem in problems:
            outcome.report.warn(problem)
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


@login_required
@require_GET
def import_job(request, job_id: int):
    _allowed(request)
    job = get_object_or_404(Job, pk=job_id, kind=JOB_KIND)
    if job.owner_id != request.user.pk and not has_staff_power(request.user):
        raise PermissionDenied("Cet import a été lancé par quelqu’un d’autre.")
    if request.headers.get("HX-Request"):
        if job.is_finished:
            return HttpResponse(headers={"HX-Refresh": "true"})  # the whole page shows the report
        return render(request, "jobs/progress.html", {"job": job, "poll_url": request.path})
    return render(
        request, "friches/imports/job.html", {"title": "Import de friches", "job": job, "poll_url": request.path}
    )
