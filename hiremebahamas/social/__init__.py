"""The professional network: profiles, people search, follows, the feed, likes, comments."""

from flask import Blueprint

bp = Blueprint("social", __name__)

from . import posts, routes  # noqa: E402, F401  (attach the views to bp)
