"""Writes of accounts: sign-in and sign-out, emailed links, roles, "Mes données", inactivity.

Each service takes keyword-only arguments; what is logged goes to the audit log.
"""

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from transition.platform.audit.services import event_record
from transition.platform.notify.services import Trusted, email_send

from . import oidc
from .domain import siret as siret_rules
from .enums import OrganisationKind, Provider, StatePurpose
from .erasure import identifiers_of, personal_texts_scrub
from .models import EmailLoginToken, Membership, OIDCIdentity, OIDCState, Organisation, SignInFailureCount, User
from .registry import personal_data_sources
from .roles import role_exists

logger = logging.getLogger(__name__)

STATE_UNKNOWN = "Cette demande de connexion n’est pas reconnue ou a déjà servi. Vous n’êtes pas connecté : recommencez."
LINK_INVALID = "Ce lien de connexion n’est pas valide ou a déjà servi. Demandez-en un nouveau."
LINK_EXPIRED = "Ce lien de connexion a expiré (il vaut 15 minutes). Demandez-en un nouveau."
LINK_UNKNOWN = "lien inconnu"
PROVIDER_REFUSED = "La connexion a été annulée ou refusée par le service de connexion. Vous n’êtes pas connecté."


class SignInError(Exception):
    def __init__(self, message: str, *, detail: str = ""):
        super().__init__(detail or message)
        self.message = message
        self.detail = detail


def _token() -> str:
    return secrets.token_urlsafe(32)  # 43 characters


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _failed(*, method: str, detail: str) -> None:
    logger.warning("Connexion refusée (%s) : %s", method, detail)
    event_record(actor=None, action="accounts.sign_in_failed", payload={"method": method, "reason": detail[:200]})


def sign_in_failure_count(*, method: str, reason: str) -> None:
    """Count a failure anyone can cause without having started anything here (a GET of a
    provider's callback URL, a wrong admin password): one row per day, method and reason, so that
    a stranger cannot fill the audit log."""
    logger.info("Connexion refusée (%s) : %s", method, reason)
    keys = {"day": timezone.localdate(), "method": method[:30], "reason": reason[:100]}
    if SignInFailureCount.objects.filter(**keys).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            SignInFailureCount.objects.create(**keys, count=1)
    except IntegrityError:  # created meanwhile by a concurrent request
        SignInFailureCount.objects.filter(**keys).update(count=F("count") + 1)


# --- OIDC ---------------------------------------------------------------------------------


def oidc_login_start(*, provider_slug: str, redirect_uri: str, next_url: str = "") -> tuple[str, str]:
    """Create the state and nonce of a round trip; return (authorization URL, state)."""
    provider = oidc.configured_providers().get(provider_slug)
    if provider is None:
        raise SignInError("Ce mode de connexion n’est pas disponible.")
    now = timezone.now()
    state = OIDCState.objects.create(
        state=_token(),
        nonce=_token(),
        provider=provider_slug,
        purpose=StatePurpose.LOGIN,
        next_url=next_url[:500],
        expires_at=now + timedelta(seconds=settings.OIDC_STATE_TTL_S),
    )
    try:
        url = oidc.authorization_url(provider, redirect_uri=redirect_uri, state=state.state, nonce=state.nonce)
    except oidc.OIDCError as exc:
        raise SignInError(exc.message, detail=exc.detail) from exc
    return url, state.state


def _state_consume(*, state: str, provider_slug: str, purpose: str) -> OIDCState:
    """Single use: the row is marked used by one conditional UPDATE, whatever happens next."""
    now = timezone.now()
    row = OIDCState.objects.filter(state=state, provider=provider_slug, purpose=purpose).first() if state else None
    if row is None:
        raise SignInError(STATE_UNKNOWN, detail="state inconnu")
    if not OIDCState.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
        raise SignInError(STATE_UNKNOWN, detail="state rejoué")
    if row.expires_at < now:
        raise SignInError(oidc.EXPIRED, detail="state expiré")
    return row


@dataclass(frozen=True)
class SignIn:
    user: User
    next_url: str
    id_token: str


