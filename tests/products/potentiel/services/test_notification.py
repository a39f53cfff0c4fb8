"""Notifying a period: statuses, planned completion, attestation PDF, claim code email, audit;
the command; the page's job; permissions."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from tests.products.potentiel.conftest import NOTIFICATION_DATE
from transition.platform.audit.models import Event
from transition.products.potentiel.models import ClaimCode, Projet, ProjetAccess
from transition.products.potentiel.services.notification import notification_start, notify_periode

pytestmark = pytest.mark.django_db


def test_notify_makes_laureats_and_elimines(periode, validateur):
    result = notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    assert result == {"notifies": 3, "laureats": 2, "elimines": 1}
    laureat = Projet.objects.get(numero_cre="1")
    assert (laureat.statut, laureat.statut_laureat) == ("lauréat", "actif")
    assert laureat.date_notification == NOTIFICATION_DATE
    # PPE2 - Bâtiment: 30 months, minus one day.
    assert laureat.date_achevement_previsionnelle == dt.date(2027, 7, 9)
    elimine = Projet.objects.get(numero_cre="3")
    assert (elimine.statut, elimine.statut_laureat, elimine.date_achevement_previsionnelle) == ("éliminé", "", None)
    assert Event.objects.filter(action="potentiel.notification").count() == 3


def test_attestations_are_pdfs_with_their_hash(periode, validateur):
    import hashlib

    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    laureat, elimine = Projet.objects.get(numero_cre="1"), Projet.objects.get(numero_cre="3")
    for projet, words in ((laureat, "désignation comme lauréat"), (elimine, "Avis de rejet")):
        with projet.attestation.open("rb") as file:
            content = file.read()
        assert content.startswith(b"%PDF")
        assert hashlib.sha256(content).hexdigest() == projet.attestation_sha256
        text = " ".join(PdfReader(projet.attestation.path).pages[0].extract_text().split())
        assert words in text
        assert "RÉPUBLIQUE" in text.upper()
    assert "Offre au-dessus du prix plafond" in " ".join(
        PdfReader(elimine.attestation.path).pages[0].extract_text().split()
    )
    assert len(PdfReader(laureat.attestation.path).pages) == 1
    event = Event.objects.get(action="potentiel.notification", object_id=str(laureat.pk))
    assert event.payload["attestation_sha256"] == laureat.attestation_sha256


def test_each_contact_gets_a_code_without_candidate_text(periode, validateur):
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    assert len(mail.outbox) == 3
    message = next(m for m in mail.outbox if m.to == ["porteur@example.org"])
    assert "PPE2 - Bâtiment-P1-1" in message.subject
    assert "désignée lauréate" in message.body
    code = re.search(r"Code : (\w+)", message.body).group(1)
    assert len(code) == 10
    assert "/potentiel/projets/reclamer/?identifiant=PPE2" in message.body
    assert "Toitures du Prado" not in message.body  # a name the candidate chose never goes to an unverified address
    assert ClaimCode.objects.get(projet__numero_cre="1").code_hash != code
    elimine = next(m for m in mail.outbox if m.to == ["elimine@example.org"])
    assert "n’a pas été retenue" in elimine.body


def test_a_known_contact_gets_access_at_once(periode, validateur, porteur):
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    access = ProjetAccess.objects.get(user=porteur)
    assert access.projet.numero_cre == "1"
    assert access.via == "contact"


def test_notifying_twice_notifies_nothing_more(periode, validateur):
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    mail.outbox.clear()
    assert notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)["notifies"] == 0
    assert mail.outbox == []


def test_only_a_dgec_validateur_notifies(periode, dgec, dreal_paca):
    for user in (dgec, dreal_paca):
        with pytest.raises(PermissionDenied):
            notify_periode(periode=periode, date=NOTIFICATION_DATE, user=user)
    assert not Projet.objects.filter(date_notification__isnull=False).exists()


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (dt.date.today() + dt.timedelta(days=1), "La date de notification ne peut pas être dans le futur."),
    ],
)
def test_notification_refusals(periode, validateur, date, message):
    with pytest.raises(ValidationError, match=message):
        notification_start(periode=periode, date=date, user=validateur)


def test_nothing_to_notify(periode, validateur):
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    with pytest.raises(ValidationError, match="Aucune candidature de cette période n’attend de notification."):
        notification_start(periode=periode, date=NOTIFICATION_DATE, user=validateur)


def test_the_page_job_notifies(periode, validateur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = notification_start(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    job.refresh_from_db()
    assert job.state == "done", job.message
    assert job.result == {"notifies": 3, "laureats": 2, "elimines": 1}
    assert job.done_count == 3


def test_command(periode, capsys):
    call_command("potentiel_notify", "PPE2 - Bâtiment", "1", "--date", "2025-01-10")
    assert "3 candidature(s), 2 lauréat(s), 1 éliminé(s)" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Aucune candidature"):
        call_command("potentiel_notify", "PPE2 - Bâtiment", "1", "--date", "2025-01-10")
    with pytest.raises(CommandError, match="Période inconnue"):
        call_command("potentiel_notify", "PPE2 - Bâtiment", "99", "--date", "2025-01-10")
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        call_command("potentiel_notify", "PPE2 - Bâtiment", "1", "--date", "10/01/2025")
