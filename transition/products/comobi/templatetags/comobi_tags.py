"""Display helpers of CoMobi's templates."""

from django import template

from transition.platform.notify.phone import phone_display as _phone_display

register = template.Library()


@register.filter
def phone_display(value: str) -> str:
    """'+33612345678' -> '06 12 34 56 78'."""
    return _phone_display(value)


@register.filter
def fr_plural(count, suffix: str = "s") -> str:
    """French plurals: 0 and 1 take the singular ('0 trajet', '1 trajet', '2 trajets')."""
    try:
        return suffix if abs(int(count)) > 1 else ""
    except (TypeError, ValueError):
        return ""