def oidc_login_complete(
    *, provider_slug: str, state: str, session_state: str, code: str, error: str, redirect_uri: str
) -> SignIn:
    """Check the state (known, single use, unexpired, this browser's), exchange the code, check
    the id_token and userinfo, then find or create the account. Raises SignInError.

    A callback to a browser that started no round trip here (no state in its session; the
    provider not configured) is counted, not audited: anyone can GET the callback URL."""
    method = provider_slug
    if not session_state or provider_slug not in oidc.configured_providers():
        reason = "fournisseur non configuré" if session_state else "retour sans state en session"
        sign_in_failure_count(method=method, reason=reason)
        raise SignInError(STATE_UNKNOWN, detail=reason)
    try:
        provider = oidc.configured_providers()[provider_slug]
        row = _state_consume(state=state, provider_slug=provider_slug, purpose=StatePurpose.LOGIN)
        if not secrets.compare_digest(state, session_state or ""):
            raise SignInError(STATE_UNKNOWN, detail="state d’un autre navigateur")
        if error:
            raise SignInError(PROVIDER_REFUSED, detail=f"erreur du fournisseur : {error[:100]}")
        if not code:
            raise SignInError(oidc.INVALID_RESPONSE, detail="code absent")
        tokens = oidc.code_exchange(provider, code=code, redirect_uri=redirect_uri)
        claims = oidc.id_token_verify(provider, tokens.id_token, nonce=row.nonce)
        info = oidc.userinfo_fetch(provider, access_token=tokens.access_token, subject=claims["sub"])
        with transaction.atomic():
            if provider_slug == Provider.PROCONNECT:
                user = _user_from_proconnect(info)
            else:
                user = _user_from_franceconnect(info)
            user_signed_in(user=user, method=method)
    except oidc.OIDCError as exc:
        _failed(method=method, detail=exc.detail)
        raise SignInError(exc.message, detail=exc.detail) from exc
    except SignInError as exc:
        _failed(method=method, detail=exc.detail)
        raise
    return SignIn(user=user, next_url=row.next_url, id_token=tokens.id_token)


def _claim(info: dict, name: str, max_length: int = 150) -> str:
    value = info.get(name) or ""
    if isinstance(value, list):  # FranceConnect's given_name may come as a list in some versions
        value = " ".join(str(v) for v in value)
    return str(value).strip()[:max_length]


def _user_for_identity(*, provider: str, subject: str, email: str) -> tuple[User, bool]:
    """The account tied to this provider's subject, else the one with this email, else a new one."""
    identity = OIDCIdentity.objects.select_related("user").filter(provider=provider, subject=subject).first()
    if identity is not None:
        user = identity.user
        if not user.is_active:
            raise SignInError("Ce compte a été supprimé ou désactivé.", detail="compte inactif")
        return user, False
    if not email:
        raise SignInError(
            "Le service de connexion n’a pas transmis d’adresse électronique : impossible d’ouvrir un compte.",
            detail="email absent",
        )
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email=email)
    elif not user.is_active:
        raise SignInError("Ce compte a été supprimé ou désactivé.", detail="compte inactif")
    OIDCIdentity.objects.create(user=user, provider=provider, subject=subject[:255])
    return user, created


def _user_from_proconnect(info: dict) -> User:
    email = _claim(info, "email", 254).lower()
    user, _ = _user_for_identity(provider=Provider.PROCONNECT, subject=_claim(info, "sub", 255), email=email)
    user.given_name = _claim(info, "given_name") or user.given_name
    user.family_name = _claim(info, "usual_name") or user.family_name
    siret = siret_rules.normalise(_claim(info, "siret", 20))
    if siret and siret_rules.is_valid_siret(siret):
        user.organisation = organisation_for_siret(siret=siret)
    elif siret:
        logger.warning("ProConnect a transmis un SIRET invalide pour l’utilisateur %s", user.pk)
    user.save(update_fields=["given_name", "family_name", "organisation"])
    return user


def _user_from_franceconnect(info: dict) -> User:
    email = _claim(info, "email", 254).lower()
    user, _ = _user_for_identity(provider=Provider.FRANCECONNECT, subject=_claim(info, "sub", 255), email=email)
    user.given_name = _claim(info, "given_name") or user.given_name
    user.family_name = _claim(info, "family_name") or user.family_name
    user.save(update_fields=["given_name", "family_name"])
    return user


def organisation_for_siret(*, siret: str) -> Organisation:
    """The organisation with this SIRET, created when missing (named after its SIRET until staff
    or a product gives it its real name)."""
    siret = siret_rules.normalise(siret)
    if not siret_rules.is_valid_siret(siret):
        raise ValueError("SIRET invalide")
    organisation = Organisation.objects.filter(siret=siret).first()
    if organisation is None:
        try:
            with transaction.atomic():
                organisation = Organisation.objects.create(
                    name=f"Établissement {siret}",
                    siret=siret,
                    siren=siret_rules.siren_of(siret),
                    kind=OrganisationKind.AUTRE,
                )
        except IntegrityError:  # created meanwhile by a concurrent sign-in
            organisation = Organisation.objects.get(siret=siret)
    return organisation


def user_signed_in(*, user: User, method: str) -> None:
    if user.inactivity_warned_at is not None:
        User.objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None
    event_record(actor=user, action="accounts.sign_in", target=user, payload={"method": method})
    user._sign_in_recorded = True  # read by signals.py: django's login() must not log it twice


