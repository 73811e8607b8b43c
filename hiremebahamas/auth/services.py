"""Accounts: registration, sign-in checks, verification and password reset."""

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..mail import send_mail
from ..models import User
from ..models._base import utcnow
from . import passwords, tokens

# Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH: dict[str, str] = {}


class DuplicateAccount(Exception):
    """The email or username is taken; `field` names which."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def taken_field(email: str, username: str) -> DuplicateAccount | None:
    if db.session.scalar(select(User.id).where(User.email == email)):
        return DuplicateAccount(
            "email", "An account with that email already exists. Sign in or reset your password."
        )
    if db.session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        return DuplicateAccount("username", "That username is taken; choose another.")
    return None


def register_user(
    *,
    account_type: str,
    name: str,
    username: str,
    email: str,
    password: str,
    company_name: str | None = None,
) -> User:
    """Create the account and queue its verification mail, in one transaction."""
    duplicate = taken_field(email, username)
    if duplicate:
        raise duplicate
    user = User(
        account_type=account_type,
        name=name,
        username=username,
        email=email,
        password_hash=passwords.hash_password(password),
        company_name=company_name if account_type == "employer" else None,
    )
    db.session.add(user)
    try:
        db.session.flush()
        send_verification_mail(user)
        db.session.commit()
    except IntegrityError as exc:
        # Two sign-ups raced for the same email or username.
        db.session.rollback()
        raise taken_field(email, username) or DuplicateAccount(
            "email", "That account already exists."
        ) from exc
    return user


def send_verification_mail(user: User) -> None:
    send_mail(
        "verify_email",
        user,
        "Confirm your email address for HireMeBahamas",
        "verify_email",
        token=tokens.make_token(user, "verify"),
    )


def authenticate(email: str, password: str) -> User | None:
    """The user these credentials belong to, or None; upgrades old hashes on the way."""
    user = User.by_email(email)
    if user is None:
        if "hash" not in _DUMMY_HASH:
            _DUMMY_HASH["hash"] = passwords.hash_password("not-a-real-password")
        passwords.verify_password(_DUMMY_HASH["hash"], password)
        return None
    if not passwords.verify_password(user.password_hash, password):
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_seen_at = utcnow()
    db.session.commit()
    return user


def verify_email(token: str) -> User:
    user = tokens.read_token(token, "verify", current_app.config["VERIFY_TOKEN_MAX_AGE"])
    user.mark_email_verified()
    db.session.commit()
    return user


def request_password_reset(email: str) -> None:
    """Mail a reset link if the account exists; say nothing either way to the requester."""
    user = User.by_email(email)
    if user is None:
        return
    send_mail(
        "reset_password",
        user,
        "Reset your HireMeBahamas password",
        "reset_password",
        token=tokens.make_token(user, "reset"),
        minutes=current_app.config["RESET_TOKEN_MAX_AGE"] // 60,
    )
    db.session.commit()


def user_for_reset(token: str) -> User:
    return tokens.read_token(token, "reset", current_app.config["RESET_TOKEN_MAX_AGE"])


def reset_password(user: User, new_password: str) -> None:
    """Set the new password; this spends the link and signs out every other session."""
    user.password_hash = passwords.hash_password(new_password)
    user.end_other_sessions()
    # Whoever read the reset mail controls the address.
    user.mark_email_verified()
    db.session.commit()
