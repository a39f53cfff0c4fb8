"""SIRET and SIREN checks (pure Python): 14 and 9 digits with the Luhn key.

La Poste's establishments (SIREN 356000000) do not follow Luhn: their SIRET's digits add up to a
multiple of 5 instead.
"""

LA_POSTE_SIREN = "356000000"


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise(value: str) -> str:
    return "".join(value.split())


def is_valid_siren(value: str) -> bool:
    value = normalise(value)
    return len(value) == 9 and value.isascii() and value.isdigit() and _luhn_ok(value)


def is_valid_siret(value: str) -> bool:
    value = normalise(value)
    if len(value) != 14 or not value.isascii() or not value.isdigit():
        return False
    if value.startswith(LA_POSTE_SIREN):
        return sum(int(c) for c in value) % 5 == 0
    return is_valid_siren(value[:9]) and _luhn_ok(value)


def siren_of(siret: str) -> str:
    return normalise(siret)[:9]
