"""Notifying a batch costs the same queries whatever its size: statuses, tasks, guarantees, claim
codes and emails are written by bulk statements; only the audit log gets one INSERT per event (its
chain refuses bulk writes)."""

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.products.potentiel.factories import cre_csv, cre_row
from transition.platform.notify import tasks
from transition.platform.notify.models import EmailLog
from transition.products.potentiel.models import GarantiesActuelles, Periode, Projet, TachePlanifiee
from transition.products.potentiel.services import notification
from transition.products.potentiel.services.candidatures import import_candidatures
from transition.products.potentiel.services.notification import notify_periode

pytestmark = pytest.mark.django_db

NOTIFICATION_DATE = dt.date(2025, 1, 10)


def period_of(size: int, identifiant: str) -> Periode:
    """`size` candidatures (a multiple of 3): a third with guarantees due on a date, a third with
    guarantees until six months after completion, a third éliminées."""
    rows = []
    for number in range(size):
        shape = number % 3
        rows.append(
            cre_row(
                période=identifiant,
                numéroCRE=str(number + 1),
                nomProjet=f"Toiture n° {number + 1}",
                emailContact=f"contact{number}@example.org",
                **(
                    {"typeGarantiesFinancières": "1", "dateÉchéanceGf": ""}
                    if shape == 1
                    else {"statut": "Éliminé", "motifÉlimination": "Offre au-dessus du prix plafond"}
                    if shape == 2
                    else {}
                ),
            )
        )
    report = import_candidatures(cre_csv(rows), filename=f"cre-{identifiant}.csv")
    assert report.ok, report.lines()
    return Periode.objects.get(appel_offres_id="PPE2 - Bâtiment", identifiant=identifiant)


def queries_of_notification(periode: Periode, validateur) -> Counter:
    with CaptureQueriesContext(connection) as captured:
        result = notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    assert result["notifies"] == Projet.objects.filter(periode=periode).count()
    words = (query["sql"].split() for query in captured.captured_queries)
    return Counter(" ".join(sql[:1] if sql[0] in ("SAVEPOINT", "RELEASE") else sql[:3]) for sql in words)


def test_the_queries_of_a_batch_do_not_grow_with_its_size(validateur, monkeypatch):
    class Queue:  # the emails stay in the outbox: the sending job is not this test's
        class huey:
            immediate = True

        def __call__(self, log_id):
            pass

    monkeypatch.setattr(tasks, "email_deliver_job", Queue())
    monkeypatch.setattr(notification, "BATCH", 50)
    small = queries_of_notification(period_of(3, "1"), validateur)
    large = queries_of_notification(period_of(9, "2"), validateur)
    audit_insert = 'INSERT INTO "audit_event"'
    assert large[audit_insert] - small[audit_insert] == 6
    del small[audit_insert], large[audit_insert]
    assert large == small
    assert EmailLog.objects.count() == 12


def test_a_batch_writes_each_laureats_tasks_and_guarantees(validateur):
    periode = period_of(6, "1")
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    laureats = Projet.objects.filter(periode=periode, statut="lauréat").order_by("numero_cre")
    assert [p.numero_cre for p in laureats] == ["1", "2", "4", "5"]
    for projet in laureats:
        kinds = Counter(TachePlanifiee.objects.filter(projet=projet, status="planifiée").values_list("kind", flat=True))
        completion = {k: n for k, n in kinds.items() if k.startswith("rappel-achèvement")}
        assert len(completion) == 3 and set(completion.values()) == {1}, kinds
        current = GarantiesActuelles.objects.get(projet=projet)
        if projet.type_garanties == "avec-date-échéance":
            assert current.date_echeance == dt.date(2030, 12, 1)
            assert kinds["échoir-garanties"] == 1
            assert kinds["rappel-échéance-gf-trois-mois"] == kinds["rappel-échéance-gf-un-mois"] == 1
        else:
            assert (current.type, current.date_echeance) == ("six-mois-après-achèvement", None)
            assert not any("garanties" in kind or "gf" in kind for kind in kinds)
    assert not TachePlanifiee.objects.filter(projet__statut="éliminé").exists()
