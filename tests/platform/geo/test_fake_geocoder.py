"""The tests' fake geocoder leaves every caller with the real one when the test ends, even a
caller first imported while it was installed (it once stayed in the address form for every later
test of the process: tests passed or failed with the order xdist gave them)."""

import sys

import transition.platform.geo
from tests.fakes.geocoder import GEOCODER_USERS, FakeGeocoder
from transition.platform.geo import geocoding

FORMS = "transition.platform.geo.forms"


def test_a_caller_imported_while_the_fake_is_installed_gets_the_real_one_back(monkeypatch):
    assert FORMS in GEOCODER_USERS
    monkeypatch.delitem(sys.modules, FORMS, raising=False)  # as in a process where no test imported it yet
    monkeypatch.setattr(transition.platform.geo, "forms", None, raising=False)
    with monkeypatch.context() as inner:
        fake = FakeGeocoder(broken=True).install(inner)
        assert sys.modules[FORMS].get_geocoder() is fake
    assert sys.modules[FORMS].get_geocoder is geocoding.get_geocoder
