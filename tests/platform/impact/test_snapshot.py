import logging
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from transition.platform.impact.models import Snapshot
from transition.platform.impact.registry import day_end, indicators
from transition.platform.impact.services import snapshot_backfill, snapshot_take

from .conftest import broken, constant, make_indicator

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def values(day):
    return {(s.product, s.key): s.value for s in Snapshot.objects.filter(date=day)}


def test_day_end_is_midnight_in_paris():
    assert day_end(date(2026, 7, 14)) == datetime(2026, 7, 15, 0, 0, tzinfo=PARIS)
    assert day_end(date(2026, 7, 14)).utcoffset() == timedelta(hours=2)
    assert day_end(date(2026, 1, 14)).utcoffset() == timedelta(hours=1)


def test_every_registered_indicator_computes_on_an_empty_database():
    """A guard for the products: each indicator they register can be snapshotted."""
    report = snapshot_take(day=timezone.localdate() - timedelta(days=1))
    assert report.failed == {}
    assert len(report.saved) == len(indicators())


def test_snapshot_take_stores_every_indicator_and_replaces_the_days_earlier_value(portal_only):
    indicator_registry = portal_only
    day = date(2026, 10, 31)
    indicator_registry.register_indicator(make_indicator(compute=constant(7)))
    report = snapshot_take(day=day)
    assert ("chaleur", "tested_addresses") in report.saved
    assert not report.failed
    assert len(report.saved) == len(indicators())
    assert values(day)[("chaleur", "tested_addresses")] == Decimal(7)

    indicator_registry.register_indicator(make_indicator(compute=constant(Decimal("8.5"))))
    snapshot_take(day=day)
    assert values(day)[("chaleur", "tested_addresses")] == Decimal("8.5")
    assert Snapshot.objects.filter(product="chaleur", key="tested_addresses").count() == 1


def test_a_failing_indicator_is_logged_and_skipped_without_stopping_the_others(portal_only, caplog):
    indicator_registry = portal_only
    day = date(2026, 10, 31)
    indicator_registry.register_indicator(make_indicator(key="broken", compute=broken))
    indicator_registry.register_indicator(make_indicator(key="wrong_type", compute=constant(1.5)))
    indicator_registry.register_indicator(make_indicator(key="fine", compute=constant(3)))
    with caplog.at_level(logging.ERROR, logger="transition.platform.impact.services"):
        report = snapshot_take(day=day)
    assert set(report.failed) == {("chaleur", "broken"), ("chaleur", "wrong_type")}
    assert "base des demandes injoignable" in report.failed[("chaleur", "broken")]
    assert "entier ou un Decimal" in report.failed[("chaleur", "wrong_type")]
    assert "chaleur/broken" in caplog.text
    stored = values(day)
    assert stored[("chaleur", "fine")] == Decimal(3)
    assert ("chaleur", "broken") not in stored and ("chaleur", "wrong_type") not in stored


def test_a_future_day_cannot_be_snapshotted():
    with pytest.raises(ValueError, match="jour à venir"):
        snapshot_take(day=timezone.localdate() + timedelta(days=1))


def test_accounts_created_counts_people_joined_by_the_end_of_the_day(portal_only):
    users = get_user_model().objects
    users.create_user("avant@example.fr", date_joined=datetime(2026, 3, 10, 23, 30, tzinfo=PARIS))
    users.create_user("minuit@example.fr", date_joined=datetime(2026, 3, 11, 0, 0, tzinfo=PARIS))
    users.create_user("apres@example.fr", date_joined=datetime(2026, 3, 12, 8, 0, tzinfo=PARIS))
    snapshot_take(day=date(2026, 3, 10))
    snapshot_take(day=date(2026, 3, 11))
    assert values(date(2026, 3, 10))[("portail", "accounts_created")] == 1
    assert values(date(2026, 3, 11))[("portail", "accounts_created")] == 2


def test_requests_handled_sums_the_indicators_flagged_as_requests(portal_only):
    indicator_registry = portal_only
    day = date(2026, 10, 31)
    snapshot_take(day=day)
    assert values(day)[("portail", "requests_handled")] == 0  # no product counts requests yet
    indicator_registry.register_indicator(make_indicator(key="demands", compute=constant(5), counts_as_request=True))
    indicator_registry.register_indicator(
        make_indicator(product="comobi", key="trips", compute=constant(Decimal("2")), counts_as_request=True)
    )
    indicator_registry.register_indicator(make_indicator(key="addresses", compute=constant(1000)))
    snapshot_take(day=day)
    assert values(day)[("portail", "requests_handled")] == 7


def test_requests_handled_fails_rather_than_give_a_partial_sum(portal_only):
    indicator_registry = portal_only
    day = date(2026, 10, 31)
    indicator_registry.register_indicator(make_indicator(key="demands", compute=broken, counts_as_request=True))
    report = snapshot_take(day=day)
    assert ("portail", "requests_handled") in report.failed
    assert ("portail", "accounts_created") in report.saved


def test_backfill_takes_one_snapshot_per_day_oldest_first(portal_only):
    reports = snapshot_backfill(last_day=date(2026, 10, 31), days=3)
    assert [r.day for r in reports] == [date(2026, 10, 29), date(2026, 10, 30), date(2026, 10, 31)]
    assert Snapshot.objects.filter(product="portail", key="accounts_created").count() == 3


def test_command_snapshots_yesterday_by_default(portal_only):
    out = StringIO()
    call_command("impact_snapshot", stdout=out)
    yesterday = timezone.localdate() - timedelta(days=1)
    assert ("portail", "accounts_created") in values(yesterday)
    assert f"{yesterday:%d/%m/%Y} : " in out.getvalue()


def test_command_with_date_and_backfill(portal_only):
    call_command("impact_snapshot", "--date", "2026-02-02", "--backfill", "3", stdout=StringIO())
    assert sorted(set(Snapshot.objects.values_list("date", flat=True))) == [
        date(2026, 1, 31),
        date(2026, 2, 1),
        date(2026, 2, 2),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "31/01/2026"], "Date invalide"),
        (["--date", "2999-01-01"], "pas encore passé"),
        (["--backfill", "0"], "au moins 1"),
    ],
)
def test_command_rejects_bad_input_in_french(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("impact_snapshot", *args, stdout=StringIO())


def test_command_reports_failures_and_keeps_the_rest(portal_only):
    indicator_registry = portal_only
    indicator_registry.register_indicator(make_indicator(key="broken", compute=broken))
    err = StringIO()
    with pytest.raises(CommandError, match="1 relevé"):
        call_command("impact_snapshot", "--date", "2026-02-02", stdout=StringIO(), stderr=err)
    assert "chaleur/broken non relevé" in err.getvalue()
    assert ("portail", "accounts_created") in values(date(2026, 2, 2))