def user_signed_out(*, user: User) -> None:
    event_record(actor=user, action="accounts.sign_out", target=user)
    user._sign_out_recorded = True


def oidc_logout_start(*, provider_slug: str, id_token: str, post_logout_redirect_uri: str) -> str | None:
    """The provider's end-session URL, with id_token_hint and a fresh state kept server-side."""
    provider = oidc.configured_providers().get(provider_slug)
    if provider is None or not id_token:
        return None
    state = OIDCState.objects.create(
        state=_token(),
        provider=provider_slug,
        purpose=StatePurpose.LOGOUT,
        expires_at=timezone.now() + timedelta(seconds=settings.OIDC_STATE_TTL_S),
    )
    try:
        return oidc.end_session_url(
            provider, id_token=id_token, state=state.state, post_logout_redirect_uri=post_logout_redirect_uri
        )
    except oidc.OIDCError:
        logger.warning("Déconnexion du fournisseur %s impossible : découverte indisponible", provider_slug)
        return None


def oidc_logout_complete(*, state: str) -> bool:
    """Whether the provider came back with a state we issued, unused and unexpired."""
    row = OIDCState.objects.filter(state=state, purpose=StatePurpose.LOGOUT).first() if state else None
    if row is None:
        return False
    now = timezone.now()
    if not OIDCState.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
        return False
    return row.expires_at >= now


# --- Emailed links ------------------------------------------------------------------------


def email_link_send(*, email: str, link_for: Callable[[str], str], next_url: str = "") -> bool:
    """Email a single-use sign-in link valid EMAIL_LOGIN_LINK_TTL_S. The same answer is given
    whether an account exists or not (it is created on first use).

    Per address, at most RATE_LIMITS["login_email"]["email"] links per window, so that a mailbox
    cannot be flooded; over it, a request is answered the same way but sends nothing **while a
    link sent earlier is still valid and unused**. A stranger asking links for someone's address
    can therefore never lock them out: whenever nothing is sent, a working link is in their
    mailbox (and once every link has expired, one more is sent). Returns whether one was sent."""
    email = User.objects.normalize_email(email).strip().lower()
    now = timezone.now()
    limit, window_s = (settings.RATE_LIMITS.get("login_email") or {}).get("email", (None, None))
    if limit is not None:
        recent = EmailLoginToken.objects.filter(email=email, created_at__gte=now - timedelta(seconds=window_s))
        if recent.count() >= limit and recent.filter(used_at__isnull=True, expires_at__gt=now).exists():
            logger.info("Lien de connexion non renvoyé : un lien récent est encore valable")
            return False
    token = _token()
    ttl = settings.EMAIL_LOGIN_LINK_TTL_S
    EmailLoginToken.objects.create(
        token_hash=_hash(token),
        email=email,
        next_url=next_url[:500],
        created_at=now,
        expires_at=now + timedelta(seconds=ttl),
    )
    email_send(
        to=email,
        template="accounts/emails/login_link",
        context={"link": Trusted(link_for(token)), "minutes": ttl // 60, "site_url": Trusted(settings.SITE_URL)},
        recipient_verified=False,  # anyone can type anyone's address: the email holds nothing they chose
    )
    return True


def email_link_check(*, token: str) -> EmailLoginToken:
    row = EmailLoginToken.objects.filter(token_hash=_hash(token)).first() if token else None
    if row is None:
        raise SignInError(LINK_INVALID, detail=LINK_UNKNOWN)
    if row.used_at is not None:
        raise SignInError(LINK_INVALID, detail="lien déjà utilisé")
    if row.expires_at < timezone.now():
        raise SignInError(LINK_EXPIRED, detail="lien expiré")
    return row


def email_link_consume(*, token: str) -> SignIn:
    try:
        row = email_link_check(token=token)
        with transaction.atomic():
            if not EmailLoginToken.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=timezone.now()):
                raise SignInError(LINK_INVALID, detail="lien rejoué")
            user = User.objects.filter(email__iexact=row.email).first()
            if user is None:
                user = User.objects.create_user(email=row.email)
            elif not user.is_active:
                raise SignInError("Ce compte a été supprimé ou désactivé.", detail="compte inactif")
            user_signed_in(user=user, method="email")
    except SignInError as exc:
        if exc.detail == LINK_UNKNOWN:  # a made-up link: anyone can post one, it is only counted
            sign_in_failure_count(method="email", reason=exc.detail)
        else:
            _failed(method="email", detail=exc.detail)
        raise
    return SignIn(user=user, next_url=row.next_url, id_token="")


# --- Roles ---------------------------------------------------------------------------------


