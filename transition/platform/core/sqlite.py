"""SQLite (SpatiaLite) connections: loading SpatiaLite resets the busy timeout to 5 s, whatever
the `timeout` of DATABASES' OPTIONS; set it again once the connection is ready, so that a writer
waits for the write lock (up to `timeout`) instead of failing with "database is locked"."""


def sqlite_connection_tune(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    timeout_s = float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5))
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
