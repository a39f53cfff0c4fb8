"""Phone numbers as people write them in France, made into one form (E.164). Pure Python.

"06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "0033612345678"
all become "+33612345678". Overseas départements written nationally ("0692 12 34 56") take
their own country code (+262). Numbers of other countries are accepted in international form.
"""

import re
from dataclasses import dataclass

# National prefixes of the overseas départements and collectivities -> their country code.
OVERSEAS = {
    "0262": "262",  # La Réunion (fixe)
    "0263": "262",
    "0692": "262",  # La Réunion (mobile)
    "0693": "262",
    "0269": "262",  # Mayotte (fixe)
    "0639": "262",  # Mayotte (mobile)
    "0590": "590",  # Guadeloupe, Saint-Martin, Saint-Barthélemy (fixe)
    "0690": "590",  # (mobile)
    "0691": "590",
    "0594": "594",  # Guyane (fixe)
    "0694": "594",  # (mobile)
    "0596": "596",  # Martinique (fixe)
    "0696": "596",  # (mobile)
    "0697": "596",
    "0508": "508",  # Saint-Pierre-et-Miquelon
}
OVERSEAS_MOBILE = ("0692", "0693", "0639", "0690", "0691", "0694", "0696", "0697")
_SEPARATORS = re.compile(r"[\s.\-/()]")


class PhoneError(ValueError):
    """Not a phone number; the message (French) says what is expected."""


@dataclass(frozen=True)
class Phone:
    e164: str  # "+33612345678"
    mobile: bool  # can receive SMS

    @property
    def national(self) -> str:
        """'06 12 34 56 78' for a metropolitan number, the international form otherwise."""
        if self.e164.startswith("+33") and len(self.e164) == 12:
            digits = "0" + self.e164[3:]
            return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
        return self.e164


def phone_parse(text: str) -> Phone:
    """A French or international phone number -> Phone. PhoneError when it is not one."""
    raw = (text or "").strip()
    if not raw:
        raise PhoneError("Indiquez un numéro de téléphone.")
    compact = _SEPARATORS.sub("", raw.replace("(0)", ""))
    if compact.startswith("00") and len(compact) > 10:  # international prefix, not a 10-digit national number
        compact = "+" + compact[2:]
    if not re.fullmatch(r"\+?\d+", compact):
        raise PhoneError(f"« {raw[:30]} » n’est pas un numéro de téléphone (chiffres seulement, ex. 06 12 34 56 78).")
    if compact.startswith("+"):
        digits = compact[1:]
        if digits.startswith("33"):
            national = "0" + digits[2:]
            if len(national) != 10 or national[1] == "0":
                raise PhoneError(f"« {raw[:30]} » : un numéro français compte 10 chiffres (ex. +33 6 12 34 56 78).")
            return _french(national)
        if not 8 <= len(digits) <= 15 or digits[0] == "0":
            raise PhoneError(f"« {raw[:30]} » n’est pas un numéro international valide.")
        return Phone(e164="+" + digits, mobile=_overseas_mobile(digits))
    if len(compact) != 10 or not compact.startswith("0") or compact[1] == "0":
        raise PhoneError(
            f"« {raw[:30]} » : un numéro français compte 10 chiffres et commence par 0 (ex. 06 12 34 56 78)."
        )
    return _french(compact)


def _french(national: str) -> Phone:
    prefix = national[:4]
    if prefix in OVERSEAS:
        return Phone(e164=f"+{OVERSEAS[prefix]}{national[1:]}", mobile=prefix in OVERSEAS_MOBILE)
    return Phone(e164="+33" + national[1:], mobile=national[1] in "67")


def _overseas_mobile(digits: str) -> bool:
    """International form of an overseas number: +262 692…, +590 690…"""
    for prefix, code in OVERSEAS.items():
        if digits.startswith(code + prefix[1:]):
            return prefix in OVERSEAS_MOBILE
    return False


def phone_normalise(text: str) -> str:
    """The E.164 form, or PhoneError."""
    return phone_parse(text).e164


def phone_display(value: str) -> str:
    """How a stored number reads: '+33612345678' -> '06 12 34 56 78'; as stored if it does not parse."""
    if not value:
        return ""
    try:
        return phone_parse(value).national
    except PhoneError:
        return value
