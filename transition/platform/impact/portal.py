"""The portal's own indicators, shown on /stats/portail/ until (and after) products add theirs."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from transition.platform.core.registry import product as find_product

from .registry import PORTAL, Indicator, day_end, indicators, register_indicator


def accounts_created(day: date) -> int:
    return get_user_model().objects.filter(date_joined__lt=day_end(day)).count()


def request_indicators() -> list[Indicator]:
    return [i for i in indicators() if i.counts_as_request and i.product != PORTAL]


def requests_handled(day: date) -> Decimal:
    # An indicator that fails makes the total fail too: a partial sum would be a wrong figure.
    from .services import indicator_value

    return sum((indicator_value(i, day) or Decimal(0) for i in request_indicators()), Decimal(0))


def requests_handled_explained() -> str:
    counted = request_indicators()
    if not counted:
        return (
            "Aucun service ne publie encore d’indicateur de demandes : ce total vaut 0 "
            "jusqu’à ce que les services ajoutent les leurs."
        )
    parts = []
    for indicator in counted:
        owner = find_product(indicator.product)
        parts.append(f"{owner.name if owner else indicator.product} : {indicator.label.lower()}")
    return "Ce total additionne : " + " ; ".join(parts) + "."


def register_portal_indicators() -> None:
    register_indicator(
        Indicator(
            product=PORTAL,
            key="accounts_created",
            label="Comptes créés",
            definition=(
                "Nombre de comptes de personnes inscrites sur la plateforme à la fin du jour, "
                "tous services confondus, y compris les comptes désactivés depuis."
            ),
            unit="comptes",
            compute=accounts_created,
        )
    )
    register_indicator(
        Indicator(
            product=PORTAL,
            key="requests_handled",
            label="Demandes traitées sur l’ensemble des services",
            definition=(
                "Somme, à la fin du jour, des demandes que chaque service compte comme traitées "
                "(demandes de raccordement, trajets, dossiers...). Chaque service définit les siennes "
                "sur sa propre page de statistiques."
            ),
            unit="demandes",
            compute=requests_handled,
            explain=requests_handled_explained,
        )
    )
