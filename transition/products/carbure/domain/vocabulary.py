"""The words of CarbuRe, spelt once: lot statuses, delivery types, entity and depot types.

The values are the original service's codes (``PENDING``, ``RFC``, ``EFPE``...) so that operators
and the administration keep their vocabulary in exports and in the API; the labels are French.
Pure Python: models take their choices from here.
"""

from enum import StrEnum


class LotStatus(StrEnum):
    DRAFT = "DRAFT"
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    FROZEN = "FROZEN"
    DELETED = "DELETED"


LOT_STATUS_LABELS = {
    LotStatus.DRAFT: "Brouillon",
    LotStatus.PENDING: "En attente",
    LotStatus.ACCEPTED: "Accepté",
    LotStatus.REJECTED: "Refusé",
    LotStatus.FROZEN: "Déclaré",
    LotStatus.DELETED: "Supprimé",
}


class CorrectionStatus(StrEnum):
    NO_PROBLEMO = "NO_PROBLEMO"
    IN_CORRECTION = "IN_CORRECTION"
    FIXED = "FIXED"


CORRECTION_STATUS_LABELS = {
    CorrectionStatus.NO_PROBLEMO: "Aucune correction",
    CorrectionStatus.IN_CORRECTION: "En correction",
    CorrectionStatus.FIXED: "Corrigé, à valider",
}


class DeliveryType(StrEnum):
    UNKNOWN = "UNKNOWN"
    RFC = "RFC"
    STOCK = "STOCK"
    BLENDING = "BLENDING"
    EXPORT = "EXPORT"
    TRADING = "TRADING"
    PROCESSING = "PROCESSING"
    DIRECT = "DIRECT"
    FLUSHED = "FLUSHED"
    CONSUMPTION = "CONSUMPTION"


DELIVERY_TYPE_LABELS = {
    DeliveryType.UNKNOWN: "Non renseigné",
    DeliveryType.RFC: "Mise à consommation",
    DeliveryType.STOCK: "Mise en stock",
    DeliveryType.BLENDING: "Incorporation",
    DeliveryType.EXPORT: "Exportation",
    DeliveryType.TRADING: "Négoce (vente à un autre client)",
    DeliveryType.PROCESSING: "Transformation (traitement chez un tiers)",
    DeliveryType.DIRECT: "Livraison directe",
    DeliveryType.FLUSHED: "Vidange de stock",
    DeliveryType.CONSUMPTION: "Consommation (électricité ou chaleur)",
}

# Delivery types a template row may carry; anything else becomes UNKNOWN, as in the original.
TEMPLATE_DELIVERY_TYPES = frozenset(DeliveryType) - {DeliveryType.CONSUMPTION}


class TransportDocumentType(StrEnum):
    DAU = "DAU"
    DAE = "DAE"
    DSA = "DSA"
    DSAC = "DSAC"
    DSP = "DSP"
    OTHER = "OTHER"


TRANSPORT_DOCUMENT_LABELS = {
    TransportDocumentType.DAU: "DAU (document administratif unique)",
    TransportDocumentType.DAE: "DAE (document administratif électronique)",
    TransportDocumentType.DSA: "DSA (document simplifié d’accompagnement)",
    TransportDocumentType.DSAC: "DSAC (document simplifié d’accompagnement, circulation)",
    TransportDocumentType.DSP: "DSP (document de suivi de produit)",
    TransportDocumentType.OTHER: "Autre",
}


class EntityType(StrEnum):
    PRODUCER = "PRODUCER"
    TRADER = "TRADER"
    OPERATOR = "OPERATOR"
    POWER_HEAT = "POWER_HEAT"
    AUDITOR = "AUDITOR"
    ADMINISTRATION = "ADMINISTRATION"


ENTITY_TYPE_LABELS = {
    EntityType.PRODUCER: "Producteur",
    EntityType.TRADER: "Trader",
    EntityType.OPERATOR: "Opérateur",
    EntityType.POWER_HEAT: "Producteur d’électricité ou de chaleur",
    EntityType.AUDITOR: "Auditeur",
    EntityType.ADMINISTRATION: "Administration",
}

# Who may receive lots (be a client), as in the original's client list.
CLIENT_ENTITY_TYPES = frozenset({EntityType.PRODUCER, EntityType.TRADER, EntityType.OPERATOR, EntityType.POWER_HEAT})


class DepotType(StrEnum):
    OTHER = "OTHER"
    EFS = "EFS"
    EFPE = "EFPE"
    OIL_DEPOT = "OIL DEPOT"
    BIOFUEL_DEPOT = "BIOFUEL DEPOT"
    HEAT_PLANT = "HEAT PLANT"
    POWER_PLANT = "POWER PLANT"
    COGENERATION_PLANT = "COGENERATION PLANT"
    EFCA = "EFCA"


DEPOT_TYPE_LABELS = {
    DepotType.OTHER: "Autre",
    DepotType.EFS: "EFS (entrepôt fiscal de stockage)",
    DepotType.EFPE: "EFPE (entrepôt fiscal de produits énergétiques)",
    DepotType.OIL_DEPOT: "Dépôt pétrolier",
    DepotType.BIOFUEL_DEPOT: "Dépôt de biocarburants",
    DepotType.HEAT_PLANT: "Centrale de chaleur",
    DepotType.POWER_PLANT: "Centrale électrique",
    DepotType.COGENERATION_PLANT: "Centrale de cogénération",
    DepotType.EFCA: "EFCA (entrepôt fiscal de carburants aviation)",
}


class CertificateScheme(StrEnum):
    ISCC = "ISCC"
    REDCERT = "REDCERT"
    TWO_BS = "2BS"
    NATIONAL = "SN"


CERTIFICATE_SCHEME_LABELS = {
    CertificateScheme.ISCC: "ISCC",
    CertificateScheme.REDCERT: "REDcert",
    CertificateScheme.TWO_BS: "2BS",
    CertificateScheme.NATIONAL: "Système national (France)",
}


class FeedstockCategory(StrEnum):
    CONV = "CONV"
    ANN_IX_A = "ANN-IX-A"
    ANN_IX_B = "ANN-IX-B"
    TALLOL = "TALLOL"
    OTHER = "OTHER"
    EP2AM = "EP2AM"


FEEDSTOCK_CATEGORY_LABELS = {
    FeedstockCategory.CONV: "Conventionnelle",
    FeedstockCategory.ANN_IX_A: "Annexe IX-A (avancée)",
    FeedstockCategory.ANN_IX_B: "Annexe IX-B",
    FeedstockCategory.TALLOL: "Tallol",
    FeedstockCategory.OTHER: "Autre",
    FeedstockCategory.EP2AM: "EP2AM (EP2 résiduel)",
}

# "Advanced" feedstocks for the impact indicator: annex IX, part A of RED II.
ADVANCED_CATEGORIES = frozenset({FeedstockCategory.ANN_IX_A})


def choices(labels: dict) -> list[tuple[str, str]]:
    """Django-style choices from one of the label tables above, in the enum's order."""
    return [(key.value, label) for key, label in labels.items()]
