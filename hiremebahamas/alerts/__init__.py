"""Job alerts: saved searches mailed daily or weekly."""

from flask import Blueprint

bp = Blueprint("alerts", __name__)

from . import routes  # noqa: E402, F401  (attaches the views to bp)
