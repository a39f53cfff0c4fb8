"""Writing a project's path: the guidance's suggestions turned into actions (and withdrawn while
untouched when they stop applying), the status the authority gives each action, what it adds
itself, and when each step is crossed."""

from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..domain import path as rules
from ..domain.guidance import suggested
from ..enums import ActionOrigin, ActionStatus
from ..models import ActionTemplate, Project, ProjectAction, ProjectStep, Resource
from ..selectors.guidance import project_place, project_signals_of
from .news import project_news

PRODUCT = "friches"


def steps_recompute(project: Project) -> None:
    """Mark each step crossed (or no longer crossed) from its actions' statuses."""
    statuses: dict[str, list[str]] = {}
    for step, status in project.actions.values_list("step", "status"):
        statuses.setdefault(step, []).append(status)
    now = timezone.now()
    for code in rules.STEP_CODES:
        crossed = rules.step_crossed(statuses.get(code, ()))
        row, _ = ProjectStep.objects.get_or_create(project=project, step=code)
        if crossed and row.crossed_at is None:
            row.crossed_at = now
            row.save(update_fields=["crossed_at"])
        elif not crossed and row.crossed_at is not None:
            row.crossed_at = None
            row.save(update_fields=["crossed_at"])


def suggestions_refresh(*, project: Project) -> tuple[int, int]:
    """Add the actions the guidance now suggests; withdraw those it no longer suggests that nobody
    touched. Returns (added, withdrawn). Called by the services that change the project's signals."""
    templates = list(ActionTemplate.objects.filter(active=True).exclude(step=""))
    wanted = {
        r.key for r in suggested([t.as_rule() for t in templates], project_signals_of(project), project_place(project))
    }
    by_pk = {t.pk: t for t in templates}
    existing = {a.template_id: a for a in project.actions.filter(template__isnull=False)}
    added = withdrawn = 0
    with transaction.atomic():
        for pk in wanted - set(existing):
            t = by_pk[pk]
            ProjectAction.objects.create(
                project=project,
                step=t.step,
                title=t.title,
                text=t.text,
                resource=t.resource,
                template=t,
                origin=ActionOrigin.SUGGESTION,
            )
            added += 1
        for pk, action in existing.items():
            if (
                pk not in wanted
                and action.origin == ActionOrigin.SUGGESTION
                and action.status == ActionStatus.PROPOSEE
                and action.status_changed_at is None
            ):
                action.delete()
                withdrawn += 1
        if added or withdrawn:
            steps_recompute(project)
    return added, withdrawn


def action_status_change(*, actor, action: ProjectAction, status: str) -> ProjectAction:
    permissions.require(actor, "friches.project_change", action.project)
    if status not in ActionStatus.values:
        raise ValueError(f"Statut inconnu : {status}")
    if status == action.status:
        return action
    with transaction.atomic():
        before = action.status
        action.status = status
        action.status_changed_at = timezone.now()
        action.status_changed_by = actor
        action.save(update_fields=["status", "status_changed_at", "status_changed_by"])
        steps_recompute(action.project)
        project_news(action.project)
        event_record(
            actor=actor,
            action="friches.action_status",
            target=action,
            product=PRODUCT,
            payload={"before": before, "after": status, "step": action.step},
        )
    return action


def action_add(
    *, actor, project: Project, step: str, title: str, text: str = "", resource: Resource | None = None
) -> ProjectAction:
    """An action the authority adds itself, or an advisor recommends (with or without a resource)."""
    if permissions.can(actor, "friches.project_change", project):
        origin = ActionOrigin.PORTEUR
    else:
        permissions.require(actor, "friches.project_advise", project)
        origin = ActionOrigin.CONSEILLER
    if step not in rules.STEP_CODES:
        raise ValueError(f"Étape inconnue : {step}")
    with transaction.atomic():
        action = ProjectAction.objects.create(
            project=project,
            step=step,
            title=clean_text(title, keep_newlines=False).strip(),
            text=clean_text(text).strip(),
            resource=resource,
            origin=origin,
            recommended_by=actor,
        )
        steps_recompute(project)
        project_news(project)
        event_record(
            actor=actor,
            action="friches.action_add",
            target=action,
            product=PRODUCT,
            payload={"origin": origin, "step": step, "resource_id": resource.pk if resource else None},
        )
    return action
