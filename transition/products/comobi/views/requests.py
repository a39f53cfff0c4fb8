"""A passenger's own requests: ask, see the matching drivers (anonymised, by band, on a map),
take a consenting driver's contact, hand the request to the mediator, confirm or cancel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from transition.platform.accounts import permissions
from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check
from transition.platform.notify.phone import phone_display

from ..domain.schedule_text import weekdays_text
from ..enums import CarpoolStatus, Direction, RequestStatus
from ..forms.fields import apply_errors
from ..forms.mediation import ConfirmForm
from ..forms.requests import RequestForm
from ..models import Carpool, Offer, TripRequest
from ..notifications import driver_contacted_notify, request_handed_notify
from ..permissions import REQUEST_MANAGE
from ..selectors.requests import need_of, requests_of_person_user, revealed_offer_ids
from ..selectors.search import banded, search
from ..services.carpools import carpool_confirm, carpool_status_set
from ..services.requests import driver_contact_reveal, request_cancel, request_create, request_hand_to_mediator
from .common import territory_context, territory_or_404
from .maps import request_map_data
from .people import own_person


def _request(request, territory, pk) -> TripRequest:
    trip_request = get_object_or_404(TripRequest.objects.select_related("passenger"), pk=pk, territory=territory)
    permissions.require(request.user, REQUEST_MANAGE, trip_request)
    return trip_request


@login_required
@require_GET
def request_list(request, slug):
    territory = territory_or_404(request, slug)
    person, needs_profile = own_person(request, territory)
    if needs_profile:
        return needs_profile
    requests = [
        (r, weekdays_text(r.weekday_set)) for r in requests_of_person_user(territory=territory, user=request.user)
    ]
    return render(
        request,
        "comobi/requests/list.html",
        territory_context(request, territory, title="Mes demandes de trajet", requests=requests),
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request, slug):
    territory = territory_or_404(request, slug)
    person, needs_profile = own_person(request, territory)
    if needs_profile:
        return needs_profile
    initial = {key: request.GET[key] for key in ("origin", "destination", "day") if key in request.GET}
    form = RequestForm(request.POST or None, territory=territory, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = request_create(actor=request.user, passenger=person, data=form.data_object())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Votre demande est enregistrée. Voici les conducteurs qui peuvent vous emmener.")
            return redirect("comobi:request_detail", slug=territory.slug, pk=created.pk)
    return render(
        request,
        "comobi/requests/form.html",
        territory_context(request, territory, title="Demander un trajet", form=form),
    )


def matches_of(trip_request: TripRequest) -> dict:
    """The request's matches, outward and (when wanted) back, for the passenger and the mediator."""
    exclude = trip_request.passenger_id
    outward = search(territory=trip_request.territory, need=need_of(trip_request), exclude_person_id=exclude)
    back = []
    if trip_request.return_wanted:
        back = search(
            territory=trip_request.territory, need=need_of(trip_request, back=True), exclude_person_id=exclude
        )
    return {"outward": outward, "back": back}


@login_required
@require_GET
def request_detail(request, slug, pk):
    territory = territory_or_404(request, slug)
    trip_request = _request(request, territory, pk)
    found = matches_of(trip_request) if trip_request.status != RequestStatus.CLOSE else {"outward": [], "back": []}
    revealed = revealed_offer_ids(request=trip_request)
    revealed_offers = Offer.objects.select_related("driver").filter(pk__in=revealed)
    return render(
        request,
        "comobi/requests/detail.html",
        territory_context(
            request,
            territory,
            title="Ma demande de trajet",
            trip_request=trip_request,
            days_text=weekdays_text(trip_request.weekday_set),
            outward_bands=banded(found["outward"]),
            back_bands=banded(found["back"]),
            outward_total=len(found["outward"]),
            back_total=len(found["back"]),
            revealed=revealed,
            revealed_offers=revealed_offers,
            carpools=[
                (c, c.status == CarpoolStatus.CONFIRMEE)
                for c in trip_request.carpools.select_related("driver").order_by("day", "pickup_time")
            ],
            is_open=trip_request.status != RequestStatus.CLOSE,
            is_handed=trip_request.handed_to_mediator_at is not None,
            map_data=request_map_data(trip_request, found["outward"]),
            confirm_form=ConfirmForm(initial={"day": trip_request.day}),
            directions=Direction.choices,
        ),
    )


