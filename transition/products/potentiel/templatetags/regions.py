"""`{% load regions %}` — {{ "76"|region }} → « Occitanie (76) »: agents read names, not codes."""

from django import template

from transition.platform.geo.domain.territory import region_name

register = template.Library()


@register.filter
def region(code) -> str:
    code = str(code or "")
    name = region_name(code)
    return f"{name} ({code})" if name else code
