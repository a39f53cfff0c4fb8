"""Persistence of Potentiel, one module per aggregate."""

from .access import *  # noqa: F403
from .projects import *  # noqa: F403
from .referential import *  # noqa: F403
