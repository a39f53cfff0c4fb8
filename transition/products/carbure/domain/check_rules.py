"""The predicates of the sanity checks: each says, from a lot and its context, whether one rule of
the original service is broken. True (or a non-empty list of the broken sub-rules) means the
check's code is raised. The table in `sanity_checks.py` names, levels and routes them.

Constants are the original's (thresholds in litres, days, gCO2eq/MJ and percent).
"""

from datetime import date, timedelta

from . import compatibility
from .lot_facts import CheckContext, DoubleCountingInfo, LotFacts, period_of
from .vocabulary import DeliveryType, DepotType, EntityType, FeedstockCategory

DELIVERY_WINDOW_DAYS = 3650
DELIVERY_FUTURE_DAYS = 15
SMALL_VOLUME_L = 2000
ALWAYS_LOCKED_UP_TO = 2015
CERTIFICATE_LOOKBACK_DAYS = 365
REDUCTION_MIN = 50
REDUCTION_MIN_SITE_AFTER_2015 = 60
REDUCTION_MIN_SITE_FROM_2021 = 65
SITE_AFTER = date(2015, 10, 5)  # strictly after
SITE_FROM = date(2021, 1, 1)
REDUCTION_SUSPICIOUS_ABOVE = 99
REDUCTION_IMPOSSIBLE_FROM = 100
ETD_HIGH_FACTOR, ETD_HIGH_FLOOR = 2, 5
EEC_LOW_FACTOR, EEC_HIGH_FACTOR = 0.7, 1.3
EP_LOW_FACTOR, EP_HIGH_FACTOR = 0.5, 1.5
EEC_EXEMPT_FEEDSTOCKS = frozenset({"EP2"})

FRENCH_DELIVERY_TYPES = frozenset(
    {DeliveryType.BLENDING, DeliveryType.TRADING, DeliveryType.STOCK, DeliveryType.DIRECT, DeliveryType.UNKNOWN}
)
NO_TRANSPORT_DOCUMENT_TYPES = frozenset({DeliveryType.RFC, DeliveryType.FLUSHED})
CERTIFIED_CLIENT_TYPES = frozenset({EntityType.OPERATOR, EntityType.POWER_HEAT})


def is_french_delivery(lot: LotFacts) -> bool:
    return (
        lot.delivery_type in FRENCH_DELIVERY_TYPES
        and lot.delivery_site_country is not None
        and lot.delivery_site_country.code == "FR"
    )


def _same(a, b) -> bool:
    return a is not None and b is not None and a.id == b.id


# --- mandatory data ---------------------------------------------------------------------------


def missing_volume(lot, ctx):
    return not lot.volume_l


def missing_biofuel(lot, ctx):
    return lot.biofuel is None


def missing_feedstock(lot, ctx):
    return lot.feedstock is None


def missing_origin(lot, ctx):
    return lot.country_of_origin is None and not lot.has_parent


def unknown_production_site(lot, ctx):
    return lot.producer is not None and lot.production_site_id is None


def missing_commissioning_date(lot, ctx):
    return lot.production_site_id is None and lot.production_site_commissioning_date is None


def missing_transport_document(lot, ctx):
    return lot.delivery_type not in NO_TRANSPORT_DOCUMENT_TYPES and not lot.transport_document_reference.strip()


def missing_delivery_site(lot, ctx):
    return is_french_delivery(lot) and lot.delivery_site is None


def missing_client(lot, ctx):
    return is_french_delivery(lot) and lot.client is None


def missing_delivery_date(lot, ctx):
    return lot.delivery_date is None


def wrong_delivery_date(lot, ctx):
    return lot.delivery_date is not None and abs((lot.delivery_date - ctx.today).days) > DELIVERY_WINDOW_DAYS


def missing_delivery_country(lot, ctx):
    return lot.delivery_site_country is None


def missing_origin_country(lot, ctx):
    return (
        lot.delivery_site_country is not None
        and lot.delivery_site_country.is_in_europe
        and lot.country_of_origin is None
    )


def missing_supplier_certificate(lot, ctx):
    return (
        lot.client is not None
        and lot.client.entity_type in CERTIFIED_CLIENT_TYPES
        and not lot.supplier_certificate.strip()
        and not lot.vendor_certificate.strip()
    )


