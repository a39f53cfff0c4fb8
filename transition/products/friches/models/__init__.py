"""Persistence of Friches, one module per aggregate."""

from .advisors import *  # noqa: F403
from .communes import *  # noqa: F403
from .imports import *  # noqa: F403
from .path import *  # noqa: F403
from .projects import *  # noqa: F403
from .referentials import *  # noqa: F403
from .sites import *  # noqa: F403
from .survey import *  # noqa: F403
from .thread import *  # noqa: F403
