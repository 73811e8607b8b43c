"""Changing a person's profile, sign-in details and email preferences."""

from sqlalchemy.exc import IntegrityError

from ..auth.passwords import hash_password
from ..auth.services import send_verification_mail
from ..caching import clear_job_pages
from ..extensions import db
from ..models import User

PROFILE_FIELDS = (
    "name",
    "headline",
    "bio",
    "skills",
    "island",
    "open_to_work",
    "work_status",
    "company_name",
    "company_website",
)
EMAIL_PREFERENCES = (
    "email_on_application",
    "email_on_status",
    "email_on_message",
    "email_on_alerts",
)


class EmailTaken(Exception):
    """Another account took the address between the form check and the save."""


def update_profile(user: User, fields: dict) -> None:
    """Save the profile fields the form had (blank optional text is stored as nothing)."""
    changed = False
    for name in PROFILE_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if isinstance(value, str):
            value = value or None
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    db.session.commit()
    if changed and user.is_employer:
        # Job pages show the employer's name, headline and company; visitors' copies are cached.
        clear_job_pages()


def change_email(user: User, new_email: str) -> None:
    """Move the account to a new address, unconfirmed, and mail a confirmation link there."""
    user.email = new_email
    user.email_verified_at = None
    try:
        db.session.flush()
    except IntegrityError as exc:
        db.session.rollback()
        raise EmailTaken("Another account uses that email address.") from exc
    send_verification_mail(user)
    db.session.commit()


def change_password(user: User, new_password: str) -> None:
    """Set a new password and end every other session (the caller signs this one in again)."""
    user.password_hash = hash_password(new_password)
    user.end_other_sessions()
    db.session.commit()


def save_email_preferences(user: User, preferences: dict) -> None:
    """Switch the per-kind notification mails on or off (those the form had)."""
    for name in EMAIL_PREFERENCES:
        if name in preferences:
            setattr(user, name, bool(preferences[name]))
    db.session.commit()
