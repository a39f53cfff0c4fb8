"""The mediators' back-office: requests by status, phone intake, a request with its ranked
drivers (full contacts), the contact log, confirming a trip, its outcome, the follow-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from transition.platform.accounts import permissions

from ..domain.carpool_status import CarpoolStatus as CarpoolStatusValue
from ..domain.carpool_status import statuses_open as carpool_statuses_open
from ..domain.schedule_text import weekdays_text
from ..enums import CarpoolStatus, Direction, RequestStatus, Source
from ..forms.fields import apply_errors
from ..forms.mediation import CarpoolStatusForm, ConfirmForm, ContactForm, RequestFilterForm, StatusForm
from ..forms.people import MediatedPersonForm
from ..forms.requests import RequestForm
from ..models import Carpool, Offer, Person, TripRequest
from ..permissions import MEDIATE
from ..selectors.carpools import carpools_recent, carpools_to_close, carpools_upcoming
from ..selectors.requests import RequestFilters, contacts_of, request_list, request_status_counts
from ..selectors.search import banded
from ..selectors.territories import territories_of
from ..services.carpools import carpool_confirm, carpool_status_set
from ..services.people import person_enter, person_find_by_phone
from ..services.requests import contact_log_add, request_create, request_status_set, request_take
from .common import territory_context, territory_or_404
from .maps import request_map_data
from .requests import matches_of


def _mediated(request, slug):
    territory = territory_or_404(request, slug)
    permissions.require(request.user, MEDIATE, territory)
    return territory


def _request(territory, pk) -> TripRequest:
    return get_object_or_404(TripRequest.objects.select_related("passenger", "mediator"), pk=pk, territory=territory)


@login_required
@require_GET
def mediation_home(request):
    territories = list(territories_of(request.user))
    if len(territories) == 1:
        return redirect("comobi:mediation", slug=territories[0].slug)
    return render(request, "comobi/mediation/home.html", {"title": "Médiation", "territories": territories})


@login_required
@require_GET
def dashboard(request, slug):
    territory = _mediated(request, slug)
    form = RequestFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = RequestFilters(
        status=data.get("statut") or "",
        q=data.get("q") or "",
        mine_only=bool(data.get("miennes")),
        handed_only=bool(data.get("confiees")),
    )
    requests = request_list(territory=territory, filters=filters, user=request.user)
    page = list(requests[:300])
    return render(
        request,
        "comobi/mediation/dashboard.html",
        territory_context(
            request,
            territory,
            title="Médiation",
            form=form,
            requests=page,
            total=requests.count(),
            truncated=len(page) == 300,
            counts=request_status_counts(territory=territory),
            upcoming=carpools_upcoming(territory=territory),
            to_close=carpools_to_close(territory=territory),
            filtered=bool(request.GET),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def intake(request, slug):
    """A phoned-in request, in a few fields: who (found again by phone) and which trip."""
    territory = _mediated(request, slug)
    # From a person's page: the request is theirs, even without a phone number to find them by.
    chosen = _chosen_person(territory, request.GET.get("personne", ""))
    initial = MediatedPersonForm.initial_of(chosen) if chosen else {"contact_preference": "telephone"}
    person_form = MediatedPersonForm(request.POST or None, prefix="p", initial=initial)
    request_form = RequestForm(request.POST or None, prefix="r", territory=territory)
    known = chosen
    if request.method == "POST":
        if chosen is None:
            known = person_find_by_phone(territory=territory, phone=request.POST.get("p-phone", ""))
        if person_form.is_valid() and request_form.is_valid():
            try:
                with transaction.atomic():
                    passenger = person_enter(
                        actor=request.user,
                        territory=territory,
                        data=person_form.data_object(),
                        data_consent=person_form.cleaned_data["data_consent"] or known is not None,
                        person=known,
                    )
                    created = request_create(
                        actor=request.user,
                        passenger=passenger,
                        data=request_form.data_object(),
                        source=Source.MEDIATEUR,
                    )
            except ValidationError as exc:
                apply_errors(
                    person_form
                    if any(k in person_form.fields for k in getattr(exc, "error_dict", {}))
                    else request_form,
                    exc,
                )
            else:
                messages.success(
                    request, f"Demande de {passenger.full_name} enregistrée : voici les conducteurs possibles."
                )
                return redirect("comobi:mediation_request", slug=territory.slug, pk=created.pk)
    return render(
        request,
        "comobi/mediation/intake.html",
        territory_context(
            request,
            territory,
            title="Saisir une demande reçue par téléphone",
            person_form=person_form,
            request_form=request_form,
            known=known,
            chosen=chosen,
        ),
    )


def _chosen_person(territory, pk: str) -> Person | None:
    if not pk.isdigit():
        return None
    return get_object_or_404(Person, pk=int(pk), territory=territory)


def _drivers(found) -> list[Person]:
    seen, drivers = set(), []
    for item in found:
        if item.offer.driver_id not in seen:
            seen.add(item.offer.driver_id)
            drivers.append(item.offer.driver)
    return drivers


@login_required
@require_GET
def request_detail(request, slug, pk):
    territory = _mediated(request, slug)
    trip_request = _request(territory, pk)
    found = matches_of(trip_request)
    drivers = _drivers(found["outward"] + found["back"])
    other_drivers = (
        Person.objects.filter(territory=territory, offers__isnull=False)
        .exclude(pk__in=[d.pk for d in drivers])
        .distinct()
    )
    carpools = trip_request.carpools.select_related("driver").order_by("day", "pickup_time")
    return render(
        request,
        "comobi/mediation/request.html",
        territory_context(
            request,
            territory,
            title=f"Demande de {trip_request.passenger.full_name}",
            trip_request=trip_request,
            passenger=trip_request.passenger,
            days_text=weekdays_text(trip_request.weekday_set),
            outward_bands=banded(found["outward"]),
            back_bands=banded(found["back"]),
            outward_total=len(found["outward"]),
            back_total=len(found["back"]),
            contacts=contacts_of(request=trip_request),
            contact_form=ContactForm(),
            confirm_form=ConfirmForm(drivers=[*drivers, *other_drivers], initial={"day": trip_request.day}),
            status_form=StatusForm(current=trip_request.status),
            carpools=[(c, _carpool_actions(c)) for c in carpools],
            is_mine=trip_request.mediator_id == request.user.pk,
            is_closed=trip_request.status == RequestStatus.CLOSE,
            map_data=request_map_data(trip_request, found["outward"]),
            directions=Direction.choices,
        ),
    )


CARPOOL_ACTION_LABELS = {
    CarpoolStatus.EFFECTUEE: "Effectué",
    CarpoolStatus.ANNULEE: "Annulé",
    CarpoolStatus.ABSENT: "Absence",
    CarpoolStatus.CONFIRMEE: "Remettre en « confirmé »",
}


def _carpool_actions(carpool: Carpool) -> list[tuple[str, str]]:
    allowed = carpool_statuses_open(CarpoolStatusValue(carpool.status), day=carpool.day, today=timezone.localdate())
    return [(status.value, CARPOOL_ACTION_LABELS[status]) for status in CarpoolStatus if status.value in allowed]


@login_required
@require_POST
def request_take_view(request, slug, pk):
    territory = _mediated(request, slug)
    trip_request = _request(territory, pk)
    request_take(actor=request.user, request=trip_request)
    messages.success(request, "Vous suivez cette demande.")
    return redirect("comobi:mediation_request", slug=territory.slug, pk=trip_request.pk)


@login_required
@require_POST
def contact_add(request, slug, pk):
    territory = _mediated(request, slug)
    trip_request = _request(territory, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        offer = Offer.objects.filter(pk=data["offer"], territory=territory).first() if data.get("offer") else None
        person = Person.objects.filter(pk=data["person"], territory=territory).first() if data.get("person") else None
        try:
            contact_log_add(
                actor=request.user,
                request=trip_request,
                channel=data["channel"],
                answer=data["answer"],
                note=data["note"],
                offer=offer,
                person=person,
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, "Contact noté.")
    else:
        messages.error(request, "Choisissez le moyen et la réponse.")
    return redirect(reverse("comobi:mediation_request", args=[territory.slug, trip_request.pk]) + "#journal")


@login_required
@require_POST
def carpool_new(request, slug, pk):
    territory = _mediated(request, slug)
    trip_request = _request(territory, pk)
    drivers = Person.objects.filter(territory=territory)
    form = ConfirmForm(request.POST, drivers=drivers)
    if not form.is_valid():
        messages.error(request, "Indiquez le conducteur, la date et l’heure de prise en charge.")
        return redirect("comobi:mediation_request", slug=territory.slug, pk=trip_request.pk)
    data = form.cleaned_data
    offer = Offer.objects.filter(pk=data["offer"], territory=territory).first() if data.get("offer") else None
    driver = drivers.filter(pk=data["driver"]).first() if data.get("driver") else None
    try:
        carpool = carpool_confirm(
            actor=request.user,
            request=trip_request,
            offer=offer,
            driver=driver,
            day=data["day"],
            pickup_time=data["pickup_time"],
            direction=data["direction"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Trajet confirmé le {carpool.day:%d/%m/%Y} à {carpool.pickup_time:%H:%M} avec {carpool.driver.full_name} ; "
            "le passager et le conducteur sont prévenus selon leur préférence (sauf à moins d’une heure du départ : appelez-les).",
        )
    return redirect("comobi:mediation_request", slug=territory.slug, pk=trip_request.pk)


@login_required
@require_POST
def request_status(request, slug, pk):
    territory = _mediated(request, slug)
    trip_request = _request(territory, pk)
    form = StatusForm(request.POST, current=trip_request.status)
    if not form.is_valid():
        messages.error(request, "Ce changement d’état n’est pas possible.")
    else:
        try:
            request_status_set(
                actor=request.user,
                request=trip_request,
                status=form.cleaned_data["status"],
                outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Demande : {trip_request.get_status_display()}.")
    return redirect("comobi:mediation_request", slug=territory.slug, pk=trip_request.pk)


@login_required
@require_POST
def carpool_status(request, slug, pk):
    territory = _mediated(request, slug)
    carpool = get_object_or_404(
        Carpool.objects.select_related("request", "driver", "passenger"), pk=pk, territory=territory
    )
    form = CarpoolStatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("État inconnu.")
        carpool_status_set(actor=request.user, carpool=carpool, status=form.cleaned_data["status"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Trajet du {carpool.day:%d/%m/%Y} : {carpool.get_status_display().lower()}.")
    target = request.POST.get("next", "")
    if target == "trajets":
        return redirect("comobi:carpools", slug=territory.slug)
    return redirect("comobi:mediation_request", slug=territory.slug, pk=carpool.request_id)


@login_required
@require_GET
def carpools(request, slug):
    territory = _mediated(request, slug)
    return render(
        request,
        "comobi/mediation/carpools.html",
        territory_context(
            request,
            territory,
            title="Trajets confirmés",
            upcoming=[(c, _carpool_actions(c)) for c in carpools_upcoming(territory=territory, days=60)],
            to_close=[(c, _carpool_actions(c)) for c in carpools_to_close(territory=territory)],
            recent=carpools_recent(territory=territory),
        ),
    )
