"""CSV downloads for the administration and the grid operators (sign-in required; 403 otherwise)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from transition.platform.core.db_router import replica_reads

from ..exports import elimines_csv, laureats_csv, raccordements_csv
from ..selectors.exports import exportable_dossiers, exportable_projets


def _projets(request):
    projets = exportable_projets(request.user)
    if projets is None:
        raise PermissionDenied("Ces fichiers sont réservés aux agents de la DGEC, des DREAL et de la CRE.")
    return projets


@login_required
@replica_reads()
def laureats(request):
    return laureats_csv(_projets(request))


@login_required
@replica_reads()
def elimines(request):
    return elimines_csv(_projets(request))


@login_required
@replica_reads()
def raccordements(request):
    dossiers = exportable_dossiers(request.user)
    if dossiers is None:
        raise PermissionDenied("Ce fichier est réservé aux agents de l’État et aux gestionnaires de réseau.")
    return raccordements_csv(dossiers)
