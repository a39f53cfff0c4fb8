"""Template tags of the demands side, for pages of the networks side to include."""

from django import template

register = template.Library()


@register.simple_tag
def network_ambassadors(network):
    from ..selectors_demands import network_ambassadors as select

    return list(select(network=network)) if network is not None else []
