"""Small response helpers shared by every blueprint."""

import re
from urllib.parse import urlsplit

from flask import redirect, request

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
MAX_PAGE = 10_000


def see_other(location: str):
    """Post/redirect/get: every state change answers 303 See Other."""
    return redirect(location, code=303)


def safe_next(target: str | None) -> str | None:
    """Only a relative path on this site: no scheme, no host, no protocol-relative //."""
    if not target or "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def whole_number(raw: str | None) -> int | None:
    """A small non-negative whole number typed in ASCII digits, or None (never an error:
    int() would take "²"-like characters or numbers too large for the database)."""
    raw = (raw or "").strip()
    return int(raw) if WHOLE_NUMBER.fullmatch(raw) else None


def page_number() -> int:
    """The `page` query parameter as a page number from 1 to MAX_PAGE (1 when it is odd)."""
    number = whole_number(request.args.get("page"))
    return min(number, MAX_PAGE) if number else 1
