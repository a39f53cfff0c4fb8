import pytest
from django import forms

from tests.platform.geo.conftest import TINY_NDJSON
from transition.platform.geo.forms import Address, AddressField
from transition.platform.geo.services import addresses_import

pytestmark = pytest.mark.django_db


class DemandForm(forms.Form):
    address = AddressField(label="Adresse du bâtiment")


@pytest.fixture(autouse=True)
def addresses(settings):
    settings.GEOCODER_BACKEND = "local"
    addresses_import(paths=[TINY_NDJSON])


def test_picked_address_is_taken_as_is():
    form = DemandForm(
        data={
            "address": "12 Rue Paradis 13006 Marseille",
            "address_label": "12 Rue Paradis 13006 Marseille",
            "address_lon": "5.3769",
            "address_lat": "43.2921",
            "address_citycode": "13206",
            "address_postcode": "13006",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["address"] == Address("12 Rue Paradis 13006 Marseille", 5.3769, 43.2921, "13206", "13006")


def test_typed_address_is_geocoded_on_submit():
    form = DemandForm(data={"address": "12 r paradis marseille"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["address"].citycode == "13206"
    assert form.cleaned_data["address"].label == "12 Rue Paradis 13006 Marseille"


def test_text_changed_after_the_pick_is_geocoded_again():
    form = DemandForm(
        data={
            "address": "3 bd st michel paris",
            "address_label": "12 Rue Paradis 13006 Marseille",
            "address_lon": "5.3769",
            "address_lat": "43.2921",
            "address_citycode": "13206",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["address"].citycode == "75105"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"address": ""}, "Saisissez une adresse."),
        ({"address": "zzzz qqqq wwww"}, "Adresse introuvable"),
    ],
)
def test_errors_in_french(data, message):
    form = DemandForm(data=data)
    assert not form.is_valid()
    assert message in form.errors["address"][0]


def test_widget_renders_dsfr_combobox_and_hidden_inputs():
    html = str(DemandForm()["address"])
    assert 'class="fr-input"' in html
    assert 'role="combobox"' in html
    assert 'role="listbox"' in html
    assert 'data-geo-url="/api/geo/search"' in html
    for suffix in ("label", "lon", "lat", "citycode", "postcode"):
        assert f'name="address_{suffix}"' in html
    assert "<script" not in html
    assert DemandForm()["address"].id_for_label == "id_address_0"
    assert 'id="id_address_0"' in html
    assert "geo/address-autocomplete.js" in str(DemandForm().media)


def test_static_script_is_served(client):
    response = client.get("/static/geo/address-autocomplete.js")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    response.close()
    assert b"aria-activedescendant" in body
