"""Views for /u, /people, /posts and /comments."""

from . import bp  # noqa: F401
