"""A project's pages: starting it, its overview (path, suggestions, thread, advisors), editing it,
its read-only share link, and the lists of projects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from transition.platform.accounts import permissions
from transition.platform.accounts.models import Organisation

from ..enums import SiteStatus
from ..forms.projects import ActionForm, MessageForm, NoteForm, ProjectForm, ReminderForm
from ..models import Project, Site
from ..permissions import advisor_of, has_joined, porteur_organisation_ids
from ..selectors.guidance import project_suggestions
from ..selectors.projects import advisor_users, project_path, projects_for, territory_projects
from ..selectors.sites import site_mutability
from ..selectors.survey import survey_progress
from ..services import projects as services


def project_for(request, pk: int, action: str = "friches.project_view") -> Project:
    project = get_object_or_404(Project.objects.select_related("site", "organisation"), pk=pk)
    if not permissions.can(request.user, action, project):
        raise PermissionDenied("Ce projet ne vous est pas ouvert.")
    return project


@login_required
def project_create(request, pk: int):
    site = get_object_or_404(Site, pk=pk)
    if not permissions.can(request.user, "friches.project_start", site):
        if not porteur_organisation_ids(request.user):
            return redirect("friches:join")
        raise PermissionDenied("Ce site est tenu par une autre collectivité.")
    organisations = Organisation.objects.filter(pk__in=porteur_organisation_ids(request.user))
    form = ProjectForm(
        request.POST or None, initial={"name": f"Reconversion — {site.name}", "intended_uses": site.intended_uses}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = (
            site.organisation if site.organisation_id in {o.pk for o in organisations} else organisations.first()
        )
        try:
            project = services.project_create(
                actor=request.user,
                site=site,
                organisation=organisation,
                name=data["name"],
                description=data["description"],
                intended_uses=data["intended_uses"],
            )
        except services.ProjectError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, "Le projet est ouvert. Répondez au questionnaire : il oriente les étapes proposées."
            )
            return redirect("friches:survey", pk=project.pk)
    return render(request, "friches/projects/form.html", {"title": "Ouvrir un projet", "form": form, "site": site})


@login_required
def project_edit(request, pk: int):
    project = project_for(request, pk, "friches.project_change")
    form = ProjectForm(
        request.POST or None,
        initial={"name": project.name, "description": project.description, "intended_uses": project.site.intended_uses},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.project_update(
            actor=request.user,
            project=project,
            name=data["name"],
            description=data["description"],
            intended_uses=data["intended_uses"],
        )
        messages.success(request, "Le projet est à jour.")
        return redirect("friches:project_detail", pk=project.pk)
    return render(
        request,
        "friches/projects/form.html",
        {"title": "Modifier le projet", "form": form, "site": project.site, "project": project},
    )


def _detail_context(request, project: Project, *, read_only: bool) -> dict:
    user = request.user
    can_change = not read_only and permissions.can(user, "friches.project_change", project)
    can_advise = not read_only and permissions.can(user, "friches.project_advise", project)
    path = project_path(project)
    current = next((s for s in path if s.current), None)
    suggestions = project_suggestions(project)
    mutability = site_mutability(project.site)
    return {
        "title": project.name,
        "project": project,
        "site": project.site,
        "path": path,
        "current_step": current,
        "suggestions": suggestions,
        "general_suggestions": suggestions.only_step(""),
        "steps": [(step, suggestions.only_step(step.code)) for step in path],
        "mutability": mutability,
        "survey": survey_progress(project),
        "advisors": list(advisor_users(project)),
        "messages_list": list(project.messages.select_related("author")) if not read_only else [],
        "read_only": read_only,
        "can_change": can_change,
        "can_advise": can_advise,
        "can_join": not read_only and permissions.can(user, "friches.project_join", project),
        "can_write": not read_only and permissions.can(user, "friches.project_thread", project),
        "action_form": ActionForm(initial={"step": current.code if current else "reperer"}),
        "message_form": MessageForm(),
        "note_form": NoteForm(),
        "reminder_form": ReminderForm(),
        "notes": list(project.notes.select_related("author")) if can_advise else [],
        "reminders": list(project.reminders.filter(author=user)) if can_advise else [],
        "share_url": request.build_absolute_uri(reverse("friches:share_view", args=[project.share_token]))
        if project.share_token and can_change
        else "",
        "reconverted": project.site.status == SiteStatus.RECONVERTIE,
    }


@login_required
@require_GET
def project_detail(request, pk: int):
    project = project_for(request, pk)
    return render(request, "friches/projects/detail.html", _detail_context(request, project, read_only=False))


@require_GET
def share_view(request, token: str):
    if len(token) > 64:
        raise Http404
    project = (
        Project.objects.select_related("site", "organisation")
        .filter(share_token=token, archived_at__isnull=True)
        .first()
    )
    if project is None:
        raise Http404("Ce lien de partage n’est plus valable.")
    context = _detail_context(request, project, read_only=True)
    response = render(request, "friches/projects/detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_POST
def share_enable(request, pk: int):
    project = project_for(request, pk, "friches.project_change")
    services.project_share_enable(actor=request.user, project=project)
    messages.success(request, "Un lien de lecture seule est créé : copiez-le ci-dessous.")
    return redirect(f"{reverse('friches:project_detail', args=[project.pk])}#partage")


@login_required
@require_POST
def share_disable(request, pk: int):
    project = project_for(request, pk, "friches.project_change")
    services.project_share_disable(actor=request.user, project=project)
    messages.success(request, "Le lien de partage ne fonctionne plus.")
    return redirect(f"{reverse('friches:project_detail', args=[project.pk])}#partage")


@login_required
@require_POST
def project_reconverted(request, pk: int):
    project = project_for(request, pk, "friches.project_change")
    if request.POST.get("confirmer") != "oui":
        messages.error(
            request,
            "Le site n’a pas changé de statut : cochez la case qui confirme que les travaux sont achevés.",
        )
        return redirect("friches:project_detail", pk=project.pk)
    services.project_site_reconverted(actor=request.user, project=project)
    messages.success(request, "Bravo : le site est désormais une friche reconvertie.")
    return redirect("friches:project_detail", pk=project.pk)


@login_required
@require_GET
def project_list(request):
    user = request.user
    advisor = advisor_of(user)
    mine = list(projects_for(user).order_by("-last_news_at"))
    territory = list(territory_projects(user)) if advisor else []
    joined = {p.pk for p in territory if has_joined(user, p)}
    return render(
        request,
        "friches/projects/list.html",
        {
            "title": "Mes projets",
            "projects": mine,
            "advisor": advisor,
            "territory": territory,
            "joined": joined,
            "is_porteur": bool(porteur_organisation_ids(user)),
        },
    )
