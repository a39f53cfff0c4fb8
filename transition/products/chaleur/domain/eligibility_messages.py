"""What a person reads after testing an address, for each eligibility type and heating type.
Pure Python: the result page only shows what this returns."""

from dataclasses import dataclass
from enum import StrEnum

from .eligibility import ELIGIBLE_TYPES, EligibilityType

T = EligibilityType


class Heating(StrEnum):
    COLLECTIVE = "collectif"
    INDIVIDUAL = "individuel"


HEATING_LABELS = {Heating.COLLECTIVE: "Chauffage collectif", Heating.INDIVIDUAL: "Chauffage individuel"}


@dataclass(frozen=True)
class ResultMessage:
    tone: str  # "success", "info", "warning": the colour of the answer
    title: str
    paragraphs: tuple[str, ...]
    pdp_obligation: bool  # say that a connection obligation may apply (PDP_TEXT)
    can_ask: bool  # offer "Demander un raccordement"


def _distance(distance_m: int | None) -> str:
    if distance_m is None:
        return ""
    if distance_m == 0:
        return "à votre adresse"
    return f"à environ {distance_m} m de votre adresse"


# What a demand far from the networks becomes, said the same way on the form, on the page after
# sending and in the confirmation email.
FAR_DEMAND_ROUTED = (
    "Le raccordement semble difficile aujourd’hui : votre demande est transmise au gestionnaire du réseau "
    "le plus proche, qui l’étudiera. Le réseau peut aussi se développer près de chez vous."
)
FAR_DEMAND_KEPT = (
    "Aucun réseau ne passe assez près de cette adresse aujourd’hui. Votre demande est conservée : si un "
    "réseau se développe près de chez vous, vous en serez informé."
)


def far_demand_text(*, routed_to_a_network: bool) -> str:
    return FAR_DEMAND_ROUTED if routed_to_a_network else FAR_DEMAND_KEPT


PDP_TEXT = (
    "Votre adresse est située dans le périmètre de développement prioritaire d’un réseau classé : une obligation "
    "de raccordement peut s’appliquer aux bâtiments neufs et à ceux dont l’installation de chauffage ou de "
    "production d’eau chaude de plus de 30 kW est remplacée (code de l’énergie, article L712-3)."
)
INDIVIDUAL_TEXT = (
    "Votre chauffage est individuel : le raccordement d’un immeuble chauffé par des chaudières individuelles "
    "demande de créer un circuit de chauffage collectif, ce qui représente des travaux importants. Le gestionnaire "
    "du réseau peut étudier votre situation et vous dire si c’est envisageable."
)
COLLECTIVE_TEXT = (
    "Votre immeuble est chauffé collectivement : c’est la situation la plus favorable. Le gestionnaire du réseau "
    "peut vous proposer une étude de raccordement, gratuite et sans engagement."
)
# Beyond the eligible distances nobody can promise a study: only say that the heating suits.
COLLECTIVE_FAR_TEXT = (
    "Votre immeuble est chauffé collectivement : si un raccordement devient envisageable, c’est la situation la "
    "plus favorable."
)


def result_message(
    kind: EligibilityType,
    heating: Heating,
    *,
    distance_m: int | None,
    network_name: str = "",
    mise_en_service: str = "",
) -> ResultMessage:
    network = f" « {network_name} »" if network_name else ""
    where = _distance(distance_m)
    eligible = kind in ELIGIBLE_TYPES
    if heating == Heating.COLLECTIVE:
        heating_text = COLLECTIVE_TEXT if eligible else COLLECTIVE_FAR_TEXT
    else:
        heating_text = INDIVIDUAL_TEXT
    tone = ("success" if heating == Heating.COLLECTIVE else "info") if eligible else "warning"
    future_when = f" Sa mise en service est prévue en {mise_en_service}." if mise_en_service else ""

    if kind == T.DANS_PDP_RESEAU_EXISTANT:
        title = "Bonne nouvelle : votre adresse est raccordable à un réseau de chaleur"
        body = (f"Le réseau{network} passe {where}.", heating_text)
        return ResultMessage(tone, title, body, True, True)
    if kind == T.DANS_PDP_RESEAU_FUTUR:
        title = "Bonne nouvelle : un réseau de chaleur en construction desservira votre adresse"
        body = (f"Le réseau en construction{network} passera {where}.{future_when}", heating_text)
        return ResultMessage(tone, title, body, True, True)
    if kind in {T.RESEAU_EXISTANT_TRES_PROCHE, T.RESEAU_EXISTANT_PROCHE}:
        closeness = "très proche de" if kind == T.RESEAU_EXISTANT_TRES_PROCHE else "proche de"
        title = f"Bonne nouvelle : un réseau de chaleur passe {closeness} votre adresse"
        body = (f"Le réseau{network} passe {where} : votre bâtiment est potentiellement raccordable.", heating_text)
        return ResultMessage(tone, title, body, False, True)
    if kind in {T.RESEAU_FUTUR_TRES_PROCHE, T.RESEAU_FUTUR_PROCHE, T.DANS_ZONE_RESEAU_FUTUR}:
        title = "Bonne nouvelle : un réseau de chaleur en construction passera près de votre adresse"
        first = (
            f"Votre adresse est dans la zone que desservira le réseau en construction{network}.{future_when}"
            if kind == T.DANS_ZONE_RESEAU_FUTUR
            else f"Le réseau en construction{network} passera {where}.{future_when}"
        )
        return ResultMessage(tone, title, (first, heating_text), False, True)
    if kind == T.RESEAU_EXISTANT_LOIN:
        title = "Un réseau de chaleur existe dans votre quartier, mais il passe à plus de 200 m"
        body = (
            f"Le réseau{network} passe {where}. Le raccordement n’est pas exclu mais il est moins probable : "
            "le gestionnaire du réseau peut l’étudier, selon vos besoins et l’extension prévue du réseau.",
            heating_text,
        )
        return ResultMessage("warning", title, body, False, True)
    if kind == T.RESEAU_FUTUR_LOIN:
        title = "Un réseau de chaleur est en construction dans votre quartier, à plus de 200 m"
        body = (
            f"Le réseau en construction{network} passera {where}.{future_when} Le raccordement n’est pas exclu : "
            "laissez vos coordonnées pour être informé.",
            heating_text,
        )
        return ResultMessage("warning", title, body, False, True)
    if kind == T.DANS_VILLE_RESEAU_EXISTANT_SANS_TRACE:
        title = "Un réseau de chaleur existe dans votre commune"
        body = (
            f"Le réseau{network} dessert votre commune, mais son tracé n’est pas connu : nous ne pouvons pas "
            "dire à quelle distance il passe de votre adresse. Faites une demande, nous la transmettrons à son "
            "gestionnaire qui vous répondra.",
            heating_text,
        )
        return ResultMessage("info", title, body, False, True)
    title = "Aucun réseau de chaleur connu à proximité de votre adresse"
    body = (
        "Aucun réseau de chaleur ne passe à moins de 1 000 m de votre adresse à ce jour. Les réseaux se développent : "
        "vous pouvez laisser vos coordonnées pour être informé si un projet voit le jour près de chez vous.",
    )
    return ResultMessage("warning", title, body, False, True)
