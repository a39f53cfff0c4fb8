"""The peer platform's ads, with dates relative to the day of the import."""

import csv
from datetime import date

import pytest

from transition.products.comobi.domain.mobicoop_ads import (
    EMPTY,
    MARGIN_MIN,
    PAST,
    ad_line_read,
    names_from_email,
    relative_date,
)
from transition.products.comobi.domain.schedule_text import TextError

TODAY = date(2025, 3, 31)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("+P0D", TODAY),
        ("+P15D", date(2025, 4, 15)),
        ("-P2M", date(2025, 1, 31)),
        ("-P1M", date(2025, 2, 28)),  # clamped to the month's end
        ("-P1M15D", date(2025, 2, 13)),
        ("+P1Y", date(2026, 3, 31)),
        ("+P13M", date(2026, 4, 30)),
        ("-P2Y", date(2023, 3, 31)),
        ("+P1W", date(2025, 4, 7)),
    ],
)
def test_relative_date(text, day):
    assert relative_date(text, today=TODAY) == day


@pytest.mark.parametrize("text", ["P1D", "+P", "+1D", "-PT2H", "", "+P1D2M"])
def test_relative_date_refuses(text):
    with pytest.raises(TextError):
        relative_date(text, today=TODAY)


@pytest.mark.parametrize(
    ("email", "names"),
    [
        ("paloma.ponctuel@yopmail.com", ("Paloma", "Ponctuel")),
        ("cora-paloma.varie@yopmail.com", ("Cora-Paloma", "Varie")),
        ("rechad.okaz@yopmail.com", ("Rechad", "Okaz")),
        ("solo@yopmail.com", ("Solo", "")),
    ],
)
def test_names_from_email(email, names):
    assert names_from_email(email) == names


def cells(text: str) -> list[str]:
    return text.split(";")


def test_punctual_driver_round_trip_same_day():
    result = ad_line_read(cells("a.b@x.fr;0;0;1;1;laxou;woippy;+P1M;08:00;+P1M;19:00"), line=1, today=TODAY)
    (line,) = result.values
    assert (line.is_offer, line.day, line.time_min, line.return_min) == (True, date(2025, 4, 30), 480, 1140)


def test_punctual_passenger_gets_the_margin():
    result = ad_line_read(cells("k.l@x.fr;0;1;1;2;nancy;metz;+P14D;18:00"), line=1, today=TODAY)
    (line,) = result.values
    assert (line.is_offer, line.time_min, line.return_min) == (False, 18 * 60 - MARGIN_MIN, None)


def test_punctual_return_another_day_is_a_second_trip():
    result = ad_line_read(cells("a.b@x.fr;0;0;1;1;laxou;woippy;+P1D;08:00;+P3D;19:00"), line=1, today=TODAY)
    outward, back = result.values
    assert (outward.day, outward.return_min) == (date(2025, 4, 1), None)
    assert (back.origin, back.destination, back.day, back.time_min) == ("woippy", "laxou", date(2025, 4, 3), 1140)


def test_past_punctual_ad_is_left_out():
    assert ad_line_read(cells("a.b@x.fr;0;1;1;1;nancy;metz;-P2M;08:00"), line=1, today=TODAY).skipped == PAST


def test_regular_ad_split_by_distinct_times():
    text = "c.p@x.fr;0;0;2;3;fléville;pulnoy;+P0D;;+P1Y;;1;07:30;17:30;1;07:30;17:30;1;07:30;13:30;1;07:30;17:30;1;11:30;17:30;0;;;0;;"
    result = ad_line_read(cells(text), line=1, today=TODAY)
    groups = {(line.time_min, line.return_min): line.weekdays for line in result.values}
    assert groups == {(450, 1050): frozenset({0, 1, 3}), (450, 810): frozenset({2}), (690, 1050): frozenset({4})}
    assert all(line.valid_until == date(2026, 3, 31) and line.valid_from is None for line in result.values)


def test_regular_ad_starting_later():
    text = "c.p@x.fr;0;0;2;1;a;b;+P2M;;+P6M;;0;;;0;;;0;;;0;;;0;;;1;10:00;14:00;0;;"
    (line,) = ad_line_read(cells(text), line=1, today=TODAY).values
    assert (line.weekdays, line.valid_from, line.time_min) == (frozenset({5}), date(2025, 5, 31), 600)


def test_regular_ad_past_its_limit_is_left_out():
    text = "c.p@x.fr;0;0;2;1;a;b;-P6M;;-P1D;;1;07:00;;0;;;0;;;0;;;0;;;0;;;0;;"
    assert ad_line_read(cells(text), line=1, today=TODAY).skipped == PAST


def test_regular_passenger_without_times():
    text = "r.r@x.fr;1;2;2;2;guenange;arsenal metz;+P0D;;+P12M;;1;;;1;;;1;;;1;;;1;;;1;;;1;;"
    (line,) = ad_line_read(cells(text), line=1, today=TODAY).values
    assert (line.is_offer, line.weekdays, line.time_min) == (False, frozenset(range(7)), None)


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("pas-un-email;0;1;1;1;a;b;+P1D;08:00", "email"),
        ("a.b@x.fr;0;1;1;4;a;b;+P1D;08:00", "role"),
        ("a.b@x.fr;0;1;1;1;;b;+P1D;08:00", "origin"),
        ("a.b@x.fr;0;1;1;1;a;b;demain;08:00", "outwardDate"),
        ("a.b@x.fr;0;1;1;1;a;b;+P1D;", "outwardTime"),
        ("a.b@x.fr;0;1;2;1;a;b;+P0D;;+P1Y;;0;;;0;;;0;;;0;;;0;;;0;;;0;;", "mon"),
        ("a.b@x.fr;0;1;2;1;a;b;+P0D;;+P1Y;;1;;;0;;;0;;;0;;;0;;;0;;;0;;", "monOutwardTime"),
    ],
)
def test_errors(text, column):
    result = ad_line_read(cells(text), line=3, today=TODAY)
    assert result.values is None
    assert column in {c for c, _ in result.errors}, result.errors


def test_blank_line():
    assert ad_line_read(["", " "], line=3, today=TODAY).skipped == EMPTY


@pytest.mark.shared_data
def test_the_peer_platforms_file_reads_without_error(shared_data):
    with (shared_data / "comobi" / "Basic_Ads_ads.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    results = [ad_line_read(r, line=n, today=TODAY) for n, r in enumerate(rows, start=1)]
    assert [r.errors for r in results if r.errors] == []
    offers = [line for r in results if r.values for line in r.values if line.is_offer]
    requests = [line for r in results if r.values for line in r.values if not line.is_offer]
    past = [r for r in results if r.skipped == PAST]
    assert offers and requests and past
    # every punctual ad dated before today is left out; none dated after is
    assert all(line.day is None or line.day >= TODAY for line in offers + requests)
