import pytest

from transition.platform.core.models import data_version_get
from transition.platform.core.registry import demo_loaders
from transition.platform.geo.geocoding import get_geocoder
from transition.platform.geo.models import AddressNumber, Commune
from transition.platform.geo.selectors import ADDRESSES, commune_find

pytestmark = pytest.mark.django_db


def test_demo_is_registered_idempotent_and_geocodes(settings):
    settings.GEOCODER_BACKEND = "local"
    loader = demo_loaders()["platform-geo"]
    loader()
    counts = (Commune.objects.count(), AddressNumber.objects.count())
    version = data_version_get(ADDRESSES)[0]
    loader()
    assert (Commune.objects.count(), AddressNumber.objects.count()) == counts
    assert data_version_get(ADDRESSES)[0] == version
    assert commune_find("Marseille").code == "13055"
    assert commune_find("boulogne billancourt").departement.code == "92"
    result = get_geocoder().search("12 r paradis marseille", limit=1)[0]
    assert (result.citycode, result.postcode) == ("13206", "13006")
    result = get_geocoder().search("10 bd st michel paris", limit=1)[0]
    assert result.citycode == "75105"
