"""A Redis cache that fails open: when Redis does not answer, each process carries on with a cache
of its own memory for a while, logged, then tries Redis again. What uses the cache (rate limits,
OIDC discovery documents) degrades instead of failing the request: a rate limit is then counted
per process (looser, never stricter) until Redis is back.

    CACHES = {"default": {"BACKEND": "transition.platform.core.cache.FailOpenRedisCache", ...}}
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _fails_open(name: str):
    def method(self, *args, **kwargs):
        if not self._redis_usable():
            return getattr(self._local, name)(*args, **kwargs)
        try:
            value = getattr(super(FailOpenRedisCache, self), name)(*args, **kwargs)
        except RedisError as exc:
            self._redis_failed(exc)
            return getattr(self._local, name)(*args, **kwargs)
        self._redis_answered()
        return value

    method.__name__ = name
    return method


class FailOpenRedisCache(RedisCache):
    """OPTIONS as Django's RedisCache, plus FALLBACK_RETRY_S: how long a process keeps to its
    local cache before it asks Redis again (default 5)."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.fallback_retry_s = float(options.pop("FALLBACK_RETRY_S", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._local = LocMemCache(f"fallback-{id(self)}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._down_until = 0.0  # monotonic time before which Redis is not asked
        self._down = False
        self._state_lock = threading.Lock()

    def _redis_usable(self) -> bool:
        return time.monotonic() >= self._down_until

    def _redis_failed(self, exc: Exception) -> None:
        with self._state_lock:
            self._down_until = time.monotonic() + self.fallback_retry_s
            first = not self._down
            self._down = True
        if first:
            logger.warning(
                "Redis ne répond pas (%s : %s) : cache local à ce processus, nouvel essai dans %.0f s",
                type(exc).__name__,
                exc,
                self.fallback_retry_s,
            )

    def _redis_answered(self) -> None:
        if self._down:
            with self._state_lock:
                was_down, self._down = self._down, False
            if was_down:
                logger.warning("Redis répond de nouveau : fin du cache local")

    add = _fails_open("add")
    get = _fails_open("get")
    set = _fails_open("set")
    touch = _fails_open("touch")
    delete = _fails_open("delete")
    get_many = _fails_open("get_many")
    has_key = _fails_open("has_key")
    incr = _fails_open("incr")
    set_many = _fails_open("set_many")
    delete_many = _fails_open("delete_many")
    clear = _fails_open("clear")
