"""Reading projects: whose they are, who follows them, their path step by step, and the lists each
person sees (a collectivité's projects, an advisor's territory)."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from ..domain import path as rules
from ..enums import ActionStatus, Role
from ..models import Advisor, Project, ProjectAction
from ..permissions import advisor_of, porteur_organisation_ids

User = get_user_model()


def authority_users(project: Project) -> QuerySet:
    return User.objects.filter(
        memberships__product="friches",
        memberships__role=Role.PORTEUR,
        memberships__organisation_id=project.organisation_id,
        is_active=True,
        anonymised_at__isnull=True,
    ).distinct()


def advisor_users(project: Project) -> QuerySet:
    return User.objects.filter(friches_projects__project=project, is_active=True, anonymised_at__isnull=True)


def participants(project: Project) -> list:
    return list({u.pk: u for u in [*authority_users(project), *advisor_users(project)]}.values())


def territory_filter(advisor: Advisor) -> Q:
    if not advisor.departements and not advisor.regions:
        return Q(pk__in=[])
    return Q(site__departement__in=advisor.departements) | Q(site__region__in=advisor.regions)


def projects_for(user) -> QuerySet[Project]:
    """The projects a person follows: its organisations' and, for an advisor, those it joined."""
    organisations = porteur_organisation_ids(user)
    return (
        Project.objects.filter(Q(organisation_id__in=organisations) | Q(advisors__user=user), archived_at__isnull=True)
        .select_related("site", "organisation")
        .distinct()
    )


def territory_projects(user) -> QuerySet[Project]:
    advisor = advisor_of(user)
    if advisor is None:
        return Project.objects.none()
    return (
        Project.objects.filter(territory_filter(advisor), archived_at__isnull=True)
        .select_related("site", "organisation")
        .order_by("-last_news_at")
    )


STATUS_BADGES = {
    ActionStatus.FAITE: "fr-badge--success",
    ActionStatus.BLOQUEE: "fr-badge--warning",
    ActionStatus.EN_COURS: "fr-badge--info",
}


@dataclass(frozen=True)
class ActionView:
    action: ProjectAction
    badge: str  # DSFR badge class of its status
    status_options: list[tuple[str, str, bool]]  # (value, label, selected)


def action_view(action: ProjectAction) -> ActionView:
    return ActionView(
        action,
        STATUS_BADGES.get(action.status, ""),
        [(value, label, value == action.status) for value, label in ActionStatus.choices],
    )


@dataclass(frozen=True)
class StepView:
    code: str
    label: str
    actions: list[ActionView]
    crossed: bool
    current: bool

    @property
    def open_count(self) -> int:
        return sum(1 for a in self.actions if rules.is_open(a.action.status))


def project_path(project: Project) -> list[StepView]:
    actions = list(project.actions.select_related("resource", "recommended_by").order_by("created_at", "pk"))
    by_step: dict[str, list[ProjectAction]] = {}
    for action in actions:
        by_step.setdefault(action.step, []).append(action)
    statuses = {code: [a.status for a in items] for code, items in by_step.items()}
    current = rules.current_step(statuses)
    return [
        StepView(
            code,
            label,
            [action_view(a) for a in by_step.get(code, [])],
            rules.step_crossed(statuses.get(code, ())),
            code == current,
        )
        for code, label in rules.STEPS
    ]


def open_recommendations(project: Project) -> QuerySet[ProjectAction]:
    return project.actions.filter(status__in=[ActionStatus.PROPOSEE, ActionStatus.BLOQUEE, ActionStatus.EN_COURS])


def active_projects_count(*, since_days: int = 91, at=None) -> int:
    """Projects with a step crossed in the last three months."""
    at = at or timezone.now()
    return (
        Project.objects.filter(steps__crossed_at__gt=at - timedelta(days=since_days), steps__crossed_at__lte=at)
        .distinct()
        .count()
    )
