"""A driver's own trips: list, offer, edit, pause, resume, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from transition.platform.accounts import permissions

from ..domain.schedule_text import weekdays_text
from ..enums import OfferStatus
from ..forms.fields import apply_errors
from ..forms.offers import OfferForm
from ..models import Offer
from ..permissions import OFFER_MANAGE
from ..selectors.carpools import carpools_of_driver
from ..selectors.offers import offers_of_person
from ..services.offers import offer_create as offer_create_service
from ..services.offers import offer_status_set, offer_update
from .common import territory_context, territory_or_404
from .people import own_person

STATUS_ACTIONS = {"pause": OfferStatus.PAUSED, "reprendre": OfferStatus.ACTIVE, "retirer": OfferStatus.WITHDRAWN}
STATUS_MESSAGES = {
    OfferStatus.PAUSED: "Trajet mis en pause : il n’est plus proposé aux passagers.",
    OfferStatus.ACTIVE: "Trajet de nouveau proposé aux passagers.",
    OfferStatus.WITHDRAWN: "Trajet retiré.",
}


@login_required
@require_http_methods(["GET"])
def offer_list(request, slug):
    territory = territory_or_404(request, slug)
    person, needs_profile = own_person(request, territory)
    if needs_profile:
        return needs_profile
    offers = [(offer, weekdays_text(offer.weekday_set)) for offer in offers_of_person(person=person)]
    return render(
        request,
        "comobi/offers/list.html",
        territory_context(
            request,
            territory,
            title="Mes trajets proposés",
            person=person,
            offers=offers,
            carpools=list(carpools_of_driver(driver=person)),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request, slug):
    territory = territory_or_404(request, slug)
    person, needs_profile = own_person(request, territory)
    if needs_profile:
        return needs_profile
    form = OfferForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            offer_create_service(actor=request.user, driver=person, data=form.data_object())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Votre trajet est proposé aux passagers du territoire. Merci !")
            return redirect("comobi:offer_list", slug=territory.slug)
    return render(
        request,
        "comobi/offers/form.html",
        territory_context(request, territory, title="Proposer un trajet", form=form, person=person),
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, slug, pk):
    territory = territory_or_404(request, slug)
    offer = get_object_or_404(Offer.objects.select_related("driver"), pk=pk, territory=territory)
    permissions.require(request.user, OFFER_MANAGE, offer)
    if offer.status == OfferStatus.WITHDRAWN:
        messages.error(request, "Ce trajet a été retiré : proposez-en un nouveau.")
        return redirect("comobi:offer_list", slug=territory.slug)
    form = OfferForm(request.POST or None, territory=territory, initial=OfferForm.initial_of(offer))
    if request.method == "POST" and form.is_valid():
        try:
            offer_update(actor=request.user, offer=offer, data=form.data_object())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Trajet modifié.")
            return _back(request, territory, offer)
    return render(
        request,
        "comobi/offers/form.html",
        territory_context(request, territory, title="Modifier le trajet", form=form, offer=offer, person=offer.driver),
    )


def _back(request, territory, offer):
    if offer.driver.user_id == request.user.pk:
        return redirect("comobi:offer_list", slug=territory.slug)
    return redirect("comobi:person_detail", slug=territory.slug, pk=offer.driver_id)


@login_required
@require_http_methods(["GET", "POST"])
def offer_status(request, slug, pk, action):
    """Pause and resume at once; withdrawing cannot be undone, so it is asked once more first."""
    territory = territory_or_404(request, slug)
    offer = get_object_or_404(Offer.objects.select_related("driver"), pk=pk, territory=territory)
    status = STATUS_ACTIONS.get(action)
    if status is None:
        messages.error(request, "Action inconnue.")
        return _back(request, territory, offer)
    if status == OfferStatus.WITHDRAWN and (request.method == "GET" or request.POST.get("confirm") != "oui"):
        permissions.require(request.user, OFFER_MANAGE, offer)
        back = _back(request, territory, offer).url
        return render(
            request,
            "comobi/offers/withdraw.html",
            territory_context(
                request,
                territory,
                title="Retirer ce trajet",
                offer=offer,
                days=weekdays_text(offer.weekday_set),
                back=back,
            ),
        )
    if request.method == "GET":
        return _back(request, territory, offer)
    try:
        offer_status_set(actor=request.user, offer=offer, status=status)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, STATUS_MESSAGES[status])
    return _back(request, territory, offer)
