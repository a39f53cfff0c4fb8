"""French in templates: `{% load french %}`.

{{ n }} adresse{{ n|pluriel }}   0 adresse, 1 adresse, 2 adresses (French: 0 and 1 singular)
"""

from django import template

register = template.Library()


@register.filter
def pluriel(value, suffix: str = "s") -> str:
    try:
        return suffix if abs(float(value)) >= 2 else ""
    except (TypeError, ValueError):
        return ""
