"""Views for /settings."""

from . import bp  # noqa: F401
