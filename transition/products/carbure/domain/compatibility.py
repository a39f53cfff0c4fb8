"""Which feedstock can make which biofuel, and where a feedstock usually comes from.

Two tables of rules, each rule a sentence and a predicate over (biofuel, feedstock) or
(feedstock, country of origin); one small interpreter lists the rules a lot breaks. The lists are
the original service's (MP_BC_INCOHERENT and PROVENANCE_MP emit one error per broken rule).
"""

from collections.abc import Callable
from dataclasses import dataclass

from .lot_facts import BiofuelInfo, CountryInfo, FeedstockInfo

SAF_BIOFUELS = frozenset({"HVOC", "HOC", "HCC"})
RFC_ALLOWED_BIOFUELS = frozenset({"ED95", "B100", "ETH", "EMHV", "EMHU", "HVOC", "HVOE", "HVOG", "HOE", "HOG", "HOC"})
VEGETABLE_OILS_FOR_ESTERS = frozenset({"COLZA", "TOURNESOL", "SOJA", "HUILE_PALME", "CARINATA"})
ANIMAL_FATS = frozenset({"HUILES_OU_GRAISSES_ANIMALES_CAT1_CAT2", "HUILES_OU_GRAISSES_ANIMALES_CAT3"})
ANIMAL_FAT_BIOFUELS = frozenset({"EMHA", "HOE", "HOG", "HOC", "HCC", "HCG", "HCE", "B100"})
USED_COOKING_OIL = "HUILE_ALIMENTAIRE_USAGEE"
SUGAR_AND_STARCH = frozenset(
    {"MAIS", "BLE", "BETTERAVE", "CANNE_A_SUCRE", "RESIDUS_VINIQUES", "LIES_DE_VIN", "MARC_DE_RAISIN"}
)
SUGAR_AND_STARCH_BIOFUELS = frozenset({"ETH", "ETBE", "ED95", "MTBE", "BES"})
HVO_BIOFUELS = frozenset({"HVOE", "HVOG", "HVOC"})
COPROCESSED_BIOFUELS = frozenset({"HCE", "HCG", "HCC"})
COPROCESSING_FEEDSTOCKS = (
    VEGETABLE_OILS_FOR_ESTERS | ANIMAL_FATS | {"EFFLUENTS_HUILERIES_PALME_RAFLE", USED_COOKING_OIL}
)
KRAFT_METHANOL = "RAW_METHANOL_KRAFT_PULPING"
KRAFT_METHANOL_BIOFUELS = frozenset({"MT", "MTBE"})
DEPRECATED_FEEDSTOCKS = frozenset({"RESIDUS_VINIQUES"})


@dataclass(frozen=True)
class PairRule:
    sentence: str
    broken: Callable[[BiofuelInfo, FeedstockInfo], bool]


