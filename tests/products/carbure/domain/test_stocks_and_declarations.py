from datetime import date

import pytest

from transition.products.carbure.domain import declarations, stocks


@pytest.mark.parametrize(
    ("initial", "remaining", "allowed"),
    [(34500, 1725, True), (34500, 1725.01, False), (34500, 0.5, True), (34500, 0, False), (10000, 500, True)],
)
def test_flush_when_at_most_five_percent_remains(initial, remaining, allowed):
    assert (stocks.flush_refusal(initial_l=initial, remaining_l=remaining) is None) is allowed


@pytest.mark.parametrize(
    ("remaining", "volume", "allowed"), [(4500, 4500, True), (4500, 4500.01, False), (4500, 0, False)]
)
def test_split(remaining, volume, allowed):
    assert (stocks.split_refusal(remaining_l=remaining, volume_l=volume) is None) is allowed


def test_etbe_transformation():
    t = stocks.etbe_transformation(
        biofuel_code="ETH",
        remaining_l=10000,
        volume_ethanol_l=4700,
        volume_etbe_l=10000,
        volume_denaturant_l=47,
        volume_etbe_eligible_l=4700,
    )
    assert (t.volume_ethanol_l, t.volume_etbe_l) == (4700, 10000)
    for bad in (
        {"biofuel_code": "EMHV"},
        {"volume_ethanol_l": 10000.01},
        {"volume_etbe_eligible_l": 10000.5},
        {"volume_etbe_l": 0},
        {"volume_denaturant_l": -1},
    ):
        args = {
            "biofuel_code": "ETH",
            "remaining_l": 10000,
            "volume_ethanol_l": 4700,
            "volume_etbe_l": 10000,
            "volume_denaturant_l": 47,
            "volume_etbe_eligible_l": 4700,
            **bad,
        }
        with pytest.raises(stocks.StockRuleError):
            stocks.etbe_transformation(**args)


@pytest.mark.parametrize(
    ("period", "deadline"),
    [
        (202506, date(2025, 7, 31)),
        (202501, date(2025, 2, 28)),
        (202401, date(2024, 2, 29)),
        (202512, date(2026, 1, 31)),
    ],
)
def test_deadline_is_the_last_day_of_the_next_month(period, deadline):
    assert declarations.deadline(period) == deadline


def test_validation_refusals():
    assert declarations.validation_refusal(counts=declarations.PeriodLots(), year_locked=False) is None
    assert "verrouillée" in declarations.validation_refusal(counts=declarations.PeriodLots(), year_locked=True)
    reason = declarations.validation_refusal(
        counts=declarations.PeriodLots(pending=1, in_correction=2, rejected=1), year_locked=False
    )
    assert reason == (
        "Déclaration impossible : 1 lot attend une réponse, 2 lots sont en correction, 1 lot refusé reste à traiter."
    )


@pytest.mark.parametrize(
    ("today", "declared", "reminded", "due"),
    [
        (date(2025, 7, 15), False, False, False),
        (date(2025, 7, 16), False, False, True),
        (date(2025, 7, 31), False, False, True),
        (date(2025, 8, 1), False, False, False),
        (date(2025, 7, 20), True, False, False),
        (date(2025, 7, 20), False, True, False),
    ],
)
def test_reminder_fifteen_days_before_the_deadline(today, declared, reminded, due):
    assert (
        declarations.reminder_due(period=202506, today=today, declared=declared, reminded=reminded, days_before=15)
        is due
    )


def test_periods():
    assert declarations.next_period(202512) == 202601 and declarations.previous_period(202601) == 202512
    assert declarations.period_label(202506) == "juin 2025"
    assert not declarations.is_valid_period(202513)


@pytest.mark.parametrize(
    "period, expected",
    [(202604, "d’avril 2026"), (202608, "d’août 2026"), (202610, "d’octobre 2026"), (202606, "de juin 2026")],
)
def test_a_period_after_de_is_elided_before_a_vowel(period, expected):
    assert declarations.period_of(period) == expected


def test_stock_refusals_write_volumes_the_french_way():
    """« 30 000.00 litres » (a decimal point) became « 30 000 litres »."""
    assert (
        stocks.split_refusal(remaining_l=30000, volume_l=40000) == "Le stock ne contient plus que 30\u202f000 litres."
    )
    assert "il reste 2\u202f000,25 litres sur 34\u202f500." in stocks.flush_refusal(
        initial_l=34500, remaining_l=2000.25
    )
