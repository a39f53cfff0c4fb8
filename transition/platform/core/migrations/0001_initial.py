import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=50, unique=True, verbose_name="jeu de données")),
                ("version", models.PositiveIntegerField(default=0, verbose_name="version")),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="modifié le")),
            ],
            options={
                "verbose_name": "version des données",
                "verbose_name_plural": "versions des données",
            },
        ),
    ]
