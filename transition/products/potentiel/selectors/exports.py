"""What each reader may download: DGEC and CRE everything, a DREAL its régions, a grid operator's
agents (role grd) the dossiers of their operator. Nobody else."""

from django.db.models import QuerySet

from transition.platform.accounts.models import Membership
from transition.platform.accounts.permissions import has_role

from ..enums import Role
from ..models import DossierRaccordement, Projet
from ..permissions import PRODUCT, dreal_regions, sees_every_project


def exportable_projets(user) -> QuerySet | None:
    """The projects `user` may export, or None when they may export nothing."""
    if sees_every_project(user):
        return Projet.objects.all()
    regions = dreal_regions(user)
    if regions:
        return Projet.objects.filter(region__in=regions)
    return None


def exportable_dossiers(user) -> QuerySet | None:
    projets = exportable_projets(user)
    if projets is not None:
        return DossierRaccordement.objects.filter(raccordement__projet__in=projets)
    if has_role(user, PRODUCT, Role.GRD):
        organisations = Membership.objects.filter(user=user, product=PRODUCT, role=Role.GRD).values_list(
            "organisation_id", flat=True
        )
        return DossierRaccordement.objects.filter(raccordement__gestionnaire__organisation_id__in=organisations)
    return None
