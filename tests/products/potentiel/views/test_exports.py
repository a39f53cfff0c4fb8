import pytest

from tests.products.potentiel.proof_data import agent, make_projet
from transition.products.potentiel.enums import Statut
from transition.products.potentiel.models import DossierRaccordement, GestionnaireReseau, Raccordement

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects():
    occitanie = make_projet(nom="Parc d’Occitanie", region="76")
    bretagne = make_projet(nom="Parc de Bretagne", region="53")
    make_projet(nom="Éliminé breton", region="53", statut=Statut.ELIMINE)
    enedis = GestionnaireReseau.objects.get(raison_sociale="Enedis")
    rte = GestionnaireReseau.objects.get(raison_sociale="RTE")
    DossierRaccordement.objects.create(
        raccordement=Raccordement.objects.create(projet=occitanie, gestionnaire=enedis), reference="OUE-RP-2022-000033"
    )
    DossierRaccordement.objects.create(
        raccordement=Raccordement.objects.create(projet=bretagne, gestionnaire=rte), reference="RTE-42"
    )
    return enedis


def test_dgec_downloads_every_laureat_and_elimine(client, projects):
    client.force_login(agent("dgec", email="agent@dgec.gouv.fr"))
    laureats = client.get("/potentiel/exports/laureats.csv").content.decode()
    assert "Parc d’Occitanie" in laureats and "Parc de Bretagne" in laureats and "Éliminé breton" not in laureats
    assert "Éliminé breton" in client.get("/potentiel/exports/elimines.csv").content.decode()
    raccordements = client.get("/potentiel/exports/raccordements.csv").content.decode()
    assert "OUE-RP-2022-000033" in raccordements and "RTE-42" in raccordements


def test_a_dreal_downloads_its_region_only(client, projects):
    client.force_login(agent("dreal", email="agent@dreal-occitanie.gouv.fr", region="76"))
    laureats = client.get("/potentiel/exports/laureats.csv").content.decode()
    assert "Parc d’Occitanie" in laureats and "Parc de Bretagne" not in laureats
    assert "RTE-42" not in client.get("/potentiel/exports/raccordements.csv").content.decode()


def test_a_grid_operator_downloads_its_dossiers_only(client, projects):
    user = agent("grd", email="agent@enedis.fr")
    projects.organisation = user.memberships.get().organisation
    projects.save()
    client.force_login(user)
    raccordements = client.get("/potentiel/exports/raccordements.csv").content.decode()
    assert "OUE-RP-2022-000033" in raccordements and "RTE-42" not in raccordements
    assert client.get("/potentiel/exports/laureats.csv").status_code == 403


def test_holders_and_strangers_get_nothing(client, projects):
    assert client.get("/potentiel/exports/laureats.csv").status_code == 302  # sign in first
    client.force_login(agent("porteur", email="porteur@example.fr"))
    for name in ("laureats", "elimines", "raccordements"):
        assert client.get(f"/potentiel/exports/{name}.csv").status_code == 403
