"""Abuse limits (Flask-Limiter): what a person or an address may do how often.

Limits live in config (RATE_LIMITS) so operators can tune them; they are counted in Redis
when it is configured, in memory otherwise, and in memory while Redis is down.
"""

from flask import current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from .extensions import limiter

DEFAULT_LIMITS = {
    "login_ip": "30 per 10 minutes",  # failed sign-ins from one address
    "login_account": "10 per 10 minutes",  # failed sign-ins to one account
    "register_ip": "10 per hour",
    "reset_ip": "5 per 15 minutes",
    "post": "30 per hour",
    "comment": "60 per hour",
    "message": "10 per minute; 100 per hour",
    "application": "30 per day",
    "report": "20 per day",
}


def configured(name: str):
    """The limit string for `name`, read when the request comes in (so tests can change it)."""
    return lambda: current_app.config.get("RATE_LIMITS", {}).get(name, DEFAULT_LIMITS[name])


def per_person() -> str:
    """Signed-in actions count per account; anything else per address."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"ip:{get_remote_address()}"


def per_login_account() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def failed_sign_in(response) -> bool:
    """Only attempts that did not sign anyone in count towards the sign-in limits."""
    return response.status_code != 303


def by_address(name: str):
    return limiter.limit(configured(name), methods=["POST"], key_func=get_remote_address)


def by_person(name: str):
    """One allowance per person for all the routes that share `name` (e.g. every report)."""
    return limiter.shared_limit(configured(name), scope=name, methods=["POST"], key_func=per_person)


def sign_in_limits(view):
    """Per address and per account, counting failed attempts only."""
    view = limiter.limit(
        configured("login_account"),
        methods=["POST"],
        key_func=per_login_account,
        deduct_when=failed_sign_in,
    )(view)
    return limiter.limit(
        configured("login_ip"),
        methods=["POST"],
        key_func=get_remote_address,
        deduct_when=failed_sign_in,
    )(view)


def seconds_until_reset() -> int | None:
    """When the limit just breached lets the person try again."""
    import time

    limit = getattr(limiter, "current_limit", None)
    if limit is None or not getattr(limit, "reset_at", None):
        return None
    return max(1, int(limit.reset_at - time.time()))
