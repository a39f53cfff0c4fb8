"""The holders' acknowledgements (accusés de réception): what the original writes to the holders
after they act — a confirmed abandon, a declaration, a chosen cahier des charges, guarantees
deposited, the completion transmitted — goes to the project's holders, signed-in users, with the
service's own text. Filing a request or modifying a deposit writes to the authority only."""

import datetime as dt

import pytest

from transition.platform.notify.models import EmailLog
from transition.products.potentiel.domain.changes import Mode
from transition.products.potentiel.domain.lifecycle import Action
from transition.products.potentiel.models import Projet
from transition.products.potentiel.services import guarantees
from transition.products.potentiel.services.completion import achevement_transmit
from transition.products.potentiel.services.projects import cahier_des_charges_choose
from transition.products.potentiel.services.requests import demande_act, demande_file

from .conftest import pdf

pytestmark = pytest.mark.django_db
NAME = "Potentiel - Du boulodrome de Marseille - "


def holder_subjects(porteur) -> list[str]:
    return sorted(EmailLog.objects.filter(to=porteur.email).values_list("subject", flat=True))


def test_a_confirmed_abandon_is_acknowledged_not_its_filing(porteur, dgec, projet):
    demande = demande_file(
        user=porteur, projet=projet, kind="abandon", values={}, reason="Projet non rentable", documents=[pdf()]
    )
    assert holder_subjects(porteur) == []
    demande_act(user=dgec, demande=demande, action=Action.DEMANDER_CONFIRMATION)
    EmailLog.objects.all().delete()
    demande_act(user=porteur, demande=demande, action=Action.CONFIRMER)
    assert holder_subjects(porteur) == [NAME + "Demande d'abandon confirmée"]


def test_a_declaration_is_acknowledged(porteur, dreal, projet):
    Projet.objects.filter(pk=projet.pk).update(cahier_des_charges="30/08/2022")
    demande_file(
        user=porteur,
        projet=projet,
        kind="puissance",
        values={"puissance": "1.6"},
        reason="Optimisation du calepinage",
        documents=[pdf()],
        wanted=Mode.DECLARATION,
    )
    subject = NAME + "Déclaration de changement de puissance"
    assert holder_subjects(porteur) == [subject]
    assert EmailLog.objects.filter(to=dreal.email, subject=subject).exists()


def test_choosing_a_cahier_des_charges_is_acknowledged(porteur, projet):
    cahier_des_charges_choose(projet=projet, reference="30/08/2022", by=porteur)
    assert holder_subjects(porteur) == [NAME + "Nouveau cahier des charges choisi"]


def test_a_guarantees_deposit_is_acknowledged(porteur, dreal, projet):
    guarantees.depot_submit(
        user=porteur,
        projet=projet,
        type="consignation",
        date_echeance=None,
        date_constitution=dt.date(2026, 11, 1),
        document=pdf("gf.pdf"),
        today=dt.date(2026, 11, 27),
    )
    assert holder_subjects(porteur) == [NAME + "Garanties financières en attente de validation"]


def test_the_completion_is_acknowledged(porteur, dreal, projet):
    achevement_transmit(
        user=porteur,
        projet=projet,
        completed_on=dt.date(2026, 11, 1),
        attestation=pdf(),
        rapport=pdf("rapport.pdf", b"%PDF-1.4\n%r\n%%EOF\n"),
        today=dt.date(2026, 11, 27),
    )
    assert holder_subjects(porteur) == [NAME + "Mise à jour de la date d'achèvement"]
