"""A real addok (the engine behind the national BAN API) on loopback, for the tests of the `ban`
backend and for the benchmark: its own Redis (no disk, loopback only), documents loaded with
`addok batch` + `addok ngrams`, served by gunicorn. Needs the `.venv-addok` virtualenv
(`make .venv-addok/.installed`); nothing here runs in production.
"""

import gzip
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ADDOK_VENV = Path(__file__).resolve().parents[3] / ".venv-addok"

CONFIG_TEMPLATE = """\
# Written by transition.platform.geo.addok_server: the BAN's addok settings, on a private Redis.
REDIS = {{"host": "127.0.0.1", "port": {redis_port}, "indexes": {{"db": 0}}, "documents": {{"db": 1}}}}
QUERY_PROCESSORS_PYPATHS = [
    "addok.helpers.text.check_query_length",
    "addok_france.extract_address",
    "addok_france.clean_query",
    "addok_france.remove_leading_zeros",
]
PROCESSORS_PYPATHS = [
    "addok.helpers.text.tokenize",
    "addok.helpers.text.normalize",
    "addok_france.glue_ordinal",
    "addok_france.fold_ordinal",
    "addok_france.flag_housenumber",
    "addok.helpers.text.synonymize",
    "addok_fr.phonemicize",
]
SEARCH_RESULT_PROCESSORS_PYPATHS = [
    "addok.helpers.results.match_housenumber",
    "addok_france.make_labels",
    "addok.helpers.results.score_by_importance",
    "addok.helpers.results.score_by_autocomplete_distance",
    "addok.helpers.results.score_by_ngram_distance",
    "addok.helpers.results.score_by_geo_distance",
    "addok.helpers.results.adjust_scores",
]
REVERSE_RESULT_PROCESSORS_PYPATHS = [
    "addok.helpers.results.load_closer",
    "addok_france.make_labels",
    "addok.helpers.results.score_by_geo_distance",
]
FIELDS = [
    {{"key": "name", "boost": 4, "null": False}},
    {{"key": "street"}},
    {{"key": "postcode", "boost": lambda doc: 1.2 if doc.get("type") == "municipality" else 1}},
    {{"key": "city"}},
    {{"key": "housenumbers"}},
    {{"key": "context"}},
]
FILTERS = ["type", "postcode", "citycode"]
CSV_EXTRA_FIELDS = ["name", "street", "postcode", "citycode", "city", "context"]
BATCH_WORKERS = 1
LOG_DIR = {log_dir!r}
"""


def addok_available() -> bool:
    return (
        (ADDOK_VENV / "bin" / "addok").exists()
        and (ADDOK_VENV / "bin" / "gunicorn").exists()
        and bool(shutil.which("redis-server"))
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_port(port: int, timeout_s: float, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} s'est arrêté au démarrage (code {process.returncode}).")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} n'écoute pas sur le port {port} après {timeout_s} s.")


class AddokServer:
    """`with AddokServer(ndjson_lines) as server: server.url` -> "http://127.0.0.1:PORT/"."""

    def __init__(self, documents: list[str] | Path, *, workers: int = 1):
        self.documents = documents
        self.workers = workers
        self.processes: list[subprocess.Popen] = []
        self.url = ""

    def _env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTHON"))}
        env["ADDOK_CONFIG_MODULE"] = str(self.config_path)
        return env

    def _addok(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 - fixed executable of our own virtualenv
            [str(ADDOK_VENV / "bin" / "addok"), *args],
            env=self._env(),
            check=True,
            capture_output=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )

    def start(self) -> "AddokServer":
        self.tmp = Path(tempfile.mkdtemp(prefix="addok-"))
        redis_port = free_port()
        redis = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.processes.append(redis)
        _wait_port(redis_port, 10, redis, "Redis")
        self.config_path = self.tmp / "addok_config.py"
        self.config_path.write_text(CONFIG_TEMPLATE.format(redis_port=redis_port, log_dir=str(self.tmp)))
        # addok batch reads plain text files only: decompress (or write) the documents first.
        data = self.tmp / "documents.ndjson"
        if isinstance(self.documents, Path):
            opener = gzip.open if self.documents.name.endswith(".gz") else open
            with opener(self.documents, "rb") as source, open(data, "wb") as target:
                shutil.copyfileobj(source, target)
        else:
            data.write_text("\n".join(self.documents) + "\n", encoding="utf-8")
        self._addok("batch", str(data))
        self._addok("ngrams")
        port = free_port()
        gunicorn = subprocess.Popen(  # noqa: S603
            [
                str(ADDOK_VENV / "bin" / "gunicorn"), "addok.http.wsgi", "-b", f"127.0.0.1:{port}",
                "--workers", str(self.workers), "--log-level", "warning",
                # A search/csv chunk of a few thousand lines may take longer than gunicorn's 30 s.
                "--timeout", "600",
            ],
            env=self._env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.processes.append(gunicorn)
        _wait_port(port, 20, gunicorn, "addok (gunicorn)")
        self.url = f"http://127.0.0.1:{port}/"
        # The first request loads addok's configuration: make it before anyone measures.
        with urllib.request.urlopen(self.url + "search/?q=a", timeout=30):  # noqa: S310 - loopback
            pass
        return self

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.processes.clear()
        shutil.rmtree(getattr(self, "tmp", ""), ignore_errors=True)

    def __enter__(self) -> "AddokServer":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()
