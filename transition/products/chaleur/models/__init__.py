"""Persistence of France Chaleur Urbaine, one module per aggregate."""

from .ambassadors import Ambassador, AmbassadorMessage
from .bulk_tests import BulkTest, BulkTestRow
from .coproprietes import Copropriete
from .demands import Demand, DemandEvent
from .eligibility_counts import EligibilityTestCommune, EligibilityTestDay
from .embeds import EmbedPartner
from .network_pages import NetworkContact, NetworkCorrection, NetworkFile
from .networks import Network, NetworkUnderConstruction, Pdp
from .organisations import Agency, NetworkOperator, Territory

__all__ = [
    "Agency",
    "Ambassador",
    "AmbassadorMessage",
    "BulkTest",
    "BulkTestRow",
    "Copropriete",
    "Demand",
    "DemandEvent",
    "EligibilityTestCommune",
    "EmbedPartner",
    "EligibilityTestDay",
    "Network",
    "NetworkContact",
    "NetworkCorrection",
    "NetworkFile",
    "NetworkOperator",
    "NetworkUnderConstruction",
    "Pdp",
    "Territory",
]
