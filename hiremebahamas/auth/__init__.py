"""Accounts: sign up, sign in, sign out, email verification, password reset."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import routes  # noqa: E402, F401  (attaches the views to bp)
