"""Settings of geo, read from the environment (listed in the README)."""

from transition.config.env import env_int, env_str
from transition.config.settings.parts.accounts import RATE_LIMITS as _RATE_LIMITS

# "local": the index built from BAN files loaded with `manage.py geo_import_addresses`;
# "ban": the national HTTP API at GEO_BAN_URL.
GEOCODER_BACKEND = env_str("GEOCODER_BACKEND", "local")
GEO_BAN_URL = env_str("GEO_BAN_URL", "https://data.geopf.fr/geocodage/")
GEO_BAN_TIMEOUT_S = float(env_str("GEO_BAN_TIMEOUT_S", "10"))
GEO_BAN_CONNECT_TIMEOUT_S = float(env_str("GEO_BAN_CONNECT_TIMEOUT_S", "3"))
GEO_BAN_BATCH_TIMEOUT_S = float(env_str("GEO_BAN_BATCH_TIMEOUT_S", "120"))
GEO_BAN_MAX_RETRIES = env_int("GEO_BAN_MAX_RETRIES", 3)
GEO_BAN_MAX_RETRY_AFTER_S = float(env_str("GEO_BAN_MAX_RETRY_AFTER_S", "60"))
GEO_BAN_RATE_PER_S = float(env_str("GEO_BAN_RATE_PER_S", "50"))
GEO_BAN_BATCH_ROWS = env_int("GEO_BAN_BATCH_ROWS", 2000)
# How often (seconds) a process checks whether the addresses changed and its index must be rebuilt.
GEO_LOCAL_INDEX_CHECK_S = float(env_str("GEO_LOCAL_INDEX_CHECK_S", "5"))

# The public /api/geo/ endpoints serve every keystroke of the address fields: a limit of their own.
_RATE_LIMITS["geo_api"] = {"ip": (env_int("GEO_API_RATE_LIMIT_PER_IP", 600), 60)}

# The maps' base layer, for every product: the State's public base map by default (Plan IGN of
# the Géoplateforme, no key needed). Its origin is added to the CSP's img-src. Empty: no base
# layer (the maps then show their own labels).
MAP_TILES_URL = env_str(
    "MAP_TILES_URL",
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png"
    "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
)
MAP_TILES_ATTRIBUTION = env_str("MAP_TILES_ATTRIBUTION", "© IGN – Plan IGN (Géoplateforme)")
MAP_TILES_MAX_ZOOM = env_int("MAP_TILES_MAX_ZOOM", 19)
