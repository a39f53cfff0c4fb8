"""Rate limits on the Django cache, per client IP and per email address, for every public form.

In a view or a service:

    from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check
    try:
        rate_limit_check(request=request, scope="chaleur_demand", email=form.cleaned_data["email"])
    except RateLimited as exc:
        form.add_error(None, exc.message)

or on a whole view (the 429 page in French, counted on POST only by default):

    @rate_limited("chaleur_demand")
    def demand_form(request): ...

or on a JSON API operation (the 429 in the API's one error shape, with Retry-After):

    @router.get("/eligibility", response={200: EligibilityOut, **API_ERRORS})
    @api_rate_limit("chaleur_api_eligibility")
    def eligibility(request, ...): ...

Limits come from settings.RATE_LIMITS[scope] (or "default"): {"ip": (n, window_s), "email": (n, window_s)}.
Fixed windows: at most n attempts per window, counted from the first attempt.
"""

import functools
import hashlib
import inspect

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from transition.platform.core.api import ApiError


class RateLimited(Exception):
    def __init__(self, retry_after_s: int):
        minutes = max(1, (retry_after_s + 59) // 60)
        self.retry_after_s = retry_after_s
        self.message = (
            f"Trop de tentatives en peu de temps. Pour protéger le service, réessayez dans {minutes} minute"
            f"{'s' if minutes > 1 else ''}."
        )
        super().__init__(self.message)


def client_ip(request) -> str:
    header = settings.RATE_LIMIT_CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _limits(scope: str) -> dict:
    return settings.RATE_LIMITS.get(scope) or settings.RATE_LIMITS["default"]


def _hit(key: str, limit: int, window_s: int) -> int | None:
    """Count one attempt; return the seconds to wait when over the limit, else None."""
    try:
        count = cache.incr(key)  # one cache operation once the window has started
    except ValueError:  # first attempt of a window (or the window has just expired)
        if cache.add(key, 1, timeout=window_s):
            count = 1
        else:  # another process started the window in between
            try:
                count = cache.incr(key)
            except ValueError:  # ... and it expired at once
                cache.set(key, 1, timeout=window_s)
                count = 1
    if count > limit:
        return window_s
    return None


def rate_limit_check(*, scope: str, request=None, email: str | None = None) -> None:
    """Count one attempt for the request's IP and for the email (when given); raise RateLimited
    once either is over its limit."""
    limits = _limits(scope)
    keys = []
    if request is not None and "ip" in limits:
        ip_digest = hashlib.sha256(client_ip(request).encode()).hexdigest()
        keys.append((f"rl:{scope}:ip:{ip_digest}", *limits["ip"]))
    if email and "email" in limits:
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        keys.append((f"rl:{scope}:email:{digest}", *limits["email"]))
    waits = [wait for key, limit, window in keys if (wait := _hit(key, limit, window)) is not None]
    if waits:
        raise RateLimited(max(waits))


def rate_limit_exceeded(*, scope: str, request) -> bool:
    """Whether the request's IP is already over its limit for `scope`, without counting an
    attempt: for limits that count failures only (a wrong API token), checked before trying."""
    limits = _limits(scope)
    if "ip" not in limits:
        return False
    ip_digest = hashlib.sha256(client_ip(request).encode()).hexdigest()
    count = cache.get(f"rl:{scope}:ip:{ip_digest}") or 0
    return count > limits["ip"][0]


def rate_limited_response(request, exc: RateLimited):
    response = render(
        request, "accounts/rate_limited.html", {"title": "Trop de tentatives", "message": exc.message}, status=429
    )
    response["Retry-After"] = str(exc.retry_after_s)
    return response


def rate_limited(scope: str, *, methods: tuple[str, ...] = ("POST",)):
    """View decorator: count the request's IP for `scope` on `methods`; answer 429 when over."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                try:
                    rate_limit_check(scope=scope, request=request)
                except RateLimited as exc:
                    return rate_limited_response(request, exc)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def api_rate_limit(scope: str):
    """Decorator for a django-ninja operation: count the client IP for `scope` before it runs;
    over the limit, raise a 429 ApiError (the API's one error shape) with Retry-After."""
    if scope not in settings.RATE_LIMITS:
        raise ValueError(f"Limite de débit inconnue : {scope} (settings.RATE_LIMITS)")

    def decorator(operation):
        @functools.wraps(operation)
        def wrapped(request, *args, **kwargs):
            try:
                rate_limit_check(scope=scope, request=request)
            except RateLimited as exc:
                raise ApiError(
                    429, "rate_limited", exc.message, headers={"Retry-After": str(exc.retry_after_s)}
                ) from None
            return operation(request, *args, **kwargs)

        wrapped.__signature__ = inspect.signature(operation)  # ninja reads the parameters from it
        return wrapped

    return decorator
