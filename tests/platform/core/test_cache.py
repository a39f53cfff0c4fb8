"""The Redis cache fails open: with Redis down, a process carries on with its own memory (logged
once), and goes back to Redis when it answers again. A real redis-server on loopback."""

import logging

import pytest

from tests.faults import RedisProcess
from transition.platform.core.cache import FailOpenRedisCache

pytestmark = pytest.mark.redis


def make_cache(url: str, retry_s: float = 0) -> FailOpenRedisCache:
    return FailOpenRedisCache(
        url,
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "FALLBACK_RETRY_S": retry_s}},
    )


def test_with_redis_down_the_cache_answers_from_memory_and_says_so_once(tmp_path, caplog):
    with RedisProcess(tmp_path) as server:
        cache = make_cache(server.url, retry_s=60)
        cache.set("shared", "dans Redis")
        assert server.client().exists(cache.make_key("shared")) == 1
        server.kill()
        with caplog.at_level(logging.WARNING, logger="transition.platform.core.cache"):
            assert cache.get("shared") is None  # what only Redis held is not there: a miss, not an error
            assert cache.add("rl", 1, timeout=60)
            assert cache.incr("rl") == 2
            cache.set_many({"a": 1, "b": 2})
            assert cache.get_many(["a", "b"]) == {"a": 1, "b": 2}
            cache.delete("a")
            assert not cache.has_key("a")
            with pytest.raises(ValueError):
                cache.incr("absent")  # the same contract as Redis: the rate limiter relies on it
        warnings = [r for r in caplog.records if "Redis ne répond pas" in r.getMessage()]
        assert len(warnings) == 1  # one line per outage, not one per call


def test_when_redis_answers_again_the_process_goes_back_to_it(tmp_path, caplog):
    with RedisProcess(tmp_path) as server:
        cache = make_cache(server.url, retry_s=0)
        server.kill()
        cache.set("during", "local")
        server.start()
        with caplog.at_level(logging.WARNING, logger="transition.platform.core.cache"):
            cache.set("after", "partagé")
        assert server.client().exists(cache.make_key("after")) == 1
        assert "Redis répond de nouveau" in caplog.text
