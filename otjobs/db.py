"""Rows written by PostgreSQL's COPY: for the writes that go in by the hundred thousand
(a morning's alert emails and what they named), where `bulk_create` builds a model for each
row and sends every column as an array parameter that psycopg quotes value by value."""

from collections.abc import Iterable, Sequence

from django.db import connection


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """`rows` into `table` by COPY, in the current transaction (PostgreSQL only). Errors come
    as Django's: a key used already is an `IntegrityError`, and fails every row."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(name) for name in columns)}) FROM STDIN"
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
