"""The advisors' side: their space (projects of their territory, reminders), joining a project,
private notes and reminders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from transition.platform.accounts import permissions

from ..domain.territory_names import territory_label
from ..forms.projects import NoteForm, ReminderForm
from ..models import AdvisorReminder
from ..permissions import advisor_of, has_joined
from ..selectors.projects import territory_projects
from ..services.advisors import note_add, project_join, reminder_add
from .projects import project_for


@login_required
@require_GET
def advisor_space(request):
    if not permissions.can(request.user, "friches.advisor_space"):
        raise PermissionDenied("Cet espace est celui des conseillers.")
    projects = list(territory_projects(request.user))
    advisor = advisor_of(request.user)
    today = timezone.localdate()
    return render(
        request,
        "friches/advisors/space.html",
        {
            "title": "Espace conseiller",
            "advisor": advisor,
            "territory": territory_label(advisor.departements, advisor.regions) if advisor else "",
            "projects": projects,
            "joined": {p.pk for p in projects if has_joined(request.user, p)},
            "reminders": AdvisorReminder.objects.filter(author=request.user, sent_at__isnull=True)
            .select_related("project")
            .order_by("due_on")[:50],
            "today": today,
        },
    )


@login_required
@require_POST
def join_project(request, pk: int):
    project = project_for(request, pk, "friches.project_join")
    project_join(actor=request.user, project=project)
    messages.success(request, "Vous suivez ce projet : recommandez des actions, échangez avec la collectivité.")
    return redirect("friches:project_detail", pk=project.pk)


@login_required
@require_POST
def note_create(request, pk: int):
    project = project_for(request, pk, "friches.project_advise")
    form = NoteForm(request.POST)
    if form.is_valid():
        note_add(actor=request.user, project=project, text=form.cleaned_data["text"])
        messages.success(request, "Note enregistrée (visible des seuls conseillers).")
    else:
        messages.error(request, " ".join(form.errors.get("text", ["La note est vide."])))
    return redirect(f"{reverse('friches:project_detail', args=[project.pk])}#notes")


@login_required
@require_POST
def reminder_create(request, pk: int):
    project = project_for(request, pk, "friches.project_advise")
    form = ReminderForm(request.POST)
    if form.is_valid():
        reminder_add(
            actor=request.user, project=project, due_on=form.cleaned_data["due_on"], text=form.cleaned_data["text"]
        )
        messages.success(request, f"Rappel noté pour le {form.cleaned_data['due_on']:%d/%m/%Y}.")
    else:
        problems = " ".join(error for errors in form.errors.values() for error in errors)
        messages.error(request, f"Rappel non enregistré. {problems}")
    return redirect(f"{reverse('friches:project_detail', args=[project.pk])}#notes")