def missing_vendor_certificate(lot, ctx):
    return (
        lot.added_by is not None
        and not _same(lot.added_by, lot.client)
        and not _same(lot.added_by, lot.supplier)
        and not lot.vendor_certificate.strip()
    )


def missing_production_info(lot, ctx):
    return (
        lot.added_by is not None
        and lot.added_by.entity_type == EntityType.PRODUCER
        and not lot.added_by.has_trading
        and (lot.producer is None or lot.production_site_id is None)
    )


# --- double counting --------------------------------------------------------------------------


def needs_double_counting(lot, ctx):
    return (
        lot.feedstock is not None
        and lot.feedstock.is_double_counting
        and lot.biofuel is not None
        and lot.biofuel.code not in compatibility.SAF_BIOFUELS
        and not lot.double_counting_reference.strip()
    )


def _checked_reference(lot: LotFacts) -> str:
    """The agreement reference the checks look up: on an original lot of a double-counting feedstock."""
    if lot.has_parent or lot.feedstock is None or not lot.feedstock.is_double_counting:
        return ""
    return lot.double_counting_reference.strip().upper()


def matched_agreement(lot: LotFacts, ctx: CheckContext) -> DoubleCountingInfo | None:
    reference = _checked_reference(lot)
    for agreement in ctx.double_counting:
        if agreement.certificate_id.strip().upper() != reference:
            continue
        if (
            lot.production_site_id is None
            or agreement.production_site_id is None
            or agreement.production_site_id == lot.production_site_id
        ):
            return agreement
    return None


def unknown_agreement(lot, ctx):
    return bool(_checked_reference(lot)) and matched_agreement(lot, ctx) is None


def agreement_expired_before_period(lot, ctx):
    agreement = matched_agreement(lot, ctx)
    return agreement is not None and lot.period is not None and period_of(agreement.valid_until) < lot.period


def agreement_expires_within_period(lot, ctx):
    agreement = matched_agreement(lot, ctx)
    return (
        agreement is not None
        and lot.delivery_date is not None
        and agreement.valid_until < lot.delivery_date
        and period_of(agreement.valid_until) >= lot.period
    )


def agreement_not_yet_valid(lot, ctx):
    agreement = matched_agreement(lot, ctx)
    return agreement is not None and lot.delivery_date is not None and agreement.valid_from > lot.delivery_date


# --- biofuel and feedstock --------------------------------------------------------------------


def incoherent_pair(lot, ctx):
    if lot.biofuel is None or lot.feedstock is None:
        return []
    return compatibility.broken_pair_rules(lot.biofuel, lot.feedstock)


def unusual_provenance(lot, ctx):
    if lot.feedstock is None or lot.country_of_origin is None:
        return []
    return compatibility.unusual_provenances(lot.feedstock, lot.country_of_origin)


def deprecated_feedstock(lot, ctx):
    return lot.feedstock is not None and lot.feedstock.code in compatibility.DEPRECATED_FEEDSTOCKS


# --- greenhouse gases -------------------------------------------------------------------------


def _etd_default(lot, ctx):
    return ctx.etd_defaults.get(lot.feedstock.code) if lot.feedstock else None


def etd_high(lot, ctx):
    default = _etd_default(lot, ctx)
    return default is not None and lot.etd > ETD_HIGH_FACTOR * default and lot.etd > ETD_HIGH_FLOOR


def etd_low_outside_europe(lot, ctx):
    default = _etd_default(lot, ctx)
    outside_europe = lot.country_of_origin is None or not lot.country_of_origin.is_in_europe
    return default is not None and outside_europe and lot.etd < default


def _eec_stat(lot, ctx):
    if lot.feedstock is None or lot.country_of_origin is None:
        return None
    return ctx.eec_stats.get((lot.feedstock.code, lot.country_of_origin.code))


def _known(*values):
    return [v for v in values if v is not None]


def eec_low(lot, ctx):
    stat = _eec_stat(lot, ctx)
    known = _known(stat.default_value, stat.average) if stat else []
    return bool(known) and lot.eec < EEC_LOW_FACTOR * min(known)


def eec_high(lot, ctx):
    stat = _eec_stat(lot, ctx)
    known = _known(stat.default_value, stat.average) if stat else []
    return bool(known) and lot.eec > EEC_HIGH_FACTOR * max(known)


