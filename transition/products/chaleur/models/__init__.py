"""Persistence of France Chaleur Urbaine, one module per concept."""

from .demands import *  # noqa: F403
from .networks import *  # noqa: F403
