"""Bulk writes of the local geocoder's tables, in memory bounded by a chunk whatever the input's size
(the national BAN: about 26 million house numbers, 1.5 million streets).

The house numbers go first into a temporary staging table as they are read: on PostgreSQL by COPY
(psycopg's copy API, which sends its buffer as it fills), on SQLite by batched inserts of `CHUNK`
rows. Once the places are complete (a street's point is the mean of its numbers'), they are
upserted, then one INSERT … ON CONFLICT moves the numbers from the staging table into theirs,
joined to their place by BAN identifier. Of several lines with the same identifier, the last one
read wins. Called inside the import's transaction (services.addresses_import): nothing is visible
before it commits. (The SQL is built from this module's constants and the models' table names,
never from the input: hence the `noqa: S608`.)
"""

import itertools
from collections.abc import Iterable, Iterator

from django.db import connection

from transition.platform.geo.ban_files import NumberData, PlaceData
from transition.platform.geo.models import AddressNumber, AddressPlace

CHUNK = 10_000  # rows per batch of inserts on SQLite (PostgreSQL's COPY streams)
STAGING = "geo_staging_number"
PLACE_STAGING = "geo_staging_place"
PLACE_COLUMNS = ("ban_id", "kind", "name", "postcode", "citycode", "city", "context", "lon", "lat", "importance")
NUMBER_COLUMNS = ("ban_id", "place_ban_id", "housenumber", "lon", "lat")


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def _chunks(rows: Iterable[tuple]) -> Iterator[list[tuple]]:
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def _copy(cursor, table: str, columns: Iterable[str], rows: Iterable[tuple]) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def numbers_stage(numbers: Iterable[NumberData]) -> int:
    """Write the numbers into a new staging table as they come; return how many came."""
    counter = itertools.count(1)
    with connection.cursor() as cursor:
        if _postgresql():
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {STAGING} (seq bigint NOT NULL, ban_id text NOT NULL, "
                "place_ban_id text NOT NULL, housenumber text NOT NULL, lon double precision NOT NULL, "
                "lat double precision NOT NULL)"
            )
            rows = ((next(counter), n.ban_id, n.place_ban_id, n.housenumber, n.lon, n.lat) for n in numbers)
            _copy(cursor, STAGING, ("seq", *NUMBER_COLUMNS), rows)
            cursor.execute(f"ANALYZE {STAGING}")
        else:
            # Keyed by identifier: a later line replaces an earlier one, and the rows come out sorted.
            cursor.execute(f"DROP TABLE IF EXISTS temp.{STAGING}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {STAGING} (ban_id TEXT PRIMARY KEY, place_ban_id TEXT NOT NULL, "
                "housenumber TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL) WITHOUT ROWID"
            )
            insert = f"INSERT OR REPLACE INTO temp.{STAGING} VALUES (%s, %s, %s, %s, %s)"  # noqa: S608
            rows = ((n.ban_id, n.place_ban_id, n.housenumber, n.lon, n.lat) for n in numbers if next(counter))
            for chunk in _chunks(rows):
                cursor.executemany(insert, chunk)
    return next(counter) - 1


def places_upsert(places: Iterable[PlaceData]) -> None:
    """Insert or update the places (each identifier once) on their BAN identifier."""
    rows = (
        (
            p.ban_id,
            p.kind,
            p.name[:200],
            p.postcode,
            p.citycode,
            p.city[:100],
            p.context[:200],
            p.lon,
            p.lat,
            p.importance,
        )
        for p in places
    )
    table = AddressPlace._meta.db_table
    columns = ", ".join(PLACE_COLUMNS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in PLACE_COLUMNS[1:])
    with connection.cursor() as cursor:
        if _postgresql():
            cursor.execute(f"DROP TABLE IF EXISTS {PLACE_STAGING}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {PLACE_STAGING} (ban_id text, kind text, name text, postcode text, "
                "citycode text, city text, context text, lon double precision, lat double precision, "
                "importance double precision)"
            )
            _copy(cursor, PLACE_STAGING, PLACE_COLUMNS, rows)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {PLACE_STAGING} "  # noqa: S608
                f"ON CONFLICT (ban_id) DO UPDATE SET {updates}"
            )
            cursor.execute(f"DROP TABLE {PLACE_STAGING}")
        else:
            marks = ", ".join(["%s"] * len(PLACE_COLUMNS))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT (ban_id) DO UPDATE SET {updates}"  # noqa: S608
            for chunk in _chunks(rows):
                cursor.executemany(insert, chunk)


def numbers_merge() -> int:
    """Move the staged numbers into their table (insert or update on the BAN identifier, the last
    line read winning), each joined to its place; drop the staging table. Return how many
    distinct numbers were written."""
    table = AddressNumber._meta.db_table
    places = AddressPlace._meta.db_table
    updates = "place_id = EXCLUDED.place_id, housenumber = EXCLUDED.housenumber, lon = EXCLUDED.lon, lat = EXCLUDED.lat"
    with connection.cursor() as cursor:
        if _postgresql():
            cursor.execute(
                f"INSERT INTO {table} (ban_id, place_id, housenumber, lon, lat) "  # noqa: S608
                "SELECT DISTINCT ON (s.ban_id) s.ban_id, p.id, s.housenumber, s.lon, s.lat "
                f"FROM {STAGING} s JOIN {places} p ON p.ban_id = s.place_ban_id "
                f"ORDER BY s.ban_id, s.seq DESC ON CONFLICT (ban_id) DO UPDATE SET {updates}"
            )
            written = cursor.rowcount
            cursor.execute(f"DROP TABLE {STAGING}")
        else:
            cursor.execute(f"SELECT count(*) FROM temp.{STAGING}")  # noqa: S608
            written = cursor.fetchone()[0]
            # "WHERE true": SQLite's grammar needs it between a join and ON CONFLICT.
            cursor.execute(
                f"INSERT INTO {table} (ban_id, place_id, housenumber, lon, lat) "  # noqa: S608
                "SELECT s.ban_id, p.id, s.housenumber, s.lon, s.lat "
                f"FROM temp.{STAGING} s JOIN {places} p ON p.ban_id = s.place_ban_id WHERE true "
                f"ON CONFLICT (ban_id) DO UPDATE SET {updates}"
            )
            cursor.execute(f"DROP TABLE temp.{STAGING}")
    return written
