"""CPU cost of one GET /chaleur/api/v1/eligibility through Django (no network, no gunicorn).

    .venv/bin/python bench/api_profile.py [--requests 3000] [--profile]

Builds a scratch SpatiaLite database (migrate, demo networks), then sends the positions of
`bench/api_load.py` through the WSGI application as gunicorn calls it (the whole middleware stack and URL resolution)
and prints the mean CPU time per request; `--profile` prints the 25 costliest functions (cProfile).
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--index-max-age", default="2")
    parser.add_argument("--filter", default="", help="with --profile: only functions whose path matches")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="transition-api-profile-"))
    os.environ.update(
        {
            "TRANSITION_VAR_DIR": str(folder),
            "DATABASE_URL": f"spatialite:///{folder / 'bench.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "transition.config.settings.base",
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "DB_CONN_MAX_AGE": "600",
            "CHALEUR_API_ELIGIBILITY_PER_MINUTE": "100000000",
            "CHALEUR_INDEX_MAX_AGE_S": args.index_max_age,
            "LOG_LEVEL": "WARNING",
            "GEOCODER_BACKEND": "local",
        }
    )
    import django

    django.setup()
    from api_load import positions
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0, interactive=False)
    with open(os.devnull, "w") as quiet:
        call_command("demo", "chaleur-1-reseaux", stdout=quiet)
    application = get_wsgi_application()
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    def get(path):
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        body = b"".join(application(environ, start_response))
        return statuses[-1], body

    paths = positions(2000, 11)
    for path in paths[:300]:  # warm-up: indexes built, connections open
        status, body = get(path)
        assert status.startswith("200"), (status, body)
    todo = [paths[i % len(paths)] for i in range(args.requests)]
    profiler = cProfile.Profile() if args.profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    for path in todo:
        get(path)
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    one, five, fifteen = os.getloadavg()
    print(
        f"{len(todo)} requêtes : {1000 * cpu / len(todo):.3f} ms CPU par requête ({1000 * wall / len(todo):.3f} ms réels) "
        f"[charge {one:.2f} / {five:.2f} / {fifteen:.2f} sur {os.cpu_count()} cœurs] ; cible ≤ 0,3 ms"
    )
    if profiler:
        totals: dict[str, float] = {}
        for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in pstats.Stats(profiler).stats.items():
            part = filename.split("site-packages/")[-1].split("/")[0] if "site-packages" in filename else filename
            part = (
                "transition/" + filename.split("/transition/")[-1].rsplit("/", 1)[0]
                if "/transition/" in filename
                else part
            )
            totals[part] = totals.get(part, 0.0) + tottime
        whole = sum(totals.values())
        print("Temps propre par paquet (profil) :")
        for part, seconds in sorted(totals.items(), key=lambda kv: -kv[1])[:15]:
            print(f"  {100 * seconds / whole:5.1f} %  {part}")
        if args.filter:
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.filter, 40)
        else:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
