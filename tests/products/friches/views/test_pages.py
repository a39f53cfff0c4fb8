"""The pages, person by person: the public registry, a collectivité declaring a site and running a
project, an advisor of the territory, a stranger; and the read-only share link."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.personas import login
from tests.products.friches.factories import SiteFactory, advisor, porteur, question, template
from transition.platform.accounts.models import Membership
from transition.products.friches.models import Answer, Building, Project, Site
from transition.products.friches.services.projects import project_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def mayor():
    return porteur(email="maire@charleville.example", given_name="Anne", family_name="Roux")


@pytest.fixture
def project(mayor):
    template("reperer", "Inscrire le site au registre")
    return project_create(
        actor=mayor,
        site=SiteFactory(organisation=mayor.organisation),
        organisation=mayor.organisation,
        name="Parc de la Meuse",
    )


def test_public_pages(client):
    site = SiteFactory(name="Filature de la Meuse")
    for url in (
        "/friches/",
        "/friches/carte/",
        "/friches/sites/",
        "/friches/sites/?statut=friche+sans+projet&q=Meuse&surface_min=10",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert '<option value="08">Ardennes (08)</option>' in client.get("/friches/sites/").content.decode()
    assert "<p>0 site.</p>" in client.get("/friches/sites/?departement=99").content.decode()  # French: 0 singular
    page = client.get(f"/friches/sites/{site.pk}/").content.decode()
    assert "Filature de la Meuse" in page and "Quel usage convient à ce site" in page and "Fiabilité" in page
    assert client.get("/friches/sites/999999/").status_code == 404


def test_declaring_a_site_starts_by_joining_for_ones_organisation(client, bob):
    login(client, bob)
    assert client.get("/friches/sites/nouveau/").url == "/friches/commencer/"
    response = client.post("/friches/commencer/", {"organisation": bob.organisation.pk})
    assert response.status_code == 302
    assert Membership.objects.filter(user=bob, product="friches", role="porteur").exists()
    data = {
        "name": "Ancienne scierie",
        "site_type": "friche industrielle",
        "commune_insee": "08105",
        "commune_name": "Charleville-Mézières",
        "lon": "4.72",
        "lat": "49.77",
        "outline_wkt": "POLYGON((4.72 49.77, 4.721 49.77, 4.721 49.771, 4.72 49.771, 4.72 49.77))",
        "status": "friche sans projet",
        "owner_kind": "public",
        "zaer": "inconnu",
        "intended_uses": ["renaturation"],
    }
    response = client.post("/friches/sites/nouveau/", data)
    site = Site.objects.get(name="Ancienne scierie")
    assert response.url == f"/friches/sites/{site.pk}/"
    assert site.organisation == bob.organisation and site.site_id == "08105_T1" and site.surface_m2 > 7000
    bad = client.post("/friches/sites/nouveau/", {**data, "lon": "0", "lat": "0", "commune_insee": "99999"})
    page = bad.content.decode()
    assert "Ce point n’est pas en France" in page and "Ce code INSEE de commune n’existe pas" in page


def test_a_site_is_changed_only_by_its_collectivite(client, mayor):
    mine = SiteFactory(organisation=mayor.organisation)
    theirs = SiteFactory()
    login(client, mayor)
    assert client.get(f"/friches/sites/{mine.pk}/modifier/").status_code == 200
    assert client.get(f"/friches/sites/{theirs.pk}/modifier/").status_code == 403
    assert client.get(f"/friches/sites/{theirs.pk}/mutabilite/").status_code == 403


def test_mutability_answers_and_buildings(client, mayor):
    site = SiteFactory(organisation=mayor.organisation)
    login(client, mayor)
    response = client.post(
        f"/friches/sites/{site.pk}/mutabilite/",
        {
            "surfaceSite": "30000",
            "siteEnCentreVille": "true",
            "typeProprietaire": "public",
            "presencePollution": "ne-sait-pas",
        },
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.mutability_inputs == {
        "siteEnCentreVille": True,
        "typeProprietaire": "public",
        "presencePollution": "ne-sait-pas",
    }
    client.post(
        f"/friches/sites/{site.pk}/batiments/nouveau/",
        {
            "label": "Halle",
            "use": "industriel",
            "footprint_m2": "3000",
            "state": "dégradation très importante",
            "heritage": "aucun",
            "vacancy": "vacant",
        },
    )
    building = Building.objects.get()
    page = client.get(f"/friches/sites/{site.pk}/").content.decode()
    assert "Halle" in page and "Bâti très dégradé" in page  # the building's state feeds the mutability
    client.post(f"/friches/sites/{site.pk}/batiments/{building.pk}/supprimer/")
    assert not Building.objects.exists()


def test_the_questionnaire_resumes_keeps_comments_and_documents(client, mayor, project):
    q1 = question("Propriétaire", [("public", "propriete_publique"), ("prive", "propriete_privee")], priority=10)
    q2 = question(
        "Diagnostic", [("oui", ""), ("non", "diagnostic_a_faire")], priority=5, upload="Rapport de diagnostic"
    )
    q3 = question("Négociation", [("oui", "")], precondition="propriete_privee", priority=1)
    login(client, mayor)
    assert (
        client.get(f"/friches/projets/{project.pk}/questionnaire/").url
        == f"/friches/projets/{project.pk}/questionnaire/{q1.pk}/"
    )
    response = client.post(
        f"/friches/projets/{project.pk}/questionnaire/{q1.pk}/",
        {"values": "public", "comment": "Délibération de 2021", "pause": "1"},
    )
    assert response.url == f"/friches/projets/{project.pk}/"
    # Resumed later: the next unanswered question; the one behind a precondition is skipped.
    assert client.get(f"/friches/projets/{project.pk}/questionnaire/").url.endswith(f"/{q2.pk}/")
    assert client.get(f"/friches/projets/{project.pk}/questionnaire/{q3.pk}/").status_code == 404
    bad = SimpleUploadedFile("rapport.pdf", b"pas un pdf", content_type="application/pdf")
    page = client.post(
        f"/friches/projets/{project.pk}/questionnaire/{q2.pk}/", {"values": "oui", "document": bad}
    ).content.decode()
    assert "ne correspond pas à son extension" in page
    good = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 rapport", content_type="application/pdf")
    response = client.post(f"/friches/projets/{project.pk}/questionnaire/{q2.pk}/", {"values": "oui", "document": good})
    assert response.url == f"/friches/projets/{project.pk}/reponses/"
    answer = Answer.objects.get(question=q2)
    download = client.get(f"/friches/projets/{project.pk}/documents/{answer.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    summary = client.get(f"/friches/projets/{project.pk}/reponses/").content.decode()
    assert "Délibération de 2021" in summary and "rapport.pdf" in summary
    # The percentage is UrbanVitaliz's mean over the themes, not answers / questions: it says so.
    card = client.get(f"/friches/projets/{project.pk}/").content.decode()
    assert re.search(r"2 réponses sur 2 questions, thèmes remplis à \d+ % en moyenne", card)
    assert re.search(r"les thèmes sont remplis à \d+ % en moyenne", summary)


def test_who_sees_a_project(client, mayor, project, bob):
    login(client, mayor)
    assert client.get(f"/friches/projets/{project.pk}/").status_code == 200
    login(client, bob)
    assert client.get(f"/friches/projets/{project.pk}/").status_code == 403
    julien = advisor(email="julien@ddt08.example")
    login(client, julien)
    page = client.get(f"/friches/projets/{project.pk}/").content.decode()
    assert "Rejoindre ce projet" in page and "Notes privées" not in page
    client.post(f"/friches/projets/{project.pk}/rejoindre/")
    page = client.get(f"/friches/projets/{project.pk}/").content.decode()
    assert "Notes privées" in page and "Recommander une action" in page
    loic = advisor(departements=("29",), email="loic@ddtm29.example")
    login(client, loic)
    assert client.get(f"/friches/projets/{project.pk}/").status_code == 403


def test_action_status_with_htmx_returns_the_step(client, mayor, project):
    action = project.actions.get()
    login(client, mayor)
    response = client.post(
        f"/friches/projets/{project.pk}/actions/{action.pk}/statut/", {"status": "faite"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="etape-reperer"' in html and "Franchie" in html


def test_thread_and_private_notes(client, mayor, project):
    julien = advisor(email="julien@ddt08.example")
    login(client, julien)
    client.post(f"/friches/projets/{project.pk}/rejoindre/")
    client.post(f"/friches/projets/{project.pk}/notes/", {"text": "Élue motivée"})
    client.post(f"/friches/projets/{project.pk}/messages/", {"text": "Bonjour, un point jeudi ?"})
    login(client, mayor)
    page = client.get(f"/friches/projets/{project.pk}/").content.decode()
    assert "Bonjour, un point jeudi ?" in page and "Élue motivée" not in page
    assert client.post(f"/friches/projets/{project.pk}/notes/", {"text": "x"}).status_code == 403


def test_read_only_share_link(client, mayor, project):
    login(client, mayor)
    client.post(f"/friches/projets/{project.pk}/partage/")
    token = Project.objects.get(pk=project.pk).share_token
    client.logout()
    response = client.get(f"/friches/partage/{token}/")
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex, nofollow"
    html = response.content.decode()
    assert "lecture seule" in html and "Échanges" not in html and "Mettre à jour" not in html
    login(client, mayor)
    client.post(f"/friches/projets/{project.pk}/partage/desactiver/")
    client.logout()
    assert client.get(f"/friches/partage/{token}/").status_code == 404
    assert client.get("/friches/partage/nimportequoi/").status_code == 404


def test_balance_page(client, mayor, project):
    login(client, mayor)
    page = client.get(f"/friches/projets/{project.pk}/bilan/").content.decode()
    assert "Il manque" in page
    response = client.post(
        f"/friches/projets/{project.pk}/bilan/",
        {
            "kind": "urbain",
            "period_years": "30",
            "first_year": "2027",
            "site_m2": "30000",
            "city_population": "45000",
            "city_surface_ha": "3130",
            "price_eur_m2": "1350",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/friches/projets/{project.pk}/bilan/").content.decode()
    assert "Artificialisation évitée : 3 ha" in page and "Coûts de la friche évités" in page


def test_the_import_page_refuses_then_imports_valid_rows(client, mayor):
    header = "site_id,site_nom,site_type,site_identif_date,site_actu_date,comm_nom,comm_insee,urba_zaer,source_nom,geompoint\n"
    good = "08105_X1,Gare,friche ferroviaire,2024-01-01,2024-02-01,Charleville,08105,non,DDT,POINT(4.72 49.77)\n"
    bad = "08105_X2,Usine,usine,2024-01-01,2024-02-01,Charleville,08105,non,DDT,POINT(4.72 49.77)\n"
    login(client, mayor)
    assert client.get("/friches/import/").status_code == 403
    login(client, advisor(email="julien@ddt08.example"))
    upload = SimpleUploadedFile("friches.csv", (header + good + bad).encode())
    page = client.post("/friches/import/", {"file": upload}).content.decode()
    assert "Fichier refusé" in page and "usine" in page and not Site.objects.exists()
    upload = SimpleUploadedFile("friches.csv", (header + good + bad).encode())
    page = client.post("/friches/import/", {"file": upload, "skip_invalid": "on"}).content.decode()
    assert "1 site créé" in page and "1 ligne refusée" in page
    assert Site.objects.get().site_id == "08105_X1"


def test_advisor_space_and_stats(client, project):
    login(client, advisor(email="julien@ddt08.example", regions=("44",)))
    page = client.get("/friches/conseil/").content.decode()
    assert "Parc de la Meuse" in page
    assert "Votre territoire : Ardennes (08) ; Grand Est." in page  # names, not bare INSEE codes
    stats = client.get("/stats/friches/").content.decode()
    assert "Collectivités accompagnées" in stats and "Projets actifs" in stats and "Hectares accompagnés" in stats


def test_pages_for_someone_not_signed_in_ask_to_sign_in(client, project):
    for url in (
        "/friches/projets/",
        f"/friches/projets/{project.pk}/",
        "/friches/sites/nouveau/",
        "/friches/import/",
        "/friches/conseil/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/connexion" in response.url, url


def test_a_large_file_is_imported_by_a_job_the_page_follows(client, settings, django_capture_on_commit_callbacks):
    settings.FRICHES_IMPORT_SYNC_MAX_KB = 0
    header = "site_id,site_nom,site_type,site_identif_date,site_actu_date,comm_nom,comm_insee,urba_zaer,source_nom,geompoint\n"
    row = "08105_J1,Gare,friche ferroviaire,2024-01-01,2024-02-01,Charleville,08105,non,DDT,POINT(4.72 49.77)\n"
    julien = advisor(email="julien@ddt08.example")
    login(client, julien)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/friches/import/", {"file": SimpleUploadedFile("grand.csv", (header + row).encode())})
    assert "/friches/import/" in response.url
    assert Site.objects.get().site_id == "08105_J1"
    page = client.get(response.url).content.decode()
    assert "1 site créé" in page
    assert client.get(response.url, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    login(client, advisor(email="autre@ddt08.example"))
    assert client.get(response.url).status_code == 403


def test_declaring_the_site_reconverted_asks_for_a_confirmation(client, mayor, project):
    login(client, mayor)
    page = client.get(f"/friches/projets/{project.pk}/").content.decode()
    assert 'name="confirmer" value="oui" required' in page
    response = client.post(f"/friches/projets/{project.pk}/reconversion-achevee/", follow=True)
    assert "cochez la case qui confirme que les travaux sont achevés" in response.content.decode()
    project.site.refresh_from_db()
    assert project.site.status != "friche reconvertie"
    client.post(f"/friches/projets/{project.pk}/reconversion-achevee/", {"confirmer": "oui"})
    project.site.refresh_from_db()
    assert project.site.status == "friche reconvertie"


def test_a_collectivite_with_a_project_can_still_start_another(client, mayor, project):
    login(client, mayor)
    page = client.get("/friches/projets/").content.decode()
    assert "Parc de la Meuse" in page
    assert 'href="/friches/sites/nouveau/">Déclarer une friche</a>' in page


def test_a_reminder_in_the_past_is_refused_with_its_reason(client, project):
    from datetime import timedelta

    from django.utils import timezone

    from transition.products.friches.models import AdvisorReminder

    login(client, advisor(email="julien@ddt08.example"))
    client.post(f"/friches/projets/{project.pk}/rejoindre/")
    url = f"/friches/projets/{project.pk}/rappels/"
    yesterday = timezone.localdate() - timedelta(days=1)
    page = client.post(url, {"due_on": yesterday.isoformat(), "text": "Relancer"}, follow=True).content.decode()
    assert "Cette date est passée : choisissez aujourd’hui ou un jour à venir." in page
    assert not AdvisorReminder.objects.exists()
    client.post(url, {"due_on": (yesterday + timedelta(days=8)).isoformat(), "text": "Relancer"})
    assert AdvisorReminder.objects.get().text == "Relancer"
    assert f'min="{timezone.localdate().isoformat()}"' in client.get(f"/friches/projets/{project.pk}/").content.decode()


def test_the_answers_page_offers_to_answer_only_to_who_may(client, mayor, project):
    q1 = question("Propriétaire", [("public", "propriete_publique")], priority=10)
    q2 = question("Diagnostic", [("oui", "")], priority=5)
    login(client, mayor)
    client.post(f"/friches/projets/{project.pk}/questionnaire/{q1.pk}/", {"values": "public", "pause": "1"})
    page = client.get(f"/friches/projets/{project.pk}/reponses/").content.decode()
    assert f'href="/friches/projets/{project.pk}/questionnaire/{q2.pk}/">Répondre' in page
    assert f'href="/friches/projets/{project.pk}/questionnaire/{q1.pk}/">Modifier' in page
    julien = advisor(email="julien@ddt08.example")
    login(client, julien)
    client.post(f"/friches/projets/{project.pk}/rejoindre/")
    page = client.get(f"/friches/projets/{project.pk}/reponses/").content.decode()
    assert "/questionnaire/" not in page  # the advisor reads; answering is refused to them (403)
    assert client.get(f"/friches/projets/{project.pk}/questionnaire/{q2.pk}/").status_code == 403


def test_a_project_s_pages_lead_back_to_my_projects(client, mayor, project):
    login(client, mayor)
    for path in ("bilan/", "reponses/", "actions/nouvelle/"):
        page = client.get(f"/friches/projets/{project.pk}/{path}").content.decode()
        crumbs = page[page.index('class="fr-breadcrumb__list"') :]
        assert crumbs.index(">Mes projets</a>") < crumbs.index(">Parc de la Meuse</a>"), path
