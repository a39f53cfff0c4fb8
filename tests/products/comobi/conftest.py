from tests.personas import charlie, dave  # noqa: F401

from .factories import _fresh_matching_index, admin_user, geocoder, mediator, territory  # noqa: F401
