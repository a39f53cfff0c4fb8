"""Partner API tokens move to the platform's API tokens (accounts.ApiToken), scope
"chaleur:demandes": each organisation's token keeps its hash, so the software holding it keeps
working (apps.py accepts their "fcu_" prefix); then chaleur's own table goes."""

from django.db import migrations

SCOPE = "chaleur:demandes"
NAME = "Jeton de l’API partenaires (créé avant les jetons du socle)"


def to_platform(apps, schema_editor):
    PartnerToken = apps.get_model("chaleur", "PartnerToken")
    ApiToken = apps.get_model("accounts", "ApiToken")
    for old in PartnerToken.objects.all():
        ApiToken.objects.get_or_create(
            token_hash=old.token_hash,
            defaults={
                "organisation_id": old.organisation_id,
                "product": "chaleur",
                "scope": SCOPE,
                "name": NAME,
                "prefix": old.prefix,
                "created_at": old.created_at,
                "last_used_at": old.last_used_at,
            },
        )


def from_platform(apps, schema_editor):
    """Back to one token per organisation: its latest active one of the scope."""
    PartnerToken = apps.get_model("chaleur", "PartnerToken")
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.filter(scope=SCOPE, revoked_at__isnull=True).order_by("created_at"):
        PartnerToken.objects.update_or_create(
            organisation_id=token.organisation_id,
            defaults={
                "token_hash": token.token_hash,
                "prefix": token.prefix[:8],
                "created_at": token.created_at,
                "last_used_at": token.last_used_at,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("chaleur", "0004_data_version_to_platform"),
        ("accounts", "0003_api_tokens"),
    ]

    operations = [
        migrations.RunPython(to_platform, from_platform),
        migrations.DeleteModel(name="PartnerToken"),
    ]
