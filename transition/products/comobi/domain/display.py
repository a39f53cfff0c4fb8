"""How a person is shown to people who do not know them: "Prénom N.". Pure Python."""


def public_name(first_name: str, last_name: str) -> str:
    """'Josiane D.' — the first name and the initial of the name, as comobi-core showed drivers."""
    first = " ".join((first_name or "").split()).strip()
    last = (last_name or "").strip()
    initial = f" {last[0].upper()}." if last else ""
    return f"{first}{initial}" if first else (f"{last[0].upper()}." if last else "")
