"""Jinja filters and the values every page's header needs."""

from datetime import date, datetime

from flask import Flask
from flask_login import current_user
from markupsafe import Markup, escape

from . import vocab
from .notifications.counts import unread_counts
from .timezone import nassau_today, to_nassau


def nassau_datetime(moment: datetime | None, fmt: str = "%-d %b %Y, %-I:%M %p") -> str:
    """A stored UTC time as Bahamas local time."""
    return to_nassau(moment).strftime(fmt) if moment else ""


def nassau_date(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = to_nassau(moment).date()
    return moment.strftime("%-d %b %Y")


def bsd(amount: int | None) -> str:
    """Bahamian dollars: $1,250 (BSD is pegged 1:1 to USD and written with $)."""
    return "" if amount is None else f"${amount:,}"


def salary_range(job) -> str:
    """'$2,000–$2,800 BSD per month', or '' when the employer gave no salary."""
    low, high = job.salary_min, job.salary_max
    if low is None and high is None:
        return ""
    period = vocab.SALARY_PERIODS.get(job.salary_period or "", "")
    if low is not None and high is not None and low != high:
        amount = f"{bsd(low)}–{bsd(high)}"
    elif low is not None and high is not None:
        amount = bsd(low)
    elif low is not None:
        amount = f"from {bsd(low)}"
    else:
        amount = f"up to {bsd(high)}"
    return f"{amount} BSD {period}".strip()


def paragraphs(text: str | None) -> Markup:
    """Plain text with its paragraphs and line breaks kept, everything escaped."""
    if not text:
        return Markup("")
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return Markup("\n").join(
        Markup("<p>{}</p>").format(Markup("<br>\n").join(escape(line) for line in b.split("\n")))
        for b in blocks
        if b
    )


def header_counts() -> dict[str, int]:
    """Unread messages and notifications for the signed-in user (cached; see counts.py)."""
    if not current_user.is_authenticated:
        return {}
    return unread_counts(current_user.id)


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        nassau_datetime=nassau_datetime,
        nassau_date=nassau_date,
        bsd=bsd,
        salary_range=salary_range,
        paragraphs=paragraphs,
    )
    # Functions, not values: only pages that use them pay for the query or the CSRF token
    # (a token written to the session would set a cookie on every anonymous page).
    app.jinja_env.globals.update(
        vocab=vocab, nassau_today=nassau_today, header_counts=header_counts
    )
