"""Which function runs which kind of job. Products register their handlers from their tasks
module (imported by huey's autodiscovery in every consumer and by the web processes):

    @job_kind("chaleur.bulk_test")
    def bulk_test_job(ctx: JobContext) -> dict: ...
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Callable
    # Starts allowed, resumptions after an incident included, before the job is declared failed.
    max_attempts: int = 5


_kinds: dict[str, JobKind] = {}


def job_kind(name: str, *, max_attempts: int = 5):
    def decorator(handler):
        _kinds[name] = JobKind(name=name, handler=handler, max_attempts=max_attempts)
        return handler

    return decorator


def kind(name: str) -> JobKind | None:
    return _kinds.get(name)


def kinds() -> list[str]:
    return sorted(_kinds)
