"""How one eligibility answer reads in a bulk test's results, and what changed between two
answers for the same address. Pure Python.

The "Résultats" sheet columns are the ones France Chaleur Urbaine publishes; the "Légende" sheet
explains each of them (LEGEND below).
"""

from dataclasses import dataclass, fields

from transition.platform.geo.domain.understanding import CONFIDENT_SCORE, understood_as_typed

from .co2 import g_per_kwh
from .eligibility import ELIGIBLE_TYPES, FUTURE_TYPES
from .eligibility import TYPE_LABELS as _RULE_LABELS
from .eligibility_result import EligibilityResult

# The types themselves and their labels belong to the rule (eligibility.py); here we only read them.
EXISTING_ELIGIBLE = frozenset({"dans_pdp_reseau_existant", "reseau_existant_tres_proche", "reseau_existant_proche"})
TO_CONFIRM = frozenset({"reseau_existant_loin", "dans_ville_reseau_existant_sans_trace"})
FUTURE_ELIGIBLE = frozenset(t for t in ELIGIBLE_TYPES if t in FUTURE_TYPES)
TYPE_LABELS: dict[str, str] = {str(k): v for k, v in _RULE_LABELS.items()}

RESULT_COLUMNS: tuple[str, ...] = (
    "Adresse",
    "Adresse testée",
    "Indice de fiabilité",
    "Type d'éligibilité",
    "Bâtiment potentiellement raccordable à un réseau existant",
    "Distance au réseau (m) si < 1000 m",
    "PDP",
    "Raccordable à un réseau en construction",
    "Identifiant du réseau le plus proche",
    "Taux EnR&R",
    "Contenu CO2 ACV (g/kWh)",
    "Présence d'un réseau non localisé sur la commune",
)

LEGEND: tuple[tuple[str, str], ...] = (
    ("Adresse", "L’adresse telle qu’elle figure dans votre fichier (ou la latitude et la longitude)."),
    ("Adresse testée", "L’adresse trouvée par la Base Adresse Nationale, dont la position a été testée."),
    (
        "Indice de fiabilité",
        f"De 0 à 100 : la confiance du géocodage dans l’adresse trouvée. Vérifiez l’adresse testée en dessous de "
        f"{round(CONFIDENT_SCORE * 100)}, ou quand elle n’a pas les mots de votre adresse (une autre rue) : la page "
        "du test les signale « à vérifier ».",
    ),
    ("Type d'éligibilité", "La situation de l’adresse par rapport aux réseaux de chaleur (voir les types ci-dessous)."),
    (
        "Bâtiment potentiellement raccordable à un réseau existant",
        "Oui : un réseau existant passe à moins de 100 m (60 m à Paris) ou 200 m (100 m à Paris) selon les cas, ou "
        "l’adresse est dans un périmètre de développement prioritaire. À confirmer : un réseau existant passe à "
        "moins de 1 000 m, ou un réseau non localisé dessert la commune. Non : sinon.",
    ),
    (
        "Distance au réseau (m) si < 1000 m",
        "Distance à vol d’oiseau au réseau le plus proche, en mètres, si elle est inférieure à 1 000 m.",
    ),
    (
        "PDP",
        "Oui si l’adresse est dans le périmètre de développement prioritaire d’un réseau classé : une obligation de raccordement peut s’appliquer.",
    ),
    (
        "Raccordable à un réseau en construction",
        "Oui si un réseau en construction passera à proximité de l’adresse, ou si elle est dans sa zone.",
    ),
    (
        "Identifiant du réseau le plus proche",
        "L’identifiant national (SNCU) du réseau le plus proche, par exemple 7501C.",
    ),
    ("Taux EnR&R", "La part d’énergies renouvelables et de récupération du réseau le plus proche, en %."),
    ("Contenu CO2 ACV (g/kWh)", "Le contenu en CO2 du réseau en analyse de cycle de vie, en grammes par kWh livré."),
    (
        "Présence d'un réseau non localisé sur la commune",
        "Oui si un réseau de chaleur dont le tracé n’est pas connu dessert la commune.",
    ),
)


# What each eligibility type means, for the "Légende" sheet (thresholds of the rule, eligibility.py).
TYPE_MEANINGS: dict[str, str] = {
    "dans_pdp_reseau_existant": "L’adresse est dans le périmètre de développement prioritaire d’un réseau classé "
    "existant : le raccordement peut être obligatoire pour un bâtiment neuf ou qui change de chauffage.",
    "dans_pdp_reseau_futur": "L’adresse est dans le périmètre de développement prioritaire d’un réseau en "
    "construction.",
    "reseau_existant_tres_proche": "Un réseau existant passe à moins de 100 m (60 m à Paris) : raccordement "
    "probable, à confirmer avec le gestionnaire.",
    "reseau_futur_tres_proche": "Un réseau en construction passera à moins de 100 m (60 m à Paris).",
    "dans_zone_reseau_futur": "L’adresse est dans la zone que desservira un réseau en construction.",
    "reseau_existant_proche": "Un réseau existant passe à moins de 200 m (100 m à Paris), pour un chauffage "
    "collectif : raccordement envisageable, à étudier avec le gestionnaire.",
    "reseau_futur_proche": "Un réseau en construction passera à moins de 200 m (100 m à Paris).",
    "reseau_existant_loin": "Le réseau existant le plus proche est entre 200 et 1 000 m : un raccordement "
    "demande une extension, à étudier avec le gestionnaire.",
    "reseau_futur_loin": "Le réseau en construction le plus proche passera entre 200 et 1 000 m.",
    "dans_ville_reseau_existant_sans_trace": "Un réseau dont le tracé n’est pas connu dessert la commune : "
    "le gestionnaire dira si l’adresse peut y être raccordée.",
    "trop_eloigne": "Aucun réseau connu à moins de 1 000 m.",
}


