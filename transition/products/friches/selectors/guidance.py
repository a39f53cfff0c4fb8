"""What the guidance suggests for a project: its signals (answers and intended uses), and the
resources, contacts and funding schemes whose conditions hold and whose area covers its site."""

from dataclasses import dataclass

from django.utils import timezone

from ..domain.guidance import Place, project_signals, suggested
from ..domain.signals import parse_tags
from ..models import Contact, FundingScheme, Project, Resource, Site


def project_signals_of(project: Project) -> frozenset[str]:
    answers = [parse_tags(s) for s in project.answers.values_list("signals", flat=True)]
    emitted = frozenset().union(*answers) if answers else frozenset()
    return project_signals(emitted, project.site.intended_uses or ())


def site_place(site: Site) -> Place:
    return Place(site.departement or None, site.region or None)


def project_place(project: Project) -> Place:
    return site_place(project.site)


@dataclass(frozen=True)
class Suggestions:
    resources: list[Resource]
    contacts: list[Contact]
    funding: list[FundingScheme]

    def only_step(self, step: str) -> "Suggestions":
        """What belongs to one step ("" : to no step in particular)."""
        return Suggestions(
            [r for r in self.resources if r.step == step],
            [c for c in self.contacts if c.step == step],
            [f for f in self.funding if f.step == step],
        )

    @property
    def empty(self) -> bool:
        return not (self.resources or self.contacts or self.funding)


def _apply(items, signals, place):
    kept = {r.key for r in suggested([i.as_rule() for i in items], signals, place)}
    return [i for i in items if i.pk in kept]


def suggestions_for(signals: frozenset[str], place: Place) -> Suggestions:
    today = timezone.localdate()
    funding = [f for f in FundingScheme.objects.filter(active=True) if f.deadline is None or f.deadline >= today]
    return Suggestions(
        resources=_apply(list(Resource.objects.filter(active=True)), signals, place),
        contacts=_apply(list(Contact.objects.filter(active=True)), signals, place),
        funding=_apply(funding, signals, place),
    )


def project_suggestions(project: Project) -> Suggestions:
    return suggestions_for(project_signals_of(project), project_place(project))


def site_suggestions(site: Site) -> Suggestions:
    """Before any project: what the site's place and intended uses already call for."""
    return suggestions_for(project_signals(frozenset(), site.intended_uses or ()), site_place(site))
