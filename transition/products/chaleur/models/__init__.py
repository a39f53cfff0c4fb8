"""Persistence of France Chaleur Urbaine, one module per aggregate."""

from .ambassadors import Ambassador, AmbassadorMessage
from .bulk_tests import BulkTest, BulkTestRow
from .coproprietes import Copropriete
from .demands import Demand, DemandEvent
from .eligibility_counts import EligibilityTestDay
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
    "EligibilityTestDay",
    "Network",
    "NetworkOperator",
    "NetworkUnderConstruction",
    "Pdp",
    "Territory",
]
