"""The administration's list at 100,000 projects: an index for its keyset order within an appel
d'offres, and, on PostgreSQL only, pg_trgm GIN indexes serving its search (`icontains`, which
Django writes `UPPER(col::text) LIKE UPPER('%q%')`). On SQLite the trigram step does nothing:
SQLite has no pg_trgm and scans, which is fine at the sizes it serves (tests, development)."""

from django.db import migrations, models

SEARCHED = ("nom_projet", "nom_candidat", "identifiant")


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in SEARCHED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS potentiel_projet_{column}_trgm "
            f"ON potentiel_projet USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def trigram_indexes_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS potentiel_projet_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("potentiel", "0003_workflow_documents")]

    operations = [
        migrations.AddIndex(
            model_name="projet",
            index=models.Index(fields=["appel_offres", "identifiant"], name="potentiel_projet_ao_ident"),
        ),
        migrations.RunPython(trigram_indexes, trigram_indexes_drop, elidable=False),
    ]
