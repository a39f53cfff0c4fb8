"""Reading projects: a holder's projects with their deadlines and to-dos, the administration's
lists (a DREAL sees its région), the periods awaiting notification."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from ..domain import dates
from ..enums import Statut, StatutLaureat
from ..models import Periode, Projet
from ..permissions import dreal_regions, sees_every_project
from .referential import projet_must_choose_cdc


@dataclass(frozen=True)
class Todo:
    label: str
    url: str = ""
    due: dt.date | None = None
    urgent: bool = False


@dataclass(frozen=True)
class Deadline:
    label: str
    date: dt.date


# Other modules of Potentiel (guarantees, grid connection, requests) add their to-dos and
# deadlines here: a provider takes (projet, user) and returns a list.
_todo_providers: list[Callable] = []
_deadline_providers: list[Callable] = []


def register_todo_provider(provider: Callable) -> None:
    if provider not in _todo_providers:
        _todo_providers.append(provider)


def register_deadline_provider(provider: Callable) -> None:
    if provider not in _deadline_providers:
        _deadline_providers.append(provider)


def projets_of_holder(user) -> QuerySet[Projet]:
    return (
        Projet.objects.filter(accesses__user=user, accesses__revoked_at__isnull=True)
        .select_related("appel_offres", "periode")
        .distinct()
        .order_by("-date_notification", "nom_projet")
    )


def projets_awaiting_contact(user) -> QuerySet[Projet]:
    """Notified projects whose candidature's contact address is the user's (proven by signing
    in) and that the user does not hold yet."""
    return (
        Projet.objects.filter(email_contact__iexact=user.email, date_notification__isnull=False)
        .exclude(accesses__user=user, accesses__revoked_at__isnull=True)
        .select_related("appel_offres", "periode")
        .order_by("-date_notification", "nom_projet")
    )


def projet_deadlines(projet: Projet, user=None) -> list[Deadline]:
    found = []
    if projet.is_active_laureat and projet.date_achevement_previsionnelle:
        found.append(Deadline("Achèvement prévisionnel", projet.date_achevement_previsionnelle))
    # The guarantees' due date comes from the current guarantees (those of the candidature become
    # current at designation: services/designation.py), through the workflows' provider.
    for provider in _deadline_providers:
        found.extend(provider(projet, user))
    return sorted(found, key=lambda d: d.date)


def projet_todos(projet: Projet, user=None, *, today: dt.date | None = None) -> list[Todo]:
    today = today or timezone.localdate()
    todos = []
    if projet.is_active_laureat:
        if projet_must_choose_cdc(projet):
            todos.append(
                Todo(
                    "Choisir un cahier des charges modificatif pour pouvoir déclarer ou demander des changements",
                    reverse("potentiel:projet", args=[projet.pk]),
                )
            )
        planned = projet.date_achevement_previsionnelle
        if planned and today <= planned:
            reminders = dates.completion_reminders(planned)
            if today >= reminders[3]:
                todos.append(
                    Todo(
                        "Transmettre l’attestation de conformité avant la date d’achèvement prévisionnelle",
                        due=planned,
                        urgent=today >= reminders[1],
                    )
                )
    for provider in _todo_providers:
        todos.extend(provider(projet, user))
    return todos


ADMIN_LIST_FIELDS = (
    "id",
    "identifiant",
    "nom_projet",
    "appel_offres_id",
    "periode__identifiant",
    "famille",
    "numero_cre",
    "statut",
    "statut_laureat",
    "date_notification",
    "date_achevement_previsionnelle",
)


def admin_projets(
    user, *, appel_offres: str = "", periode: str = "", statut: str = "", q: str = ""
) -> QuerySet[Projet]:
    # Only what the list shows: the appel d'offres' and période's rules (JSON) and the
    # candidature's details would be read and decoded for every row of every page.
    projets = Projet.objects.select_related("periode").only(*ADMIN_LIST_FIELDS)
    if not sees_every_project(user):
        projets = projets.filter(region__in=dreal_regions(user))
    if appel_offres:
        projets = projets.filter(appel_offres_id=appel_offres)
    if periode:
        projets = projets.filter(periode__identifiant=periode)
    if statut == StatutLaureat.ABANDONNE or statut == StatutLaureat.ACHEVE or statut == StatutLaureat.ACTIF:
        projets = projets.filter(statut=Statut.LAUREAT, statut_laureat=statut)
    elif statut:
        projets = projets.filter(statut=statut)
    if q:
        # On PostgreSQL each `icontains` (UPPER(col) LIKE UPPER('%q%')) is served by a pg_trgm GIN
        # index on UPPER(col) (migration 0004); SQLite scans, which is fine at its sizes.
        projets = projets.filter(
            Q(nom_projet__icontains=q) | Q(identifiant__icontains=q) | Q(nom_candidat__icontains=q)
        )
    return projets.order_by("identifiant")


# The administration's list pages by keyset on the unique, indexed `identifiant`
# (`AO#Période#Famille#NuméroCRE`, so projects stay grouped by appel d'offres then période):
# a page deep in the list costs what the first one does, unlike OFFSET. Its total is counted up
# to COUNT_CAP only: past it the page says "plus de 1 000".
PAGE_SIZE = 50
COUNT_CAP = 1000


@dataclass(frozen=True)
class KeysetPage:
    projets: list
    previous_cursor: str  # `avant=` of the previous page ("" on the first page)
    next_cursor: str  # `après=` of the next page ("" on the last page)
    count: int  # capped at COUNT_CAP + 1
    capped: bool

    @property
    def has_other_pages(self) -> bool:
        return bool(self.previous_cursor or self.next_cursor)


def keyset_page(projets: QuerySet[Projet], *, apres: str = "", avant: str = "", size: int | None = None) -> KeysetPage:
    """One page of `projets` (ordered by `identifiant`) after the cursor `apres`, or before the
    cursor `avant` (going back); neither: the first page."""
    size = size or PAGE_SIZE
    if avant:
        rows = list(projets.filter(identifiant__lt=avant).order_by("-identifiant")[: size + 1])
        more_before = len(rows) > size
        rows = rows[:size][::-1]
        previous_cursor = rows[0].identifiant if rows and more_before else ""
        next_cursor = rows[-1].identifiant if rows else ""
    else:
        page = projets.filter(identifiant__gt=apres) if apres else projets
        rows = list(page.order_by("identifiant")[: size + 1])
        more_after = len(rows) > size
        rows = rows[:size]
        next_cursor = rows[-1].identifiant if rows and more_after else ""
        previous_cursor = rows[0].identifiant if rows and apres else ""
    cap = COUNT_CAP
    count = projets.order_by()[: cap + 1].count()
    return KeysetPage(rows, previous_cursor, next_cursor, count, count > cap)


def periodes_with_candidatures() -> QuerySet[Periode]:
    """Periods holding candidatures, with how many await notification."""
    return (
        Periode.objects.filter(projets__isnull=False)
        .annotate(
            candidatures=Count("projets", distinct=True),
            a_notifier=Count("projets", filter=Q(projets__date_notification__isnull=True), distinct=True),
        )
        .select_related("appel_offres")
        .order_by("appel_offres_id", "rank")
    )
