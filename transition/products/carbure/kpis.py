"""Impact indicators of CarbuRe, shown on /stats/carbure/: volumes declared each month (by biofuel
family and feedstock category), average GHG saving, share of advanced feedstocks, lots whose
blocking errors were fixed before being declared. A lot counts once it is declared by both its
sides (frozen), on the day its last side declared it."""

from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import F, Sum
from django.utils import timezone

from transition.platform.impact.registry import PARIS, Indicator, day_end, register_indicator

from .domain import declarations as periods
from .domain.vocabulary import ADVANCED_CATEGORIES, FEEDSTOCK_CATEGORY_LABELS, FeedstockCategory, LotStatus
from .enums import PRODUCT, LotEventType
from .models import Lot, LotEvent

BIOFUEL_FAMILIES = {
    "ethanol": (
        "Éthanol et dérivés (ETH, ETBE, ED95…)",
        ("ETH", "ETBE", "ED95", "MTBE", "TAEE", "TAME", "BES", "BT", "MT"),
    ),
    "esters": (
        "Esters méthyliques et éthyliques (EMHV, EMHU, EMHA…)",
        ("EMHV", "EMHU", "EMHA", "EMAG", "EEHV", "EEHU", "EEHA", "EEAG", "B100"),
    ),
    "hvo": (
        "Huiles hydrotraitées et co-traitées (HVO, HOE, HCE…)",
        ("HVOE", "HVOG", "HVOC", "HOE", "HOG", "HOC", "HCE", "HCG", "HCC", "HCU", "HVP", "BGS"),
    ),
}
CATEGORY_GROUPS = {
    "conventionnelles": ("Matières premières conventionnelles", (FeedstockCategory.CONV,)),
    "annexe_ix_a": ("Matières premières avancées (annexe IX-A)", (FeedstockCategory.ANN_IX_A,)),
    "annexe_ix_b": ("Huiles usagées et graisses animales (annexe IX-B)", (FeedstockCategory.ANN_IX_B,)),
    "autres": (
        "Autres matières premières",
        (FeedstockCategory.OTHER, FeedstockCategory.TALLOL, FeedstockCategory.EP2AM),
    ),
}


def _declared_until(day: date):
    """Lots frozen now whose freezing (last DECLARED event) came by the end of `day`."""
    declared = LotEvent.objects.filter(event_type=LotEventType.DECLARED, created_at__lt=day_end(day)).values("lot_id")
    return Lot.objects.filter(lot_status=LotStatus.FROZEN, pk__in=declared)


def _declared_in_month(day: date):
    start = datetime.combine(day.replace(day=1), time.min, tzinfo=PARIS)
    declared = LotEvent.objects.filter(
        event_type=LotEventType.DECLARED, created_at__gte=start, created_at__lt=day_end(day)
    ).values("lot_id")
    return Lot.objects.filter(lot_status=LotStatus.FROZEN, pk__in=declared)


def _litres(lots) -> int:
    return round(lots.aggregate(v=Sum("volume_l"))["v"] or 0)


def volume_declared_in_month(day: date) -> int:
    return _litres(_declared_in_month(day))


def volume_by_family(codes):
    def compute(day: date) -> int:
        return _litres(_declared_in_month(day).filter(biofuel_id__in=codes))

    return compute


def volume_by_category(categories):
    def compute(day: date) -> int:
        return _litres(_declared_in_month(day).filter(feedstock__category__in=categories))

    return compute


def average_saving_pct(day: date) -> Decimal:
    """RED II reduction of the declared lots, weighted by their volume."""
    totals = _declared_until(day).aggregate(v=Sum("volume_l"), w=Sum(F("volume_l") * F("ghg_reduction_red_ii")))
    if not totals["v"]:
        return Decimal(0)
    return Decimal(totals["w"] / totals["v"]).quantize(Decimal("0.1"))


def advanced_share_pct(day: date) -> Decimal:
    lots = _declared_until(day)
    total = lots.aggregate(v=Sum("volume_l"))["v"]
    if not total:
        return Decimal(0)
    advanced = lots.filter(feedstock__category__in=ADVANCED_CATEGORIES).aggregate(v=Sum("volume_l"))["v"] or 0
    return (Decimal(advanced) * 100 / Decimal(total)).quantize(Decimal("0.1"))


def fixed_before_declaration(day: date) -> int:
    return _declared_until(day).filter(had_blocking_errors=True).count()


def lots_declared(day: date) -> int:
    return _declared_until(day).count()


def _month_breakdown() -> str:
    today = timezone.localdate()
    lots = _declared_in_month(today)
    parts = [
        f"{label.split(' (')[0].lower()} : {_litres(lots.filter(biofuel_id__in=codes)):,} l".replace(",", "\u202f")
        for label, codes in BIOFUEL_FAMILIES.values()
    ]
    return f"En {periods.period_label(today.year * 100 + today.month)} : " + ", ".join(parts) + "."


def register() -> None:
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="volume_declare_mois",
            label="Volume de biocarburants déclaré dans le mois",
            definition="Litres des lots dont la déclaration de durabilité a été validée, au cours du mois, par leur fournisseur et par leur client (lots figés).",
            unit="litres",
            compute=volume_declared_in_month,
            explain=_month_breakdown,
        )
    )
    for key, (label, codes) in BIOFUEL_FAMILIES.items():
        register_indicator(
            Indicator(
                product=PRODUCT,
                key=f"volume_declare_{key}",
                label=f"Volume déclaré dans le mois — {label}",
                definition=f"Litres déclarés au cours du mois pour ces biocarburants : {', '.join(codes)}.",
                unit="litres",
                compute=volume_by_family(codes),
                headline=False,
            )
        )
    for key, (label, categories) in CATEGORY_GROUPS.items():
        names = ", ".join(FEEDSTOCK_CATEGORY_LABELS[c].lower() for c in categories)
        register_indicator(
            Indicator(
                product=PRODUCT,
                key=f"volume_declare_{key}",
                label=f"Volume déclaré dans le mois — {label}",
                definition=f"Litres déclarés au cours du mois dont la matière première est de catégorie : {names}.",
                unit="litres",
                compute=volume_by_category(categories),
                headline=False,
            )
        )
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="reduction_moyenne",
            label="Réduction moyenne des émissions de gaz à effet de serre",
            definition="Réduction des émissions des lots déclarés par rapport au carburant fossile de référence de la directive RED II (94 gCO2eq/MJ), moyenne pondérée par les volumes.",
            unit="%",
            compute=average_saving_pct,
        )
    )
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="part_avancees",
            label="Part des matières premières avancées",
            definition="Part du volume déclaré produite à partir de matières premières de l’annexe IX, partie A, de la directive RED II (déchets et résidus : pailles, effluents, boues…).",
            unit="%",
            compute=advanced_share_pct,
        )
    )
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="lots_corriges",
            label="Lots corrigés avant leur déclaration",
            definition="Lots déclarés qui ont porté, à un moment, une erreur bloquante des contrôles de CarbuRe, corrigée avant leur envoi ou leur déclaration.",
            unit="lots",
            compute=fixed_before_declaration,
        )
    )
    register_indicator(
        Indicator(
            product=PRODUCT,
            key="lots_declares",
            label="Lots déclarés",
            definition="Lots déclarés par leur fournisseur et par leur client depuis l’ouverture du service.",
            unit="lots",
            compute=lots_declared,
            counts_as_request=True,
        )
    )
