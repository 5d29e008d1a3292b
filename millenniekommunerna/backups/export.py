"""Writing a site archive (`manage.py export_site`).

The data is Django's own serialisation, the fixture format of `dumpdata`/`loaddata`, because
it is the one format every database Django supports can read back: `pg_dump` and
django-dbbackup copy one database engine's files or SQL, which SQLite cannot load, nor
PostgreSQL SQLite's. Rows keep their primary keys, so that what refers to a row by its id
without a foreign key (a revision's JSON, a page's path in the tree, a log entry's object id)
still finds it; content types and permissions, which `migrate` numbers differently in every
database, are written by natural key ("stories", "storypage") instead.

The data member is written the same way every time from the same data, whatever the
database: rows in primary-key order, many-to-many lists sorted, JSON keys sorted in JSON fields
and StreamFields alike (PostgreSQL's jsonb reorders them), and times to the microsecond (the
fixture encoder cuts them to milliseconds). So an archive imported and exported again has the
same checksum, which is how a restore is checked."""

import contextlib
import datetime
import decimal
import json
import tempfile
import uuid
from pathlib import Path

import django
import wagtail
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail.fields import StreamField

from .archive import DATA, FORMAT, FORMAT_VERSION, Writer, media_member
from .contents import Selection, file_fields, label

# The whole of a password hash that says "no password" (Django's own unusable passwords add
# random characters after it; the import gives every such user one of those again).
NO_PASSWORD = UNUSABLE_PASSWORD_PREFIX


class Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.date | datetime.time):
            return o.isoformat()
        if isinstance(o, decimal.Decimal | uuid.UUID):
            return str(o)
        return super().default(o)


class Serializer(PythonSerializer):
    """Django's serialiser, with natural keys for content types and permissions only: other
    models with a natural key (pages by URL path, collections by path, sites by host name)
    keep their ids like everything else, which also holds for a log entry of a page since
    deleted."""

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = _by_natural_key(field)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = _by_natural_key(field)
        super().handle_m2m_field(obj, field)


def _by_natural_key(field) -> bool:
    return field.remote_field.model in (ContentType, Permission)


def applied_migrations(using=DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def ordered_models(selection: Selection):
    """The selected models, each after those it refers to by natural key (as dumpdata)."""
    chosen = selection.models()
    by_app: dict = {}
    for model in chosen:
        by_app.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


def serialised_rows(model, selection: Selection, using=DEFAULT_DB_ALIAS):
    many_to_many = [
        field.name
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    streams = [field.name for field in model._meta.local_fields if isinstance(field, StreamField)]
    rows = model._base_manager.using(using).order_by(model._meta.pk.name)
    is_user = label(model) == label(get_user_model())
    for chunk in _chunks(rows.iterator(chunk_size=500), 500):
        for row in Serializer().serialize(chunk):
            fields = row["fields"]
            for name in many_to_many:
                fields[name] = sorted(fields[name], key=json.dumps)
            for name in streams:
                # Stored as text by SQLite, as jsonb (keys reordered) by PostgreSQL.
                if isinstance(fields[name], str):
                    fields[name] = json.dumps(json.loads(fields[name]), sort_keys=True)
            if is_user and not selection.with_passwords:
                fields["password"] = NO_PASSWORD
            yield row


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_data(path: Path, selection: Selection, using=DEFAULT_DB_ALIAS):
    """Write the fixture, one row a line; return ({model label: rows}, [media file names])."""
    counts: dict[str, int] = {}
    media: set[str] = set()
    first = True
    with open(path, "w", encoding="utf-8") as out:
        out.write("[")
        for model in ordered_models(selection):
            counts[label(model)] = 0
            fields = file_fields(model)
            for row in serialised_rows(model, selection, using):
                out.write("\n" if first else ",\n")
                first = False
                out.write(json.dumps(row, cls=Encoder, sort_keys=True, ensure_ascii=False))
                counts[label(model)] += 1
                media.update(row["fields"][field.name] for field in fields)
        out.write("\n]\n")
    media.discard("")
    media.discard(None)
    return counts, sorted(media)


def _snapshot(using):
    """On PostgreSQL, one read-only snapshot for the whole data member, so that an editor
    saving meanwhile cannot leave a revision in it without its page. On SQLite a transaction
    here would take the write lock (settings: IMMEDIATE) and make editors wait; there, export
    while nobody edits (docs/backups.md)."""
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return contextlib.nullcontext()
    return _repeatable_read(using)


@contextlib.contextmanager
def _repeatable_read(using):
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def export_site(path: Path, selection: Selection, using=DEFAULT_DB_ALIAS) -> dict:
    """Write the archive at `path`; return its manifest."""
    with tempfile.TemporaryDirectory(prefix="export_site-", dir=path.parent) as workdir:
        workdir = Path(workdir)
        writer = Writer(workdir)
        data = workdir / DATA
        with _snapshot(using):
            counts, media = write_data(data, selection, using)
        writer.add_file(DATA, data)
        missing = []
        for name in media:
            try:
                with default_storage.open(name, "rb") as stream:
                    writer.add_stream(media_member(name), stream)
            except FileNotFoundError:
                missing.append(name)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connections[using].vendor,
            "django_version": django.get_version(),
            "wagtail_version": wagtail.__version__,
            "with_passwords": selection.with_passwords,
            "with_tips": selection.with_tips,
            "migrations": applied_migrations(using),
            "counts": counts,
            "missing_media": missing,
        }
        writer.write(path, manifest)
        return {**manifest, "members": writer.members}
