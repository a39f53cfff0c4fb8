"""Persistence of CarbuRe, one module per aggregate."""

from .certificates import *  # noqa: F403
from .declarations import *  # noqa: F403
from .entities import *  # noqa: F403
from .imports import *  # noqa: F403
from .lots import *  # noqa: F403
from .referentials import *  # noqa: F403
from .statistics import *  # noqa: F403
from .stocks import *  # noqa: F403
