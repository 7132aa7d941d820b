"""Keep SQLite's catalogue-change triggers in place.

SQLite rebuilds a table for most schema changes (new table, copy, drop, rename), which
drops the table's triggers; PostgreSQL keeps them. After every migrate, the triggers of
migration 0008 are re-created where missing (the statements are the migration's own).
"""

from django.db import connections

CHANGE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS listings_posting_insert_changed AFTER INSERT ON "
    "listings_jobposting BEGIN "
    "INSERT INTO listings_cataloguechange (posting_id) VALUES (NEW.id); END;",
    "CREATE TRIGGER IF NOT EXISTS listings_posting_update_changed AFTER UPDATE ON "
    "listings_jobposting BEGIN "
    "INSERT INTO listings_cataloguechange (posting_id) VALUES (NEW.id); END;",
    "CREATE TRIGGER IF NOT EXISTS listings_posting_delete_changed AFTER DELETE ON "
    "listings_jobposting BEGIN "
    "INSERT INTO listings_cataloguechange (posting_id) VALUES (OLD.id); END;",
    "CREATE TRIGGER IF NOT EXISTS listings_employer_update_changed AFTER UPDATE ON "
    "listings_employer BEGIN "
    "INSERT INTO listings_cataloguechange (posting_id) "
    "SELECT id FROM listings_jobposting WHERE employer_id = NEW.id; END;",
]


def ensure_sqlite_change_triggers(sender, using="default", **kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    existing = set(connection.introspection.table_names())
    if not {"listings_cataloguechange", "listings_jobposting", "listings_employer"} <= existing:
        return
    with connection.cursor() as cursor:
        for statement in CHANGE_TRIGGERS:
            cursor.execute(statement)
