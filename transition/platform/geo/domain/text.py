"""How an address is read: folding, tokens, abbreviations, house numbers, postcodes.

The same functions prepare the indexed names and the typed queries, so that "bd st-michel" and
"Boulevard Saint-Michel" meet on the same tokens.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Abbreviations people type (and that some BAN names carry) -> the word the index holds.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "bd": ("boulevard",),
    "bld": ("boulevard",),
    "blvd": ("boulevard",),
    "bvd": ("boulevard",),
    "boul": ("boulevard",),
    "av": ("avenue",),
    "ave": ("avenue",),
    "aven": ("avenue",),
    "r": ("rue",),
    "st": ("saint",),
    "ste": ("sainte",),
    "sts": ("saints",),
    "stes": ("saintes",),
    "pl": ("place",),
    "ch": ("chemin",),
    "che": ("chemin",),
    "chem": ("chemin",),
    "chm": ("chemin",),
    "imp": ("impasse",),
    "rte": ("route",),
    "fbg": ("faubourg",),
    "fg": ("faubourg",),
    "faub": ("faubourg",),
    "all": ("allee",),
    "al": ("allee",),
    "crs": ("cours",),
    "cr": ("cours",),
    "sq": ("square",),
    "res": ("residence",),
    "resid": ("residence",),
    "lot": ("lotissement",),
    "lotiss": ("lotissement",),
    "qu": ("quai",),
    "pte": ("porte",),
    "prom": ("promenade",),
    "pro": ("promenade",),
    "mte": ("montee",),
    "ham": ("hameau",),
    "sen": ("sentier",),
    "sent": ("sentier",),
    "pass": ("passage",),
    "psg": ("passage",),
    "rpt": ("rond", "point"),
    "rdpt": ("rond", "point"),
    "trav": ("traverse",),
    "esp": ("esplanade",),
    "espl": ("esplanade",),
    "ctre": ("centre",),
    "rle": ("ruelle",),
    "vla": ("villa",),
    "mt": ("mont",),
    "gal": ("general",),
    "gen": ("general",),
    "mal": ("marechal",),
    "pdt": ("president",),
    "pres": ("president",),
    "dr": ("docteur",),
    "cdt": ("commandant",),
    "cmdt": ("commandant",),
    "lt": ("lieutenant",),
    "cne": ("capitaine",),
    "cpt": ("capitaine",),
    "col": ("colonel",),
    "prof": ("professeur",),
    "mgr": ("monseigneur",),
    "1er": ("premier",),
    "1ere": ("premiere",),
    "1re": ("premiere",),
}

# Words too common to tell two places apart; left out of the index and of the query.
STOPWORDS = frozenset({"l", "d", "de", "du", "des", "la", "le", "les", "a", "au", "aux", "en", "et", "un", "une"})

# Words that announce a street: a number just before one is a house number.
STREET_TYPES = frozenset(
    {
        "rue", "r", "avenue", "av", "ave", "boulevard", "bd", "bld", "bvd", "place", "pl", "chemin", "ch", "chem",
        "impasse", "imp", "route", "rte", "allee", "all", "cours", "crs", "quai", "square", "sq", "faubourg", "fbg",
        "passage", "pass", "residence", "res", "lotissement", "lot", "promenade", "prom", "sentier", "voie",
        "hameau", "ham", "montee", "mte", "traverse", "trav", "esplanade", "villa", "cite", "parc", "rond",
        "ruelle", "parvis", "lieu", "lieudit", "domaine", "clos", "jardin", "carrefour", "port", "porte", "pte",
    }
)  # fmt: skip

# Suffixes of a house number (BAN "rep"), folded the way addok folds them: 3bis -> 3b.
ORDINALS = {"bis": "b", "ter": "t", "quater": "q", "quinquies": "c", "sexies": "s"}
_ORDINAL_LETTERS = frozenset("abcdefghjklmnpqrstuvwxyz")

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_HOUSENUMBER = re.compile(r"^0*(\d{1,4})([a-z]*)$")
_POSTCODE = re.compile(r"^\d{5}$")
_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "’": " ",
        "'": " ",
    }
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, without accents, punctuation turned into single spaces."""
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub(" ", ascii_only).strip()


def expand(word: str) -> tuple[str, ...]:
    return SYNONYMS.get(word, (word,))


@lru_cache(maxsize=65536)
def name_tokens(text: str) -> tuple[str, ...]:
    """Tokens of a place name as the index holds them: folded, abbreviations expanded, no stop words."""
    tokens: list[str] = []
    for word in fold(text).split():
        for token in expand(word):
            if token not in STOPWORDS:
                tokens.append(token)
    return tuple(tokens)


@lru_cache(maxsize=65536)
def housenumber_key(number: str, suffix: str = "") -> str:
    """The comparable form of a house number: '0012', 'bis' -> '12b'; '3 TER' -> '3t'."""
    folded = fold(f"{number}{suffix}").replace(" ", "")
    match = _HOUSENUMBER.match(folded)
    if not match:
        return folded
    digits, rest = match.groups()
    return digits + ORDINALS.get(rest, rest)


def is_postcode(token: str) -> bool:
    return bool(_POSTCODE.match(token))


@dataclass(frozen=True)
class ParsedQuery:
    """A typed address split into what the index compares: words, house number, postcode."""

    tokens: tuple[str, ...]
    housenumber: str | None  # comparable key, e.g. "12b"
    postcode: str | None


def _is_number_token(word: str) -> bool:
    match = _HOUSENUMBER.match(word)
    if not match:
        return False
    rest = match.group(2)
    return rest == "" or rest in ORDINALS or (len(rest) == 1 and rest in _ORDINAL_LETTERS)


@lru_cache(maxsize=16384)
def parse_query(text: str) -> ParsedQuery:
    """Read a query as people type it: '12 bis bd st michel 75005 paris'."""
    words = fold(text).split()
    housenumber: str | None = None
    postcode: str | None = None
    kept: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        word = words[i]
        if postcode is None and is_postcode(word):
            postcode = word
            kept.append(word)
            i += 1
            continue
        if housenumber is None and not kept and _is_number_token(word):
            # "12 bis rue ..." / "12 b rue ..." : the suffix is a word of its own.
            nxt = words[i + 1] if i + 1 < n else None
            suffix = ""
            if nxt is not None and word.isdigit():
                after = words[i + 2] if i + 2 < n else None
                if nxt in ORDINALS or (
                    len(nxt) == 1 and nxt in _ORDINAL_LETTERS and (after is None or after in STREET_TYPES)
                ):
                    suffix = nxt
                    i += 1
            housenumber = housenumber_key(word, suffix)
            i += 1
            continue
        if housenumber is None and _is_number_token(word) and i + 1 < n and words[i + 1] in STREET_TYPES:
            # "residence les pins 4 rue ..." : a number before a street type, even in the middle.
            housenumber = housenumber_key(word)
            i += 1
            continue
        for token in expand(word):
            if token not in STOPWORDS:
                kept.append(token)
        i += 1
    return ParsedQuery(tokens=tuple(kept), housenumber=housenumber, postcode=postcode)


def deletions(token: str) -> set[str]:
    """Every string made by removing one character: the key of the symmetric-delete typo search."""
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps),
    capped at `limit`: the exact value past it does not matter to the caller."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(lb + 1))
    for i in range(1, la + 1):
        current = [i] + [0] * lb
        row_min = i
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min >= limit:
            return limit
        previous2, previous = previous, current
    return min(previous[lb], limit)
