"""Display helpers of CoMobi's templates."""

from django import template

from transition.platform.notify.phone import phone_display as _phone_display

register = template.Library()


@register.filter
def phone_display(value: str) -> str:
    """'+33612345678' -> '06 12 34 56 78'."""
    return _phone_display(value)
