import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from transition.platform.accounts.ratelimit import RateLimited, client_ip, rate_limit_check, rate_limited

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {
        "default": {"ip": (3, 60), "email": (2, 60)},
        "form": {"ip": (2, 60)},
    }


def _request(ip="192.0.2.1", method="post", **meta):
    return getattr(RequestFactory(), method)("/", REMOTE_ADDR=ip, **meta)


@pytest.mark.usefixtures("limits")
def test_per_ip_limit_then_a_french_message():
    for _ in range(2):
        rate_limit_check(scope="form", request=_request())
    with pytest.raises(RateLimited) as caught:
        rate_limit_check(scope="form", request=_request())
    assert caught.value.message.startswith("Trop de tentatives")
    assert "1 minute" in caught.value.message
    rate_limit_check(scope="form", request=_request("192.0.2.2"))  # another IP is counted apart


@pytest.mark.usefixtures("limits")
def test_per_email_limit_whatever_the_ip_and_case():
    rate_limit_check(scope="unknown-scope-uses-default", request=_request("192.0.2.1"), email="A@x.fr")
    rate_limit_check(scope="unknown-scope-uses-default", request=_request("192.0.2.2"), email="a@x.fr")
    with pytest.raises(RateLimited):
        rate_limit_check(scope="unknown-scope-uses-default", request=_request("192.0.2.3"), email=" a@X.fr ")


@pytest.mark.usefixtures("limits")
def test_scopes_are_counted_apart():
    for _ in range(2):
        rate_limit_check(scope="form", request=_request())
    with pytest.raises(RateLimited):
        rate_limit_check(scope="form", request=_request())
    # The same IP, exhausted on "form", still has its whole "default" allowance (3).
    for _ in range(3):
        rate_limit_check(scope="default", request=_request())
    with pytest.raises(RateLimited):
        rate_limit_check(scope="default", request=_request())


@pytest.mark.usefixtures("limits")
def test_decorator_answers_429_on_post_only():
    @rate_limited("form")
    def view(request):
        return HttpResponse("ok")

    assert [view(_request()).status_code for _ in range(3)] == [200, 200, 429]
    assert view(_request(method="get")).status_code == 200
    blocked = view(_request())
    assert blocked["Retry-After"] == "60"
    assert "Trop de tentatives" in blocked.content.decode()


def test_client_ip_reads_the_configured_proxy_header(settings):
    assert client_ip(_request("192.0.2.9", HTTP_X_REAL_IP="198.51.100.7")) == "192.0.2.9"
    settings.RATE_LIMIT_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_ip(_request("192.0.2.9", HTTP_X_REAL_IP="198.51.100.7")) == "198.51.100.7"


@pytest.mark.usefixtures("limits")
def test_a_new_window_starts_when_the_count_has_expired():
    from django.core.cache import cache

    for _ in range(2):
        rate_limit_check(scope="form", request=_request())
    cache.clear()  # as when the window's key expires
    rate_limit_check(scope="form", request=_request())
    rate_limit_check(scope="form", request=_request())
    with pytest.raises(RateLimited):
        rate_limit_check(scope="form", request=_request())
