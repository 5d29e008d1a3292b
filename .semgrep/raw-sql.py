from app.models import Story
from django.db import connection
from django.db.models.expressions import RawSQL


def flagged(term, table, ids):
    with connection.cursor() as cursor:
        # ruleid: raw-sql-built-from-strings
        cursor.execute(f"SELECT * FROM story WHERE title = '{term}'")
        # ruleid: raw-sql-built-from-strings
        cursor.execute("SELECT * FROM story WHERE title = '%s'" % term)
        # ruleid: raw-sql-built-from-strings
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [1])
        # ruleid: raw-sql-built-from-strings
        cursor.execute("SELECT * FROM story WHERE title = '" + term + "'")
        # ruleid: raw-sql-built-from-strings
        cursor.executemany(f"INSERT INTO {table} VALUES (%s)", ids)
        sql = f"DELETE FROM story WHERE title = '{term}'"
        # ruleid: raw-sql-from-a-variable-built-from-strings
        cursor.execute(sql)
    # ruleid: raw-sql-built-from-strings
    Story.objects.raw(f"SELECT * FROM story WHERE title = '{term}'")
    query = "SELECT * FROM story WHERE id IN (%s)" % ",".join(ids)
    # ruleid: raw-sql-from-a-variable-built-from-strings
    Story.objects.raw(query)
    # ruleid: raw-sql-built-from-strings
    Story.objects.annotate(x=RawSQL(f"SELECT '{term}'", []))
    # ruleid: raw-sql-built-from-strings
    Story.objects.extra(where=[f"title = '{term}'"])
    # ruleid: raw-sql-built-from-strings
    Story.objects.extra(select={"rank": "rank(%s)" % term})


def fine(term, ids):
    with connection.cursor() as cursor:
        # ok: raw-sql-built-from-strings
        cursor.execute("SELECT * FROM story WHERE title = %s", [term])
        sql = "SELECT * FROM story WHERE id = ANY(%s)"
        # ok: raw-sql-from-a-variable-built-from-strings
        cursor.execute(sql, [ids])
    # ok: raw-sql-built-from-strings
    Story.objects.raw("SELECT * FROM story WHERE title = %s", [term])
    # ok: raw-sql-built-from-strings
    Story.objects.annotate(x=RawSQL("SELECT %s", [term]))
    # ok: raw-sql-built-from-strings
    Story.objects.extra(where=["title = %s"], params=[term])
    # ok: raw-sql-built-from-strings
    "%s and %s" % (term, term)
