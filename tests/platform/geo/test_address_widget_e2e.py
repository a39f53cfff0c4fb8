"""The address field in a real browser: typing offers BAN addresses from /api/geo/search, the
keyboard picks one, and the hidden inputs receive its label, point and INSEE code."""

import pytest
from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from tests.platform.geo.conftest import TINY_NDJSON
from transition.platform.geo import local
from transition.platform.geo.forms import AddressField
from transition.platform.geo.services import addresses_import

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGE = """{% extends "ui/base.html" %}
{% block title %}Adresse{% endblock %}
{% block content %}<form method="post" class="fr-container">
  <div class="fr-input-group"><label class="fr-label" for="{{ form.address.id_for_label }}">Adresse</label>{{ form.address }}</div>
</form>{% endblock %}
{% block extra_js %}{{ form.media }}{% endblock %}"""


class AddressForm(forms.Form):
    address = AddressField(label="Adresse")


def address_page(request):
    return HttpResponse(engines["django"].from_string(PAGE).render({"form": AddressForm()}, request))


urlpatterns = [path("essai-adresse/", address_page), path("", include("transition.config.urls"))]


@pytest.fixture
def page(page, settings):
    """The shared browser page (tests/browser.py), on a page holding only the address field."""
    settings.ROOT_URLCONF = __name__
    settings.GEOCODER_BACKEND = "local"
    addresses_import(paths=[TINY_NDJSON])
    local.drop_index()
    return page


def test_type_pick_with_keyboard_fills_hidden_inputs(page):
    page.goto("/essai-adresse/")
    field = page.get_by_role("combobox", name="Adresse")
    field.press_sequentially("12 rue parad", delay=20)
    options = page.locator("[role=option]")
    options.first.wait_for()
    assert "12 Rue Paradis" in options.first.inner_text()
    assert field.get_attribute("aria-expanded") == "true"
    field.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    assert field.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    field.press("Enter")
    assert field.input_value() == "12 Rue Paradis 13006 Marseille"
    assert page.locator("[name=address_citycode]").input_value() == "13206"
    assert page.locator("[name=address_lon]").input_value() == "5.3769"
    assert page.locator("[name=address_lat]").input_value() == "43.2921"
    assert field.get_attribute("aria-expanded") == "false"
    # Typing again forgets the pick.
    field.press("Backspace")
    assert page.locator("[name=address_citycode]").input_value() == ""
    field.press("Escape")
    assert page.locator("[role=listbox]").is_hidden()
