"""A production-like Transition on this machine, on loopback only, built as docs/deploy.md says:
PostgreSQL + PostGIS (a private primary, and a standby in streaming replication as the read
replica), Redis with AOF, an S3-compatible server (moto), gunicorn (prod settings) behind nginx
ending TLS, and two huey consumers. Every piece is a process this script starts and stops, so
that bench/faults.py can kill, stop and restart them.

    with ProdLike(workdir) as prod:
        prod.https.get("/")                     # through nginx, TLS
        prod.stop_postgres(); prod.start_postgres()
        prod.consumers[0].kill()

Needs root (PostgreSQL runs as the `postgres` system user), nginx (Debian nginx-light) and the
project's .venv.
"""

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests
import urllib3

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.faults import ManagedProcess, RedisProcess, free_port  # noqa: E402 - the same pieces as the tests

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "transition.localhost"
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # our own self-signed certificate


def wait(condition, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        try:
            value = last = condition()
        except Exception as exc:
            value, last = None, exc
        if value:
            return value
        time.sleep(0.2)
    raise RuntimeError(f"{what} : pas prêt en {timeout_s:.0f} s (dernier essai : {last!r})")


def as_postgres(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True, **kwargs)


class PostgresCluster:
    """A PostgreSQL 15 cluster of its own in `folder`, on 127.0.0.1:`port`."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.data = folder / "data"

    def init(self) -> None:
        self.folder.mkdir(parents=True)
        shutil.chown(self.folder, "postgres", "postgres")
        as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def init_standby_of(self, primary: "PostgresCluster") -> None:
        self.folder.mkdir(parents=True)
        shutil.chown(self.folder, "postgres", "postgres")
        as_postgres(
            str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
            "-D", str(self.data), "-R", "-X", "stream", "-c", "fast",
        )  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} -c shared_buffers=64MB -c max_connections=200"
        as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options, "-w", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        if not (self.data / "postmaster.pid").exists():
            return
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def sql(self, statement: str, database: str = "postgres") -> str:
        return as_postgres(
            str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-d", database, "-Atc", statement, text=True
        ).stdout.strip()

    def url(self, database: str = "transition") -> str:
        return f"postgis://postgres@127.0.0.1:{self.port}/{database}"


NGINX_CONF = """
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    upstream transition_web {{ server 127.0.0.1:{web_port}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{http_port};
        server_name {host};
        return 301 https://$host:{https_port}$request_uri;
    }}
    server {{
        listen 127.0.0.1:{https_port} ssl http2;
        server_name {host};
        ssl_certificate {work}/cert.pem;
        ssl_certificate_key {work}/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        client_max_body_size 55m;
        proxy_read_timeout 65s;
        location / {{
            proxy_pass http://transition_web;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_redirect off;
        }}
    }}
}}
"""


class ProdLike:
    def __init__(self, work: Path, *, web_workers: int = 4, consumer_workers: int = 2, extra_env: dict | None = None):
        self.work = work
        self.web_workers, self.consumer_workers = web_workers, consumer_workers
        self.primary = PostgresCluster(work / "pg-primary", free_port())
        self.standby = PostgresCluster(work / "pg-standby", free_port())
        self.redis = RedisProcess(work / "redis", appendonly=True)
        self.web_port, self.http_port, self.https_port = free_port(), free_port(), free_port()
        self.maildir = work / "mails"
        self.s3_server = None
        self.extra_env = extra_env or {}
        self.consumers: list[ManagedProcess] = []
        self.web: ManagedProcess | None = None
        self.nginx: ManagedProcess | None = None

    # environment, as /etc/transition/env would hold it --------------------------------------
    def env(self, **overrides) -> dict:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DATABASE", "REDIS"))},
            "DJANGO_SETTINGS_MODULE": "transition.config.settings.prod",
            "DJANGO_SECRET_KEY": self.secret,
            "AUDIT_HMAC_KEYS": f"bench:{self.secret[:48]}",
            "DJANGO_ALLOWED_HOSTS": HOST,
            "SITE_URL": f"https://{HOST}:{self.https_port}",
            "DATABASE_URL": self.primary.url(),
            "DATABASE_REPLICA_URL": self.standby.url(),
            "DB_CONN_MAX_AGE": "60",
            "REDIS_URL": self.redis.url,
            "EMAIL_URL": f"filemail:///{self.maildir}",
            "TRANSITION_VAR_DIR": str(self.work / "var"),
            "RATE_LIMIT_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": "transition-fichiers",
            "S3_ENDPOINT_URL": self.s3_endpoint,
            "S3_REGION": "eu-west-3",
            "S3_ACCESS_KEY_ID": "cle",
            "S3_SECRET_ACCESS_KEY": "secret",
            "MEDIA_ROOT": str(self.work / "no-shared-disk"),  # never used with S3: proves it
            "LOG_LEVEL": "INFO",
            **self.extra_env,
            **overrides,
        }
        return env

    def manage(self, *args: str, **env) -> str:
        return subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env(**env), check=True, capture_output=True, text=True
        ).stdout

    # lifecycle ----------------------------------------------------------------------------------
    def __enter__(self) -> "ProdLike":
        try:
            return self._start()
        except BaseException:
            self.__exit__()
            raise

    def _start(self) -> "ProdLike":
        from moto.server import ThreadedMotoServer

        self.secret = secrets.token_urlsafe(64)
        self.work.mkdir(parents=True, exist_ok=True)
        (self.work / "redis").mkdir(exist_ok=True)
        self.maildir.mkdir(exist_ok=True)
        self.primary.init()
        self.primary.start()
        self.primary.sql("CREATE DATABASE transition")
        self.primary.sql("CREATE EXTENSION postgis", database="transition")
        self.standby.init_standby_of(self.primary)
        self.standby.start()
        self.redis.start()
        self.s3_server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.s3_server.start()
        host, port = self.s3_server.get_host_and_port()
        self.s3_endpoint = f"http://{host}:{port}"
        import boto3

        boto3.client(
            "s3", endpoint_url=self.s3_endpoint, aws_access_key_id="cle", aws_secret_access_key="secret",
            region_name="eu-west-3",
        ).create_bucket(Bucket="transition-fichiers", CreateBucketConfiguration={"LocationConstraint": "eu-west-3"})  # fmt: skip
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.start_web()
        self.start_nginx()
        for i in (1, 2):
            self.consumers.append(self.start_consumer(f"consumer{i}"))
        wait(self._site_answers, 90, "le site")
        return self

    def _site_answers(self) -> bool:
        response = self.https.get("/", timeout=5)
        if response.status_code != 200:
            raise RuntimeError(f"{response.status_code} {response.headers} {response.text[:300]}")
        return True

    def start_web(self) -> None:
        self.web = ManagedProcess(
            "gunicorn",
            [str(ROOT / ".venv/bin/gunicorn"), "transition.config.wsgi", "-b", f"127.0.0.1:{self.web_port}",
             "--workers", str(self.web_workers), "--timeout", "60", "--control-socket", str(self.work / "gunicorn.ctl")],
            self.env(),
            self.work / "gunicorn.log",
            stop_signal=signal.SIGTERM,
        ).start()  # fmt: skip

    def start_consumer(self, name: str) -> ManagedProcess:
        return ManagedProcess(
            name,
            [PYTHON, "manage.py", "run_huey", "--workers", str(self.consumer_workers)],
            self.env(),
            self.work / f"{name}.log",
        ).start()

    def start_nginx(self) -> None:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={HOST}",
             "-keyout", str(self.work / "key.pem"), "-out", str(self.work / "cert.pem")],
            check=True, capture_output=True,
        )  # fmt: skip
        conf = self.work / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                work=self.work, web_port=self.web_port, http_port=self.http_port, https_port=self.https_port, host=HOST
            )
        )
        subprocess.run(["nginx", "-t", "-c", str(conf), "-p", str(self.work)], check=True, capture_output=True)
        self.nginx = ManagedProcess(
            "nginx",
            ["nginx", "-c", str(conf), "-p", str(self.work), "-g", "daemon off;"],
            {"PATH": os.environ["PATH"]},
            self.work / "nginx.log",
            stop_signal=signal.SIGTERM,
        ).start()

    @property
    def https(self) -> "Client":
        return Client(f"https://127.0.0.1:{self.https_port}")

    def __exit__(self, *exc) -> None:
        for consumer in self.consumers:
            consumer.stop()
        for process in (self.web, self.nginx):
            if process:
                process.stop()
        self.redis.stop()
        for cluster in (self.standby, self.primary):
            with contextlib.suppress(subprocess.CalledProcessError):
                cluster.stop()
        if self.s3_server:
            self.s3_server.stop()


class Client(requests.Session):
    """HTTPS through nginx, with the public host name (verify off: our own certificate)."""

    def __init__(self, base: str):
        super().__init__()
        self.base = base
        self.verify = False
        self.headers["Host"] = HOST

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        kwargs["verify"] = False  # explicit: a CA bundle from the environment would override the session's
        return super().request(method, self.base + url, *args, **kwargs)
