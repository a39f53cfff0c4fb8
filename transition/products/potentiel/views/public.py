"""The product's home page: what Potentiel does, and where each person goes next."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from transition.platform.accounts import permissions
from transition.platform.ui.sitemap import in_sitemap

from ..models import AppelOffres, Projet
from ..permissions import CANDIDATURES_IMPORT, PERIODE_NOTIFY, PROJETS_ADMIN
from ..selectors.projects import projets_of_holder


@in_sitemap("Potentiel")
@require_GET
def home(request):
    user = request.user
    signed_in = user.is_authenticated
    return render(
        request,
        "potentiel/home.html",
        {
            "title": "Potentiel",
            "appels_offres": AppelOffres.objects.count(),
            "laureats": Projet.objects.filter(statut="lauréat").count(),
            "my_projects": projets_of_holder(user).count() if signed_in else 0,
            "can_admin": signed_in and permissions.can(user, PROJETS_ADMIN),
            "can_import": signed_in and permissions.can(user, CANDIDATURES_IMPORT),
            "can_notify": signed_in and permissions.can(user, PERIODE_NOTIFY),
        },
    )
