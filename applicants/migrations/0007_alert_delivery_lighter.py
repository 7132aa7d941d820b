"""AlertDelivery without the search's own index (the unique (search, posting) index serves
lookups by search) and without a database check of its email.

On PostgreSQL both are dropped by name: Django's AlterField drops a foreign key's constraint
whenever the field changes and adds it back, which checks every record while holding locks
on the tables involved (millions of records on a site that has sent alerts for a while).
Elsewhere (SQLite remakes the table in any case) the fields are altered as Django does."""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "applicants_alertdelivery"


def _names(schema_editor, column: str, *, foreign_key: bool) -> list[str]:
    with schema_editor.connection.cursor() as cursor:
        found = schema_editor.connection.introspection.get_constraints(cursor, TABLE)
    return [
        name
        for name, about in found.items()
        if about["columns"] == [column]
        and bool(about["foreign_key"]) == foreign_key
        and (foreign_key or (about["index"] and not about["unique"] and not about["primary_key"]))
    ]


def lighten_on_postgresql(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name in _names(schema_editor, "email_id", foreign_key=True):
        schema_editor.execute(f"ALTER TABLE {quote(TABLE)} DROP CONSTRAINT {quote(name)}")
    for name in _names(schema_editor, "search_id", foreign_key=False):
        schema_editor.execute(f"DROP INDEX {quote(name)}")


def restore_on_postgresql(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"CREATE INDEX {quote(TABLE + '_search_id')} ON {quote(TABLE)} ({quote('search_id')})"
    )
    schema_editor.execute(
        f"ALTER TABLE {quote(TABLE)} ADD CONSTRAINT {quote(TABLE + '_email_id_fk')} "
        f"FOREIGN KEY ({quote('email_id')}) REFERENCES {quote('accounts_outgoingemail')} "
        f"({quote('id')}) DEFERRABLE INITIALLY DEFERRED"
    )


class AlterFieldElsewhere(migrations.AlterField):
    """AlterField, but for PostgreSQL's tables, which the functions above alter."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_outgoingemail"),
        ("applicants", "0006_alert_delivery_posting_without_lock"),
    ]

    operations = [
        migrations.RunPython(lighten_on_postgresql, restore_on_postgresql),
        AlterFieldElsewhere(
            model_name="alertdelivery",
            name="email",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="accounts.outgoingemail",
            ),
        ),
        AlterFieldElsewhere(
            model_name="alertdelivery",
            name="search",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="deliveries",
                to="applicants.savedsearch",
            ),
        ),
    ]
