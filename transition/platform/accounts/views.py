"""Sign-in, sign-out and "Mes données". Views parse input, call one service, shape output."""

import json

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from transition.platform.ui.sitemap import in_sitemap

from . import api_tokens, oidc, readable, services
from .forms import AccountDeleteForm, ApiTokenForm, EmailLinkForm
from .ratelimit import RateLimited, rate_limit_check, rate_limited
from .selectors import erase_preview, personal_data, product_name

SESSION_STATE = "oidc_state"
SESSION_PROVIDER = "oidc_provider"
SESSION_ID_TOKEN = "oidc_id_token"  # noqa: S105 (a session key name)
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def _sign_in(request, sign_in: services.SignIn, provider: str = "") -> HttpResponse:
    auth_login(request, sign_in.user, backend=BACKEND)
    if provider:
        request.session[SESSION_PROVIDER] = provider
        request.session[SESSION_ID_TOKEN] = sign_in.id_token
    messages.success(request, "Vous êtes connecté.")
    return redirect(_safe_next(request, sign_in.next_url) or "accounts:my_data")


def _sign_in_failed(request, message: str) -> HttpResponse:
    """Leave the person signed out, with the reason in French."""
    auth_logout(request)
    messages.error(request, message)
    return redirect("accounts:login")


@never_cache
@require_http_methods(["GET", "POST"])
@in_sitemap("Connexion")
def login(request):
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = EmailLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            # Per IP only: the per-address limit is the service's, and never answers "too many"
            # (a stranger would lock the person out of their account).
            rate_limit_check(scope="login_email", request=request)
        except RateLimited as exc:
            response = render(
                request,
                "accounts/login.html",
                {
                    "title": "Connexion",
                    "form": form,
                    "providers": oidc.configured_providers(),
                    "next": next_url,
                    "rate_limited": exc.message,
                },
                status=429,
            )
            response["Retry-After"] = str(exc.retry_after_s)
            return response
        services.email_link_send(
            email=email,
            link_for=lambda token: request.build_absolute_uri(reverse("accounts:email_link", args=[token])),
            next_url=next_url,
        )
        request.session["email_link_sent_to"] = email
        return redirect("accounts:email_link_sent")
    return render(
        request,
        "accounts/login.html",
        {"title": "Connexion", "form": form, "providers": oidc.configured_providers(), "next": next_url},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def email_link_sent(request):
    return render(
        request,
        "accounts/email_link_sent.html",
        {"title": "Vérifiez votre messagerie", "email": request.session.get("email_link_sent_to", "")},
    )


@never_cache
@rate_limited("login_link", methods=("POST",))
@require_http_methods(["GET", "POST"])
def email_link(request, token: str):
    """GET shows a button (mail scanners follow links; they must not use up the link); POST signs in."""
    if request.method == "GET":
        try:
            services.email_link_check(token=token)
        except services.SignInError as exc:
            return _sign_in_failed(request, exc.message)
        return render(request, "accounts/email_link_confirm.html", {"title": "Se connecter"})
    try:
        sign_in = services.email_link_consume(token=token)
    except services.SignInError as exc:
        return _sign_in_failed(request, exc.message)
    return _sign_in(request, sign_in)


def _redirect_uri(request, provider: str) -> str:
    return request.build_absolute_uri(reverse(f"accounts:{provider}_callback"))


@never_cache
@rate_limited("oidc", methods=("GET",))
@require_GET
def oidc_start(request, provider: str):
    if provider not in oidc.configured_providers():
        raise Http404("Ce mode de connexion n’est pas disponible.")
    try:
        url, state = services.oidc_login_start(
            provider_slug=provider,
            redirect_uri=_redirect_uri(request, provider),
            next_url=_safe_next(request, request.GET.get("next")),
        )
    except services.SignInError as exc:
        return _sign_in_failed(request, exc.message)
    request.session[SESSION_STATE] = state
    return redirect(url)


@never_cache
@rate_limited("oidc", methods=("GET",))
@require_GET
def oidc_callback(request, provider: str):
    session_state = request.session.pop(SESSION_STATE, "")
    try:
        sign_in = services.oidc_login_complete(
            provider_slug=provider,
            state=request.GET.get("state", ""),
            session_state=session_state,
            code=request.GET.get("code", ""),
            error=request.GET.get("error", ""),
            redirect_uri=_redirect_uri(request, provider),
        )
    except services.SignInError as exc:
        return _sign_in_failed(request, exc.message)
    return _sign_in(request, sign_in, provider=provider)


@never_cache
@require_http_methods(["GET", "POST"])
def logout(request):
    if request.method == "GET":
        return render(request, "accounts/logout.html", {"title": "Se déconnecter"})
    provider = request.session.get(SESSION_PROVIDER, "")
    id_token = request.session.get(SESSION_ID_TOKEN, "")
    if request.user.is_authenticated:
        services.user_signed_out(user=request.user)
    auth_logout(request)
    end_session = (
        services.oidc_logout_start(
            provider_slug=provider,
            id_token=id_token,
            post_logout_redirect_uri=request.build_absolute_uri(reverse("accounts:logout_callback")),
        )
        if provider
        else None
    )
    if end_session:
        return redirect(end_session)
    messages.success(request, "Vous êtes déconnecté.")
    return redirect("ui:portal")


@require_GET
def logout_callback(request):
    if services.oidc_logout_complete(state=request.GET.get("state", "")):
        messages.success(request, "Vous êtes déconnecté, ici et auprès du service de connexion.")
    else:
        messages.warning(
            request,
            "Vous êtes déconnecté de ce site, mais la réponse du service de connexion n’a pas pu être vérifiée. "
            "Fermez votre navigateur si vous êtes sur un ordinateur partagé.",
        )
    return redirect("ui:portal")


@never_cache
@login_required
@require_GET
def my_data(request):
    data = personal_data(user=request.user)
    services_data = [(product_name(slug), readable.blocks(section)) for slug, section in data["services"].items()]
    organisations = sorted({role["organisation"] for role in data["roles"] if role.get("organisation")})
    return render(
        request,
        "accounts/my_data.html",
        {
            "title": "Mes données",
            "account": data["compte"],
            "roles": data["roles"],
            "organisations": organisations,
            "services_data": services_data,
            "can_issue_api_tokens": bool(api_tokens.issuable(request.user)),
        },
    )


@never_cache
@login_required
@require_GET
def my_data_export(request):
    data = services.personal_data_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"mes-donnees-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_data_delete(request):
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request,
                "accounts/my_data_delete.html",
                {"title": "Supprimer mon compte", "form": form, "consequences": erase_preview(user=request.user)},
                status=400,
            )
        user = request.user
        services.user_erase(user=user, actor=user, reason="demande de la personne")
        auth_logout(request)
        messages.success(request, "Votre compte a été supprimé et vos données personnelles effacées.")
        return redirect("ui:portal")
    return render(
        request,
        "accounts/my_data_delete.html",
        {"title": "Supprimer mon compte", "form": form, "consequences": erase_preview(user=request.user)},
    )


