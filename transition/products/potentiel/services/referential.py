"""Loading the referential file into the database (migrations call `referential_sync`)."""

from ..domain.referential import load_referential

AO_KEYS_EXCLUDED = ("periodes",)


def referential_sync(appel_offres_model, periode_model, referential: dict | None = None) -> tuple[int, int]:
    """Create or update every appel d'offres and période of the referential; returns how many of
    each. Takes the model classes so that migrations can pass their historical models."""
    referential = referential or load_referential()
    version = referential["version"]
    aos = periods = 0
    for ao in referential["appels_offres"]:
        data = {k: v for k, v in ao.items() if k not in AO_KEYS_EXCLUDED}
        appel, _ = appel_offres_model.objects.update_or_create(
            id=ao["id"],
            defaults={
                "cycle": ao["cycle"],
                "titre": ao["titre"],
                "technologie": ao["technologie"],
                "data": data,
                "referential_version": version,
            },
        )
        aos += 1
        for rank, periode in enumerate(ao["periodes"]):
            periode_model.objects.update_or_create(
                appel_offres=appel,
                identifiant=periode["id"],
                defaults={
                    "titre": periode["titre"],
                    "legacy": periode["type"] == "legacy",
                    "rank": rank,
                    "data": periode,
                },
            )
            periods += 1
    return aos, periods
