"""Reads of ambassadors: those of a network, one by its id, the demand or message a link points to."""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import reverse

from ..domain.demand_status import DemandStatus
from ..domain.tokens import token_hash
from ..models import Ambassador, AmbassadorMessage, Demand

__all__ = [
    "ambassador_get",
    "ambassador_message_from_token",
    "ambassador_of",
    "ambassador_volunteer_path",
    "demand_from_ambassador_token",
    "network_ambassadors",
]

_AMBASSADOR_SALT = "chaleur.ambassador"


def network_ambassadors(*, network) -> QuerySet[Ambassador]:
    return Ambassador.objects.filter(
        active=True, demand__network=network, demand__status=DemandStatus.REALISE
    ).order_by("display_name")


def ambassador_get(*, pk: int) -> Ambassador | None:
    return (
        Ambassador.objects.filter(pk=pk, active=True, demand__status=DemandStatus.REALISE)
        .select_related("demand__network")
        .first()
    )


def ambassador_of(*, demand) -> Ambassador | None:
    return Ambassador.objects.filter(demand=demand).first()


def ambassador_volunteer_path(demand: Demand) -> str:
    """The link, sent with the "Réalisé" email, by which a requester becomes an ambassador."""
    token = signing.dumps({"demand": demand.pk}, salt=_AMBASSADOR_SALT)
    return reverse("chaleur:ambassador_volunteer", args=[token])


def demand_from_ambassador_token(token: str) -> Demand:
    try:
        data = signing.loads(token, salt=_AMBASSADOR_SALT, max_age=timedelta(days=365))
    except signing.BadSignature as exc:
        raise PermissionDenied("Ce lien n’est pas valide ou a expiré.") from exc
    demand = Demand.objects.filter(pk=data.get("demand"), anonymised_at__isnull=True).first()
    if demand is None:
        raise PermissionDenied("Ce lien n’est pas valide ou a expiré.")
    return demand


def ambassador_message_from_token(token: str) -> AmbassadorMessage:
    message = (
        AmbassadorMessage.objects.select_related("ambassador__demand")
        .filter(reply_token_hash=token_hash(token))
        .first()
    )
    if message is None:
        raise PermissionDenied("Ce lien n’est pas valide.")
    return message
