"""Keep SQLite's catalogue-version triggers in place.

SQLite rebuilds a table for most schema changes (new table, copy, drop, rename), which
drops the table's triggers; PostgreSQL keeps them. After every migrate, the triggers of
migration 0004 are re-created where missing.
"""

from django.db import connections

TABLES = ("listings_jobposting", "listings_employer")
EVENTS = ("INSERT", "UPDATE", "DELETE")


def ensure_sqlite_catalogue_triggers(sender, using="default", **kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    existing = set(connection.introspection.table_names())
    if not {"listings_catalogueversion", *TABLES} <= existing:
        return
    with connection.cursor() as cursor:
        for table in TABLES:
            for event in EVENTS:
                statement = (
                    f"CREATE TRIGGER IF NOT EXISTS {table}_{event.lower()}_bump_catalogue_version "
                    f"AFTER {event} ON {table} BEGIN "
                    "INSERT INTO listings_catalogueversion (id, value) VALUES (1, 1) "
                    "ON CONFLICT (id) DO UPDATE SET value = listings_catalogueversion.value + 1; "
                    "END;"
                )
                cursor.execute(statement)
