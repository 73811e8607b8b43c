"""Signed, expiring, single-use links for email verification and password reset."""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from ..models import User


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"hmb-{purpose}")


def _fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def _state(user: User, purpose: str) -> str:
    """What must still hold when the link is used; a change makes the link single-use."""
    if purpose == "reset":
        # Once the password changes (by this link or otherwise), the link stops working.
        return _fingerprint(user.password_hash)
    # Bound to the address, and spent once that address is verified.
    return _fingerprint(f"{user.email}|{user.email_verified_at is None}")


def make_token(user: User, purpose: str) -> str:
    return _serializer(purpose).dumps({"uid": user.id, "state": _state(user, purpose)})


class TokenError(Exception):
    """The link is tampered with, expired or already used; the message says which."""


def read_token(token: str, purpose: str, max_age: int) -> User:
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError("That link has expired. Ask for a new one below.") from exc
    except BadSignature as exc:
        raise TokenError("That link is not valid. Check that you copied all of it.") from exc
    user = db.session.get(User, payload.get("uid")) if isinstance(payload, dict) else None
    if user is None or payload.get("state") != _state(user, purpose):
        raise TokenError("That link has already been used or is no longer valid.")
    return user