@login_required
@require_POST
def request_reveal(request, slug, pk, offer_pk):
    territory = territory_or_404(request, slug)
    trip_request = _request(request, territory, pk)
    offer = get_object_or_404(Offer.objects.select_related("driver"), pk=offer_pk, territory=territory)
    try:
        rate_limit_check(scope="comobi_contact", request=request)
        with transaction.atomic():
            already = offer.pk in revealed_offer_ids(request=trip_request)
            driver_contact_reveal(actor=request.user, request=trip_request, offer=offer)
            if not already:
                driver_contacted_notify(offer)
    except RateLimited as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            f"Voici les coordonnées de {offer.driver.public_name} : appelez-le ou écrivez-lui pour convenir du trajet.",
        )
    return redirect(f"{_detail_url(territory, trip_request)}#coordonnees")


def _detail_url(territory, trip_request) -> str:
    return reverse("comobi:request_detail", args=[territory.slug, trip_request.pk])


@login_required
@require_POST
def request_hand(request, slug, pk):
    territory = territory_or_404(request, slug)
    trip_request = _request(request, territory, pk)
    first = trip_request.handed_to_mediator_at is None
    try:
        with transaction.atomic():
            request_hand_to_mediator(actor=request.user, request=trip_request)
            if first:
                request_handed_notify(trip_request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        phone = f" Vous pouvez aussi l’appeler au {phone_display(territory.phone)}." if territory.phone else ""
        messages.success(request, f"Votre demande est confiée au médiateur du territoire : il vous recontacte.{phone}")
    return redirect("comobi:request_detail", slug=territory.slug, pk=trip_request.pk)


@login_required
@require_http_methods(["GET", "POST"])
def request_cancel_view(request, slug, pk):
    """Closing a request cannot be undone by the passenger: asked once more before it is done."""
    territory = territory_or_404(request, slug)
    trip_request = _request(request, territory, pk)
    if request.method == "GET" or request.POST.get("confirm") != "oui":
        return render(
            request,
            "comobi/requests/cancel.html",
            territory_context(request, territory, title="Annuler ma demande", trip_request=trip_request),
        )
    request_cancel(actor=request.user, request=trip_request)
    messages.success(request, "Votre demande est annulée.")
    return redirect("comobi:request_list", slug=territory.slug)


@login_required
@require_POST
def request_carpool(request, slug, pk):
    """The passenger agreed a trip with a driver they contacted directly."""
    territory = territory_or_404(request, slug)
    trip_request = _request(request, territory, pk)
    form = ConfirmForm(request.POST)
    offer = None
    if form.is_valid() and form.cleaned_data.get("offer"):
        offer = Offer.objects.filter(pk=form.cleaned_data["offer"], territory=territory).first()
    if not form.is_valid() or offer is None:
        messages.error(request, "Indiquez la date et l’heure de prise en charge convenues.")
        return redirect("comobi:request_detail", slug=territory.slug, pk=trip_request.pk)
    try:
        carpool_confirm(
            actor=request.user,
            request=trip_request,
            offer=offer,
            day=form.cleaned_data["day"],
            pickup_time=form.cleaned_data["pickup_time"],
            direction=form.cleaned_data["direction"],
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Trajet enregistré. Bon voyage ! Un rappel vous sera envoyé la veille.")
    return redirect("comobi:request_detail", slug=territory.slug, pk=trip_request.pk)


@login_required
@require_http_methods(["GET", "POST"])
def carpool_cancel(request, slug, pk):
    """A passenger or a driver calls off a confirmed trip, after a confirmation page: the other
    person is told, so a slip of the finger must not do it."""
    territory = territory_or_404(request, slug)
    carpool = get_object_or_404(
        Carpool.objects.select_related("request", "driver", "passenger"), pk=pk, territory=territory
    )
    is_passenger = carpool.passenger.user_id == request.user.pk
    if not is_passenger and carpool.driver.user_id != request.user.pk:
        raise Http404
    back = (
        reverse("comobi:request_detail", args=[territory.slug, carpool.request_id])
        if is_passenger
        else reverse("comobi:offer_list", args=[territory.slug])
    )
    if request.method == "GET" or request.POST.get("confirm") != "oui":
        other = carpool.driver if is_passenger else carpool.passenger
        return render(
            request,
            "comobi/requests/carpool_cancel.html",
            territory_context(request, territory, title="Annuler ce trajet", carpool=carpool, other=other, back=back),
        )
    try:
        carpool_status_set(actor=request.user, carpool=carpool, status=CarpoolStatus.ANNULEE)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Trajet annulé ; l’autre personne est prévenue.")
    return redirect(back)
