"""The journey of Potentiel in the browser: the DGEC imports the CRE's file and notifies the
period; the holder claims the project with the emailed code and asks for a six-month délai with
a document; the DREAL of the region grants it with a reasoned letter; the planned completion date
moves and the letter downloads."""

import datetime as dt
import re

import pytest
from django.core import mail

from tests.e2e.conftest import screenshot
from tests.e2e.test_chaleur_demands import sign_in
from tests.platform.accounts.factories import OrganisationFactory, UserFactory
from tests.products.potentiel.conftest import member
from tests.products.potentiel.factories import cre_csv, cre_row
from transition.products.potentiel.models import Demande, Dreal, Projet

pytestmark = pytest.mark.e2e

NOTIFIED_ON = dt.date(2025, 1, 10)


def test_import_notify_claim_delai_granted_letter(page, live_server, transactional_db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    validateur = member("valerie.validatrice@developpement-durable.gouv.fr", "dgec-validateur")
    organisation = OrganisationFactory(name="DREAL Provence-Alpes-Côte d’Azur")
    Dreal.objects.create(organisation=organisation, region="93")
    dreal = member("agent@dreal-paca.gouv.fr", "dreal", organisation)
    porteur = UserFactory(email="direction@vents-du-sud.example", given_name="Nadia", family_name="Benali")
    csv_path = tmp_path / "cre-ppe2-eolien-1.csv"
    csv_path.write_bytes(
        cre_csv(
            [
                cre_row(
                    appelOffre="PPE2 - Eolien",
                    numéroCRE="7",
                    nomProjet="Parc éolien de la Sainte-Baume",
                    technologie="Eolien",
                    emailContact="contact@vents-du-sud.example",
                    codePostal="83640",
                    commune="Plan-d’Aups-Sainte-Baume",
                ),
                cre_row(
                    appelOffre="PPE2 - Eolien",
                    numéroCRE="8",
                    nomProjet="Parc des Maures",
                    technologie="Eolien",
                    statut="Éliminé",
                    motifÉlimination="Note insuffisante",
                    volumeRéservé="",
                    emailContact="autre@example.org",
                ),
            ]
        )
    )

    # The DGEC imports the CRE's file...
    sign_in(page, live_server, validateur)
    page.goto("/potentiel/administration/candidatures/importer/")
    page.set_input_files("input[type=file]", str(csv_path))
    page.click("main form button[type=submit]")
    assert "2 lignes créées" in page.inner_text("main")
    screenshot(page, "potentiel-import")

    # ... and notifies the period: the lauréat's contact receives the code.
    page.goto("/potentiel/administration/periodes/")
    page.click("main a:has-text('Notifier')")
    page.fill("input[name=date]", NOTIFIED_ON.isoformat())
    page.click("main form button[type=submit]")
    page.wait_for_url("**/notification/**")
    assert "2 candidatures notifiées : 1 lauréat, 1 éliminé." in page.inner_text("main")
    projet = Projet.objects.get(numero_cre="7")
    planned = projet.date_achevement_previsionnelle
    assert projet.statut == "lauréat" and planned == dt.date(2028, 1, 9)  # 36 months − 1 day
    email = next(m for m in mail.outbox if "contact@vents-du-sud.example" in m.to)
    code = re.search(r"Code : (\S+)", email.body).group(1)

    # The holder, signed in with another address, claims the project with its number and code.
    page.context.clear_cookies()
    sign_in(page, live_server, porteur)
    page.goto("/potentiel/projets/reclamer/")
    page.fill("input[name=identifiant]", projet.identifiant)
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/potentiel/projets/{projet.pk}/")
    assert "Le projet est ajouté à vos projets." in page.inner_text("body")
    assert "09/01/2028" in page.inner_text("main") or "9 janvier 2028" in page.inner_text("main")

    # It asks for a délai of six months, with a document; the page says who decides before filing.
    page.goto(f"/potentiel/projets/{projet.pk}/demandes/delai/nouvelle/")
    assert "DREAL" in page.inner_text("main")
    proof = tmp_path / "courrier-gestionnaire.pdf"
    proof.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    page.fill("input[name=mois]", "6")
    page.fill("textarea[name=reason]", "Le renforcement du poste source est repoussé à l’automne 2027.")
    page.set_input_files("input[name=documents]", str(proof))
    page.click("main form button[type=submit]")
    demande = Demande.objects.get(projet=projet, kind="délai")
    assert demande.status == "demandé" and demande.authority == "dreal"
    screenshot(page, "potentiel-demande-delai")

    # The DREAL of the project's region grants it with its reasons.
    page.context.clear_cookies()
    sign_in(page, live_server, dreal)
    page.goto(f"/potentiel/demandes/{demande.pk}/")
    page.check("#decision-accorder", force=True)
    page.fill("#id_motifs", "Le retard du raccordement est établi par le courrier du gestionnaire de réseau.")
    page.click("main button:has-text('Enregistrer la décision et produire le courrier')")
    demande.refresh_from_db()
    assert demande.status == "accordé" and demande.letter

    # The planned completion date moved by six months, and the letter downloads.
    projet.refresh_from_db()
    assert projet.date_achevement_previsionnelle == dt.date(2028, 7, 9)
    with page.expect_download() as download:
        page.click("main a:has-text('Télécharger le courrier de réponse')")
    path = download.value.path()
    with open(path, "rb") as letter:
        assert letter.read(5) == b"%PDF-"
    screenshot(page, "potentiel-delai-accorde")
