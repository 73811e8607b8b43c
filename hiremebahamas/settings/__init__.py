"""A person's own settings: profile, account (email, password), email preferences."""

from flask import Blueprint

bp = Blueprint("settings", __name__)

from . import routes  # noqa: E402, F401  (attaches the views to bp)
