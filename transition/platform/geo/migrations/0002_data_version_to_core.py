"""The addresses' data version moves to the platform's one model (core.DataVersion), named
"geo-adresses", with its current number; then geo's own table goes."""

from django.db import migrations

OLD_NAME, NEW_NAME = "addresses", "geo-adresses"


def to_core(apps, schema_editor):
    Old = apps.get_model("geo", "GeoDataVersion")
    New = apps.get_model("core", "DataVersion")
    for row in Old.objects.filter(name=OLD_NAME):
        New.objects.update_or_create(name=NEW_NAME, defaults={"version": row.version, "changed_at": row.updated_at})


def from_core(apps, schema_editor):
    Old = apps.get_model("geo", "GeoDataVersion")
    New = apps.get_model("core", "DataVersion")
    for row in New.objects.filter(name=NEW_NAME):
        Old.objects.update_or_create(name=OLD_NAME, defaults={"version": row.version})


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0001_initial"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(to_core, from_core),
        migrations.DeleteModel(name="GeoDataVersion"),
    ]
