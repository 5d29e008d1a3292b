"""Inserting many rows of one table with a single prepared INSERT, for the tables whose rows
need no model instance: cheaper than bulk_create, which builds every object and one long
statement after another."""

from collections.abc import Iterable

from django.db import models, transaction


def insert_rows(model: type[models.Model], rows: Iterable[dict]) -> None:
    """The INSERT bulk_create would have run for `rows` (attribute name → value), each value
    prepared by its field as `save()` prepares it (StreamField JSON, decimals…); fields not
    given get their defaults, an automatic primary key its next value. Django's bulk_create
    refuses multi-table inheritance; this takes the child table of a page that exists."""
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.local_concrete_fields if f is not model._meta.auto_field]
    params = [
        [
            f.get_db_prep_save(row[f.attname] if f.attname in row else f.get_default(), connection)
            for f in fields
        ]
        for row in rows
    ]
    if not params:
        return
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  # nosec B608  # quoted identifiers, values are params
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)  # nosemgrep: raw-sql-from-a-variable-built-from-strings
