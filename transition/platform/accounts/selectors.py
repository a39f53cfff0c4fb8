"""Reads of accounts."""

from django.utils import timezone

from transition.platform.core.registry import product as product_of

from .models import Membership, User
from .registry import personal_data_sources
from .roles import role_label


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def product_name(slug: str) -> str:
    described = product_of(slug)
    return described.name if described else slug.replace("_", " ").capitalize()


def memberships_of(*, user: User):
    return Membership.objects.filter(user=user).select_related("organisation").order_by("product", "role")


def personal_data(*, user: User) -> dict:
    """What the platform holds about the person, as shown on "Mes données" and downloaded."""
    organisation = user.organisation
    data = {
        "compte": {
            "adresse_electronique": user.email,
            "prenom": user.given_name,
            "nom": user.family_name,
            "telephone": user.phone,
            "inscrit_le": _iso(user.date_joined),
            "derniere_connexion": _iso(user.last_login),
            "organisation": (
                {"nom": organisation.name, "siret": organisation.siret or "", "siren": organisation.siren}
                if organisation
                else None
            ),
            "connexions_federees": [
                {"fournisseur": identity.get_provider_display(), "depuis": _iso(identity.created_at)}
                for identity in user.identities.order_by("provider")
            ],
        },
        "roles": [
            {
                "service": product_name(m.product),
                "role": role_label(m.product, m.role),
                "organisation": m.organisation.name,
                "siret": m.organisation.siret or "",
                "depuis": _iso(m.created_at),
            }
            for m in memberships_of(user=user)
        ],
        "services": {},
    }
    for source in personal_data_sources():
        data["services"][source.product] = source.export(user)
    return data


def erase_preview(*, user: User) -> list[tuple[str, list[str]]]:
    """What deleting the account will do in each service that says it (registry: erase_preview)."""
    out = []
    for source in personal_data_sources():
        lines = source.erase_preview(user) if source.erase_preview else []
        if lines:
            out.append((product_name(source.product), lines))
    return out
