"""Moderation and operations, for administrators only (made with `flask create-admin`)."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import routes  # noqa: E402, F401  (attaches the views to bp)
