"""Small response helpers shared by every blueprint."""

from urllib.parse import urlsplit

from flask import redirect


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