def _ep_stat(lot, ctx):
    if lot.feedstock is None or lot.biofuel is None:
        return None
    return ctx.ep_stats.get((lot.feedstock.code, lot.biofuel.code))


def ep_low(lot, ctx):
    stat = _ep_stat(lot, ctx)
    known = _known(stat.average, stat.default_min) if stat else []
    return bool(known) and lot.ep < EP_LOW_FACTOR * min(known)


def ep_high(lot, ctx):
    stat = _ep_stat(lot, ctx)
    known = _known(stat.average, stat.default_max) if stat else []
    return bool(known) and lot.ep > EP_HIGH_FACTOR * max(known)


def etd_zero(lot, ctx):
    return lot.etd <= 0


def ep_zero(lot, ctx):
    return lot.ep <= 0


def el_negative(lot, ctx):
    return lot.el < 0


def eec_zero_on_crop(lot, ctx):
    return lot.feedstock is not None and lot.feedstock.category == FeedstockCategory.CONV and lot.eec == 0


def eec_on_residue(lot, ctx):
    return (
        lot.feedstock is not None
        and lot.feedstock.category != FeedstockCategory.CONV
        and lot.feedstock.code not in EEC_EXEMPT_FEEDSTOCKS
        and lot.eec != 0
    )


def reduction_impossible(lot, ctx):
    return lot.reduction >= REDUCTION_IMPOSSIBLE_FROM


def reduction_suspicious(lot, ctx):
    return REDUCTION_SUSPICIOUS_ABOVE < lot.reduction < REDUCTION_IMPOSSIBLE_FROM


def reduction_below_50(lot, ctx):
    return lot.reduction < REDUCTION_MIN


def reduction_below_65_recent_site(lot, ctx):
    site_date = lot.production_site_commissioning_date
    return site_date is not None and site_date >= SITE_FROM and lot.reduction < REDUCTION_MIN_SITE_FROM_2021


def reduction_below_60_site_after_2015(lot, ctx):
    site_date = lot.production_site_commissioning_date
    return site_date is not None and site_date > SITE_AFTER and lot.reduction < REDUCTION_MIN_SITE_AFTER_2015


# --- general ----------------------------------------------------------------------------------


def declaration_already_validated(lot, ctx):
    return (
        lot.is_being_edited
        and lot.added_by is not None
        and lot.period is not None
        and (lot.added_by.id, lot.period) in ctx.declared_periods
    )


def small_volume(lot, ctx):
    return (lot.volume_l or 0) < SMALL_VOLUME_L and lot.delivery_type not in NO_TRANSPORT_DOCUMENT_TYPES


def year_locked(lot, ctx):
    return (
        lot.is_being_edited
        and lot.year is not None
        and (lot.year in ctx.locked_years or lot.year <= ALWAYS_LOCKED_UP_TO)
    )


def biofuel_not_for_release(lot, ctx):
    return (
        lot.delivery_type == DeliveryType.RFC
        and lot.biofuel is not None
        and lot.biofuel.code not in compatibility.RFC_ALLOWED_BIOFUELS
    )


def release_outside_efpe(lot, ctx):
    return (
        lot.delivery_type == DeliveryType.RFC
        and lot.delivery_site is not None
        and lot.delivery_site.depot_type != DepotType.EFPE
    )


def delivery_in_future(lot, ctx):
    return lot.delivery_date is not None and lot.delivery_date > ctx.today + timedelta(days=DELIVERY_FUTURE_DAYS)


def depot_not_configured(lot, ctx):
    return (
        lot.client is not None
        and lot.delivery_type != DeliveryType.TRADING
        and lot.delivery_site is not None
        and lot.delivery_site.depot_id not in ctx.entity_depots.get(lot.client.id, frozenset())
    )


def invalid_certificate(lot, ctx):
    reference = lot.supplier_certificate.strip().upper()
    if not reference:
        return False
    certificate = ctx.certificates.get(reference)
    if certificate is None or certificate.valid_until < ctx.today - timedelta(days=CERTIFICATE_LOOKBACK_DAYS):
        return True
    if lot.delivery_date is None:
        return False
    return certificate.valid_from > lot.delivery_date or certificate.valid_until < lot.delivery_date


def missing_delivery_type(lot, ctx):
    return lot.delivery_type == DeliveryType.UNKNOWN and lot.client is None
