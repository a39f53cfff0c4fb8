"""Mutafriches' criteria table (algorithm v1.11): each criterion's weight and, for each value or
range of values, its score for each of the seven uses.

Facts read from the original's configuration (incubateur-ademe/mutafriches, algorithme.config.ts);
the index and the reliability that use them live in `mutability.py` and `mutability_reliability.py`.
A score is one of the five impact levels: 2 (très positif), 1 (positif), 0.5 (neutre), -1 (négatif),
-2 (très négatif). "ne-sait-pas" is accepted for the criteria people fill in, and never scored.
"""

from dataclasses import dataclass

ALGORITHM_VERSION = "v1.11"

# The original's enum order: results are sorted by index with a stable sort, so ties keep it.
USAGES: tuple[str, ...] = (
    "residentiel",
    "equipements",
    "culture",
    "tertiaire",
    "industrie",
    "renaturation",
    "photovoltaique",
)

USAGE_LABELS: dict[str, str] = {
    "residentiel": "Résidentiel ou mixte",
    "equipements": "Équipements publics",
    "culture": "Culturel, touristique",
    "tertiaire": "Tertiaire",
    "industrie": "Industriel, logistique",
    "renaturation": "Renaturation",
    "photovoltaique": "Photovoltaïque au sol",
}

NE_SAIT_PAS = "ne-sait-pas"

Scores = tuple[float, float, float, float, float, float, float]  # in USAGES order


@dataclass(frozen=True)
class Bin:
    """A range of a numeric criterion: `low`/`high` None is unbounded; the flags say whether the
    bound itself belongs to the range."""

    label: str
    low: float | None
    high: float | None
    low_closed: bool
    high_closed: bool
    scores: Scores

    def contains(self, x: float) -> bool:
        if self.low is not None and (x < self.low or (x == self.low and not self.low_closed)):
            return False
        return not (self.high is not None and (x > self.high or (x == self.high and not self.high_closed)))


@dataclass(frozen=True)
class Choice:
    value: str | bool
    label: str
    scores: Scores


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: float
    kind: str  # "numeric", "boolean" or "enum"
    section: str  # "site-bati", "environnement", "risques-zonages"
    entered_by_person: bool  # MANUELLE in the original (the others come from national data sets)
    unit: str = ""
    divisor: float = 1  # the value is divided by it before its range is looked up (metres -> km)
    bins: tuple[Bin, ...] = ()
    choices: tuple[Choice, ...] = ()
    accepts_ne_sait_pas: bool = False
    # Values the original's enum allows but its matrix does not score (ignored by the index).
    unscored_values: tuple[str, ...] = ()

    def __post_init__(self):
        # (type, value) -> scores: True and 1 are different answers.
        object.__setattr__(self, "_by_value", {(type(c.value), c.value): c.scores for c in self.choices})

    def scores_of(self, value) -> Scores | None:
        """The seven scores of `value`, or None when the table has none for it."""
        if self.kind == "numeric":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return None
            x = value / self.divisor
            for b in self.bins:
                if b.contains(x):
                    return b.scores
            return None
        try:
            return self._by_value.get((type(value), value))
        except TypeError:  # an unhashable value (a list, an object): not in the table
            return None

    def score(self, value, usage_index: int) -> float | None:
        """The score of `value` for one use, or None when the table has none for it."""
        scores = self.scores_of(value)
        return None if scores is None else scores[usage_index]

    def value_label(self, value) -> str:
        if value == NE_SAIT_PAS:
            return "Ne sait pas"
        if self.kind == "numeric":
            return f"{fr_number(value)} {self.unit}".strip() if isinstance(value, int | float) else str(value)
        for c in self.choices:
            if c.value == value and type(c.value) is type(value):
                return c.label
        return str(value)


