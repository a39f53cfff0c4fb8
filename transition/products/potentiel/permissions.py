"""Every "may this person do that" rule of Potentiel, registered with the platform from apps.py and
checked alike by services, views and the API (`permissions.can(user, "potentiel.…", obj)`).

- A project holder (`porteur`) acts on the projects they hold an active access to (claimed with
  the notification's code, by the candidature's contact address, or invited).
- A DREAL agent (role `dreal` in an organisation tied to a région by `Dreal`) sees the projects of
  its région.
- DGEC agents (`dgec`, `dgec-validateur`) and the CRE (`cre`) see every project; DGEC agents import
  the CRE's files; only a `dgec-validateur` notifies a period and corrects a candidature.
- Staff with a verified second factor (`has_staff_power`) may do everything.
"""

from transition.platform.accounts.models import Membership
from transition.platform.accounts.permissions import has_role, has_staff_power, register_permission

from .domain.changes import Authority, may_instruct
from .enums import Role
from .models import Demande, DossierRaccordement, Dreal, GestionnaireReseau, Projet, ProjetAccess

PRODUCT = "potentiel"

CANDIDATURES_IMPORT = "potentiel.candidatures_import"
PERIODE_NOTIFY = "potentiel.periode_notify"
CANDIDATURE_CORRECT = "potentiel.candidature_correct"
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
    register_permission(CANDIDATURE_CORRECT, lambda user, _=None: is_dgec_validateur(user))
    register_permission(PROJET_VIEW, can_view_projet)
    register_permission(PROJET_ACT, can_act_on_projet)
    register_permission(PROJETS_ADMIN, can_see_admin_lists)
    register_workflows()


# --- workflows: requests, guarantees, grid connection, completion (potflows) -----------------------

DEMANDE_VIEW = "potentiel.demande_view"
DEMANDE_INSTRUCT = "potentiel.demande_instruct"  # take, confirm, decide a request of a project
GARANTIES_INSTRUCT = "potentiel.garanties_instruct"  # validate deposits, record, expire, release
RACCORDEMENT_GRD = "potentiel.raccordement_grd"  # a grid operator's updates on a dossier
RACCORDEMENT_ADMIN = "potentiel.raccordement_admin"  # corrections by the administration
RACCORDEMENT_DREAL = "potentiel.raccordement_dreal"  # the DREAL of the project's région, as the holder
PPA_SIGNAL = "potentiel.ppa_signal"  # signal or withdraw a PPA outside an abandon request
PROJET_MODIFY = "potentiel.projet_modify"  # the administration modifies a lauréat (domain/modifications.py)


def agent_authority(user) -> Authority | None:
    """The authority an agent acts for: the DGEC (and staff with a second factor), a DREAL, or None."""
    if is_dgec(user):
        return Authority.DGEC
    if dreal_regions(user):
        return Authority.DREAL
    return None


def can_instruct_projet(user, projet: Projet, competent: Authority = Authority.DREAL) -> bool:
    """The DGEC instructs everywhere; a DREAL agent what the DREAL instructs, in its régions."""
    authority = agent_authority(user)
    if authority is None or not may_instruct(authority, competent):
        return False
    return authority is Authority.DGEC or (bool(projet.region) and projet.region in dreal_regions(user))


def can_instruct_demande(user, demande: Demande) -> bool:
    return can_instruct_projet(user, demande.projet, Authority(demande.authority))


def can_view_demande(user, demande: Demande) -> bool:
    return can_view_projet(user, demande.projet)


def grd_operators(user) -> list[GestionnaireReseau]:
    """The grid operators whose agents (role `grd`) `user` is one of."""
    if not getattr(user, "is_authenticated", False):
        return []
    organisations = Membership.objects.filter(user=user, product=PRODUCT, role=Role.GRD).values_list(
        "organisation_id", flat=True
    )
    return list(GestionnaireReseau.objects.filter(organisation_id__in=organisations))


def can_update_as_grd(user, dossier: DossierRaccordement) -> bool:
    gestionnaire_id = dossier.raccordement.gestionnaire_id
    return gestionnaire_id is not None and any(op.pk == gestionnaire_id for op in grd_operators(user))


def register_workflows() -> None:
    register_permission(DEMANDE_VIEW, can_view_demande)
    register_permission(DEMANDE_INSTRUCT, can_instruct_demande)
    register_permission(GARANTIES_INSTRUCT, lambda user, projet: can_instruct_projet(user, projet))
    register_permission(RACCORDEMENT_GRD, can_update_as_grd)
    register_permission(RACCORDEMENT_ADMIN, lambda user, _=None: is_dgec(user))
    register_permission(RACCORDEMENT_DREAL, lambda user, projet: can_instruct_projet(user, projet))
    register_permission(PPA_SIGNAL, lambda user, projet: can_instruct_projet(user, projet))
    register_permission(PROJET_MODIFY, lambda user, projet: can_instruct_projet(user, projet))
