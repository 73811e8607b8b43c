"""Private messages: the inbox, conversation threads, blocking."""

from flask import Blueprint

bp = Blueprint("messages", __name__)

from . import routes  # noqa: E402, F401  (attaches the views to bp)
