from django import template

from transition.platform.impact.domain.numbers import format_number
from transition.platform.impact.enums import ValueSource

register = template.Library()


@register.filter
def fr_number(value):
    """12345.5 -> "12 345,5" (French typography); empty for None."""
    if value is None or value == "":
        return ""
    return format_number(value)


@register.filter
def source_label(source):
    """ "relevé quotidien", "calculé en direct"... for a ValueSource value."""
    return ValueSource(source).label


@register.filter
def unit_for(unit: str, value) -> str:
    """The unit agreed with its number, the French way (0 and 1 singular): "1 collectivité",
    "2 collectivités". Only a plain word ending in s is changed ("sites", "étapes", "litres");
    "ha", "%", "t CO₂/an" and words whose singular ends in s ("mois", "fois") stay as they are."""
    try:
        singular = abs(float(value)) < 2
    except (TypeError, ValueError):
        return unit
    if singular and unit.isalpha() and unit.endswith("s") and not unit.endswith(("is", "us", "ss")):
        return unit[:-1]
    return unit
