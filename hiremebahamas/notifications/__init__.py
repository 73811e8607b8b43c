"""Notifications: the in-app list, read state, and `notify` (services.py) for every feature."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from . import routes  # noqa: E402, F401  (attaches the views to bp)
