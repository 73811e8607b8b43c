"""The Bahamas' clock: times are stored in UTC and shown in America/Nassau."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

NASSAU = ZoneInfo("America/Nassau")


def to_nassau(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # SQLite returns naive values; they are UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(NASSAU)


def nassau_today() -> date:
    """Today's date in the Bahamas: a job closing "today" is open until local midnight."""
    return datetime.now(NASSAU).date()
