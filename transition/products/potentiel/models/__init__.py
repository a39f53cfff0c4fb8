"""Persistence of Potentiel, one module per aggregate."""

from .access import *  # noqa: F403
from .completion import *  # noqa: F403
from .grid import *  # noqa: F403
from .guarantees import *  # noqa: F403
from .ppa import *  # noqa: F403
from .projects import *  # noqa: F403
from .referential import *  # noqa: F403
from .requests import *  # noqa: F403
from .schedule import *  # noqa: F403
