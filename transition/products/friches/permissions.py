"""Every "may this person do that" rule of Friches, registered with the platform from apps.py and
used alike by views, services and the API (`permissions.can(user, "friches.…", obj)`).

- A collectivité or project holder (role `porteur` in an organisation) registers sites and runs
  the projects of its organisation.
- An advisor (an `Advisor` with a territory) sees the projects on sites of its territory, joins
  them, recommends, keeps private notes; an advisor without territory sees none.
- Staff with a verified second factor (`has_staff_power`) may do everything.
"""

from transition.platform.accounts import permissions as platform
from transition.platform.accounts.models import Membership
from transition.platform.accounts.permissions import has_staff_power

from .domain.guidance import Place, Rule, area_covers
from .enums import Role
from .models import Advisor, Project, ProjectAdvisor, Site

PRODUCT = "friches"


def porteur_organisation_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Membership.objects.filter(user=user, product=PRODUCT, role=Role.PORTEUR).values_list(
            "organisation_id", flat=True
        )
    )


def advisor_of(user) -> Advisor | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Advisor.objects.filter(user=user, active=True).first()


def territory_covers(advisor: Advisor, site: Site) -> bool:
    if not advisor.departements and not advisor.regions:
        return False  # an advisor without territory follows nothing
    territory = Rule("territoire", departements=frozenset(advisor.departements), regions=frozenset(advisor.regions))
    return area_covers(territory, Place(site.departement, site.region))


def has_joined(user, project: Project) -> bool:
    return ProjectAdvisor.objects.filter(project=project, user=user).exists()


def is_porteur(user) -> bool:
    return bool(porteur_organisation_ids(user))


def can_create_site(user, _obj=None) -> bool:
    return has_staff_power(user) or is_porteur(user)


def can_change_site(user, site: Site) -> bool:
    return has_staff_power(user) or (
        site.organisation_id is not None and site.organisation_id in porteur_organisation_ids(user)
    )


def can_import_sites(user, _obj=None) -> bool:
    return has_staff_power(user) or advisor_of(user) is not None


def can_start_project(user, site: Site) -> bool:
    """A porteur starts a project on a site of its organisation, or on a registry site nobody holds."""
    if has_staff_power(user):
        return True
    organisations = porteur_organisation_ids(user)
    return bool(organisations) and (site.organisation_id is None or site.organisation_id in organisations)


def can_change_project(user, project: Project) -> bool:
    return has_staff_power(user) or project.organisation_id in porteur_organisation_ids(user)


def can_view_project(user, project: Project) -> bool:
    if can_change_project(user, project):
        return True
    advisor = advisor_of(user)
    return advisor is not None and (territory_covers(advisor, project.site) or has_joined(user, project))


def can_join_project(user, project: Project) -> bool:
    advisor = advisor_of(user)
    return advisor is not None and territory_covers(advisor, project.site) and not has_joined(user, project)


def can_advise_project(user, project: Project) -> bool:
    """Recommend, keep private notes, set reminders: the project's advisors (and staff)."""
    return has_staff_power(user) or (advisor_of(user) is not None and has_joined(user, project))


def can_write_in_thread(user, project: Project) -> bool:
    return can_change_project(user, project) or can_advise_project(user, project)


def can_use_advisor_space(user, _obj=None) -> bool:
    return has_staff_power(user) or advisor_of(user) is not None


RULES = {
    "friches.site_create": can_create_site,
    "friches.site_change": can_change_site,
    "friches.site_import": can_import_sites,
    "friches.project_start": can_start_project,
    "friches.project_view": can_view_project,
    "friches.project_change": can_change_project,
    "friches.project_join": can_join_project,
    "friches.project_advise": can_advise_project,
    "friches.project_thread": can_write_in_thread,
    "friches.advisor_space": can_use_advisor_space,
}


def register() -> None:
    for action, rule in RULES.items():
        platform.register_permission(action, rule)
