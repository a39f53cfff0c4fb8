"""What every territory page needs: the territory (a closed one only for its team), flags for
the templates, and the territory's own "Je donne mon avis" link."""

from django.conf import settings
from django.http import Http404

from ..enums import PRODUCT
from ..models import Territory
from ..permissions import is_mediator, is_territory_admin
from ..selectors.territories import territory_get


def territory_or_404(request, slug: str) -> Territory:
    territory = territory_get(slug)
    if not territory.is_open and not is_mediator(request.user, territory):
        raise Http404("Territoire fermé")
    return territory


def territory_context(request, territory: Territory, **extra) -> dict:
    mediator = is_mediator(request.user, territory)
    return {
        "territory": territory,
        "is_mediator": mediator,
        "is_territory_admin": mediator and is_territory_admin(request.user, territory),
        "jdma_url": territory.jdma_url or settings.JDMA_URLS.get(PRODUCT, ""),
        **extra,
    }


def plural(count: int, singular: str, plural_form: str) -> str:
    """French: 0 and 1 take the singular."""
    return f"{count} {singular if count <= 1 else plural_form}"
