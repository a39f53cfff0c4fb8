"""People: one's own record in a territory (profile, phone check), and for mediators the
territory's directory, entering a person from a phone call, their trips, and erasure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from transition.platform.accounts import permissions
from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check

from ..domain.schedule_text import weekdays_text
from ..enums import Source
from ..forms.fields import apply_errors
from ..forms.offers import OfferForm
from ..forms.people import MediatedPersonForm, PersonForm, PhoneCodeForm
from ..models import Person
from ..notifications import phone_code_notify
from ..permissions import MEDIATE
from ..selectors.offers import offers_of_person
from ..selectors.people import people_list, persons_of_user
from ..services.offers import offer_create
from ..services.people import (
    person_enter,
    person_erase,
    person_for_user,
    person_save_own,
    phone_check_confirm,
    phone_check_start,
)
from .common import territory_context, territory_or_404


def own_person(request, territory):
    """The signed-in person's record here, or a redirect to the profile form (then back)."""
    person = person_for_user(territory=territory, user=request.user)
    if person is None:
        url = reverse("comobi:profile", args=[territory.slug])
        return None, redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
    return person, None


def _safe_next(request, territory) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    prefix = reverse("comobi:territory", args=[territory.slug])
    return target if target.startswith(prefix) and "//" not in target else ""


@login_required
@require_GET
def mine(request):
    return render(
        request, "comobi/people/mine.html", {"title": "Mes trajets", "persons": list(persons_of_user(request.user))}
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request, slug):
    territory = territory_or_404(request, slug)
    person = person_for_user(territory=territory, user=request.user)
    initial = (
        PersonForm.initial_of(person)
        if person
        else {
            "first_name": request.user.given_name,
            "last_name": request.user.family_name,
            "contact_preference": "email",
        }
    )
    form = PersonForm(request.POST or None, initial=initial, with_email=False)
    if request.method == "POST" and form.is_valid():
        if person is None and not request.POST.get("terms"):
            form.add_error(None, "Acceptez les conditions d’utilisation du territoire pour continuer.")
        else:
            try:
                person = person_save_own(
                    territory=territory, user=request.user, data=form.data_object(email=request.user.email)
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Vos informations sont enregistrées.")
                return redirect(_safe_next(request, territory) or reverse("comobi:profile", args=[territory.slug]))
    return render(
        request,
        "comobi/people/profile.html",
        territory_context(
            request,
            territory,
            title="Mes informations",
            form=form,
            person=person,
            next=_safe_next(request, territory),
            phone_to_check=bool(person and person.phone and person.phone_verified_at is None),
            code_form=PhoneCodeForm(),
        ),
    )


@login_required
@require_POST
def phone_check(request, slug):
    territory = territory_or_404(request, slug)
    person, needs_profile = own_person(request, territory)
    if needs_profile:
        return needs_profile
    if "code" in request.POST:
        form = PhoneCodeForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError("Le code compte 6 chiffres.")
            phone_check_confirm(actor=request.user, person=person, code=form.cleaned_data["code"])
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, "Votre numéro de téléphone est vérifié.")
    else:
        try:
            rate_limit_check(scope="comobi_phone_code", request=request)
            code = phone_check_start(actor=request.user, person=person)
            phone_code_notify(person, code)
        except RateLimited as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.info(request, "Un code vous a été envoyé par SMS : saisissez-le ci-dessous (il vaut 15 minutes).")
    return redirect("comobi:profile", slug=territory.slug)


# --- for mediators ----------------------------------------------------------------------------------


@login_required
@require_GET
def people(request, slug):
    territory = territory_or_404(request, slug)
    permissions.require(request.user, MEDIATE, territory)
    q, role = request.GET.get("q", "")[:100], request.GET.get("role", "")
    found = people_list(territory=territory, q=q, role=role)
    page = list(found[:300])
    return render(
        request,
        "comobi/people/list.html",
        territory_context(
            request,
            territory,
            title="Personnes",
            people=page,
            total=found.count(),
            q=q,
            role=role,
            truncated=len(page) == 300,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_new(request, slug):
    territory = territory_or_404(request, slug)
    permissions.require(request.user, MEDIATE, territory)
    form = MediatedPersonForm(request.POST or None, initial={"contact_preference": "telephone"})
    if request.method == "POST" and form.is_valid():
        try:
            person = person_enter(
                actor=request.user,
                territory=territory,
                data=form.data_object(),
                data_consent=form.cleaned_data["data_consent"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{person.full_name} est enregistré·e.")
            return redirect("comobi:person_detail", slug=territory.slug, pk=person.pk)
    return render(
        request,
        "comobi/people/new.html",
        territory_context(request, territory, title="Enregistrer une personne", form=form),
    )


def _person(request, territory, pk) -> Person:
    permissions.require(request.user, MEDIATE, territory)
    return get_object_or_404(Person, pk=pk, territory=territory)


@login_required
@require_http_methods(["GET", "POST"])
def person_detail(request, slug, pk):
    territory = territory_or_404(request, slug)
    person = _person(request, territory, pk)
    form = MediatedPersonForm(request.POST or None, initial=MediatedPersonForm.initial_of(person))
    if request.method == "POST" and form.is_valid():
        try:
            person_enter(
                actor=request.user, territory=territory, data=form.data_object(), data_consent=True, person=person
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Informations enregistrées.")
            return redirect("comobi:person_detail", slug=territory.slug, pk=person.pk)
    offers = [(offer, weekdays_text(offer.weekday_set)) for offer in offers_of_person(person=person)]
    return render(
        request,
        "comobi/people/detail.html",
        territory_context(
            request,
            territory,
            title=person.full_name,
            person=person,
            form=form,
            offers=offers,
            requests=person.requests.order_by("-created_at")[:50],
            has_account=person.user_id is not None,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_offer_new(request, slug, pk):
    territory = territory_or_404(request, slug)
    person = _person(request, territory, pk)
    form = OfferForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            offer_create(actor=request.user, driver=person, data=form.data_object(), source=Source.MEDIATEUR)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Trajet de {person.full_name} enregistré.")
            return redirect("comobi:person_detail", slug=territory.slug, pk=person.pk)
    return render(
        request,
        "comobi/offers/form.html",
        territory_context(request, territory, title=f"Trajet proposé par {person.full_name}", form=form, person=person),
    )


@login_required
@require_POST
def person_erase_view(request, slug, pk):
    territory = territory_or_404(request, slug)
    person = _person(request, territory, pk)
    if request.POST.get("confirm") != "oui":
        messages.error(request, "Cochez la confirmation pour effacer les données de cette personne.")
        return redirect("comobi:person_detail", slug=territory.slug, pk=person.pk)
    person_erase(actor=request.user, person=person, reason="demande au médiateur")
    messages.success(request, "Les données de la personne sont effacées ; ses trajets restent comptés, anonymes.")
    return redirect("comobi:people", slug=territory.slug)
