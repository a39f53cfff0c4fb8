"""The `ban` geocoder: a client of the national address API (Base Adresse Nationale).

It spaces its requests to stay under the service's limit (GEO_BAN_RATE_PER_S, 50 per second per
IP), waits what a 429 answer's Retry-After asks, retries connection failures, timeouts and 5xx
answers with an exponential backoff, and raises GeocodingError (in French) when it gives up.
Batches go through `search/csv/` in chunks of GEO_BAN_BATCH_ROWS lines.
"""

import csv
import email.utils
import io
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import requests
from django.conf import settings

from transition.platform.geo.results import GeocodeResult, GeocodingError, check_point, check_search_arguments

RETRIED_STATUSES = frozenset({500, 502, 503, 504})


class RateLimiter:
    """At most `rate_per_s` acquisitions per second, evenly spaced, shared by threads."""

    def __init__(
        self,
        rate_per_s: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.interval_s = 1.0 / rate_per_s if rate_per_s > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Wait for the next slot; return the time waited (seconds)."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval_s
        wait = start - now
        if wait > 0:
            self._sleep(wait)
        return wait


_limiters: dict[tuple[str, float], RateLimiter] = {}
_limiters_lock = threading.Lock()


def shared_limiter(base_url: str, rate_per_s: float) -> RateLimiter:
    """One limiter per service and process: every client of the process shares the quota."""
    with _limiters_lock:
        key = (base_url, rate_per_s)
        if key not in _limiters:
            _limiters[key] = RateLimiter(rate_per_s)
        return _limiters[key]


def retry_after_s(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds asked by a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _text(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def result_from_feature(feature: dict) -> GeocodeResult:
    properties = feature.get("properties") or {}
    lon, lat = feature["geometry"]["coordinates"][:2]
    kind = properties.get("type") or "street"
    return GeocodeResult(
        label=str(properties.get("label") or ""),
        score=round(float(properties.get("score") or 0.0), 4),
        type=kind,
        id=str(properties.get("id") or ""),
        housenumber=_text(properties.get("housenumber")),
        street=_text(properties.get("street")),
        name=str(properties.get("name") or ""),
        postcode=_text(properties.get("postcode")),
        citycode=_text(properties.get("citycode")),
        city=_text(properties.get("city")),
        context=_text(properties.get("context")),
        lon=float(lon),
        lat=float(lat),
    )


def result_from_csv_row(row: dict) -> GeocodeResult | None:
    label = _text(row.get("result_label"))
    if not label or not _text(row.get("longitude")) or not _text(row.get("latitude")):
        return None
    kind = _text(row.get("result_type")) or "street"
    housenumber = _text(row.get("result_housenumber"))
    name = _text(row.get("result_name")) or ""
    street = _text(row.get("result_street")) or (name if kind in ("housenumber", "street") else None)
    if kind == "housenumber" and housenumber and not name.startswith(f"{housenumber} "):
        name = f"{housenumber} {name}"
    return GeocodeResult(
        label=label,
        score=round(float(row.get("result_score") or 0.0), 4),
        type=kind,
        id=_text(row.get("result_id")) or "",
        housenumber=housenumber,
        street=street,
        name=name,
        postcode=_text(row.get("result_postcode")),
        citycode=_text(row.get("result_citycode")),
        city=_text(row.get("result_city")),
        context=_text(row.get("result_context")),
        lon=float(row["longitude"]),
        lat=float(row["latitude"]),
    )


class BanGeocoder:
    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 10.0,
        connect_timeout_s: float = 3.0,
        batch_timeout_s: float = 120.0,
        max_retries: int = 3,
        backoff_s: float = 0.5,
        max_retry_after_s: float = 60.0,
        rate_per_s: float = 50.0,
        batch_rows: int = 2000,
        session: requests.Session | None = None,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout_s = timeout_s
        self.connect_timeout_s = connect_timeout_s
        self.batch_timeout_s = batch_timeout_s
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.max_retry_after_s = max_retry_after_s
        self.batch_rows = max(1, batch_rows)
        self.session = session or requests.Session()
        self.limiter = limiter or shared_limiter(self.base_url, rate_per_s)
        self._sleep = sleep

    @classmethod
    def from_settings(cls) -> "BanGeocoder":
        return cls(
            settings.GEO_BAN_URL,
            timeout_s=settings.GEO_BAN_TIMEOUT_S,
            connect_timeout_s=settings.GEO_BAN_CONNECT_TIMEOUT_S,
            batch_timeout_s=settings.GEO_BAN_BATCH_TIMEOUT_S,
            max_retries=settings.GEO_BAN_MAX_RETRIES,
            max_retry_after_s=settings.GEO_BAN_MAX_RETRY_AFTER_S,
            rate_per_s=settings.GEO_BAN_RATE_PER_S,
            batch_rows=settings.GEO_BAN_BATCH_ROWS,
            session=_session(),
        )

    # -- transport -------------------------------------------------------------------------------

    def _request(self, method: str, path: str, *, read_timeout_s: float | None = None, **kwargs) -> requests.Response:
        url = self.base_url + path
        problem = ""
        for attempt in range(self.max_retries + 1):
            self.limiter.acquire()
            try:
                response = self.session.request(
                    method, url, timeout=(self.connect_timeout_s, read_timeout_s or self.timeout_s), **kwargs
                )
            except requests.Timeout:
                problem = "il n'a pas répondu dans le délai imparti"
                self._backoff(attempt)
                continue
            except requests.ConnectionError:
                problem = "il est injoignable"
                self._backoff(attempt)
                continue
            except requests.RequestException as exc:
                raise GeocodingError(f"Le service de géocodage (BAN) n'a pas pu être interrogé : {exc}.") from exc
            if response.status_code == 429:
                wait = retry_after_s(response.headers.get("Retry-After"))
                wait = self.backoff_s * 2**attempt if wait is None else wait
                if wait > self.max_retry_after_s:
                    raise GeocodingError(
                        "Le service de géocodage (BAN) reçoit trop de demandes et demande d'attendre "
                        f"{int(wait)} secondes : réessayez plus tard."
                    )
                problem = "il reçoit trop de demandes (HTTP 429)"
                if attempt < self.max_retries:
                    self._sleep(wait)
                continue
            if response.status_code in RETRIED_STATUSES:
                problem = f"il est en erreur (HTTP {response.status_code})"
                self._backoff(attempt)
                continue
            if response.status_code >= 400:
                detail = _error_detail(response)
                raise GeocodingError(
                    f"Le service de géocodage (BAN) a refusé la demande (HTTP {response.status_code}){detail}."
                )
            return response
        raise GeocodingError(
            f"Le service de géocodage (BAN) n'a pas pu répondre : {problem}, après {self.max_retries + 1} "
            f"essai{'s' if self.max_retries else ''}. "
            "Réessayez dans quelques minutes."
        )

    def _backoff(self, attempt: int) -> None:
        if attempt < self.max_retries:
            self._sleep(min(self.backoff_s * 2**attempt, 10.0))

    def _features(self, response: requests.Response) -> list[GeocodeResult]:
        try:
            payload = response.json()
            return [result_from_feature(feature) for feature in payload.get("features", [])]
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise GeocodingError("Le service de géocodage (BAN) a renvoyé une réponse illisible.") from exc

    # -- the three calls ----------------------------------------------------------------------------

    def search(
        self,
        q: str,
        *,
        limit: int = 5,
        autocomplete: bool = False,
        type: str | None = None,
        postcode: str | None = None,
        citycode: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
    ) -> list[GeocodeResult]:
        check_search_arguments(q, limit, type)
        params: dict = {"q": q, "limit": limit, "autocomplete": 1 if autocomplete else 0}
        if type:
            params["type"] = type
        if postcode:
            params["postcode"] = postcode
        if citycode:
            params["citycode"] = citycode
        if lat is not None and lon is not None:
            check_point(lon, lat)
            params["lat"] = lat
            params["lon"] = lon
        return self._features(self._request("GET", "search/", params=params))

    def reverse(self, *, lon: float, lat: float, limit: int = 1) -> list[GeocodeResult]:
        check_point(lon, lat)
        return self._features(self._request("GET", "reverse/", params={"lon": lon, "lat": lat, "limit": limit}))

    def batch(self, queries: list[str]) -> list[GeocodeResult | None]:
        results: list[GeocodeResult | None] = []
        for start in range(0, len(queries), self.batch_rows):
            results.extend(self._batch_chunk(queries[start : start + self.batch_rows]))
        return results

    def _batch_chunk(self, queries: list[str]) -> list[GeocodeResult | None]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=",", quotechar='"', lineterminator="\n")
        writer.writerow(["q"])
        for query in queries:
            writer.writerow([" ".join(str(query or "").split())])
        response = self._request(
            "POST",
            "search/csv/",
            read_timeout_s=self.batch_timeout_s,
            files={"data": ("adresses.csv", buffer.getvalue().encode("utf-8"), "text/csv")},
            data={"columns": "q", "delimiter": ",", "quote": '"'},
        )
        text = response.content.decode("utf-8-sig", errors="replace")
        rows = list(csv.DictReader(io.StringIO(text), delimiter=",", quotechar='"'))
        if len(rows) != len(queries):
            raise GeocodingError(
                f"Le service de géocodage (BAN) a renvoyé {len(rows)} lignes pour {len(queries)} adresses envoyées."
            )
        try:
            return [result_from_csv_row(row) for row in rows]
        except (ValueError, KeyError) as exc:
            raise GeocodingError("Le service de géocodage (BAN) a renvoyé un fichier illisible.") from exc


def _error_detail(response: requests.Response) -> str:
    try:
        payload = response.json()
    except ValueError:
        return ""
    if isinstance(payload, dict):
        message = payload.get("message") or payload.get("title") or payload.get("description")
        if message:
            return f" : {str(message)[:200]}"
    return ""


_session_local = threading.local()


def _session() -> requests.Session:
    """One connection pool per thread (keep-alive), identified as this application."""
    session = getattr(_session_local, "session", None)
    if session is None:
        session = requests.Session()
        session.headers["User-Agent"] = "transition-geo/1.0"
        _session_local.session = session
    return session
