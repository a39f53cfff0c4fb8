"""Statuses, types and roles of CarbuRe, one spelling each: the words live in `domain/vocabulary.py`
(pure Python, shared with the rules); roles and event types, which only the application uses,
live here."""

from enum import StrEnum

from .domain.vocabulary import (  # noqa: F401  (re-exported: one place to import the product's words from)
    CERTIFICATE_SCHEME_LABELS,
    CORRECTION_STATUS_LABELS,
    DELIVERY_TYPE_LABELS,
    DEPOT_TYPE_LABELS,
    ENTITY_TYPE_LABELS,
    FEEDSTOCK_CATEGORY_LABELS,
    LOT_STATUS_LABELS,
    TRANSPORT_DOCUMENT_LABELS,
    CertificateScheme,
    CorrectionStatus,
    DeliveryType,
    DepotType,
    EntityType,
    FeedstockCategory,
    LotStatus,
    TransportDocumentType,
    choices,
)

PRODUCT = "carbure"

# DSFR badge of each lot status (the template shows, the view never compares raw values).
LOT_STATUS_BADGES = {
    LotStatus.DRAFT: "fr-badge--info",
    LotStatus.PENDING: "fr-badge--new",
    LotStatus.ACCEPTED: "fr-badge--success",
    LotStatus.REJECTED: "fr-badge--error",
    LotStatus.FROZEN: "fr-badge--blue-ecume",
    LotStatus.DELETED: "",
}


class Role(StrEnum):
    """A person's role in an entity (platform membership, product "carbure")."""

    READER = "lecture"
    WRITER = "ecriture"
    ADMIN = "administrateur"


ROLE_LABELS = {
    Role.READER: "Lecture seule",
    Role.WRITER: "Lecture et écriture",
    Role.ADMIN: "Administrateur de l’entité",
}
WRITING_ROLES = frozenset({Role.WRITER, Role.ADMIN})


class LotEventType(StrEnum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    SENT = "SENT"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    RECALLED = "RECALLED"
    FIX_REQUESTED = "FIX_REQUESTED"
    MARKED_AS_FIXED = "MARKED_AS_FIXED"
    FIX_ACCEPTED = "FIX_ACCEPTED"
    UPDATED_UPSTREAM = "UPDATED_UPSTREAM"
    ACCEPT_CANCELLED = "ACCEPT_CANCELLED"
    DECLARED = "DECLARED"
    DECLARATION_CANCELLED = "DECLARATION_CANCELLED"
    DELETED = "DELETED"
    COMMENTED = "COMMENTED"
    MARKED_CONFORM = "MARKED_CONFORM"
    MARKED_NONCONFORM = "MARKED_NONCONFORM"


LOT_EVENT_LABELS = {
    LotEventType.CREATED: "Lot créé",
    LotEventType.UPDATED: "Lot modifié",
    LotEventType.SENT: "Lot envoyé",
    LotEventType.ACCEPTED: "Lot accepté",
    LotEventType.REJECTED: "Lot refusé",
    LotEventType.RECALLED: "Lot rappelé par le fournisseur pour correction",
    LotEventType.FIX_REQUESTED: "Correction demandée par le client",
    LotEventType.MARKED_AS_FIXED: "Correction soumise",
    LotEventType.FIX_ACCEPTED: "Correction acceptée",
    LotEventType.UPDATED_UPSTREAM: "Données corrigées en amont",
    LotEventType.ACCEPT_CANCELLED: "Acceptation annulée",
    LotEventType.DECLARED: "Lot déclaré par les deux parties",
    LotEventType.DECLARATION_CANCELLED: "Déclaration annulée",
    LotEventType.DELETED: "Lot supprimé",
    LotEventType.COMMENTED: "Commentaire",
    LotEventType.MARKED_CONFORM: "Marqué conforme par l’auditeur",
    LotEventType.MARKED_NONCONFORM: "Marqué non conforme par l’auditeur",
}


class StockEventType(StrEnum):
    CREATED = "CREATED"
    SPLIT = "SPLIT"
    FLUSHED = "FLUSHED"
    TRANSFORMED = "TRANSFORMED"
    UPDATED_UPSTREAM = "UPDATED_UPSTREAM"


STOCK_EVENT_LABELS = {
    StockEventType.CREATED: "Stock constitué",
    StockEventType.SPLIT: "Lot extrait du stock",
    StockEventType.FLUSHED: "Stock vidangé",
    StockEventType.TRANSFORMED: "Transformation en ETBE",
    StockEventType.UPDATED_UPSTREAM: "Données corrigées en amont",
}


class AuditVerdict(StrEnum):
    CONFORM = "CONFORM"
    NONCONFORM = "NONCONFORM"


AUDIT_VERDICT_LABELS = {AuditVerdict.CONFORM: "Conforme", AuditVerdict.NONCONFORM: "Non conforme"}


class CertificateCheck(StrEnum):
    PENDING = "PENDING"
    CHECKED = "CHECKED"
    REJECTED = "REJECTED"


CERTIFICATE_CHECK_LABELS = {
    CertificateCheck.PENDING: "À vérifier",
    CertificateCheck.CHECKED: "Vérifié",
    CertificateCheck.REJECTED: "Refusé",
}
