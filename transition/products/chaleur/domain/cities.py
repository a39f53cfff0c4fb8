"""City pages: how a commune is named in an address, and whether a network serves it. Pure Python."""

import re
import unicodedata

__all__ = ["city_slug", "names_match", "share_pct"]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def city_slug(name: str) -> str:
    """'Saint-Barthélemy-d'Anjou' -> 'saint-barthelemy-d-anjou': lower case, no accents, words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", _fold(name.replace("œ", "oe").replace("Œ", "Oe"))))


def names_match(commune_name: str, listed: str) -> bool:
    """Whether a network's list of communes ("Angers, Trélazé") names this commune, whatever the
    case, accents or hyphens."""
    wanted = city_slug(commune_name)
    return any(city_slug(part) == wanted for part in re.split(r"[,;]", listed or "") if part.strip())


def share_pct(part: int, whole: int) -> int | None:
    """A share in whole percents, or None ("—") when there is nothing to divide."""
    return round(100 * part / whole) if whole else None
