"""crawler/clock.py: the run's time, from PROJWATCH_NOW or the wall clock."""
from datetime import datetime, timedelta, timezone

import pytest

from crawler.clock import ClockError, run_time


@pytest.mark.parametrize("value, expected", [
    ("2026-12-01T08:30:00+00:00", datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc)),
    ("2026-12-01T10:30:00+02:00", datetime(2026, 12, 1, 8, 30, tzinfo=timezone.utc)),   # read in UTC
])
def test_a_set_time_is_read_in_utc(value, expected):
    moment = run_time(value)
    assert moment == expected and moment.utcoffset() == timedelta(0)


def test_no_value_is_now():
    assert abs(run_time(None) - datetime.now(timezone.utc)) < timedelta(seconds=5)


@pytest.mark.parametrize("value, message", [
    ("yesterday", "not an ISO 8601 time"),
    ("2026-12-01T08:30:00", "needs an offset"),
])
def test_an_unreadable_time_is_one_clear_error(value, message):
    with pytest.raises(ClockError, match=message):
        run_time(value)
