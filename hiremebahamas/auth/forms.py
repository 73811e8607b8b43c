"""Forms for signing up, signing in and resetting a password."""

import re

from wtforms import BooleanField, EmailField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from ..forms import Form, email_field, normalise_email, strip, vocab_choices
from ..vocab import ACCOUNT_TYPES
from .passwords import MAX_LENGTH, password_problem

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_]{3,30}$")
# Paths that a username would shadow or confuse.
RESERVED_USERNAMES = frozenset(
    [
        "admin",
        "administrator",
        "root",
        "support",
        "help",
        "hiremebahamas",
        "list",
        "new",
        "feed",
        "jobs",
        "people",
        "posts",
        "messages",
        "notifications",
        "settings",
        "auth",
        "api",
        "static",
        "health",
        "me",
        "null",
        "undefined",
    ]
)


class RegisterForm(Form):
    account_type = RadioField(
        "I am",
        choices=vocab_choices(ACCOUNT_TYPES),
        default="seeker",
        validators=[DataRequired("Choose job seeker or employer.")],
    )
    name = StringField(
        "Your name",
        filters=[strip],
        validators=[DataRequired("Enter your name."), Length(max=100)],
    )
    username = StringField(
        "Username",
        filters=[strip],
        description="3–30 letters, digits or underscores; your profile lives at /u/username.",
        validators=[DataRequired("Choose a username.")],
    )
    email = email_field("Email", "Enter your email address.")
    password = PasswordField(
        "Password",
        description="At least 8 characters.",
        validators=[DataRequired("Choose a password.")],
    )
    company_name = StringField(
        "Company name (employers)",
        filters=[strip],
        validators=[Length(max=120)],
    )

    def validate_username(self, field):
        if not USERNAME_PATTERN.match(field.data or ""):
            raise ValidationError("Use 3–30 letters, digits or underscores.")
        if field.data.lower() in RESERVED_USERNAMES:
            raise ValidationError("That username is reserved; choose another.")

    def validate_password(self, field):
        problem = password_problem(
            field.data or "",
            self.name.data or "",
            self.username.data or "",
            self.email.data or "",
        )
        if problem:
            raise ValidationError(problem)

    def validate_company_name(self, field):
        if self.account_type.data == "employer" and not field.data:
            raise ValidationError("Employers need a company name.")


class LoginForm(Form):
    email = EmailField(
        "Email",
        filters=[normalise_email],
        validators=[DataRequired("Enter your email address."), Length(max=254)],
    )
    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password."), Length(max=MAX_LENGTH)]
    )
    remember = BooleanField("Keep me signed in on this device")


class ResetRequestForm(Form):
    email = email_field("Email", "Enter your email address.")


class ResetPasswordForm(Form):
    password = PasswordField(
        "New password",
        description="At least 8 characters.",
        validators=[DataRequired("Choose a new password.")],
    )

    def validate_password(self, field):
        problem = password_problem(field.data or "")
        if problem:
            raise ValidationError(problem)
