"""Fault injection on loopback: a private redis-server that a test may stop, kill and restart,
and real `manage.py run_huey` consumers that a test may kill -9.

    with RedisProcess(tmp_path) as redis_server:
        ...
        redis_server.kill()      # SIGKILL: what was in memory is gone
        redis_server.start()     # the same port, empty
    consumer = ConsumerProcess(tmp_path, redis_url=..., huey_name=...)
    consumer.start(); consumer.kill(); consumer.log()

Never the shared Redis on 6379: other test runs and addok use it.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.db import connection, connections

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, *, timeout_s: float = 60, interval_s: float = 0.1, message: str = "", on_timeout=None):
    """Poll `condition` until it returns something true; fail with `message` (and `on_timeout()`,
    e.g. a consumer's log) after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            details = on_timeout() if on_timeout else ""
            pytest.fail(f"{message or 'condition jamais remplie'} en {timeout_s:.0f} s\n{details}")
        time.sleep(interval_s)


class RedisProcess:
    """A redis-server of the test's own on 127.0.0.1, without persistence."""

    def __init__(self, workdir: Path, port: int | None = None, appendonly: bool = False):
        self.workdir = Path(workdir)
        self.port = port or free_port()
        self.appendonly = appendonly
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)

    def answers(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.ConnectionError:
            return False

    def start(self) -> "RedisProcess":
        server = shutil.which("redis-server")
        if server is None:
            pytest.fail("redis-server est absent (paquet Debian redis-server).")
        self.process = subprocess.Popen(
            [server, "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
            + ["--appendonly", "yes" if self.appendonly else "no"]
            + ["--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.answers, timeout_s=10, interval_s=0.02, message="redis-server n’a pas démarré")
        return self

    def kill(self) -> None:
        """SIGKILL: the server dies at once, and what it held in memory with it."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


@contextmanager
def database_unreachable(alias: str = "default"):
    """The database stops answering this process: its connection is closed and points at nowhere
    (a closed port for PostgreSQL, a file in a missing folder for SQLite), so that every query
    fails in the driver, as when the server is down. Restored on exit. Needs a transactional test
    (`django_db(transaction=True)`): the test's own transaction cannot survive."""
    conn = connections[alias]
    saved = dict(conn.settings_dict)
    conn.close()
    if conn.vendor == "postgresql":
        conn.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    else:
        conn.settings_dict["NAME"] = "/nonexistent-transition/db.sqlite3"
    try:
        yield
    finally:
        conn.close()
        conn.settings_dict.clear()
        conn.settings_dict.update(saved)


def database_url() -> str:
    """The test database, as a DATABASE_URL for a child process."""
    db = connection.settings_dict
    if "postgis" in db["ENGINE"]:
        user = db["USER"] or "postgres"
        return f"postgis://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return f"spatialite:///{db['NAME']}"


class ManagedProcess:
    """A child process a test (or bench/prodlike.py) starts, kills -9 or stops, its output in a log."""

    def __init__(self, name: str, args: list[str], env: dict, log_path: Path, *, stop_signal=signal.SIGINT):
        self.name, self.args, self.env, self.log_path = name, args, env, Path(log_path)
        self.stop_signal = stop_signal
        self.process: subprocess.Popen | None = None

    def start(self, *extra_args: str):
        self._log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [*self.args, *extra_args], cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )
        return self

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """kill -9: no handler runs (for a consumer: the task in hand is lost from Redis)."""
        if self.alive():
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, timeout_s: float = 30) -> None:
        if self.alive():
            self.process.send_signal(self.stop_signal)
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None:
            self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class ConsumerProcess(ManagedProcess):
    """`manage.py run_huey` as production runs it (base settings, REDIS_URL), on the test database.
    Stopped by SIGINT, huey's graceful stop."""

    def __init__(
        self,
        workdir: Path,
        *,
        redis_url: str,
        huey_name: str,
        name: str = "consumer",
        settings: str = "transition.config.settings.base",
        **env: str,
    ):
        self.workdir = Path(workdir)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "HUEY_NAME": huey_name,
            "HUEY_WORKERS": "1",
            "TRANSITION_VAR_DIR": str(self.workdir),
            "LOG_LEVEL": "INFO",
            **env,
        }
        args = [sys.executable, "manage.py", "run_huey", "--workers", env["HUEY_WORKERS"]]
        super().__init__(name, args, env, self.workdir / f"{name}.log")


def job_on(queue, job):
    """The application's huey job `job`, enqueued on `queue` (a RedisHuey of the test's own) under
    the name the consumers know it by."""
    return queue.task(name=job.task_class.__name__, retries=job.retries, retry_delay=job.retry_delay)(job.func)


def queue_name() -> str:
    """A queue name of its own, so that parallel test runs never take each other's tasks."""
    return f"transition-test-{uuid.uuid4().hex[:12]}"
