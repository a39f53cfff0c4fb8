"""The rows the migrations load (CarbuRe's referentials, Potentiel's appels d'offres, périodes and
grid operators, and whatever a later migration seeds), put back after every flush.

A transactional test (`django_db(transaction=True)`, `transactional_db`, `live_server`) ends with
Django emptying every table (`flush`). The referentials the migrations loaded went with it, and
every test that ran next in the same process, transactional or not, started without them (hence
tests re-seeding them by hand). Here, right after the test database is created, the rows of every
table the migrations filled are kept in memory; the flush emits `post_migrate` (that is how it
recreates content types and permissions), and on that signal each kept table found empty gets its
rows back, primary keys included. Every test thus starts from the database as migrations left it,
whatever ran before it, and a process cache of a referential keyed by those rows stays true.

`tests/conftest.py` wraps pytest-django's `django_db_setup` with `keep` and `restore_on_flush`.
(Django's `serialized_rollback` restores before the test that asks for it only, and leaves the
next tests with the emptied tables.)
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import connections, transaction
from django.db.models.signals import post_migrate

Kept = dict[str, list[tuple[type, list[str], list[tuple]]]]  # alias → (model, columns, rows)


def _models() -> list[type]:
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]


def keep() -> Kept:
    """The rows of every non-empty table of each test database (a mirror is its primary)."""
    kept: Kept = {}
    for alias in connections:
        if connections[alias].settings_dict.get("TEST", {}).get("MIRROR"):
            continue
        tables = []
        for model in _models():
            columns = [field.attname for field in model._meta.concrete_fields]
            rows = list(model._base_manager.using(alias).values_list(*columns))
            if rows:
                tables.append((model, columns, rows))
        kept[alias] = tables
    return kept


def restore(kept: Kept, alias: str) -> list[str]:
    """Put back the kept rows of each table now empty; the tables restored. Foreign keys are
    checked at commit (Django creates them deferred), so the order of the tables does not matter."""
    restored = []
    with transaction.atomic(using=alias):
        for model, columns, rows in kept.get(alias, []):
            manager = model._base_manager.using(alias)
            if manager.exists():  # recreated by post_migrate (content types, permissions) or never emptied
                continue
            manager.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows])
            restored.append(model._meta.db_table)
    return restored


@contextmanager
def restore_on_flush(kept: Kept) -> Iterator[None]:
    """While open, every flush (which ends with post_migrate, sent once per application) is
    followed by `restore`, once the last application's receivers (content types, permissions) ran."""
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]

    def _restore(sender, using, **kwargs):
        if sender is last:
            restore(kept, using)

    post_migrate.connect(_restore, dispatch_uid="tests-seeded-restore", weak=False)
    try:
        yield
    finally:
        post_migrate.disconnect(dispatch_uid="tests-seeded-restore")