def fr_number(value: float) -> str:
    """12500 -> "12 500", 4.9 -> "4,9" (narrow no-break space between thousands)."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return text.replace(",", "\u202f").replace(".", ",")


def S(*values: float) -> Scores:
    if len(values) != len(USAGES):
        raise ValueError("7 scores attendus")
    return values  # type: ignore[return-value]


NEUTRAL = S(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5)


def _below(high, scores, closed=False):
    return Bin(f"{'≤' if closed else '<'} {fr_number(high)}", None, high, True, closed, scores)


def _between(low, high, scores, low_closed=True, high_closed=False):
    return Bin(f"{fr_number(low)} à {fr_number(high)}", low, high, low_closed, high_closed, scores)


def _above(low, scores, closed=False):
    return Bin(f"{'≥' if closed else '>'} {fr_number(low)}", low, None, closed, True, scores)


def _yes_no(yes: Scores, no: Scores) -> tuple[Choice, ...]:
    return (Choice(True, "Oui", yes), Choice(False, "Non", no))


CRITERIA: tuple[Criterion, ...] = (
    # --- Site et bâti
    Criterion(
        "surfaceSite", "Surface du site", 2, "numeric", "site-bati", False, unit="m²",
        bins=(
            _below(10000, S(1, 1, 0.5, 0.5, -2, 0.5, -2)),
            _between(10000, 15000, S(-1, -1, 0.5, 0.5, 1, 0.5, -2)),
            _between(15000, 50000, S(-1, -1, 0.5, -1, 1, 0.5, 1), high_closed=True),
            _above(50000, S(-1, -1, 0.5, -1, 2, 0.5, 2)),
        ),
    ),
    Criterion(
        "surfaceBati", "Surface bâtie", 2, "numeric", "site-bati", False, unit="m²",
        bins=(
            _below(5000, S(1, 0.5, 0.5, 0.5, -2, 1, 1)),
            _between(5000, 10000, S(1, 0.5, 0.5, 0.5, -1, 0.5, 0.5), high_closed=True),
            _above(10000, S(-1, 0.5, 0.5, 0.5, 1, -1, -1)),
        ),
    ),
    Criterion(
        "typeProprietaire", "Type de propriétaire", 1, "enum", "site-bati", True, accepts_ne_sait_pas=True,
        choices=(
            Choice("public", "Public", S(2, 2, 1, 0.5, 0.5, 1, 1)),
            Choice("prive", "Privé", S(0.5, -1, 0.5, 0.5, 0.5, -2, -1)),
            Choice("copro-indivision", "Copropriété / Indivision", S(-1, -1, -1, -1, -1, -2, -1)),
            Choice("mixte", "Mixte public et privé", NEUTRAL),
        ),
    ),
    Criterion(
        "distanceRaccordementElectrique", "Distance au raccordement électrique", 1, "numeric", "site-bati", False,
        unit="m", divisor=1000,
        bins=(
            _below(1, S(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 2)),
            _between(1, 5, S(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -1)),
            _above(5, S(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -2), closed=True),
        ),
    ),
    Criterion(
        "raccordementEau", "Raccordement aux réseaux d’eau", 1, "enum", "site-bati", True, accepts_ne_sait_pas=True,
        choices=(
            Choice("oui", "Oui", S(2, 2, 2, 2, 2, 0.5, 0.5)),
            Choice("non", "Non", S(-2, -2, -2, -2, -2, 1, 0.5)),
        ),
    ),
    Criterion(
        "valeurArchitecturaleHistorique", "Valeur patrimoniale des constructions", 1, "enum", "site-bati", True,
        accepts_ne_sait_pas=True,
        choices=(
            Choice("sans-interet", "Bâti sans qualité patrimoniale particulière", S(0.5, 0.5, -1, 0.5, 1, 1, 1)),
            Choice("ordinaire", "Bâti courant, mais cohérent avec le site", S(0.5, 0.5, 0.5, 0.5, 1, 1, 1)),
            Choice("interet-remarquable", "Bâti à valeur patrimoniale remarquable", S(0.5, 0.5, 1, 0.5, -1, -2, -2)),
            Choice("pas-de-bati", "Pas de bâti", S(0.5, 0.5, 0.5, 0.5, 0.5, 2, 2)),
        ),
    ),
    Criterion(
        "etatBatiInfrastructure", "État du bâti", 2, "enum", "site-bati", True, accepts_ne_sait_pas=True,
        choices=(
            Choice("degradation-inexistante", "Bâti intact", S(2, 2, 2, 2, 2, -2, -2)),
            Choice("degradation-faible", "Bâti faiblement dégradé", S(2, 2, 2, 2, 2, -2, -2)),
            Choice("degradation-moyenne", "Bâti moyennement dégradé", NEUTRAL),
            Choice("degradation-heterogene", "Bâti dégradé de manière hétérogène", S(0.5, 0.5, 0.5, 0.5, 0.5, -1, 1)),
            Choice("degradation-tres-importante", "Bâti très dégradé", S(-1, -1, -1, -1, -1, 2, 2)),
            Choice("pas-de-bati", "Pas de bâti", S(0.5, 0.5, 0.5, 0.5, 1, 2, 2)),
        ),
    ),
    Criterion(
        "presencePollution", "Présence de pollution", 2, "enum", "site-bati", True, accepts_ne_sait_pas=True,
        choices=(
            Choice("non", "Non", S(2, 2, 2, 2, 1, 1, 1)),
            Choice("deja-geree", "Déjà gérée", S(1, 1, 1, 1, 1, 1, 1)),
            Choice("oui-composes-volatils", "Oui – composés volatils", S(-2, -2, -2, -1, -1, 0.5, 0.5)),
            Choice("oui-autres-composes", "Oui – autres composés", NEUTRAL),
            Choice("oui-amiante", "Oui – amiante", S(-1, -1, -1, -1, -1, -1, -1)),
        ),
    ),
    # --- Environnement
    Criterion(
        "siteEnCentreVille", "Site en centre-ville", 1, "boolean", "environnement", False,
        choices=_yes_no(S(2, 1, 0.5, 1, -2, 0.5, -2), S(-2, -1, 0.5, -1, 2, 1, 1)),
    ),
    Criterion(
        "proximiteCommercesServices", "Proximité des commerces et services", 1, "boolean", "environnement", False,
        choices=_yes_no(S(2, 2, 0.5, 1, 0.5, 0.5, -1), S(-1, -1, 0.5, -1, 0.5, 0.5, 0.5)),
    ),
    Criterion(
        "tauxLogementsVacants", "Taux de logements vacants", 1, "numeric", "environnement", False, unit="%",
        bins=(
            _below(7, S(2, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5), closed=True),
            _between(7, 8, S(1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5), low_closed=False, high_closed=True),
            _between(8, 10, S(-1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5), low_closed=False, high_closed=True),
            _above(10, S(-2, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5)),
        ),
    ),
    Criterion(
        "distanceTransportCommun", "Distance aux transports en commun", 1, "numeric", "environnement", False,
        unit="m",
        bins=(
            _below(500, S(1, 1, 1, 1, 1, 0.5, 0.5)),
            _above(500, NEUTRAL, closed=True),
        ),
    ),
    Criterion(
        "distanceAutoroute", "Distance à une voie de grande circulation", 0.5, "numeric", "environnement", False,
        unit="m", divisor=1000,
        bins=(
            _below(1, S(0.5, 0.5, 0.5, 0.5, 2, 0.5, -1)),
            _between(1, 2, S(0.5, 0.5, 0.5, 0.5, 1, 0.5, 1)),
            _between(2, 5, S(0.5, 0.5, 0.5, 0.5, -1, 0.5, 1)),
            _above(5, S(0.5, 0.5, 0.5, 0.5, -2, 0.5, -1), closed=True),
        ),
    ),
    Criterion(
        "distanceIte", "Distance à une installation terminale embranchée (fret)", 0.5, "enum", "environnement", False,
        choices=(
            Choice("moins-1km-bon-etat", "À moins d’1 km, en bon état", S(0.5, 0.5, 0.5, 0.5, 2, 0.5, 0.5)),
            Choice("moins-1km-mauvais-etat", "À moins d’1 km, en mauvais état", S(0.5, 0.5, 0.5, 0.5, 1, 0.5, 0.5)),
            Choice("plus-1km", "À plus d’1 km", NEUTRAL),
        ),
    ),
    Criterion(
        "qualiteVoieDesserte", "Qualité de la voie de desserte", 0.5, "enum", "environnement", True,
        accepts_ne_sait_pas=True,
        choices=(
            Choice("accessible", "Accessible", S(1, 1, 0.5, 1, 2, 0.5, 0.5)),
            Choice("degradee", "Accessibilité dégradée", S(0.5, 0.5, 0.5, 0.5, -1, 1, 0.5)),
            Choice("peu-accessible", "Accessibilité limitée", S(-1, -1, 0.5, -1, -2, 2, 0.5)),
        ),
    ),
    Criterion(
        "qualitePaysage", "Intérêt du paysage environnant", 1, "enum", "environnement", True,
        accepts_ne_sait_pas=True,
        choices=(
            Choice("sans-interet", "Paysage dégradé ou sans qualité notable", S(0.5, 0.5, -1, 0.5, 1, 1, 1)),
            Choice("ordinaire", "Paysage courant", S(0.5, 0.5, 0.5, 0.5, 1, 1, 1)),
            Choice("interet-remarquable", "Paysage remarquable", S(0.5, 0.5, 0.5, 0.5, -1, 1, -1)),
        ),
    ),
    Criterion(
        "trameVerteEtBleue", "Trame verte et bleue", 1, "enum", "environnement", True, accepts_ne_sait_pas=True,
        choices=(
            Choice("hors-trame", "Hors trame", S(1, 1, 1, 1, 1, 0.5, 1)),
            Choice("reservoir-biodiversite", "Réservoir de biodiversité", S(-1, -1, -1, -1, -1, 1, -1)),
            Choice("corridor-a-preserver", "Corridor à préserver", S(-1, -1, -1, -1, -1, 1, -1)),
            Choice("corridor-a-restaurer", "Corridor à restaurer", S(-1, -1, -1, -1, -1, 2, -1)),
        ),
    ),
    Criterion(
        "presenceEspecesProtegees", "Présence d’espèces protégées", 1, "enum", "environnement", True,
        accepts_ne_sait_pas=True,
        choices=(Choice("oui", "Oui", S(-2, -2, -2, -2, -2, 2, -2)), Choice("non", "Non", NEUTRAL)),
    ),
    Criterion(
        "presenceZoneHumide", "Présence d’une zone humide", 1, "enum", "environnement", True,
        accepts_ne_sait_pas=True,
        choices=(Choice("oui", "Oui", S(-2, -2, -2, -2, -2, 2, -2)), Choice("non", "Non", NEUTRAL)),
    ),
    # --- Risques et zonages
    Criterion(
        "presenceRisquesTechnologiques", "Présence de risques technologiques", 1, "boolean", "risques-zonages", False,
        choices=_yes_no(S(-2, -2, -2, -2, 1, 1, 1), NEUTRAL),
    ),
    Criterion(
        "risqueRetraitGonflementArgile", "Retrait-gonflement des argiles", 0.5, "enum", "risques-zonages", False,
        choices=(
            Choice("aucun", "Aucun", NEUTRAL),
            Choice("faible-ou-moyen", "Faible ou moyen", NEUTRAL),
            Choice("fort", "Fort", S(-1, -1, -1, -1, -1, 1, 0.5)),
        ),
    ),
    Criterion(
        "risqueCavitesSouterraines", "Cavités souterraines", 0.5, "enum", "risques-zonages", False,
        choices=(Choice("non", "Non", NEUTRAL), Choice("oui", "Oui", S(-1, -1, -1, -1, -1, 1, 0.5))),
    ),
    Criterion(
        "risqueInondation", "Risque d’inondation", 1, "enum", "risques-zonages", False,
        choices=(Choice("non", "Non", NEUTRAL), Choice("oui", "Oui", S(-2, -2, -1, -1, -2, 2, -1))),
    ),
    Criterion(
        "zonageEnvironnemental", "Zonage environnemental", 1, "enum", "risques-zonages", False,
        choices=(
            Choice("hors-zone", "Hors zone", S(1, 1, 1, 1, 1, 0.5, 1)),
            Choice("reserve-naturelle", "Réserve naturelle", S(-2, -2, -2, -2, -2, 2, -2)),
            Choice("natura-2000", "Natura 2000", S(-1, -1, -1, -1, -1, 1, -1)),
            Choice("znieff-type-1-2", "ZNIEFF de type 1 ou 2", S(-1, -1, -1, -1, -1, 1, -1)),
            Choice("proximite-zone", "À proximité d’une zone protégée", S(0.5, 0.5, 0.5, 0.5, 0.5, 1, 0.5)),
        ),
        unscored_values=("parc-naturel-regional", "parc-naturel-national"),
    ),
    Criterion(
        "zonageReglementaire", "Zonage réglementaire (urbanisme)", 2, "enum", "risques-zonages", False,
        accepts_ne_sait_pas=True,
        choices=(
            Choice("zone-urbaine-u", "Zone urbaine (U)", S(2, 2, 1, 1, 0.5, 0.5, -1)),
            Choice("zone-urbaine-u-habitat", "Zone urbaine – habitat", S(2, 1, 1, 0.5, -2, 0.5, -1)),
            Choice("zone-urbaine-u-equipement", "Zone urbaine – équipement", S(-2, 2, 1, 0.5, -2, 0.5, 0.5)),
            Choice("zone-urbaine-u-activite", "Zone urbaine – activité", S(-2, -1, -1, 1, 2, 0.5, 0.5)),
            Choice("zone-a-urbaniser-au", "Zone à urbaniser (AU)", S(1, 1, 0.5, 1, 0.5, 0.5, -1)),
            Choice("zone-vocation-activites", "Zone à vocation d’activités", S(-2, -1, -1, 1, 2, -1, 0.5)),
            Choice("secteur-ouvert-a-la-construction", "Secteur ouvert à la construction", S(1, 1, 1, 1, 1, -1, -1)),
            Choice("secteur-reglement-urbanisme", "Secteur avec règlement d’urbanisme", NEUTRAL),
            Choice(
                "secteur-non-ouvert-a-la-construction", "Secteur non ouvert à la construction",
                S(-2, -1, -1, -2, -2, 2, 0.5),
            ),
            Choice("zone-agricole-a", "Zone agricole (A)", S(-2, -1, -1, -2, -2, 2, 0.5)),
            Choice("zone-naturelle-n", "Zone naturelle (N)", S(-2, -1, -1, -2, -2, 2, 0.5)),
        ),
    ),
    Criterion(
        "zonagePatrimonial", "Zonage patrimonial", 1, "enum", "risques-zonages", False,
        choices=(
            Choice("non-concerne", "Non concerné", S(1, 1, 0.5, 1, 1, 1, 1)),
            Choice("site-inscrit-classe", "Site inscrit ou classé", S(0.5, -1, 2, -2, -2, -2, -2)),
            Choice("perimetre-abf", "Périmètre des Architectes des bâtiments de France", S(0.5, -1, 2, -1, -1, 0.5, -1)),
        ),
        unscored_values=("monument-historique", "zppaup", "avap", "spr"),
    ),
    Criterion(
        "zoneAccelerationEnr", "Zone d’accélération des énergies renouvelables", 1, "enum", "risques-zonages", False,
        choices=(
            Choice("non", "Non", NEUTRAL),
            Choice("oui", "Oui", S(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1)),
            Choice("oui-solaire-pv-ombriere", "Oui, pour le photovoltaïque en ombrière", S(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 2)),
        ),
    ),
    Criterion(
        "zonageAbcLogement", "Zonage ABC du logement", 0.5, "enum", "risques-zonages", False,
        choices=(
            Choice("abis", "Zone A bis", S(2, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5)),
            Choice("a", "Zone A", S(2, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5)),
            Choice("b1", "Zone B1", S(1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5)),
            Choice("b2", "Zone B2", S(1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5)),
            Choice("c", "Zone C", NEUTRAL),
        ),
    ),
)  # fmt: skip

CRITERIA_BY_KEY: dict[str, Criterion] = {c.key: c for c in CRITERIA}
TOTAL_WEIGHT: float = sum(c.weight for c in CRITERIA)

SECTIONS: dict[str, str] = {
    "site-bati": "Le site et son bâti",
    "environnement": "L’environnement du site",
    "risques-zonages": "Risques et zonages",
}
