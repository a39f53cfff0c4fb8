"""The BAN client's behaviour when the service is slow, busy or away: a tiny HTTP server on
loopback answers 429 with Retry-After, or 500; a closed port stands for a service that is down."""

import json
import socket
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from transition.platform.geo.ban import BanGeocoder, RateLimiter, retry_after_s
from transition.platform.geo.geocoding import GeocodingError

FEATURE = {
    "type": "Feature",
    "geometry": {"type": "Point", "coordinates": [2.3438, 48.8527]},
    "properties": {
        "label": "3 Boulevard Saint-Michel 75005 Paris",
        "score": 0.97,
        "type": "housenumber",
        "id": "75105_t004_00003",
        "housenumber": "3",
        "street": "Boulevard Saint-Michel",
        "name": "3 Boulevard Saint-Michel",
        "postcode": "75005",
        "citycode": "75105",
        "city": "Paris",
        "context": "75, Paris, Île-de-France",
    },
}


class Script:
    """What the fake service answers, request after request: (status, headers, body)."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.requests = []

    def next(self, path):
        self.requests.append(path)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@pytest.fixture
def service():
    servers = []

    def start(answers):
        script = Script(answers)

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, headers, body = script.next(self.path)
                payload = json.dumps(body).encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/", script

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _client(url, **kwargs):
    sleeps = []
    kwargs.setdefault("max_retries", 3)
    client = BanGeocoder(url, limiter=RateLimiter(0), sleep=sleeps.append, timeout_s=2, connect_timeout_s=1, **kwargs)
    return client, sleeps


OK = (200, {}, {"type": "FeatureCollection", "features": [FEATURE]})


def test_429_waits_what_retry_after_asks_then_answers(service):
    url, script = service([(429, {"Retry-After": "2"}, {"message": "Too many requests"}), OK])
    client, sleeps = _client(url)
    results = client.search("3 bd st michel paris")
    assert [r.id for r in results] == ["75105_t004_00003"]
    assert results[0].citycode == "75105"
    assert sleeps == [2.0]
    assert len(script.requests) == 2
    assert script.requests[0].startswith("/search/?q=3+bd+st+michel+paris")


def test_429_asking_too_long_a_wait_is_an_error(service):
    url, _ = service([(429, {"Retry-After": "3600"}, {})])
    client, sleeps = _client(url, max_retry_after_s=60)
    with pytest.raises(GeocodingError, match="trop de demandes"):
        client.search("3 bd st michel paris")
    assert sleeps == []


def test_500_is_retried_with_backoff_then_reported(service):
    url, script = service([(500, {}, {"message": "boom"})])
    client, sleeps = _client(url, max_retries=2, backoff_s=0.5)
    with pytest.raises(GeocodingError, match=r"en erreur \(HTTP 500\), après 3 essais"):
        client.search("3 bd st michel paris")
    assert sleeps == [0.5, 1.0]
    assert len(script.requests) == 3


def test_transient_503_then_success(service):
    url, _ = service([(503, {}, {}), OK])
    client, sleeps = _client(url)
    assert client.search("3 bd st michel paris")[0].housenumber == "3"
    assert sleeps == [0.5]


def test_400_is_not_retried_and_says_why(service):
    url, script = service([(400, {}, {"message": "q must contain at least 3 chars"})])
    client, _ = _client(url)
    with pytest.raises(GeocodingError, match="HTTP 400.*at least 3 chars"):
        client.search("3 bd st michel paris")
    assert len(script.requests) == 1


def test_unreachable_service_is_a_clear_error():
    with socket.socket() as sock:  # a port nobody listens on: bound, never listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        client, sleeps = _client(f"http://127.0.0.1:{port}/", max_retries=1)
        with pytest.raises(GeocodingError, match="injoignable"):
            client.search("3 bd st michel paris")
    assert len(sleeps) == 1


def test_bad_input_is_refused_before_any_request():
    client, _ = _client("http://127.0.0.1:9/")
    with pytest.raises(GeocodingError, match="Saisissez une adresse"):
        client.search("   ")
    with pytest.raises(GeocodingError, match="Coordonnées invalides"):
        client.reverse(lon=200, lat=0)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("5", 5.0),
        (" 0 ", 0.0),
        ("Sun, 22 Nov 2026 20:00:30 GMT", 30.0),
        ("Sun, 22 Nov 2026 19:00:00 GMT", 0.0),
        ("demain", None),
        (None, None),
        ("", None),
    ],
)
def test_retry_after_header(header, expected):
    assert retry_after_s(header, now=datetime(2026, 11, 22, 20, 0, 0, tzinfo=UTC)) == expected


def test_rate_limiter_spaces_requests():
    now = [100.0]
    waits = []

    def sleep(seconds):
        waits.append(round(seconds, 6))
        now[0] += seconds

    limiter = RateLimiter(50, clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        limiter.acquire()
    assert waits == [0.02, 0.02, 0.02, 0.02]
    now[0] += 1.0  # idle: the next request goes at once
    assert limiter.acquire() == 0


def test_rate_limiter_holds_50_per_second_across_threads():
    now = [0.0]
    limiter = RateLimiter(50, clock=lambda: now[0], sleep=lambda s: None)

    def worker():
        for _ in range(25):
            limiter.acquire()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 100 requests reserved 100 distinct slots 20 ms apart: two seconds of quota.
    assert limiter._next == pytest.approx(100 * 0.02)
