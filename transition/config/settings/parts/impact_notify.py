"""Settings of impact_notify, read from the environment (listed in the README)."""

from transition.config.env import env_bool, env_int, env_list, env_str  # noqa: F401
