"""Tokens of the partner API, one per operator organisation; only their hash is stored."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record

from ..domain.tokens import token_hash, token_new
from ..enums import PRODUCT
from ..models import PartnerToken

__all__ = ["partner_token_issue"]


def partner_token_issue(*, actor, organisation) -> str:
    """A new token for the organisation (the previous one stops working). Shown once."""
    if not platform_permissions.can(actor, "chaleur.partner_token_issue", organisation):
        raise PermissionDenied("Seul un gestionnaire de l’organisation peut créer son jeton d’API.")
    token = "fcu_" + token_new()
    with transaction.atomic():
        PartnerToken.objects.update_or_create(
            organisation=organisation,
            defaults={
                "token_hash": token_hash(token),
                "prefix": token[:8],
                "created_at": timezone.now(),
                "last_used_at": None,
            },
        )
        event_record(actor=actor, action="chaleur.partner_token_issue", target=organisation, product=PRODUCT)
    return token
