"""Who owns a site, from the Fichiers fonciers' legal-person categories the CNIG standard carries
(`proprio_type`, e.g. "P4a|G1a"): P (public persons: State, régions, départements, communes and
their groupings, public bodies) and R (public networks and transport: SNCF, EDF…) are public;
the other categories (X natural persons, Z other private persons, G, M, F, A…) are private."""

PUBLIC_PREFIXES = ("P", "R")


def owner_kind_of_categories(codes: str) -> str:
    """'public', 'prive', 'mixte', or 'ne-sait-pas' when no category is given."""
    categories = [c.strip() for c in (codes or "").replace(" ", "|").split("|") if c.strip()]
    if not categories:
        return "ne-sait-pas"
    public = {c[0].upper() in PUBLIC_PREFIXES for c in categories}
    if public == {True}:
        return "public"
    if public == {False}:
        return "prive"
    return "mixte"
