import pytest

from transition.products.chaleur.domain.eligibility import ELIGIBLE_TYPES, EligibilityType
from transition.products.chaleur.domain.eligibility_messages import Heating, result_message

PDP_TYPES = {EligibilityType.DANS_PDP_RESEAU_EXISTANT, EligibilityType.DANS_PDP_RESEAU_FUTUR}


@pytest.mark.parametrize("kind", list(EligibilityType))
@pytest.mark.parametrize("heating", list(Heating))
def test_every_type_and_heating_has_its_words(kind, heating):
    message = result_message(kind, heating, distance_m=87, network_name="Réseau d’Angers", mise_en_service="2027")
    assert message.title and message.paragraphs
    assert message.pdp_obligation is (kind in PDP_TYPES)
    text = " ".join(message.paragraphs)
    if kind != EligibilityType.TROP_ELOIGNE:
        assert "« Réseau d’Angers »" in text
    if kind in ELIGIBLE_TYPES:
        assert message.tone == ("success" if heating == Heating.COLLECTIVE else "info")
        assert ("chauffage est individuel" in text) is (heating == Heating.INDIVIDUAL)
    else:
        assert message.tone in {"warning", "info"}
    if kind in {EligibilityType.RESEAU_EXISTANT_PROCHE, EligibilityType.RESEAU_EXISTANT_LOIN}:
        assert "à environ 87 m de votre adresse" in text
    if kind == EligibilityType.RESEAU_FUTUR_LOIN:
        assert "2027" in text
    assert "  " not in text and " ." not in text


def test_without_a_network_name_the_sentence_still_reads():
    message = result_message(EligibilityType.RESEAU_EXISTANT_TRES_PROCHE, Heating.COLLECTIVE, distance_m=12)
    assert (
        message.paragraphs[0]
        == "Le réseau passe à environ 12 m de votre adresse : votre bâtiment est potentiellement raccordable."
    )


@pytest.mark.parametrize("kind", sorted(set(EligibilityType) - ELIGIBLE_TYPES))
def test_a_free_study_is_promised_only_where_the_address_is_eligible(kind):
    message = result_message(kind, Heating.COLLECTIVE, distance_m=500, network_name="Réseau")
    assert not any("gratuite" in paragraph for paragraph in message.paragraphs)


@pytest.mark.parametrize("kind", sorted(ELIGIBLE_TYPES))
def test_an_eligible_collective_building_is_offered_a_free_study(kind):
    message = result_message(kind, Heating.COLLECTIVE, distance_m=50, network_name="Réseau")
    assert any("gratuite" in paragraph for paragraph in message.paragraphs)
