"""The address field in a real browser: typing offers BAN addresses from /api/geo/search, the
keyboard picks one, and the hidden inputs receive its label, point and INSEE code."""

import pytest
from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from playwright.sync_api import expect

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
    # expect() retries until the widget has caught up: the list is re-rendered when a search answers.
    page.goto("/essai-adresse/")
    field = page.get_by_role("combobox", name="Adresse")
    field.press_sequentially("12 rue parad", delay=20)
    options = page.locator("[role=option]")
    expect(options.first).to_contain_text("12 Rue Paradis")
    expect(field).to_have_attribute("aria-expanded", "true")
    page.wait_for_load_state("networkidle")
    field.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    assert field.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    field.press("Enter")
    expect(field).to_have_value("12 Rue Paradis 13006 Marseille")
    expect(page.locator("[name=address_citycode]")).to_have_value("13206")
    expect(page.locator("[name=address_lon]")).to_have_value("5.3769")
    expect(page.locator("[name=address_lat]")).to_have_value("43.2921")
    expect(field).to_have_attribute("aria-expanded", "false")
    # Typing again forgets the pick.
    field.press("Backspace")
    expect(page.locator("[name=address_citycode]")).to_have_value("")
    field.press("Escape")
    expect(page.locator("[role=listbox]")).to_be_hidden()