BIOFUEL_FEEDSTOCK_RULES: tuple[PairRule, ...] = (
    PairRule(
        "un alcool ne peut être produit qu’à partir d’une matière première compatible avec les alcools",
        lambda b, f: b.is_alcohol and not f.compatible_alcohol,
    ),
    PairRule(
        "un biocarburant issu de corps gras ne peut être produit qu’à partir d’une matière première compatible",
        lambda b, f: b.is_fat and not f.compatible_fat,
    ),
    PairRule(
        "le méthanol brut issu de la fabrication de pâte kraft ne donne que du MT ou du MTBE",
        lambda b, f: f.code == KRAFT_METHANOL and b.code not in KRAFT_METHANOL_BIOFUELS,
    ),
    PairRule(
        "l’EMHU et l’EEHU ne sont produits qu’à partir d’huiles alimentaires usagées",
        lambda b, f: b.code in {"EMHU", "EEHU"} and f.code != USED_COOKING_OIL,
    ),
    PairRule(
        "l’EMHV et l’EEHV ne sont produits qu’à partir de colza, tournesol, soja, huile de palme ou carinata",
        lambda b, f: b.code in {"EMHV", "EEHV"} and f.code not in VEGETABLE_OILS_FOR_ESTERS,
    ),
    PairRule(
        "l’EMHA et l’EEHA ne sont produits qu’à partir d’huiles ou graisses animales",
        lambda b, f: b.code in {"EMHA", "EEHA"} and f.code not in ANIMAL_FATS,
    ),
    PairRule(
        "l’EEAG n’est produit ni à partir d’huiles alimentaires usagées ni de graisses animales",
        lambda b, f: b.code == "EEAG" and (f.code == USED_COOKING_OIL or f.code in ANIMAL_FATS),
    ),
    PairRule(
        "les graisses animales ne donnent que de l’EMHA, HOE, HOG, HOC, HCC, HCG, HCE ou B100",
        lambda b, f: f.code in ANIMAL_FATS and b.code not in ANIMAL_FAT_BIOFUELS,
    ),
    PairRule(
        "les matières sucrières et amylacées ne donnent que de l’éthanol, de l’ETBE, de l’ED95, du MTBE ou de la "
        "bio-essence de synthèse",
        lambda b, f: f.code in SUGAR_AND_STARCH and b.code not in SUGAR_AND_STARCH_BIOFUELS,
    ),
    PairRule(
        "les HVO (HVOE, HVOG, HVOC) ne sont produits qu’à partir d’huiles végétales",
        lambda b, f: b.code in HVO_BIOFUELS and not f.is_vegetable_oil,
    ),
    PairRule(
        "les huiles co-traitées (HCE, HCG, HCC) ne sont produites qu’à partir d’huiles végétales, d’effluents "
        "d’huileries de palme, d’huiles alimentaires usagées ou de graisses animales",
        lambda b, f: b.code in COPROCESSED_BIOFUELS and f.code not in COPROCESSING_FEEDSTOCKS,
    ),
)


def broken_pair_rules(biofuel: BiofuelInfo, feedstock: FeedstockInfo) -> list[str]:
    return [rule.sentence for rule in BIOFUEL_FEEDSTOCK_RULES if rule.broken(biofuel, feedstock)]


@dataclass(frozen=True)
class ProvenanceRule:
    """A feedstock's usual countries of origin; `europe_ok`: any European country is usual too."""

    feedstocks: frozenset[str]
    usual_countries: frozenset[str]
    europe_ok: bool
    sentence: str


PROVENANCE_RULES: tuple[ProvenanceRule, ...] = (
    ProvenanceRule(
        frozenset({"SOJA"}),
        frozenset({"US", "AR", "BR", "UY", "PY"}),
        False,
        "le soja provient d’ordinaire des États-Unis, d’Argentine, du Brésil, d’Uruguay ou du Paraguay",
    ),
    ProvenanceRule(
        frozenset({"HUILE_PALME"}),
        frozenset({"ID", "MY", "HN"}),
        False,
        "l’huile de palme provient d’ordinaire d’Indonésie, de Malaisie ou du Honduras",
    ),
    ProvenanceRule(
        frozenset({"COLZA"}),
        frozenset({"US", "CA", "AU", "UA", "CN", "IN", "DE", "FR", "PL", "UK"}),
        True,
        "hors d’Europe, le colza provient d’ordinaire des États-Unis, du Canada, d’Australie, d’Ukraine, de "
        "Chine ou d’Inde",
    ),
    ProvenanceRule(
        frozenset({"CANNE_A_SUCRE"}),
        frozenset({"BO", "BR", "CR", "GT", "PE"}),
        False,
        "la canne à sucre provient d’ordinaire de Bolivie, du Brésil, du Costa Rica, du Guatemala ou du Pérou",
    ),
    ProvenanceRule(
        frozenset({"MAIS"}),
        frozenset({"US", "UA", "CA", "BR", "PY", "AR"}),
        True,
        "hors d’Europe, le maïs provient d’ordinaire des États-Unis, d’Ukraine, du Canada, du Brésil, du "
        "Paraguay ou d’Argentine",
    ),
    ProvenanceRule(
        frozenset({"BETTERAVE", "CIVE"}),
        frozenset(),
        True,
        "la betterave et les cultures intermédiaires à vocation énergétique proviennent d’Europe",
    ),
)


def unusual_provenances(feedstock: FeedstockInfo, origin: CountryInfo) -> list[str]:
    return [
        rule.sentence
        for rule in PROVENANCE_RULES
        if feedstock.code in rule.feedstocks
        and origin.code not in rule.usual_countries
        and not (rule.europe_ok and origin.is_in_europe)
    ]
