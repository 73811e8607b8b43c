"""Views for /notifications."""

from . import bp  # noqa: F401