def _api_tokens_page(request, form, *, token_raw: str = "", status: int = 200):
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "title": "Jetons d’API",
            "form": form,
            "token_raw": token_raw,
            "tokens": api_tokens.tokens_visible_to(request.user).order_by("revoked_at", "-created_at"),
            "can_issue": bool(form.pairs),
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_token_list(request):
    """The organisation's tokens for the products' APIs; a new one is shown once, here."""
    pairs = api_tokens.issuable(request.user)
    form = ApiTokenForm(request.POST if request.method == "POST" else None, pairs=pairs)
    if request.method == "POST":
        if not form.is_valid():
            return _api_tokens_page(request, form, status=400)
        organisation, scope = form.chosen()
        _, raw = api_tokens.api_token_issue(
            organisation=organisation, scope=scope.scope, name=form.cleaned_data["name"], created_by=request.user
        )
        return _api_tokens_page(request, ApiTokenForm(pairs=pairs), token_raw=raw)
    return _api_tokens_page(request, form)


@login_required
@require_http_methods(["POST"])
def api_token_revoke(request, pk: int):
    token = get_object_or_404(api_tokens.tokens_visible_to(request.user), pk=pk)
    api_tokens.api_token_revoke(token=token, by=request.user)
    messages.success(request, f"Le jeton « {token.name} » est révoqué : il ne fonctionne plus.")
    return redirect("accounts:api_tokens")
