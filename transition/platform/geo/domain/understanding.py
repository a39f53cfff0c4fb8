"""Was a typed address understood as typed? A geocoder always answers its best guess: "12 rue des
Lilas, Angers" comes back as "12 Rue de Frémur 49000 Angers" when Angers has no rue des Lilas. A
page then says "Nous avons compris : …" and offers the other candidates, rather than answering for
another street without a word.

The guess reads as the typed address when its score is high enough and every significant word the
person typed (not numbers, not stop words, not one or two letters) is in the found label, exactly,
as a prefix (an abbreviation) or with a typo or two; and the house number and postcode, when
typed, are the found ones.
"""

from .text import edit_distance, parse_query

# Below this score (0 to 1), the guess is said to be a guess whatever its words.
CONFIDENT_SCORE = 0.7


def _matches(token: str, found: set[str]) -> bool:
    if token in found:
        return True
    allowed = 1 if len(token) <= 6 else 2
    return any(other.startswith(token) or edit_distance(token, other, allowed + 1) <= allowed for other in found)


def understood_as_typed(typed: str, found_label: str, score: float) -> bool:
    if score < CONFIDENT_SCORE:
        return False
    query, found = parse_query(typed), parse_query(found_label)
    if query.housenumber and query.housenumber != found.housenumber:
        return False
    if query.postcode and query.postcode != found.postcode:
        return False
    words = set(found.tokens)
    return all(token.isdigit() or len(token) < 3 or _matches(token, words) for token in query.tokens)
