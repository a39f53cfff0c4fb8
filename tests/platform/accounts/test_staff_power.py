"""Staff powers need a session verified with the second factor (has_staff_power)."""

import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django_otp.middleware import OTPMiddleware

from tests.personas import login
from transition.platform.accounts.permissions import has_staff_power

pytestmark = pytest.mark.django_db


def _request_user(client):
    """request.user as the middleware stack sets it (django-otp adds is_verified)."""
    request = RequestFactory().get("/")
    request.COOKIES.update({k: v.value for k, v in client.cookies.items()})
    chain = SessionMiddleware(AuthenticationMiddleware(OTPMiddleware(lambda r: HttpResponse())))
    chain(request)
    return request.user


def test_staff_with_a_verified_second_factor_holds_staff_powers(client, charlie):
    login(client, charlie, verified=True)
    assert has_staff_power(_request_user(client))


def test_staff_signed_in_with_one_factor_is_an_ordinary_user(client, dave):
    login(client, dave)
    user = _request_user(client)
    assert user.is_staff and not has_staff_power(user)


def test_a_user_loaded_from_the_database_never_holds_staff_powers(charlie):
    assert not has_staff_power(charlie)  # no request, no proof of a second factor


def test_non_staff_and_anonymous(client, alice):
    login(client, alice, verified=True)
    assert not has_staff_power(_request_user(client))
    assert not has_staff_power(None)


def test_inactive_staff_has_no_power(client, charlie):
    login(client, charlie, verified=True)
    charlie.is_active = False
    charlie.save()
    assert not has_staff_power(_request_user(client))
