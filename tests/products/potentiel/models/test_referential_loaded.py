import pytest

from transition.products.potentiel.domain.referential import load_referential
from transition.products.potentiel.models import AppelOffres, Periode
from transition.products.potentiel.services.referential import referential_sync

pytestmark = pytest.mark.django_db


def test_migrations_load_every_appel_offres_and_period():
    assert AppelOffres.objects.count() == 21
    assert Periode.objects.count() == 106
    periode = Periode.objects.get(appel_offres_id="CRE4 - Bâtiment", identifiant="1")
    assert periode.legacy is True
    assert periode.famille_ids() == ["1", "2"]
    assert AppelOffres.objects.get(pk="PPE2 - Neutre").data["delai_realisation_mois"]["eolien"] == 36


def test_sync_is_idempotent_and_updates():
    referential = load_referential()
    assert referential_sync(AppelOffres, Periode, referential) == (21, 106)
    assert Periode.objects.count() == 106
