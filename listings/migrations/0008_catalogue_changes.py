# Replaces the one catalogue-version counter (every write made every process rebuild its
# index and every cached page go cold) with a log of the postings that changed.

from django.db import migrations, models

TABLES = ("listings_jobposting", "listings_employer")

OLD_POSTGRES = "".join(
    f"DROP TRIGGER IF EXISTS {table}_bump_catalogue_version ON {table};\n" for table in TABLES
) + "DROP FUNCTION IF EXISTS listings_bump_catalogue_version();"
OLD_SQLITE = [
    f"DROP TRIGGER IF EXISTS {table}_{event}_bump_catalogue_version;"
    for table in TABLES
    for event in ("insert", "update", "delete")
]

# PostgreSQL: constraint triggers deferred to commit, holding a transaction-level advisory
# lock until the commit ends, so that change ids follow commit order: whoever reads change
# N has already been able to read every change below N. The lock is held only from the
# moment a writing transaction commits, never while it works (an import of thousands of
# postings does not block other saves). A TRUNCATE records a change with no posting.
POSTGRES = """
CREATE OR REPLACE FUNCTION listings_note_change() RETURNS trigger AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(842017);
    IF TG_TABLE_NAME = 'listings_employer' THEN
        INSERT INTO listings_cataloguechange (posting_id)
            SELECT id FROM listings_jobposting WHERE employer_id = NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO listings_cataloguechange (posting_id) VALUES (OLD.id);
    ELSE
        INSERT INTO listings_cataloguechange (posting_id) VALUES (NEW.id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER listings_posting_changed
    AFTER INSERT OR UPDATE OR DELETE ON listings_jobposting
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION listings_note_change();

CREATE CONSTRAINT TRIGGER listings_employer_changed
    AFTER UPDATE ON listings_employer
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION listings_note_change();

CREATE OR REPLACE FUNCTION listings_note_truncate() RETURNS trigger AS $$
BEGIN
    INSERT INTO listings_cataloguechange (posting_id) VALUES (NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER listings_posting_truncated
    AFTER TRUNCATE ON listings_jobposting
    FOR EACH STATEMENT EXECUTE FUNCTION listings_note_truncate();

INSERT INTO listings_cataloguechange (posting_id) SELECT id FROM listings_jobposting;
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS listings_posting_truncated ON listings_jobposting;
DROP FUNCTION IF EXISTS listings_note_truncate();
DROP TRIGGER IF EXISTS listings_posting_changed ON listings_jobposting;
DROP TRIGGER IF EXISTS listings_employer_changed ON listings_employer;
DROP FUNCTION IF EXISTS listings_note_change();
"""

# SQLite runs one writing transaction at a time, so ids follow commit order as they are.
# listings/signals.py re-creates these after migrations that rebuild the tables.
SQLITE = [
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
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS listings_posting_insert_changed;",
    "DROP TRIGGER IF EXISTS listings_posting_update_changed;",
    "DROP TRIGGER IF EXISTS listings_posting_delete_changed;",
    "DROP TRIGGER IF EXISTS listings_employer_update_changed;",
]


def drop_version_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(OLD_POSTGRES, params=None)
    elif vendor == "sqlite":
        for statement in OLD_SQLITE:
            schema_editor.execute(statement, params=None)


def install_change_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement, params=None)
        schema_editor.execute(
            "INSERT INTO listings_cataloguechange (posting_id) SELECT id FROM listings_jobposting",
            params=None,
        )


def remove_change_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('listings', '0007_membership'),
    ]

    operations = [
        migrations.RunPython(drop_version_triggers, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='CatalogueVersion',
        ),
        migrations.CreateModel(
            name='CatalogueChange',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('posting_id', models.BigIntegerField(null=True)),
            ],
        ),
        migrations.AddIndex(
            model_name='cataloguechange',
            index=models.Index(fields=['posting_id', 'id'], name='change_posting_id'),
        ),
        migrations.RunPython(install_change_triggers, remove_change_triggers),
    ]
