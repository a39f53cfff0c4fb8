"""The original's test cases (../shared/data/carbure/carbure_cases_sample.json) as plain data for
the checks: a case's lot becomes `LotFacts`, its `context` a `CheckContext` with account data."""

import json
from datetime import date

from transition.products.carbure.domain import referential_files
from transition.products.carbure.domain.lot_facts import (
    CertificateInfo,
    CheckContext,
    DepotRef,
    DoubleCountingInfo,
    EecStat,
    EntityRef,
    EpStat,
    LotFacts,
)
from transition.products.carbure.domain.vocabulary import CorrectionStatus, DeliveryType, EntityType, LotStatus

REFS = referential_files.referentials()
ENTITY_TYPES = {
    "Producteur": EntityType.PRODUCER,
    "Opérateur": EntityType.OPERATOR,
    "Trader": EntityType.TRADER,
    "Power or Heat Producer": EntityType.POWER_HEAT,
    "Auditor": EntityType.AUDITOR,
    "Administration": EntityType.ADMINISTRATION,
}


def load_cases(shared_data) -> list[dict]:
    return json.loads((shared_data / "carbure" / "carbure_cases_sample.json").read_text(encoding="utf-8"))


class Ids:
    """Stable integer ids for the names the cases use (entities, production sites)."""

    def __init__(self):
        self._ids: dict[str, int] = {}

    def __call__(self, name: str | None) -> int | None:
        if name is None:
            return None
        return self._ids.setdefault(name, len(self._ids) + 1)


def _day(text):
    return date.fromisoformat(text) if text else None


def _entity(data, ids) -> EntityRef | None:
    if not data:
        return None
    return EntityRef(ids(data["name"]), data["name"], ENTITY_TYPES[data["entity_type"]], data.get("has_trading", False))


def lot_facts(lot: dict, ids: Ids) -> LotFacts:
    depot = lot.get("carbure_delivery_site")
    site = lot.get("carbure_production_site")
    delivery_date = _day(lot.get("delivery_date"))
    derived_year = delivery_date.year if delivery_date else None
    return LotFacts(
        lot_status=LotStatus(lot["lot_status"]),
        correction_status=CorrectionStatus(lot["correction_status"]),
        delivery_date=delivery_date,
        volume_l=lot.get("volume"),
        biofuel=REFS.biofuels.get(lot["biofuel"]) if lot.get("biofuel") else None,
        feedstock=REFS.feedstocks.get(lot["feedstock"]) if lot.get("feedstock") else None,
        country_of_origin=REFS.countries.get(lot["country_of_origin"]) if lot.get("country_of_origin") else None,
        producer=_entity(lot.get("carbure_producer"), ids),
        production_site_id=ids("site:" + site["name"]) if site else None,
        production_site_commissioning_date=_day(lot.get("production_site_commissioning_date")),
        double_counting_reference=lot.get("production_site_double_counting_certificate") or "",
        supplier=_entity(lot.get("carbure_supplier"), ids),
        supplier_certificate=lot.get("supplier_certificate") or "",
        vendor_certificate=lot.get("vendor_certificate") or "",
        client=_entity(lot.get("carbure_client"), ids),
        added_by=_entity(lot.get("added_by"), ids),
        transport_document_reference=lot.get("transport_document_reference") or "",
        delivery_type=DeliveryType(lot.get("delivery_type") or "UNKNOWN"),
        delivery_site=DepotRef(depot["depot_id"], depot["name"], depot["depot_type"], depot["country"])
        if depot
        else None,
        delivery_site_country=REFS.countries.get(lot["delivery_site_country"])
        if lot.get("delivery_site_country")
        else None,
        has_parent=bool(lot.get("parent_lot") or lot.get("parent_stock")),
        ghg_reduction=lot["ghg_reduction"],
        ghg_reduction_red_ii=lot["ghg_reduction_red_ii"],
        year_override=lot["year"] if lot.get("year") != derived_year else None,
        **{term: float(lot.get(term) or 0) for term in ("eec", "el", "ep", "etd", "eu", "esca", "eccs", "eccr", "eee")},
    )


def check_context(world: dict, ids: Ids) -> CheckContext:
    stats = world.get("ml_stats", {})
    return CheckContext(
        today=date.fromisoformat(world["today"]),
        locked_years=frozenset(world.get("locked_years", [])),
        etd_defaults=referential_files.etd_defaults(),
        has_account_data=True,
        certificates={
            c["certificate_id"].upper(): CertificateInfo(
                c["certificate_id"], _day(c["valid_from"]), _day(c["valid_until"])
            )
            for c in world.get("certificates", [])
        },
        double_counting=tuple(
            DoubleCountingInfo(
                r["certificate_id"],
                ids("site:" + r["production_site"]) if r.get("production_site") else None,
                _day(r["valid_from"]),
                _day(r["valid_until"]),
            )
            for r in world.get("double_counting_registrations", [])
        ),
        entity_depots={ids(name): frozenset(depots) for name, depots in world.get("entity_depots", {}).items()},
        declared_periods=frozenset(
            (ids(d["entity"]), d["period"]) for d in world.get("declarations", []) if d.get("declared")
        ),
        eec_stats={
            _split_key(key, REFS.feedstocks): EecStat(v.get("default_value"), v.get("average"))
            for key, v in stats.get("eec_by_feedstock_origin", {}).items()
        },
        ep_stats={
            _split_key(key, REFS.feedstocks): EpStat(
                v.get("default_value_min_ep"), v.get("default_value_max_ep"), v.get("average")
            )
            for key, v in stats.get("ep_by_feedstock_biofuel", {}).items()
        },
    )


def _split_key(key: str, feedstocks) -> tuple[str, str]:
    """'BETTERAVEFR' -> ('BETTERAVE', 'FR'): the longest feedstock code the key starts with."""
    code = max((c for c in feedstocks if key.startswith(c)), key=len)
    return code, key[len(code) :]
