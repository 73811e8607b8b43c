"""The professional network: profiles, people search, follows, the feed, likes, comments."""

from flask import Blueprint

bp = Blueprint("social", __name__)

from . import routes  # noqa: E402, F401  (attaches the views to bp)
