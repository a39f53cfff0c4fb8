"""shapely and SpatiaLite each bring a GEOS: shapely must keep using its own (decision 0006)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_a_process_using_the_database_then_shapely_exits_cleanly(tmp_path):
    """Loaded after the connection, shapely's WKT writer broke ("WKT output dimension must be 2
    or 3") and processes could crash at exit."""
    script = (
        "import os, django;"
        "os.environ['DJANGO_SETTINGS_MODULE']='transition.config.settings.test';"
        "django.setup();"
        "from django.db import connection;"
        "connection.cursor().execute('select spatialite_version()');"
        "import shapely; from transition.platform.geo.projection import to_lambert93;"
        "assert shapely.box(0,0,1,1).wkt.startswith('POLYGON'); to_lambert93(2.35, 48.85)"
    )
    # SpatiaLite whatever the suite runs on: the clash is between its libraries and shapely's.
    env = {**os.environ, "DATABASE_URL": f"spatialite:///{tmp_path / 'order.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
