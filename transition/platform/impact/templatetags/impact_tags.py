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
