import datetime as dt

import pytest
from hypothesis import given, strategies as st

from newskit.text import dates


@pytest.mark.parametrize(("month", "day", "year", "valid"), [
    (2, 29, None, True), (2, 29, 2020, True), (2, 29, 2021, False), (2, 30, None, False),
    (4, 31, None, False), (4, 30, 2020, True), (12, 31, 2019, True), (13, 1, None, False), (1, 0, None, False),
])
def test_is_valid_date(month, day, year, valid):
    assert dates.is_valid_date(month, day, year) is valid


@pytest.mark.parametrize(("text", "weekday"), [
    ("星期六", 5), ("周六", 5), ("礼拜天", 6), ("星期日", 6), ("周一", 0), ("天气晴", None),
])
def test_parse_weekday(text, weekday):
    assert dates.parse_weekday(text) == weekday


def test_years_with_weekday_leap_day_saturday():
    assert dates.years_with_weekday(2, 29, 5, 1950, 2050) == (1964, 1992, 2020, 2048)


def test_years_with_weekday_never_includes_a_missing_date():
    assert 2021 not in dates.years_with_weekday(2, 29, dates.weekday_of(2020, 2, 29), 2000, 2030)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_real_date_is_among_its_candidate_years(day):
    assert day.year in dates.years_with_weekday(day.month, day.day, day.weekday(), 1950, 2100)


@pytest.mark.parametrize(("text", "value"), [
    ("五", 5), ("十", 10), ("十二", 12), ("二十九", 29), ("三十一", 31), ("12", 12), ("", None),
])
def test_chinese_number(text, value):
    assert dates.chinese_number(text) == value


@pytest.mark.parametrize("text", ["二〇二〇", "二零二〇", "二O二〇"])
def test_chinese_digits(text):
    assert dates.chinese_digits(text) == 2020


def test_find_dates_with_weekday_and_styles():
    [m] = dates.find_dates("2月29日 星期六 天气晴")
    assert (m.year, m.month, m.day, m.weekday) == (None, 2, 29, 5)
    assert "2月29日 星期六 天气晴"[m.weekday_start:m.weekday_end] == "星期六"
    [m] = dates.find_dates("发表了二〇二〇年三月五日的讲话")
    assert (m.year, m.month, m.day, m.mixed_numerals) == (2020, 3, 5, False)
    [m] = dates.find_dates("二〇二〇年3月5日")
    assert m.mixed_numerals


@pytest.mark.parametrize("text", ["第112月3日", "1.2月3日", "12345", "3个月1日后", "七八月五日"])
def test_find_dates_ignores_non_dates(text):
    assert list(dates.find_dates(text)) == []


def test_find_dates_reports_invalid_dates_as_invalid():
    [m] = dates.find_dates("4月31日")
    assert not m.valid


def test_resolve_year_prefers_the_past():
    assert dates.resolve_year(12, 1, dt.date(2020, 3, 19)) == 2019
    assert dates.resolve_year(3, 18, dt.date(2020, 3, 19)) == 2020
    assert dates.resolve_year(2, 29, dt.date(2021, 3, 19)) == 2020


@given(st.text(alphabet="0123456789月日年号星期周六十一二三〇 （）", max_size=60))
def test_find_dates_never_raises_and_spans_are_in_bounds(text):
    for m in dates.find_dates(text):
        assert 0 <= m.start < m.end <= len(text)
