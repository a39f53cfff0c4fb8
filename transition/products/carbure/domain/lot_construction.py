"""From one template row (or form) to a lot draft: codes resolved against the referentials, names
against what the importing entity may see (its production sites, the registered entities and
depots, its stocks), quantities and GHG computed.

As the original builds a lot: a producer's row naming one of its own sites is its own production
(the site gives country, commissioning date and double-counting agreement); the importer that is
neither supplier nor client is the vendor (a trading intermediary); an operator's row without a
client is its own reception, blended. Anonymous checks resolve nothing: every name stays a name.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from .ghg import Ghg, ghg_of
from .lot_facts import (
    BiofuelInfo,
    CountryInfo,
    DepotRef,
    DoubleCountingInfo,
    EntityRef,
    FeedstockInfo,
    LotFacts,
)
from .quantities import Quantities, QuantityError, Unit, quantities_from
from .stocks import litres
from .template import Finding, ParsedRow
from .vocabulary import CorrectionStatus, DeliveryType, EntityType, LotStatus, TransportDocumentType


@dataclass(frozen=True)
class Referentials:
    biofuels: dict[str, BiofuelInfo]
    feedstocks: dict[str, FeedstockInfo]
    countries: dict[str, CountryInfo]


@dataclass(frozen=True)
class SiteRef:
    id: int
    name: str
    country: CountryInfo | None
    commissioning_date: date | None
    agreements: tuple[DoubleCountingInfo, ...] = ()

    def agreement_for(self, day: date | None) -> str:
        """The agreement in force on `day`, else the latest one; "" when the site has none."""
        if not self.agreements:
            return ""
        if day is not None:
            for agreement in self.agreements:
                if agreement.valid_from <= day <= agreement.valid_until:
                    return agreement.certificate_id
        return max(self.agreements, key=lambda a: a.valid_until).certificate_id


@dataclass
class LotDraft:
    free_field: str = ""
    added_by: EntityRef | None = None
    producer: EntityRef | None = None
    unknown_producer: str = ""
    production_site: SiteRef | None = None
    unknown_production_site: str = ""
    production_country: CountryInfo | None = None
    commissioning_date: date | None = None
    production_site_certificate: str = ""
    double_counting_reference: str = ""
    supplier: EntityRef | None = None
    unknown_supplier: str = ""
    supplier_certificate: str = ""
    vendor: EntityRef | None = None
    vendor_certificate: str = ""
    quantities: Quantities | None = None
    biofuel: BiofuelInfo | None = None
    feedstock: FeedstockInfo | None = None
    country_of_origin: CountryInfo | None = None
    terms: dict[str, float] = field(default_factory=dict)
    ghg: Ghg = field(default_factory=lambda: ghg_of({}))
    transport_document_type: TransportDocumentType = TransportDocumentType.DAE
    transport_document_reference: str = ""
    client: EntityRef | None = None
    unknown_client: str = ""
    delivery_date: date | None = None
    delivery_site: DepotRef | None = None
    unknown_delivery_site: str = ""
    delivery_site_country: CountryInfo | None = None
    delivery_type: DeliveryType = DeliveryType.UNKNOWN
    parent_stock: "StockRef | None" = None

    def facts(
        self, *, lot_status: LotStatus = LotStatus.DRAFT, correction_status=CorrectionStatus.NO_PROBLEMO
    ) -> LotFacts:
        return LotFacts(
            lot_status=lot_status,
            correction_status=correction_status,
            delivery_date=self.delivery_date,
            volume_l=self.quantities.volume_l if self.quantities else None,
            biofuel=self.biofuel,
            feedstock=self.feedstock,
            country_of_origin=self.country_of_origin,
            producer=self.producer,
            production_site_id=self.production_site.id if self.production_site else None,
            production_site_commissioning_date=self.commissioning_date,
            double_counting_reference=self.double_counting_reference,
            supplier=self.supplier,
            supplier_certificate=self.supplier_certificate,
            vendor_certificate=self.vendor_certificate,
            client=self.client,
            added_by=self.added_by,
            transport_document_reference=self.transport_document_reference,
            delivery_type=self.delivery_type,
            delivery_site=self.delivery_site,
            delivery_site_country=self.delivery_site_country,
            has_parent=self.parent_stock is not None,
            ghg_reduction=self.ghg.reduction,
            ghg_reduction_red_ii=self.ghg.reduction_red_ii,
            **{
                term: self.terms.get(term, 0.0)
                for term in ("eec", "el", "ep", "etd", "eu", "esca", "eccs", "eccr", "eee")
            },
        )


@dataclass(frozen=True)
class StockRef:
    """A stock the importer owns, and the lot it came from (whose sustainability data it carries)."""

    id: int
    carbure_id: str
    remaining_volume_l: float
    biofuel: BiofuelInfo
    depot: DepotRef | None
    origin: LotDraft


@dataclass(frozen=True)
class Directory:
    """What the importing entity may resolve names against. Empty for anonymous checks."""

    importer: EntityRef | None = None
    default_certificate: str = ""
    own_sites: dict[str, SiteRef] = field(default_factory=dict)  # upper-case name -> site
    entities: dict[str, EntityRef] = field(default_factory=dict)  # upper-case name -> entity
    depots: dict[str, DepotRef] = field(default_factory=dict)  # upper-case depot id and name -> depot
    stocks: dict[str, StockRef] = field(default_factory=dict)  # carbure id -> stock


ANONYMOUS = Directory()


def _lookup(table: dict, code: str, *, finding_code: str, column: str, what: str, findings: list):
    if not code:
        return None
    found = table.get(code.strip().upper())
    if found is None:
        findings.append(Finding(finding_code, True, column, f"{what} « {code} » inconnu."))
    return found


def _quantities(row: ParsedRow, biofuel: BiofuelInfo | None, findings: list) -> Quantities | None:
    if row.amount is None:
        return None
    if biofuel is None:
        if row.unit == Unit.LITRE:
            return Quantities(round(row.amount, 2), 0.0, 0.0)
        return None  # kg or MJ without a biofuel: nothing to convert with (MISSING_BIOFUEL says why)
    try:
        return quantities_from(row.amount, row.unit, density_kg_l=biofuel.density_kg_l, lhv_mj_l=biofuel.lhv_mj_l)
    except QuantityError as problem:
        findings.append(Finding("VOLUME_FORMAT_INCORRECT", True, "unit", str(problem)))
        return None


def _production(draft: LotDraft, row: ParsedRow, refs: Referentials, directory: Directory, findings: list) -> None:
    importer = directory.importer
    site_name = row.get("production_site")
    producer_name = row.get("producer")
    own_row = (
        importer is not None
        and importer.entity_type == EntityType.PRODUCER
        and site_name
        and (not producer_name or producer_name.upper() == importer.name.upper() or not importer.has_trading)
    )
    draft.production_site_certificate = row.get("production_site_reference")
    draft.double_counting_reference = row.get("double_counting_registration")
    if own_row:
        site = directory.own_sites.get(site_name.upper())
        draft.producer = importer
        if site is None:
            findings.append(
                Finding(
                    "COULD_NOT_FIND_PRODUCTION_SITE",
                    True,
                    "production_site",
                    f"« {site_name} » n’est pas l’un de vos sites de production.",
                )
            )
            return
        draft.production_site = site
        draft.production_country = site.country
        draft.commissioning_date = site.commissioning_date
        if not draft.double_counting_reference and draft.feedstock and draft.feedstock.is_double_counting:
            draft.double_counting_reference = site.agreement_for(draft.delivery_date)
        return
    draft.unknown_producer = producer_name
    draft.unknown_production_site = site_name
    draft.production_country = _lookup(
        refs.countries,
        row.get("production_site_country"),
        finding_code="UNKNOWN_PRODUCTION_COUNTRY",
        column="production_site_country",
        what="Pays de production",
        findings=findings,
    )
    draft.commissioning_date = row.commissioning_date


def _from_stock(draft: LotDraft, stock: StockRef, findings: list) -> None:
    origin = stock.origin
    for name in (
        "producer",
        "unknown_producer",
        "production_site",
        "unknown_production_site",
        "production_country",
        "commissioning_date",
        "production_site_certificate",
        "double_counting_reference",
        "feedstock",
        "country_of_origin",
        "terms",
        "ghg",
    ):
        setattr(draft, name, getattr(origin, name))
    draft.biofuel = stock.biofuel
    draft.parent_stock = stock
    if draft.quantities and draft.quantities.volume_l > stock.remaining_volume_l:
        findings.append(
            Finding(
                "NOT_ENOUGH_VOLUME_LEFT",
                True,
                "volume",
                f"Le stock {stock.carbure_id} ne contient plus que {litres(stock.remaining_volume_l)} litres.",
            )
        )


def construct_lot(
    row: ParsedRow, refs: Referentials, directory: Directory = ANONYMOUS
) -> tuple[LotDraft, list[Finding]]:
    findings: list[Finding] = []
    importer = directory.importer
    draft = LotDraft(free_field=row.get("champ_libre"), added_by=importer, delivery_date=row.delivery_date)
    draft.delivery_type = row.delivery_type
    draft.transport_document_reference = row.get("dae")

    stock = None
    stock_id = row.get("carbure_stock_id")
    if stock_id:
        stock = directory.stocks.get(stock_id.strip().upper())
        if stock is None:
            findings.append(Finding("UNKNOWN_STOCK", True, "carbure_stock_id", f"Stock « {stock_id} » introuvable."))
    if stock is not None:
        draft.quantities = _quantities(row, stock.biofuel, findings)
        _from_stock(draft, stock, findings)
    else:
        draft.biofuel = _lookup(
            refs.biofuels,
            row.get("biocarburant_code"),
            finding_code="UNKNOWN_BIOFUEL",
            column="biocarburant_code",
            what="Biocarburant",
            findings=findings,
        )
        draft.feedstock = _lookup(
            refs.feedstocks,
            row.get("matiere_premiere_code"),
            finding_code="UNKNOWN_FEEDSTOCK",
            column="matiere_premiere_code",
            what="Matière première",
            findings=findings,
        )
        draft.country_of_origin = _lookup(
            refs.countries,
            row.get("pays_origine_code"),
            finding_code="UNKNOWN_COUNTRY_OF_ORIGIN",
            column="pays_origine_code",
            what="Pays d’origine",
            findings=findings,
        )
        draft.quantities = _quantities(row, draft.biofuel, findings)
        draft.terms = dict(row.terms)
        draft.ghg = ghg_of(draft.terms)
        _production(draft, row, refs, directory, findings)

    _parties(draft, row, directory)
    _delivery(draft, row, refs, directory, findings)
    return draft, findings


def _entity(directory: Directory, name: str) -> EntityRef | None:
    return directory.entities.get(name.strip().upper()) if name else None


def _parties(draft: LotDraft, row: ParsedRow, directory: Directory) -> None:
    importer = directory.importer
    default = directory.default_certificate
    draft.supplier_certificate = row.get("supplier_certificate")
    supplier_name = row.get("supplier")
    if draft.parent_stock is not None or (importer is not None and draft.producer == importer):
        draft.supplier = importer
    else:
        draft.supplier = _entity(directory, supplier_name)
        if draft.supplier is None:
            draft.unknown_supplier = supplier_name
    if importer is not None and draft.supplier == importer and not draft.supplier_certificate:
        draft.supplier_certificate = default

    client_name = row.get("client")
    draft.client = _entity(directory, client_name)
    if draft.client is None:
        draft.unknown_client = client_name
    if (
        importer is not None
        and importer.entity_type == EntityType.OPERATOR
        and not client_name
        and draft.delivery_type == DeliveryType.UNKNOWN
    ):
        draft.client = importer
        draft.delivery_type = DeliveryType.BLENDING

    if importer is not None and importer != draft.supplier and importer != draft.client:
        draft.vendor = importer
        draft.vendor_certificate = row.get("vendor_certificate") or default
    elif not draft.supplier_certificate and row.get("vendor_certificate"):
        # People often put their supplier's certificate in the vendor column.
        draft.supplier_certificate = row.get("vendor_certificate")


def _delivery(draft: LotDraft, row: ParsedRow, refs: Referentials, directory: Directory, findings: list) -> None:
    site = row.get("delivery_site")
    depot = directory.depots.get(site.upper()) if site else None
    if depot is not None:
        draft.delivery_site = depot
        draft.delivery_site_country = refs.countries.get(depot.country_code)
        return
    draft.unknown_delivery_site = site
    draft.delivery_site_country = _lookup(
        refs.countries,
        row.get("delivery_site_country"),
        finding_code="UNKNOWN_DELIVERY_COUNTRY",
        column="delivery_site_country",
        what="Pays de livraison",
        findings=findings,
    )


def with_ghg(draft: LotDraft, terms: dict[str, float]) -> LotDraft:
    """The draft with new GHG terms and the figures recomputed from them."""
    return replace(draft, terms=dict(terms), ghg=ghg_of(terms))
