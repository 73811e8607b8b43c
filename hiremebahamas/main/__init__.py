"""The home page, the health check and the error pages."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from . import routes  # noqa: E402, F401  (attaches the views to bp)
