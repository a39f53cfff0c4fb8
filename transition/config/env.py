"""Typed readers for the environment: every setting comes from here, documented in the README."""

import os
from pathlib import Path

import environ

_env = environ.Env()


BASE_DIR = Path(__file__).resolve().parents[2]


def env_var_dir() -> Path:
    """TRANSITION_VAR_DIR: the folder of local data (embedded database, job store, static files)."""
    return Path(os.environ.get("TRANSITION_VAR_DIR") or BASE_DIR / "var")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value in (None, ""):
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_db(name: str, default: str) -> dict:
    return _env.db_url_config(os.environ.get(name) or default)


def env_email(name: str, default: str) -> dict:
    """EMAIL_BACKEND, EMAIL_HOST, ... from one URL such as smtp+tls://user:password@host:587."""
    return _env.email_url_config(os.environ.get(name) or default)
