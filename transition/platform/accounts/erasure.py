"""Erasure of what others wrote about a person: the identifiers the person typed (names, emails,
phone numbers...), replaced wherever a registered free-text field holds them (registry.py)."""

import json
import re

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from .registry import ERASED_TEXT, personal_data_sources, personal_texts

MIN_LENGTH = 3  # shorter texts ("M.", "Al") would match everywhere


def _phone_forms(phone: str) -> set[str]:
    digits = re.sub(r"\D", "", phone or "")
    forms = {phone.strip()} if phone and phone.strip() else set()
    if digits.startswith("33") and len(digits) == 11:
        national = "0" + digits[2:]
    elif digits.startswith("0") and len(digits) == 10:
        national = digits
    else:
        return forms | ({digits, "+" + digits} if len(digits) >= 8 else set())
    spaced = " ".join(national[i : i + 2] for i in range(0, 10, 2))
    return forms | {national, spaced, spaced.replace(" ", "."), "+33" + national[1:], "+33 " + spaced[1:]}


def identifiers_of(user) -> set[str]:
    """What identifies the person: their account's name, email and phone, and what each product
    says they typed. Collected before anything is erased."""
    found = {user.email, user.given_name, user.family_name, f"{user.given_name} {user.family_name}"}
    found |= _phone_forms(user.phone)
    for source in personal_data_sources():
        if source.identifiers is not None:
            for text in source.identifiers(user):
                found |= _phone_forms(text) if re.fullmatch(r"[+\d][\d .-]{7,}", text or "") else {text}
    cleaned = {" ".join((text or "").split()) for text in found}
    return {text for text in cleaned if len(text) >= MIN_LENGTH and "anonyme" not in text.lower()}


def _replace(value, pattern):
    if isinstance(value, str):
        return pattern.sub(ERASED_TEXT, value)
    if isinstance(value, list):
        return [_replace(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, pattern) for key, item in value.items()}
    return value


def personal_texts_scrub(identifiers: set[str]) -> int:
    """Replace every identifier in every registered free-text field; the number of rows changed."""
    identifiers = sorted(identifiers, key=len, reverse=True)  # the longest first: "Jean Dupont" before "Jean"
    if not identifiers:
        return 0
    pattern = re.compile("|".join(re.escape(text) for text in identifiers), re.IGNORECASE)
    changed = 0
    for model, fields in personal_texts():
        for name in fields:
            as_text = f"_scrub_{name}"
            condition = Q()
            for text in identifiers:
                condition |= Q(**{f"{as_text}__icontains": text})
                # JSON stores non-ASCII characters escaped on some databases: look for that form too.
                escaped = json.dumps(text)[1:-1]
                if escaped != text:
                    condition |= Q(**{f"{as_text}__icontains": escaped})
            rows = model._base_manager.annotate(**{as_text: Cast(name, TextField())}).filter(condition)
            for pk, value in rows.values_list("pk", name):
                new = _replace(value, pattern)
                if new != value:
                    model._base_manager.filter(pk=pk).update(**{name: new})
                    changed += 1
    return changed
