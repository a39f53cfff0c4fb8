"""The DGEC's pages: import the CRE's file, see the periods, notify one (a job with progress),
correct a candidature."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from transition.platform.accounts import permissions
from transition.platform.jobs.models import Job

from ..forms import CandidatureCorrectionForm, CandidaturesUploadForm, NotificationForm
from ..models import CandidaturesImport, Periode, Projet
from ..permissions import CANDIDATURE_CORRECT, CANDIDATURES_IMPORT, PERIODE_NOTIFY
from ..selectors.projects import periodes_with_candidatures
from ..services import corrections
from ..services.candidatures import import_candidatures
from ..services.corrections import correction_initial
from ..services.notification import NOTIFY_JOB, notification_start, to_notify


@login_required
@require_http_methods(["GET", "POST"])
def candidatures_import(request):
    permissions.require(request.user, CANDIDATURES_IMPORT)
    report = None
    form = CandidaturesUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_candidatures(upload, filename=upload.name, user=request.user)
    return render(
        request,
        "potentiel/candidatures/import.html",
        {
            "title": "Importer les candidatures",
            "form": form,
            "report": report,
            "history": CandidaturesImport.objects.select_related("imported_by")[:10],
        },
        status=422 if report is not None and not report.ok else 200,
    )


@login_required
@require_GET
def periodes(request):
    permissions.require(request.user, CANDIDATURES_IMPORT)
    return render(
        request,
        "potentiel/candidatures/periodes.html",
        {
            "title": "Périodes et notifications",
            "periodes": periodes_with_candidatures(),
            "can_notify": permissions.can(request.user, PERIODE_NOTIFY),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def periode_notify(request, pk: int):
    permissions.require(request.user, PERIODE_NOTIFY)
    periode = get_object_or_404(Periode.objects.select_related("appel_offres"), pk=pk)
    form = NotificationForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            job = notification_start(periode=periode, date=form.cleaned_data["date"], user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect("potentiel:periode_notification", pk=periode.pk, job_id=job.pk)
    pending = to_notify(periode)
    return render(
        request,
        "potentiel/candidatures/notify.html",
        {
            "title": f"Notifier la {periode.label}",
            "periode": periode,
            "form": form,
            "error": error,
            "pending": pending.count(),
            "classes": pending.filter(statut_candidature="classé").count(),
        },
        status=422 if error or form.errors else 200,
    )


@login_required
@require_GET
def periode_notification(request, pk: int, job_id: int):
    permissions.require(request.user, PERIODE_NOTIFY)
    periode = get_object_or_404(Periode.objects.select_related("appel_offres"), pk=pk)
    job = get_object_or_404(Job, pk=job_id, kind=NOTIFY_JOB, payload__periode_id=periode.pk)
    if request.headers.get("HX-Request"):
        return render(request, "jobs/progress.html", {"job": job, "poll_url": request.path})
    return render(
        request,
        "potentiel/candidatures/notification.html",
        {"title": f"Notification de la {periode.label}", "periode": periode, "job": job},
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidature_correct(request, pk: int):
    """The DGEC validateur corrects a project's candidature (reached from the project's page)."""
    projet = get_object_or_404(Projet.objects.select_related("appel_offres", "periode"), pk=pk)
    permissions.require(request.user, CANDIDATURE_CORRECT, projet)
    form = CandidatureCorrectionForm(request.POST or None, current=correction_initial(projet), notified=projet.notified)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            corrections.candidature_correct(
                user=request.user,
                projet=projet,
                changes=form.changes(),
                regenerate=bool(form.cleaned_data.get("regenerate")),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, "La candidature a été corrigée.")
            return redirect("potentiel:projet", pk=projet.pk)
    return render(
        request,
        "potentiel/candidatures/correct.html",
        {"title": f"Corriger la candidature « {projet.nom_projet} »", "projet": projet, "form": form, "errors": errors},
        status=422 if errors or form.errors else 200,
    )
