"""The networks' data version moves to the platform's one model (core.DataVersion), with its
current number and time, so that running indexes see no change; then chaleur's own table goes."""

from django.db import migrations


def to_platform(apps, schema_editor):
    Old = apps.get_model("chaleur", "DataVersion")
    New = apps.get_model("core", "DataVersion")
    for row in Old.objects.all():
        New.objects.update_or_create(name=row.name, defaults={"version": row.version, "changed_at": row.changed_at})


def from_platform(apps, schema_editor):
    Old = apps.get_model("chaleur", "DataVersion")
    New = apps.get_model("core", "DataVersion")
    for row in New.objects.filter(name__startswith="chaleur-"):
        Old.objects.update_or_create(name=row.name, defaults={"version": row.version, "changed_at": row.changed_at})


class Migration(migrations.Migration):
    dependencies = [
        ("chaleur", "0003_bulk_test_result_file"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(to_platform, from_platform),
        migrations.DeleteModel(name="DataVersion"),
    ]
