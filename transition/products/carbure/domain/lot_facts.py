"""What the sanity checks read: a lot as plain data, and the world it is checked against.

`LotFacts` is built from a stored lot, a form or a template row; `CheckContext` carries what the
checks need beyond the lot: today, locked years, the public referential defaults, and, for a
signed-in entity only, the account data (certificates, double-counting agreements, depots,
declarations, statistics of declared lots). Anonymous checks get a context without account data.
"""

from dataclasses import dataclass, field
from datetime import date

from .ghg import applicable_reduction
from .vocabulary import CorrectionStatus, DeliveryType, EntityType, LotStatus


@dataclass(frozen=True)
class BiofuelInfo:
    code: str
    name: str
    density_kg_l: float
    lhv_mj_l: float
    is_alcohol: bool = False
    is_fat: bool = False


@dataclass(frozen=True)
class FeedstockInfo:
    code: str
    name: str
    category: str
    compatible_alcohol: bool = True
    compatible_fat: bool = True
    is_double_counting: bool = False
    is_vegetable_oil: bool = False


@dataclass(frozen=True)
class CountryInfo:
    code: str
    name: str
    is_in_europe: bool = False


@dataclass(frozen=True)
class EntityRef:
    id: int
    name: str
    entity_type: EntityType
    has_trading: bool = False


@dataclass(frozen=True)
class DepotRef:
    depot_id: str
    name: str
    depot_type: str
    country_code: str
    pk: int | None = None  # the stored depot, when there is one


@dataclass(frozen=True)
class LotFacts:
    lot_status: LotStatus = LotStatus.DRAFT
    correction_status: CorrectionStatus = CorrectionStatus.NO_PROBLEMO
    delivery_date: date | None = None
    volume_l: float | None = None
    biofuel: BiofuelInfo | None = None
    feedstock: FeedstockInfo | None = None
    country_of_origin: CountryInfo | None = None
    producer: EntityRef | None = None
    production_site_id: int | None = None
    production_site_commissioning_date: date | None = None
    double_counting_reference: str = ""
    supplier: EntityRef | None = None
    supplier_certificate: str = ""
    vendor_certificate: str = ""
    client: EntityRef | None = None
    added_by: EntityRef | None = None
    transport_document_reference: str = ""
    delivery_type: DeliveryType = DeliveryType.UNKNOWN
    delivery_site: DepotRef | None = None
    delivery_site_country: CountryInfo | None = None
    has_parent: bool = False  # taken from a parent lot or a stock: production data is inherited
    eec: float = 0.0
    el: float = 0.0
    ep: float = 0.0
    etd: float = 0.0
    eu: float = 0.0
    esca: float = 0.0
    eccs: float = 0.0
    eccr: float = 0.0
    eee: float = 0.0
    ghg_reduction: float = 0.0
    ghg_reduction_red_ii: float = 0.0
    # The original keeps the lot's year apart from its delivery date (normally derived from it).
    year_override: int | None = None

    @property
    def year(self) -> int | None:
        if self.year_override is not None:
            return self.year_override
        return self.delivery_date.year if self.delivery_date else None

    @property
    def period(self) -> int | None:
        return period_of(self.delivery_date)

    @property
    def reduction(self) -> float:
        return applicable_reduction(
            delivery_date=self.delivery_date, reduction=self.ghg_reduction, reduction_red_ii=self.ghg_reduction_red_ii
        )

    @property
    def is_being_edited(self) -> bool:
        """A draft, or a lot its sender is correcting: what it says may still change."""
        return self.lot_status == LotStatus.DRAFT or self.correction_status == CorrectionStatus.IN_CORRECTION


def period_of(day: date | None) -> int | None:
    """The declaration period of a date: year × 100 + month (202506 for June 2025)."""
    return day.year * 100 + day.month if day else None


@dataclass(frozen=True)
class CertificateInfo:
    certificate_id: str
    valid_from: date
    valid_until: date


@dataclass(frozen=True)
class DoubleCountingInfo:
    certificate_id: str
    production_site_id: int | None
    valid_from: date
    valid_until: date


@dataclass(frozen=True)
class EecStat:
    default_value: float | None
    average: float | None


@dataclass(frozen=True)
class EpStat:
    default_min: float | None
    default_max: float | None
    average: float | None


@dataclass(frozen=True)
class CheckContext:
    today: date
    locked_years: frozenset[int] = frozenset()
    # Regulatory default transport emissions by feedstock (public referential).
    etd_defaults: dict[str, float] = field(default_factory=dict)
    # --- account data: only present for a signed-in entity ---
    has_account_data: bool = False
    certificates: dict[str, CertificateInfo] = field(default_factory=dict)  # keyed by upper-case id
    double_counting: tuple[DoubleCountingInfo, ...] = ()
    entity_depots: dict[int, frozenset[str]] = field(default_factory=dict)  # entity id -> depot ids
    declared_periods: frozenset[tuple[int, int]] = frozenset()  # (entity id, period)
    eec_stats: dict[tuple[str, str], EecStat] = field(default_factory=dict)  # (feedstock, origin)
    ep_stats: dict[tuple[str, str], EpStat] = field(default_factory=dict)  # (feedstock, biofuel)
