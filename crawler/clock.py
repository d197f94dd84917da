"""The run's clock: one time per run, that plans which articles are due and stamps what the run stores.

``PROJWATCH_NOW`` (a Scrapy setting, ISO 8601 with an offset, e.g. ``-s PROJWATCH_NOW=2026-12-01T08:30:00+00:00``)
sets it, so that tests and benchmarks can play a day of half-hourly runs in seconds; unset, it is the time the
run starts. Stamping a run's pages with its start keeps a page's next check on the cron grid: a page due
three hours after a run is due at the run three hours later, not half an hour after that.
"""
from datetime import datetime, timezone

NOW_SETTING = "PROJWATCH_NOW"


class ClockError(ValueError):
    """``PROJWATCH_NOW`` is no ISO 8601 time with an offset."""


def run_time(value: str | None = None) -> datetime:
    """The run's time in UTC: ``value`` (ISO 8601 with an offset) where given, else now."""
    if not value:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ClockError(f"{NOW_SETTING}={value!r}: not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ClockError(f"{NOW_SETTING}={value!r}: needs an offset, e.g. +00:00")
    return moment.astimezone(timezone.utc)