@dataclass(frozen=True)
class BulkOutcome:
    """What a bulk test keeps of one eligibility answer (also the JSON stored per row)."""

    type: str
    eligible: bool
    distance_m: int | None
    in_pdp: bool
    futur_network: bool
    network_national_id: str
    renewable_share_pct: float | None
    co2_acv_g_per_kwh: int | None
    untraced_network_in_commune: bool

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in _OUTCOME_FIELDS}

    @classmethod
    def from_result(cls, result: EligibilityResult) -> "BulkOutcome":
        network = result.network
        return cls(
            type=str(result.type),
            eligible=bool(result.eligible),
            distance_m=result.distance_m,
            in_pdp=bool(result.in_pdp),
            futur_network=bool(result.future_network),
            network_national_id=network.national_id if network else "",
            renewable_share_pct=network.renewable_rate_pct if network else None,
            co2_acv_g_per_kwh=g_per_kwh(network.co2_lca_kg_per_kwh) if network else None,
            untraced_network_in_commune=bool(result.commune_has_no_trace_network),
        )

    @classmethod
    def from_dict(cls, data: dict) -> "BulkOutcome":
        return cls(**{name: data.get(name) for name in _OUTCOME_FIELDS})


# The field names, once: `fields()` on every row was a visible part of a 100,000-row job.
_OUTCOME_FIELDS = tuple(f.name for f in fields(BulkOutcome))


def connectable_to_existing(outcome: BulkOutcome) -> str:
    if outcome.type in EXISTING_ELIGIBLE:
        return "Oui"
    if outcome.type in TO_CONFIRM or outcome.untraced_network_in_commune:
        return "À confirmer"
    return "Non"


# What the results page says in one column, and filters on: the public page's answer, in short.
CONNECTABLE = "oui"
CONNECTABLE_FUTURE = "construction"
TO_CONFIRM_KEY = "a_confirmer"
NOT_CONNECTABLE = "non"
NOT_FOUND = "introuvable"
VERDICTS: dict[str, str] = {
    CONNECTABLE: "Raccordable à un réseau existant",
    CONNECTABLE_FUTURE: "Raccordable à un réseau en construction",
    TO_CONFIRM_KEY: "À confirmer",
    NOT_CONNECTABLE: "Non raccordable",
    NOT_FOUND: "Adresse non trouvée",
}


def verdict(outcome: BulkOutcome | None) -> str:
    """One of VERDICTS: an address in a zone under construction is raccordable, as the public page
    says ("Bonne nouvelle"), to the network being built."""
    if outcome is None:
        return NOT_FOUND
    existing = connectable_to_existing(outcome)
    if existing == "Oui":
        return CONNECTABLE
    if outcome.type in FUTURE_ELIGIBLE or outcome.futur_network:
        return CONNECTABLE_FUTURE
    return TO_CONFIRM_KEY if existing == "À confirmer" else NOT_CONNECTABLE


def to_check(*, address: str, tested_label: str, score: float | None) -> bool:
    """The address found may not be the one in the file: a low score, or another street."""
    if not tested_label or score is None:
        return False
    return not understood_as_typed(address, tested_label, score)


def _yes_no(value: bool) -> str:
    return "Oui" if value else "Non"


def reliability(score: float | None) -> int | None:
    """The geocoder's score (0 to 1) as an integer from 0 to 100."""
    if score is None:
        return None
    return max(0, min(100, round(score * 100)))


def result_row(
    *, address: str, tested_label: str, score: float | None, outcome: BulkOutcome | None, error: str = ""
) -> list:
    """One line of the "Résultats" sheet, in RESULT_COLUMNS order."""
    if outcome is None:
        return [
            address,
            tested_label or error or "Adresse non trouvée",
            reliability(score),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
    distance = outcome.distance_m if outcome.distance_m is not None and outcome.distance_m < 1000 else None
    return [
        address,
        tested_label,
        reliability(score),
        TYPE_LABELS.get(outcome.type, outcome.type),
        connectable_to_existing(outcome),
        distance,
        _yes_no(outcome.in_pdp),
        _yes_no(outcome.futur_network or outcome.type in FUTURE_ELIGIBLE),
        outcome.network_national_id or "",
        outcome.renewable_share_pct,
        outcome.co2_acv_g_per_kwh,
        _yes_no(outcome.untraced_network_in_commune),
    ]


_CHANGE_LABELS = {
    "type": "type d’éligibilité",
    "eligible": "éligibilité",
    "distance_m": "distance au réseau",
    "in_pdp": "PDP",
    "futur_network": "réseau en construction",
    "network_national_id": "réseau le plus proche",
    "renewable_share_pct": "taux EnR&R",
    "co2_acv_g_per_kwh": "contenu CO2 ACV",
    "untraced_network_in_commune": "réseau non localisé sur la commune",
}


def _shown(name: str, value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _yes_no(value)
    if name == "type":
        return TYPE_LABELS.get(value, value)
    if name == "distance_m":
        return f"{value} m"
    return str(value)


def changes(old: BulkOutcome | None, new: BulkOutcome | None) -> list[str]:
    """What changed for one address between two checks, one French sentence per field."""
    if old is None and new is None:
        return []
    if old is None or new is None:
        return ["adresse désormais testée" if old is None else "adresse non testée"]
    out = []
    for name, label in _CHANGE_LABELS.items():
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            out.append(f"{label} : {_shown(name, before)} → {_shown(name, after)}")
    return out
