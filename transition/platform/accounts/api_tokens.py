"""API tokens: what an organisation's software shows to call one product's API, within one scope.

Products declare their scopes from AppConfig.ready(), with the roles allowed to issue them:

    register_api_scopes("carbure", {"carbure:lots": ("Contrôler et déclarer des lots", ["operateur", ...])})

and protect their operations with the one authentication class:

    @router.get("/projets/{identifiant}", auth=ApiTokenAuth(scope="potentiel:lecture"), response=...)
    def projet(request, identifiant: str):
        organisation = request.auth.organisation

A token is issued in the interface (/compte/jetons/) by a member holding an allowed role, or by
`manage.py api_token_issue`; it is shown once, only its SHA-256 is stored. A wrong token is
counted per client IP (RATE_LIMITS["api_token_failure"]); over the limit, every attempt from that
IP is refused for the window, right token or not, so that guessing goes nowhere.
"""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from ninja.security import HttpBearer

from transition.platform.audit.services import event_record
from transition.platform.core.api import ApiError

from .models import ApiToken, Membership, Organisation
from .permissions import has_staff_power
from .ratelimit import RateLimited, rate_limit_check, rate_limit_exceeded

TOKEN_PREFIX = "trn_"  # noqa: S105 (a public marker that makes leaked tokens easy to spot, not a secret)
LAST_USED_PRECISION = dt.timedelta(minutes=1)  # at most one write per token and minute


@dataclass(frozen=True)
class ApiScope:
    product: str
    scope: str
    label: str
    roles: tuple[str, ...]  # roles of the product whose holders may issue a token of this scope


_scopes: dict[str, ApiScope] = {}
# Prefixes of tokens a product issued before the platform did, whose hashes a migration carried
# over (chaleur's "fcu_"): they keep working until revoked.
_legacy_prefixes: set[str] = set()


def register_api_scopes(
    product: str,
    scopes: dict[str, tuple[str, list[str] | tuple[str, ...]]],
    *,
    legacy_prefixes: tuple[str, ...] = (),
) -> None:
    for scope, (label, roles) in scopes.items():
        if not scope.startswith(f"{product}:"):
            raise ValueError(f"La portée « {scope} » doit commencer par « {product}: ».")
        _scopes[scope] = ApiScope(product=product, scope=scope, label=label, roles=tuple(roles))
    _legacy_prefixes.update(legacy_prefixes)


def api_scope(scope: str) -> ApiScope | None:
    return _scopes.get(scope)


def api_scopes(product: str | None = None) -> list[ApiScope]:
    return sorted((s for s in _scopes.values() if product in (None, s.product)), key=lambda s: s.scope)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issuable(user) -> list[tuple[Organisation, ApiScope]]:
    """The (organisation, scope) pairs `user` may issue a token for, from their roles."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    pairs = []
    memberships = Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")
    seen = set()
    for membership in memberships:
        for scope in api_scopes(membership.product):
            key = (membership.organisation_id, scope.scope)
            if membership.role in scope.roles and key not in seen:
                seen.add(key)
                pairs.append((membership.organisation, scope))
    return pairs


def may_manage(user, *, organisation: Organisation, scope: str) -> bool:
    if has_staff_power(user):
        return True
    return any(o.pk == organisation.pk and s.scope == scope for o, s in issuable(user))


def api_token_issue(
    *,
    organisation: Organisation,
    scope: str,
    name: str,
    created_by=None,
    expires_at: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value (shown once, never stored).
    `created_by=None` is the operations team at the command line."""
    spec = api_scope(scope)
    if spec is None:
        raise ValidationError({"scope": f"Portée inconnue : « {scope} »."})
    name = " ".join((name or "").split())[:100]
    if not name:
        raise ValidationError({"name": "Donnez un nom au jeton (le logiciel qui l’utilisera)."})
    if created_by is not None and not may_manage(created_by, organisation=organisation, scope=scope):
        raise PermissionDenied("Votre rôle dans cette organisation ne permet pas de créer ce jeton.")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "La date d’expiration doit être dans le futur."})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            organisation=organisation,
            product=spec.product,
            scope=scope,
            name=name,
            token_hash=token_hash(raw),
            prefix=raw[: len(TOKEN_PREFIX) + 4],
            created_by=created_by,
            expires_at=expires_at,
        )
        event_record(
            actor=created_by,
            action="api_token_issued",
            target=token,
            payload={"organisation": organisation.pk, "scope": scope},
            product=spec.product,
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, by) -> ApiToken:
    if by is not None and not may_manage(by, organisation=token.organisation, scope=token.scope):
        raise PermissionDenied("Votre rôle dans cette organisation ne permet pas de révoquer ce jeton.")
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.revoked_by = by
            token.save(update_fields=["revoked_at", "revoked_by"])
            event_record(actor=by, action="api_token_revoked", target=token, product=token.product)
    return token


def api_token_authenticate(raw: str, *, scope: str) -> ApiToken | None:
    """The active token of this value and scope, or None."""
    if not raw or not raw.startswith((TOKEN_PREFIX, *_legacy_prefixes)) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("organisation")
        .filter(token_hash=token_hash(raw), scope=scope, revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_visible_to(user):
    """The tokens `user` may see and revoke: those of the organisations and scopes their roles cover."""
    if has_staff_power(user):
        return ApiToken.objects.select_related("organisation", "created_by")
    allowed = Q(pk__in=[])
    for organisation, scope in issuable(user):
        allowed |= Q(organisation=organisation, scope=scope.scope)
    return ApiToken.objects.filter(allowed).select_related("organisation", "created_by")


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` for one scope; `request.auth` is the ApiToken."""

    def __init__(self, *, scope: str):
        self.scope = scope
        super().__init__()

    def authenticate(self, request, token):
        if rate_limit_exceeded(scope="api_token_failure", request=request):
            raise ApiError(429, "rate_limited", "Trop de jetons refusés depuis cette adresse : réessayez plus tard.")
        found = api_token_authenticate(token, scope=self.scope)
        if found is None:
            try:
                rate_limit_check(scope="api_token_failure", request=request)
            except RateLimited as exc:
                raise ApiError(
                    429, "rate_limited", exc.message, headers={"Retry-After": str(exc.retry_after_s)}
                ) from None
        return found
