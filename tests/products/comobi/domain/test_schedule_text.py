from datetime import date, datetime, time

import pytest

from transition.products.comobi.domain.schedule_text import (
    TextError,
    date_parse,
    datetime_parse,
    time_parse,
    weekdays_parse,
    weekdays_text,
)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Lundi, Mardi, Mercredi, Jeudi, Vendredi", {0, 1, 2, 3, 4}),
        ("lundi jeudi", {0, 3}),
        ("Lun; Mer; ven", {0, 2, 4}),
        ("SAMEDI et dimanche", {5, 6}),
        ("du lundi au vendredi", {0, 1, 2, 3, 4}),
        ("vendredi au lundi", {4, 5, 6, 0}),
        ("en semaine", {0, 1, 2, 3, 4}),
        ("tous les jours", set(range(7))),
        ("le week-end", {5, 6}),
        ("", set()),
        ("  ", set()),
        ("Mardi, mardi", {1}),
    ],
)
def test_weekdays_parse(text, days):
    assert weekdays_parse(text) == frozenset(days)


@pytest.mark.parametrize("text", ["lundi, foo", "monday", "lundi 8h"])
def test_weekdays_parse_refuses_unknown_words(text):
    with pytest.raises(TextError, match="jour non reconnu"):
        weekdays_parse(text)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ({0, 1, 2, 3, 4}, "du lundi au vendredi"),
        ({0, 2, 4}, "lundi, mercredi et vendredi"),
        ({6}, "dimanche"),
        (set(range(7)), "tous les jours"),
        ({5, 6}, "samedi et dimanche"),
    ],
)
def test_weekdays_text(days, text):
    assert weekdays_text(frozenset(days)) == text
    assert weekdays_parse(text) == frozenset(days)


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("10:00:00", 600),
        ("8:05", 485),
        ("08h30", 510),
        ("8h", 480),
        ("8 h 30", 510),
        ("23:59", 1439),
        ("", None),
        (None, None),
        (time(7, 45), 465),
        (datetime(2025, 1, 1, 6, 30), 390),
    ],
)
def test_time_parse(value, minutes):
    assert time_parse(value) == minutes


@pytest.mark.parametrize("value", ["24:00", "8:75", "matin", "8.30", "=1+1"])
def test_time_parse_refuses(value):
    with pytest.raises(TextError):
        time_parse(value)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("04/02/2021", date(2021, 2, 4)),
        ("4/2/2021", date(2021, 2, 4)),
        ("04/02/2021 17:48:14", date(2021, 2, 4)),
        ("2021-02-04", date(2021, 2, 4)),
        (date(2021, 2, 4), date(2021, 2, 4)),
        ("", None),
    ],
)
def test_date_parse(value, day):
    assert date_parse(value) == day


@pytest.mark.parametrize("value", ["31/02/2021", "02-04-2021", "demain"])
def test_date_parse_refuses(value):
    with pytest.raises(TextError, match="date"):
        date_parse(value)


def test_datetime_parse():
    assert datetime_parse("04/02/2021 17:48:14") == datetime(2021, 2, 4, 17, 48)
    assert datetime_parse("04/02/2021") == datetime(2021, 2, 4)
    assert datetime_parse("") is None
