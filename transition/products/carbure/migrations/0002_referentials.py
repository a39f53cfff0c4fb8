"""Load the referentials from carbure/data/ (biofuels, feedstocks, countries, RED II default
values, reference values of the emission checks). Re-running it updates rows in place."""

from django.db import migrations

from transition.products.carbure.domain import referential_files


def load(apps, schema_editor):
    Biofuel = apps.get_model("carbure", "Biofuel")
    Feedstock = apps.get_model("carbure", "Feedstock")
    Country = apps.get_model("carbure", "Country")
    RedIIDefaultValue = apps.get_model("carbure", "RedIIDefaultValue")
    GhgReferenceValue = apps.get_model("carbure", "GhgReferenceValue")
    for row in referential_files.biofuels():
        Biofuel.objects.update_or_create(code=row.pop("code"), defaults=row)
    for row in referential_files.feedstocks():
        Feedstock.objects.update_or_create(code=row.pop("code"), defaults=row)
    for row in referential_files.countries():
        Country.objects.update_or_create(code=row.pop("code"), defaults=row)
    RedIIDefaultValue.objects.all().delete()
    RedIIDefaultValue.objects.bulk_create(RedIIDefaultValue(**row) for row in referential_files.red_ii_default_values())
    GhgReferenceValue.objects.all().delete()
    GhgReferenceValue.objects.bulk_create(
        GhgReferenceValue(
            term=row["term"],
            feedstock_id=row["feedstock_code"],
            biofuel_id=row["biofuel_code"] or None,
            default_min=row["default_min"],
            default_max=row["default_max"],
        )
        for row in referential_files.ghg_reference_values()
    )


class Migration(migrations.Migration):
    dependencies = [("carbure", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
