"""What the public API answers (pinned interfaces: field names are the originals')."""

from ninja import Schema


class UsageResultOut(Schema):
    usage: str
    rang: int
    indiceMutabilite: float
    potentiel: str
    avantages: float
    contraintes: float


class ReliabilityOut(Schema):
    note: float
    text: str
    criteresRenseignes: int
    poidsRenseignes: float


class MutabilityOut(Schema):
    resultats: list[UsageResultOut]
    fiabilite: ReliabilityOut


MUTABILITY_BODY_SCHEMA = {
    "type": "object",
    "required": ["donneesEnrichies"],
    "properties": {
        "donneesEnrichies": {
            "type": "object",
            "description": "Données du site obtenues par enrichissement (Mutafriches) : surfaceSite, surfaceBati, "
            "siteEnCentreVille, distanceAutoroute (m), distanceTransportCommun (m), proximiteCommercesServices, "
            "distanceRaccordementElectrique (m), tauxLogementsVacants (%), presenceRisquesTechnologiques, "
            "risqueRetraitGonflementArgile, risqueCavitesSouterraines, risqueInondation, zonageEnvironnemental, "
            "zonageReglementaire, zonagePatrimonial, zoneAccelerationEnr, zonageAbcLogement, distanceIte, "
            "trameVerteEtBleue…",
        },
        "donneesComplementaires": {
            "type": "object",
            "description": "Réponses de la personne (prioritaires) : typeProprietaire, raccordementEau, "
            "etatBatiInfrastructure, presencePollution, valeurArchitecturaleHistorique, qualitePaysage, "
            "qualiteVoieDesserte, trameVerteEtBleue, presenceEspecesProtegees, presenceZoneHumide "
            "(« ne-sait-pas » accepté).",
        },
    },
    "example": {
        "donneesEnrichies": {
            "surfaceSite": 42780,
            "surfaceBati": 6600,
            "siteEnCentreVille": True,
            "distanceAutoroute": 1500,
            "distanceTransportCommun": 250,
            "zonageReglementaire": "zone-urbaine-u",
        },
        "donneesComplementaires": {"typeProprietaire": "public", "presencePollution": "ne-sait-pas"},
    },
}
