"""A Redis for the tests that run a real huey consumer: the local one on 127.0.0.1:6379, or, when
it does not answer, a private redis-server started on a free loopback port for the test."""

import shutil
import socket
import subprocess
import time
import uuid

import pytest
import redis

LOCAL = ("127.0.0.1", 6379)
TEST_DB = 9  # away from db 0, which the application and addok use


def _answers(host: str, port: int) -> bool:
    try:
        return bool(redis.Redis(host=host, port=port, socket_connect_timeout=1).ping())
    except redis.ConnectionError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    if _answers(*LOCAL):
        yield f"redis://{LOCAL[0]}:{LOCAL[1]}/{TEST_DB}"
        return
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("Redis ne répond pas sur 127.0.0.1:6379 et redis-server est absent (paquet Debian redis-server).")
    port = _free_port()
    process = subprocess.Popen(
        [
            server,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not _answers("127.0.0.1", port):
            if time.monotonic() > deadline:
                pytest.fail("redis-server n’a pas démarré en 10 s.")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/{TEST_DB}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def huey_name():
    """A queue name of its own, so that parallel test runs never take each other's tasks."""
    return f"transition-test-{uuid.uuid4().hex[:12]}"
