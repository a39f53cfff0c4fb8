"""The sanity checks of a lot: one table (code, level, who sees it, whether it needs the
account's data, field, predicate, message) and one small interpreter.

The codes are the original service's, so that operators and the administration keep their
vocabulary. A blocking check stops the lot from being sent; a warning is shown and kept. Checks
that need account data (registered entities, certificates, depots, agreements, declarations,
statistics of declared lots) run only for a signed-in entity; the others also run in the public
template checker. In an exclusive group, only the first check raised counts (the original raises
at most one of GHG_REDUC_SUP_100 / SUP_99 / INF_50, and one of INF_65 / INF_60).
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from . import check_rules as r
from .lot_facts import CheckContext, LotFacts


class Audience(StrEnum):
    CREATOR = "creator"
    RECIPIENT = "recipient"
    ADMINISTRATION = "administration"
    AUDITOR = "auditor"


DEFAULT_AUDIENCE = frozenset({Audience.CREATOR, Audience.ADMINISTRATION, Audience.AUDITOR})
CONTROLLERS = frozenset({Audience.ADMINISTRATION, Audience.AUDITOR})
RECIPIENT_AND_CONTROLLERS = CONTROLLERS | {Audience.RECIPIENT}

Predicate = Callable[[LotFacts, CheckContext], "bool | list[str]"]


@dataclass(frozen=True)
class Check:
    code: str
    blocking: bool
    field: str | None
    predicate: Predicate
    message: str
    needs_account_data: bool = False
    audience: frozenset[Audience] = DEFAULT_AUDIENCE
    group: str = ""


@dataclass(frozen=True)
class CheckResult:
    code: str
    blocking: bool
    field: str | None
    message: str
    audience: frozenset[Audience]

    def visible_to(self, audience: Audience) -> bool:
        return audience in self.audience


def _c(code, blocking, field, predicate, message, **options) -> Check:
    return Check(code, blocking, field, predicate, message, **options)


B, W = True, False  # blocking, warning
ACCOUNT = {"needs_account_data": True}

CHECKS: tuple[Check, ...] = (
    # mandatory data
    _c("MISSING_VOLUME", B, "volume", r.missing_volume, "Le volume est manquant ou nul."),
    _c("MISSING_BIOFUEL", B, "biofuel", r.missing_biofuel, "Le biocarburant est manquant."),
    _c("MISSING_FEEDSTOCK", B, "feedstock", r.missing_feedstock, "La matière première est manquante."),
    # Raised by the original when it builds a lot (import, form) rather than in its sanity checks.
    _c(
        "MISSING_COUNTRY_OF_ORIGIN",
        B,
        "country_of_origin",
        r.missing_origin,
        "Le pays d’origine de la matière première est manquant.",
    ),
    _c(
        "UNKNOWN_PRODUCTION_SITE",
        B,
        "production_site",
        r.unknown_production_site,
        "Le producteur est inscrit sur CarbuRe mais le site de production n’est pas l’un des siens.",
        **ACCOUNT,
    ),
    _c(
        "MISSING_PRODUCTION_SITE_COMDATE",
        B,
        "production_site_commissioning_date",
        r.missing_commissioning_date,
        "La date de mise en service du site de production est obligatoire quand le site n’est pas enregistré.",
        **ACCOUNT,
    ),
    _c(
        "MISSING_TRANSPORT_DOCUMENT_REFERENCE",
        B,
        "transport_document_reference",
        r.missing_transport_document,
        "Le numéro du document douanier (DAE ou équivalent) est manquant.",
    ),
    _c(
        "MISSING_CARBURE_DELIVERY_SITE",
        B,
        "delivery_site",
        r.missing_delivery_site,
        "Pour une livraison en France, le site de livraison doit être un dépôt enregistré sur CarbuRe.",
        **ACCOUNT,
    ),
    _c(
        "MISSING_CARBURE_CLIENT",
        B,
        "client",
        r.missing_client,
        "Pour une livraison en France, le client doit être inscrit sur CarbuRe.",
        **ACCOUNT,
    ),
    _c("MISSING_DELIVERY_DATE", B, "delivery_date", r.missing_delivery_date, "La date de livraison est manquante."),
    _c(
        "WRONG_DELIVERY_DATE",
        B,
        "delivery_date",
        r.wrong_delivery_date,
        "La date de livraison est à plus de dix ans d’aujourd’hui.",
    ),
    _c(
        "MISSING_DELIVERY_SITE_COUNTRY",
        B,
        "delivery_site_country",
        r.missing_delivery_country,
        "Le pays du site de livraison est manquant.",
    ),
    _c(
        "MISSING_FEEDSTOCK_COUNTRY_OF_ORIGIN",
        B,
        "country_of_origin",
        r.missing_origin_country,
        "Le pays d’origine de la matière première est obligatoire pour une livraison en Europe.",
    ),
    _c(
        "MISSING_SUPPLIER_CERTIFICATE",
        B,
        "supplier_certificate",
        r.missing_supplier_certificate,
        "Le certificat du fournisseur est obligatoire pour une livraison à un opérateur ou à un producteur "
        "d’électricité ou de chaleur.",
        **ACCOUNT,
    ),
    _c(
        "MISSING_VENDOR_CERTIFICATE",
        B,
        "vendor_certificate",
        r.missing_vendor_certificate,
        "Vous n’êtes ni le fournisseur ni le client de ce lot : votre certificat de négociant est obligatoire.",
        **ACCOUNT,
    ),
    _c(
        "MISSING_PRODUCTION_INFO",
        B,
        "production_site",
        r.missing_production_info,
        "Un producteur sans activité de négoce ne déclare que sa propre production : indiquez l’un de vos sites.",
        **ACCOUNT,
    ),
    # double counting
    _c(
        "MISSING_REF_DBL_COUNTING",
        B,
        "production_site_double_counting_certificate",
        r.needs_double_counting,
        "Cette matière première est éligible au double comptage : la référence de l’agrément est obligatoire.",
    ),
    _c(
        "UNKNOWN_DOUBLE_COUNTING_CERTIFICATE",
        B,
        "production_site_double_counting_certificate",
        r.unknown_agreement,
        "Aucun agrément double comptage de ce numéro n’est enregistré pour ce site de production.",
        **ACCOUNT,
    ),
    _c(
        "EXPIRED_DOUBLE_COUNTING_CERTIFICATE",
        B,
        "production_site_double_counting_certificate",
        r.agreement_expired_before_period,
        "L’agrément double comptage a expiré avant le mois de livraison.",
        **ACCOUNT,
    ),
    _c(
        "EXPIRED_DOUBLE_COUNTING_CERTIFICATE",
        W,
        "production_site_double_counting_certificate",
        r.agreement_expires_within_period,
        "L’agrément double comptage expire avant la date de livraison, dans le même mois.",
        **ACCOUNT,
    ),
    _c(
        "INVALID_DOUBLE_COUNTING_CERTIFICATE",
        B,
        None,
        r.agreement_not_yet_valid,
        "L’agrément double comptage n’était pas encore valide à la date de livraison.",
        **ACCOUNT,
    ),
    # biofuel and feedstock
    _c(
        "MP_BC_INCOHERENT",
        B,
        "feedstock",
        r.incoherent_pair,
        "Biocarburant et matière première incompatibles : {detail}.",
    ),
    _c(
        "PROVENANCE_MP",
        W,
        "country_of_origin",
        r.unusual_provenance,
        "Provenance inhabituelle : {detail}.",
    ),
    _c(
        "DEPRECATED_MP",
        W,
        "feedstock",
        r.deprecated_feedstock,
        "Les résidus viniques sont remplacés par deux matières premières : marc de raisin et lies de vin.",
    ),
    # greenhouse gases
    _c(
        "ETD_ANORMAL_HIGH",
        W,
        "etd",
        r.etd_high,
        "Les émissions de transport (etd) sont plus du double de la valeur par défaut de cette matière première.",
        audience=CONTROLLERS,
    ),
    _c(
        "ETD_NO_EU_TOO_LOW",
        W,
        "etd",
        r.etd_low_outside_europe,
        "Matière première venue de hors d’Europe : les émissions de transport (etd) sont inférieures à la valeur "
        "par défaut.",
        audience=CONTROLLERS,
    ),
    _c(
        "EEC_ANORMAL_LOW",
        W,
        "eec",
        r.eec_low,
        "Les émissions de culture (eec) sont anormalement basses pour cette matière première et cette origine.",
        audience=CONTROLLERS,
        **ACCOUNT,
    ),
    _c(
        "EEC_ANORMAL_HIGH",
        W,
        "eec",
        r.eec_high,
        "Les émissions de culture (eec) sont anormalement élevées pour cette matière première et cette origine.",
        audience=CONTROLLERS,
        **ACCOUNT,
    ),
    _c(
        "EP_ANORMAL_LOW",
        W,
        "ep",
        r.ep_low,
        "Les émissions de transformation (ep) sont anormalement basses pour ce biocarburant et cette matière première.",
        audience=CONTROLLERS,
        **ACCOUNT,
    ),
    _c(
        "EP_ANORMAL_HIGH",
        W,
        "ep",
        r.ep_high,
        "Les émissions de transformation (ep) sont anormalement élevées pour ce biocarburant et cette matière "
        "première.",
        audience=CONTROLLERS,
        **ACCOUNT,
    ),
    _c(
        "GHG_ETD_0", B, "etd", r.etd_zero, "Les émissions de transport et de distribution (etd) ne peuvent être nulles."
    ),
    _c("GHG_EP_0", B, "ep", r.ep_zero, "Les émissions de transformation (ep) ne peuvent être nulles."),
    _c(
        "GHG_EL_NEG",
        W,
        "el",
        r.el_negative,
        "Les émissions des changements d’affectation des sols (el) sont négatives.",
    ),
    _c(
        "GHG_EEC_0",
        B,
        "eec",
        r.eec_zero_on_crop,
        "Une culture conventionnelle ne peut avoir des émissions d’extraction ou de culture (eec) nulles.",
    ),
    _c(
        "EEC_WITH_RESIDUE",
        W,
        "eec",
        r.eec_on_residue,
        "Un déchet ou un résidu a d’ordinaire des émissions de culture (eec) nulles.",
    ),
    _c(
        "GHG_REDUC_SUP_100",
        W,
        None,
        r.reduction_impossible,
        "La réduction des émissions atteint ou dépasse 100 % : vérifiez les valeurs.",
        group="reduction",
    ),
    _c(
        "GHG_REDUC_SUP_99",
        W,
        None,
        r.reduction_suspicious,
        "La réduction des émissions dépasse 99 % : vérifiez les valeurs.",
        group="reduction",
    ),
    _c(
        "GHG_REDUC_INF_50",
        B,
        None,
        r.reduction_below_50,
        "La réduction des émissions est inférieure à 50 % : le lot n’est pas durable.",
        group="reduction",
    ),
    _c(
        "GHG_REDUC_INF_65",
        B,
        None,
        r.reduction_below_65_recent_site,
        "Site mis en service depuis le 1er janvier 2021 : la réduction des émissions doit atteindre 65 %.",
        group="reduction_site",
    ),
    _c(
        "GHG_REDUC_INF_60",
        B,
        None,
        r.reduction_below_60_site_after_2015,
        "Site mis en service après le 5 octobre 2015 : la réduction des émissions doit atteindre 60 %.",
        group="reduction_site",
    ),
    # general
    _c(
        "DECLARATION_ALREADY_VALIDATED",
        B,
        "delivery_date",
        r.declaration_already_validated,
        "Votre déclaration de ce mois est déjà validée : annulez-la avant d’ajouter ou de corriger un lot.",
        **ACCOUNT,
    ),
    _c(
        "VOLUME_FAIBLE",
        W,
        "volume",
        r.small_volume,
        "Le volume est inférieur à 2 000 litres : vérifiez l’unité.",
    ),
    _c(
        "YEAR_LOCKED",
        B,
        "delivery_date",
        r.year_locked,
        "Cette année est verrouillée par l’administration : les lots ne peuvent plus y être ajoutés ni modifiés.",
    ),
    _c(
        "MAC_BC_WRONG",
        B,
        "biofuel",
        r.biofuel_not_for_release,
        "Ce biocarburant ne peut pas être mis à consommation tel quel.",
    ),
    _c(
        "MAC_NOT_EFPE",
        W,
        "delivery_type",
        r.release_outside_efpe,
        "Une mise à consommation se fait d’ordinaire depuis un entrepôt fiscal de produits énergétiques (EFPE).",
        **ACCOUNT,
    ),
    _c(
        "DELIVERY_IN_THE_FUTURE",
        B,
        "delivery_date",
        r.delivery_in_future,
        "La date de livraison est à plus de 15 jours dans le futur.",
    ),
    _c(
        "DEPOT_NOT_CONFIGURED",
        W,
        "delivery_site",
        r.depot_not_configured,
        "Ce dépôt ne figure pas parmi les dépôts du client.",
        audience=RECIPIENT_AND_CONTROLLERS,
        **ACCOUNT,
    ),
    _c(
        "INVALID_CERTIFICATE",
        B,
        "supplier_certificate",
        r.invalid_certificate,
        "Le certificat du fournisseur est inconnu ou n’était pas valide à la date de livraison.",
        **ACCOUNT,
    ),
    _c(
        "MISSING_DELIVERY_TYPE",
        B,
        "delivery_type",
        r.missing_delivery_type,
        "Le client n’est pas inscrit sur CarbuRe : précisez le type de livraison.",
        **ACCOUNT,
    ),
)

# Checks of the original that it no longer runs (commented out or disabled there): not run here.
INACTIVE_CODES = frozenset({"ETD_EU_DEFAULT_VALUE", "MP_NOT_CONFIGURED", "BC_NOT_CONFIGURED", "DELIVERY_DATE_VALIDITY"})

CODES = frozenset(check.code for check in CHECKS)
MESSAGES = {check.code: check.message for check in CHECKS}  # what a code means, in a sentence
ANONYMOUS_CODES = frozenset(check.code for check in CHECKS if not check.needs_account_data)


def run_checks(lot: LotFacts, ctx: CheckContext) -> list[CheckResult]:
    """Every check that applies, in the table's order. Without account data in `ctx`, the checks
    that need it are skipped (never reported as passed or failed)."""
    results: list[CheckResult] = []
    raised_groups: set[str] = set()
    for check in CHECKS:
        if check.needs_account_data and not ctx.has_account_data:
            continue
        if check.group and check.group in raised_groups:
            continue
        outcome = check.predicate(lot, ctx)
        details = outcome if isinstance(outcome, list) else ([""] if outcome else [])
        for detail in details:
            message = check.message.format(detail=detail) if detail else check.message
            results.append(CheckResult(check.code, check.blocking, check.field, message, check.audience))
        if details and check.group:
            raised_groups.add(check.group)
    return results


def has_blocking(results: list[CheckResult]) -> bool:
    return any(result.blocking for result in results)
