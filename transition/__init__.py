"""Transition: the public digital services of the ecological transition, on one shared core."""

# shapely must be loaded before the first SpatiaLite connection. SQLite opens mod_spatialite with
# RTLD_GLOBAL, which puts Debian's GEOS 3.11 in the global symbol scope; shapely's wheel carries
# GEOS 3.14, and loaded afterwards some of its calls bind to Debian's copy and return corrupted
# geometries or crash at exit. Every entry point (manage.py, WSGI, pytest) imports this package
# before settings, hence before any connection (decision 0006).
import shapely  # noqa: F401
