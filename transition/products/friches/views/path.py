"""The path: an action's status (the authority), an action added (the authority) or recommended
(an advisor, with or without a resource)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from transition.platform.accounts import permissions

from ..forms.projects import ActionForm, ActionStatusForm
from ..models import ProjectAction
from ..selectors.guidance import project_suggestions
from ..selectors.projects import project_path
from ..services.path import action_add, action_status_change
from .projects import project_for


@login_required
@require_POST
def action_status(request, pk: int, action_pk: int):
    project = project_for(request, pk, "friches.project_change")
    action = get_object_or_404(ProjectAction, pk=action_pk, project=project)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        action_status_change(actor=request.user, action=action, status=form.cleaned_data["status"])
        if not request.headers.get("HX-Request"):
            messages.success(request, f"« {action.title} » : {action.get_status_display().lower()}.")
    if request.headers.get("HX-Request"):
        step = next(s for s in project_path(project) if s.code == action.step)
        return render(
            request,
            "friches/projects/_step.html",
            {
                "project": project,
                "step": step,
                "step_suggestions": project_suggestions(project).only_step(step.code),
                "can_change": True,
            },
        )
    return redirect(f"{reverse('friches:project_detail', args=[project.pk])}#etape-{action.step}")


@login_required
def action_create(request, pk: int):
    project = project_for(request, pk)
    if not (
        permissions.can(request.user, "friches.project_change", project)
        or permissions.can(request.user, "friches.project_advise", project)
    ):
        raise PermissionDenied("Rejoignez le projet pour y recommander une action.")
    form = ActionForm(request.POST or None, initial={"step": request.GET.get("etape", "reperer")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = action_add(
            actor=request.user,
            project=project,
            step=data["step"],
            title=data["title"],
            text=data["text"],
            resource=data["resource"],
        )
        messages.success(request, f"« {action.title} » est ajoutée à l’étape « {action.get_step_display()} ».")
        return redirect(f"{reverse('friches:project_detail', args=[project.pk])}#etape-{action.step}")
    adviser = not permissions.can(request.user, "friches.project_change", project)
    return render(
        request,
        "friches/projects/action_form.html",
        {"title": "Recommander une action" if adviser else "Ajouter une action", "project": project, "form": form},
    )
