"""Which origins may frame a partner's embed: each one exactly scheme://host[:port], HTTPS (HTTP
only for a local test host), no path, no wildcard, nothing a header could be bent with. Pure Python."""

import re
from urllib.parse import urlsplit

__all__ = ["EmbedOriginError", "origin_normalised", "origins_normalised"]

_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_LOCAL = {"localhost", "127.0.0.1"}
MAX_ORIGINS = 10


class EmbedOriginError(ValueError):
    pass


def origin_normalised(text: str) -> str:
    """'https://www.Ville.fr/' -> 'https://www.ville.fr'; raises EmbedOriginError with the reason."""
    raw = (text or "").strip()
    if not raw or any(c in raw for c in " ;,'\"*\n\r\t"):
        raise EmbedOriginError(f"« {raw} » n’est pas une origine (https://nom-de-domaine, sans espace ni joker).")
    parts = urlsplit(raw)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"https", "http"} or not host:
        raise EmbedOriginError(f"« {raw} » : l’origine commence par https:// suivi du nom de domaine.")
    if parts.scheme == "http" and host not in _LOCAL:
        raise EmbedOriginError(f"« {raw} » : seules les origines en https sont admises.")
    if parts.path not in {"", "/"} or parts.query or parts.fragment or parts.username or parts.password:
        raise EmbedOriginError(f"« {raw} » : une origine n’a ni chemin, ni paramètres, ni identifiants.")
    if not (_HOST.match(host) and "." in host or host in _LOCAL):
        raise EmbedOriginError(f"« {raw} » : nom de domaine invalide.")
    try:
        port = parts.port
    except ValueError:
        raise EmbedOriginError(f"« {raw} » : port invalide.") from None
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def origins_normalised(values) -> list[str]:
    """A partner's list of origins, each normalised, without duplicates; at least one, at most ten."""
    if not isinstance(values, list) or not values:
        raise EmbedOriginError("Indiquez au moins une origine autorisée, par exemple https://www.ville.fr.")
    if len(values) > MAX_ORIGINS:
        raise EmbedOriginError(f"Au plus {MAX_ORIGINS} origines par partenaire.")
    out = []
    for value in values:
        origin = origin_normalised(str(value))
        if origin not in out:
            out.append(origin)
    return out
