"""The JSON API's anonymous requests skip the middleware only pages need.

A request to an API path (`/api/…`, `/<product>/api/…`) that carries no session cookie is
anonymous by construction: no session to load or save, no CSRF to check (there is no cookie an
attacker's page could ride on; API clients authenticate with a bearer token), no second factor,
no flash messages. Those five middleware cost about half of an API answer's CPU (issue 15,
item 19), so they are wrapped here and step aside for such requests; `request.user` is then the
anonymous user. A request with a session cookie (a page's own script calling the API) goes
through all of them as before.

What every request keeps, API or not, is left in settings.MIDDLEWARE unwrapped: the security
headers (SecurityMiddleware, CSP, X-Frame-Options), the JSON error shape (ApiErrorMiddleware),
CommonMiddleware, the replica router and the stale-data marker. Rate limits live on the API's
operations (accounts/ratelimit.api_rate_limit) and are untouched.
"""

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django_otp.middleware import OTPMiddleware

from .api import API_PATH

__all__ = [
    "ApiAnonymousMiddleware",
    "PagesOnlyAuthenticationMiddleware",
    "PagesOnlyCsrfViewMiddleware",
    "PagesOnlyMessageMiddleware",
    "PagesOnlyOTPMiddleware",
    "PagesOnlySessionMiddleware",
    "is_anonymous_api_request",
]

_FLAG = "_anonymous_api"


def is_anonymous_api_request(request) -> bool:
    return getattr(request, _FLAG, False)


def _anonymous() -> AnonymousUser:
    user = AnonymousUser()
    # What OTPMiddleware gives every user, the anonymous one included.
    user.otp_device = None
    user.is_verified = lambda: False
    return user


class ApiAnonymousMiddleware:
    """Placed before the wrapped middleware: marks an API request without a session cookie."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if API_PATH.match(request.path_info) and self.cookie not in request.COOKIES:
            setattr(request, _FLAG, True)
            request.user = _anonymous()
        return self.get_response(request)


# Subclasses, so that Django's checks (the admin's need of sessions, authentication and messages)
# still find the middleware they look for.


class PagesOnlySessionMiddleware(SessionMiddleware):
    def __call__(self, request):
        if getattr(request, _FLAG, False):
            return self.get_response(request)
        return super().__call__(request)


class PagesOnlyCsrfViewMiddleware(CsrfViewMiddleware):
    def __call__(self, request):
        if getattr(request, _FLAG, False):
            return self.get_response(request)
        return super().__call__(request)

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if getattr(request, _FLAG, False):
            return None
        return super().process_view(request, callback, callback_args, callback_kwargs)


class PagesOnlyAuthenticationMiddleware(AuthenticationMiddleware):
    def __call__(self, request):
        if getattr(request, _FLAG, False):
            return self.get_response(request)
        return super().__call__(request)


class PagesOnlyOTPMiddleware(OTPMiddleware):
    def __call__(self, request):
        if getattr(request, _FLAG, False):
            return self.get_response(request)
        return super().__call__(request)


class PagesOnlyMessageMiddleware(MessageMiddleware):
    def __call__(self, request):
        if getattr(request, _FLAG, False):
            return self.get_response(request)
        return super().__call__(request)