def membership_grant(*, actor, user: User, organisation: Organisation, product: str, role: str) -> Membership:
    if not role_exists(product, role):
        raise ValueError(f"Rôle inconnu : {product}:{role}")
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, product=product, role=role
        )
        if created:
            event_record(
                actor=actor,
                action="accounts.role_grant",
                target=membership,
                product=product,
                payload={"user_id": user.pk, "organisation_id": organisation.pk, "role": role},
            )
    return membership


def membership_update(*, actor, membership: Membership, before: dict) -> None:
    """Log a change made to a membership (admin form): `before` holds the previous values."""
    if not role_exists(membership.product, membership.role):
        raise ValueError(f"Rôle inconnu : {membership.product}:{membership.role}")
    with transaction.atomic():
        membership.save()
        event_record(
            actor=actor,
            action="accounts.role_change",
            target=membership,
            product=membership.product,
            payload={
                "before": before,
                "after": {
                    "user_id": membership.user_id,
                    "organisation_id": membership.organisation_id,
                    "product": membership.product,
                    "role": membership.role,
                },
            },
        )


def membership_revoke(*, actor, membership: Membership) -> None:
    with transaction.atomic():
        payload = {
            "user_id": membership.user_id,
            "organisation_id": membership.organisation_id,
            "role": membership.role,
        }
        target = ("accounts.membership", membership.pk)
        membership.delete()
        event_record(
            actor=actor, action="accounts.role_revoke", target=target, product=membership.product, payload=payload
        )


# --- "Mes données" -------------------------------------------------------------------------


def personal_data_collect(user: User) -> dict:
    """Everything held about the person: the account, memberships, and each product's data."""
    from .selectors import personal_data

    return personal_data(user=user)


def personal_data_export(*, user: User) -> dict:
    data = personal_data_collect(user)
    event_record(actor=user, action="accounts.data_export", target=user)
    return data


def user_erase(*, user: User, actor, reason: str) -> None:
    """Erase the person's data: each product erases or anonymises its own, then the account is
    anonymised in place (kept records still point to it, nothing identifies the person)."""
    with transaction.atomic():
        identifiers = identifiers_of(user)  # before anything is erased
        for source in personal_data_sources():
            source.erase(user)
        # What others wrote or copied about the person (a comment, an email's subject, a log).
        scrubbed = personal_texts_scrub(identifiers)
        email = user.email
        user.memberships.all().delete()
        user.identities.all().delete()
        EmailLoginToken.objects.filter(email__iexact=email).delete()
        user.email = f"anonyme-{user.pk}@anonyme.invalid"
        user.given_name = ""
        user.family_name = ""
        user.phone = ""
        user.organisation = None
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.anonymised_at = timezone.now()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        event_record(
            actor=actor, action="accounts.user_erase", target=user, payload={"reason": reason, "texts": scrubbed}
        )


def signin_leftovers_purge(*, now=None) -> int:
    """Delete the states and emailed-link rows a day after they expired (the links hold an
    email address)."""
    cutoff = (now or timezone.now()) - timedelta(days=1)
    states, _ = OIDCState.objects.filter(expires_at__lt=cutoff).delete()
    links, _ = EmailLoginToken.objects.filter(expires_at__lt=cutoff).delete()
    return states + links


@dataclass(frozen=True)
class InactivityRun:
    warned: int
    anonymised: int


def inactive_accounts_process(*, now=None) -> InactivityRun:
    """Warn by email the accounts that will reach ACCOUNTS_INACTIVITY_DAYS without a sign-in in
    ACCOUNTS_INACTIVITY_WARNING_DAYS, and anonymise those warned that long ago and still idle.
    Staff accounts are managed by hand and left out."""
    now = now or timezone.now()
    limit = timedelta(days=settings.ACCOUNTS_INACTIVITY_DAYS)
    notice = timedelta(days=settings.ACCOUNTS_INACTIVITY_WARNING_DAYS)
    candidates = User.objects.filter(is_active=True, is_staff=False, anonymised_at__isnull=True)

    def idle_since(cutoff):
        from django.db.models import Q

        return Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)

    warned = 0
    for user in candidates.filter(idle_since(now - limit + notice), inactivity_warned_at__isnull=True).iterator():
        email_send(
            to=user.email,
            template="accounts/emails/inactivity_warning",
            context={
                "user": user,
                "days": settings.ACCOUNTS_INACTIVITY_WARNING_DAYS,
                "site_url": settings.SITE_URL,
                "deadline": now + notice,
            },
        )
        User.objects.filter(pk=user.pk).update(inactivity_warned_at=now)
        event_record(actor=None, action="accounts.inactivity_warning", target=user)
        warned += 1
    anonymised = 0
    for user in candidates.filter(idle_since(now - limit), inactivity_warned_at__lte=now - notice).iterator():
        user_erase(user=user, actor=None, reason="inactivité")
        anonymised += 1
    return InactivityRun(warned=warned, anonymised=anonymised)
