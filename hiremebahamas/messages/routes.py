"""Views for /messages."""

from . import bp  # noqa: F401
