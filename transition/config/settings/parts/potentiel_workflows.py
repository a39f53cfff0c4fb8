"""Potentiel's workflows: the grid operators' API (requests per minute per client IP)."""

from transition.config.env import env_int

from .accounts import RATE_LIMITS

RATE_LIMITS.update(
    {
        "potentiel_grd_api": {"ip": (env_int("POTENTIEL_GRD_API_PER_MINUTE", 120), 60)},
    }
)
