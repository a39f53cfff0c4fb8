"""Every "may this person do that" rule of Potentiel, registered with the platform from apps.py and
checked alike by services, views and the API (`permissions.can(user, "potentiel.…", obj)`).

- A project holder (`porteur`) acts on the projects they hold an active access to (claimed with
  the notification's code, by the candidature's contact address, or invited).
- A DREAL agent (role `dreal` in an organisation tied to a région by `Dreal`) sees the projects of
  its région.
- DGEC agents (`dgec`, `dgec-validateur`) and the CRE (`cre`) see every project; DGEC agents import
  the CRE's files; only a `dgec-validateur` notifies a period.
- Staff with a verified second factor (`has_staff_power`) may do everything.
"""

from transition.platform.accounts.models import Membership
from transition.platform.accounts.permissions import has_role, has_staff_power, register_permission

from .enums import Role
from .models import Dreal, Projet, ProjetAccess

PRODUCT = "potentiel"

CANDIDATURES_IMPORT = "potentiel.candidatures_import"
PERIODE_NOTIFY = "potentiel.periode_notify"
PROJET_VIEW = "potentiel.projet_view"
PROJET_ACT = "potentiel.projet_act"  # what a holder does on their project (requests, documents, invitations)
PROJETS_ADMIN = "potentiel.projets_admin"  # the administration's lists

DGEC_ROLES = (Role.DGEC, Role.DGEC_VALIDATEUR)
ADMIN_ROLES = (Role.DGEC, Role.DGEC_VALIDATEUR, Role.CRE, Role.DREAL)


def roles_of(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user, product=PRODUCT).values_list("role", flat=True))


def is_dgec(user) -> bool:
    return has_staff_power(user) or any(has_role(user, PRODUCT, role) for role in DGEC_ROLES)


def is_dgec_validateur(user) -> bool:
    return has_staff_power(user) or has_role(user, PRODUCT, Role.DGEC_VALIDATEUR)


def sees_every_project(user) -> bool:
    return is_dgec(user) or has_role(user, PRODUCT, Role.CRE)


def dreal_regions(user) -> set[str]:
    """The régions whose projects a DREAL agent instructs (empty for anyone else)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    organisations = Membership.objects.filter(user=user, product=PRODUCT, role=Role.DREAL).values_list(
        "organisation_id", flat=True
    )
    return set(Dreal.objects.filter(organisation_id__in=organisations).values_list("region", flat=True))


def holds_access(user, projet: Projet) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ProjetAccess.objects.filter(projet=projet, user=user, revoked_at__isnull=True).exists()


def can_view_projet(user, projet: Projet) -> bool:
    if sees_every_project(user) or holds_access(user, projet):
        return True
    return bool(projet.region) and projet.region in dreal_regions(user)


def can_act_on_projet(user, projet: Projet) -> bool:
    return has_staff_power(user) or holds_access(user, projet)


def can_see_admin_lists(user, _obj=None) -> bool:
    return sees_every_project(user) or bool(dreal_regions(user))


def register() -> None:
    register_permission(CANDIDATURES_IMPORT, lambda user, _=None: is_dgec(user))
    register_permission(PERIODE_NOTIFY, lambda user, _=None: is_dgec_validateur(user))
    register_permission(PROJET_VIEW, can_view_projet)
    register_permission(PROJET_ACT, can_act_on_projet)
    register_permission(PROJETS_ADMIN, can_see_admin_lists)
