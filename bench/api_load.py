"""Load test of GET /chaleur/api/v1/eligibility: gunicorn on loopback, 50 concurrent connections.

    .venv/bin/python bench/api_load.py [--connections 50] [--duration 30] [--workers 2]
        [--threads 1] [--index-max-age 0] [--client wrk|python]

Builds a scratch SpatiaLite database in a temporary folder (migrate, then the demo networks of
`manage.py demo chaleur-1-reseaux`), starts gunicorn on 127.0.0.1 with DEBUG off, and sends
eligibility requests for 2,000 positions drawn around Angers (every answer type occurs; positions
farther than 1 km from any network make the API ask the local geocoder for the commune) from 50
connections kept open, for DURATION seconds after a 5 s warm-up. The client is wrk (Debian
package `wrk`) when installed, else an asyncio client of this file. Prints requests per second,
p50/p95/p99 latency and the errors (connection errors, timeouts, non-200 answers).

The rate limit of the API stays on, raised for the run (CHALEUR_API_ELIGIBILITY_PER_MINUTE);
each worker counts in its own memory cache (no REDIS_URL), as a single machine would.
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv" / "bin"
PATH_TEMPLATE = "/chaleur/api/v1/eligibility?lat={lat:.6f}&lon={lon:.6f}"

WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %%d, "duration_us": %%d, "p50": %%d, "p95": %%d, "p99": %%d, "max": %%d, "connect": %%d, "read": %%d, "write": %%d, "timeout": %%d, "status": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def positions(count: int, seed: int) -> list[str]:
    """Positions around Angers: most near the demo networks, some anywhere in the area."""
    rng = random.Random(seed)
    anchors = [(-0.5938, 47.4786), (-0.5441, 47.4469), (-0.5256, 47.4877), (-0.5388, 47.4916), (-0.5480, 47.4820)]
    paths = []
    for i in range(count):
        if i % 4 == 3:
            lon, lat = rng.uniform(-0.70, -0.40), rng.uniform(47.40, 47.56)
        else:
            lon, lat = rng.choice(anchors)
            lon, lat = lon + rng.gauss(0, 0.006), lat + rng.gauss(0, 0.004)
        paths.append(PATH_TEMPLATE.format(lat=lat, lon=lon))
    return paths


def prepare(folder: Path, env: dict) -> None:
    for args in (["migrate", "--noinput", "-v", "0"], ["demo", "chaleur-1-reseaux"]):
        subprocess.run(
            [str(VENV / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )


def wait_ready(url: str, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn n’a pas démarré à temps")


def run_wrk(base: str, paths: list[str], connections: int, duration: int, folder: Path) -> dict:
    paths_file = folder / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    script = folder / "eligibility.lua"
    script.write_text(WRK_SCRIPT % {"paths": paths_file})
    threads = 2
    subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", "5s", "-s", str(script), base],
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            "--timeout",
            "5s",
            "-s",
            str(script),
            base,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    data = json.loads(line.removeprefix("RESULT "))
    return {
        "requests": data["requests"],
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50_ms": data["p50"] / 1000,
        "p95_ms": data["p95"] / 1000,
        "p99_ms": data["p99"] / 1000,
        "max_ms": data["max"] / 1000,
        "errors": {k: data[k] for k in ("connect", "read", "write", "timeout", "status")},
        "client": "wrk 4.1 (2 threads)",
    }


async def _python_client(host: str, port: int, paths: list[str], connections: int, duration: float) -> dict:
    latencies: list[float] = []
    errors = {"connect": 0, "read": 0, "status": 0}
    stop_at = time.monotonic() + duration
    counter = iter(range(10**12))

    async def one_connection():
        reader = writer = None
        while time.monotonic() < stop_at:
            if writer is None:
                try:
                    reader, writer = await asyncio.open_connection(host, port)
                except OSError:
                    errors["connect"] += 1
                    await asyncio.sleep(0.01)
                    continue
            path = paths[next(counter) % len(paths)]
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            try:
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(
                    next(h.split(b":")[1] for h in head.split(b"\r\n") if h.lower().startswith(b"content-length"))
                )
                await reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, StopIteration, ValueError):
                errors["read"] += 1
                writer.close()
                writer = None
                continue
            latencies.append(time.perf_counter() - started)
            if not head.startswith(b"HTTP/1.1 200"):
                errors["status"] += 1
            if b"connection: close" in head.lower():
                writer.close()
                writer = None
        if writer is not None:
            writer.close()

    started = time.monotonic()
    await asyncio.gather(*(one_connection() for _ in range(connections)))
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(q):
        return 1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))]

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": 1000 * latencies[-1],
        "errors": errors,
        "client": "asyncio (this file)",
    }


def run_python(port: int, paths: list[str], connections: int, duration: int) -> dict:
    asyncio.run(_python_client("127.0.0.1", port, paths, connections, 5))
    return asyncio.run(_python_client("127.0.0.1", port, paths, connections, duration))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--index-max-age", default="0", help="CHALEUR_INDEX_MAX_AGE_S of the server")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="transition-api-load-"))
    port = free_port()
    env = {
        **os.environ,
        "TRANSITION_VAR_DIR": str(folder),
        "DATABASE_URL": f"spatialite:///{folder / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "transition.config.settings.base",
        "DJANGO_DEBUG": "false",
        "DB_CONN_MAX_AGE": "600",
        "CHALEUR_API_ELIGIBILITY_PER_MINUTE": "100000000",
        "CHALEUR_INDEX_MAX_AGE_S": args.index_max_age,
        "LOG_LEVEL": "WARNING",
        "GEOCODER_BACKEND": "local",
    }
    server = None
    try:
        prepare(folder, env)
        server = subprocess.Popen(
            [
                str(VENV / "gunicorn"),
                "transition.config.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--threads",
                str(args.threads),
                "-k",
                args.worker_class,
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        paths = positions(2000, args.seed)
        wait_ready(base + paths[0])
        kinds = {}
        for path in paths[:300]:
            with urllib.request.urlopen(base + path, timeout=5) as answer:
                kind = json.loads(answer.read())["type"]
                kinds[kind] = kinds.get(kind, 0) + 1
        print(
            "Réponses sur 300 positions : "
            + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
        )
        if args.client == "wrk":
            result = run_wrk(base, paths, args.connections, args.duration, folder)
        else:
            result = run_python(port, paths, args.connections, args.duration)
        errors = sum(result["errors"].values())
        print(
            f"gunicorn {args.workers} processus × {args.threads} fil(s) ({args.worker_class}), client {result['client']}, "
            f"{args.connections} connexions, {args.duration} s"
        )
        print(
            f"{result['requests']} requêtes, {result['rps']:.0f} requêtes/s ; latence p50 {result['p50_ms']:.1f} ms, "
            f"p95 {result['p95_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, max {result['max_ms']:.1f} ms"
        )
        print(f"Erreurs : {errors} ({', '.join(f'{k} {v}' for k, v in result['errors'].items())})")
        print(
            f"Objectif p95 < 25 ms : {'atteint' if result['p95_ms'] < 25 else 'manqué'}; sans erreur : {'oui' if errors == 0 else 'non'}"
        )
        print(f"(médiane des 2 000 chemins : {statistics.median(len(p) for p in paths)} caractères)")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
