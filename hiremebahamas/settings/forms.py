"""Forms for a person's profile, account (email, password) and email preferences."""

from urllib.parse import urlsplit

from wtforms import (
    BooleanField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..auth.passwords import MAX_LENGTH, password_problem, verify_password
from ..forms import Form, email_field, strip, vocab_choices
from ..models import User
from ..vocab import ISLANDS, WORK_STATUSES


def tidy_skills(value: str | None) -> str | None:
    """'python ,SQL,, python' → 'python, SQL': trimmed, without blanks or repeats."""
    if not isinstance(value, str):
        return value
    skills: dict[str, str] = {}
    for skill in value.split(","):
        skill = " ".join(skill.split())
        if skill:
            skills.setdefault(skill.lower(), skill)
    return ", ".join(skills.values())


def web_address(_form, field) -> None:
    """A full http(s) address with a real host name, such as https://www.example.com."""
    if not field.data:
        return
    try:
        parts = urlsplit(field.data)
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    looks_wrong = any(ch.isspace() for ch in field.data) or "." not in host.strip(".")
    if parts is None or parts.scheme not in ("http", "https") or looks_wrong:
        raise ValidationError("Enter the full address, starting with https:// or http://.")


class ProfileForm(Form):
    name = StringField(
        "Your name",
        filters=[strip],
        validators=[DataRequired("Enter your name."), Length(max=100)],
    )
    headline = StringField(
        "Headline",
        filters=[strip],
        description="One line under your name, e.g. “Chef de partie at a Cable Beach resort”.",
        validators=[Length(max=160, message="Keep the headline to 160 characters.")],
    )
    bio = TextAreaField(
        "About you",
        filters=[strip],
        description="Your experience and what you're looking for. Blank lines start new "
        "paragraphs.",
        validators=[Length(max=2000, message="Keep this to 2,000 characters.")],
        render_kw={"rows": 8},
    )
    skills = StringField(
        "Skills",
        filters=[strip, tidy_skills],
        description="Separate them with commas, e.g. bookkeeping, QuickBooks, customer service.",
        validators=[Length(max=500, message="Keep your skills to 500 characters.")],
    )
    island = SelectField(
        "Island",
        choices=vocab_choices(ISLANDS, "Not shown"),
        validators=[Optional()],
    )
    open_to_work = BooleanField("I'm open to work (shown on my profile and in people search)")
    work_status = SelectField(
        "Your work status in the Bahamas (private)",
        choices=vocab_choices(WORK_STATUSES, "Prefer not to say"),
        description="Never shown on your profile. Employers see it only on your applications to "
        "their jobs, since some jobs are open only to Bahamians and permanent residents.",
        validators=[Optional()],
    )
    company_name = StringField(
        "Company name",
        filters=[strip],
        description="Shown on your jobs and your profile.",
        validators=[DataRequired("Employers need a company name."), Length(max=120)],
    )
    company_website = URLField(
        "Company website",
        filters=[strip],
        description="Optional, e.g. https://www.example.com.",
        validators=[Length(max=200), web_address],
    )

    @classmethod
    def for_user(cls, user: User, **kwargs) -> "ProfileForm":
        """The fields this person has: open to work for job seekers, company for employers."""
        form = cls(obj=user, **kwargs)
        if user.is_employer:
            del form.open_to_work
            del form.work_status
            form.bio.label.text = "About your company"
            form.bio.description = "What you do and what it's like to work with you."
        else:
            del form.company_name
            del form.company_website
        return form


class CurrentPasswordMixin:
    """Forms that ask for the current password; they are built with the signed-in user."""

    user: User

    def validate_current_password(self, field):
        if not verify_password(self.user.password_hash, field.data or ""):
            raise ValidationError("That is not your current password.")


class EmailChangeForm(CurrentPasswordMixin, Form):
    email = email_field("New email address", "Enter your new email address.")
    current_password = PasswordField(
        "Current password",
        id="email-current-password",
        validators=[DataRequired("Enter your current password."), Length(max=MAX_LENGTH)],
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_email(self, field):
        if field.data == self.user.email:
            raise ValidationError("That is already your email address.")
        if User.by_email(field.data or "") is not None:
            raise ValidationError("Another account uses that email address.")


class PasswordChangeForm(CurrentPasswordMixin, Form):
    current_password = PasswordField(
        "Current password",
        id="password-current-password",
        validators=[DataRequired("Enter your current password."), Length(max=MAX_LENGTH)],
    )
    new_password = PasswordField(
        "New password",
        description="At least 8 characters.",
        validators=[DataRequired("Choose a new password.")],
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_new_password(self, field):
        problem = password_problem(
            field.data or "", self.user.name, self.user.username, self.user.email
        )
        if problem:
            raise ValidationError(problem)
        if field.data == self.current_password.data:
            raise ValidationError("Choose a password different from your current one.")


class EmailPreferencesForm(Form):
    email_on_application = BooleanField("A job seeker applies to one of my jobs")
    email_on_status = BooleanField("An employer updates one of my applications")
    email_on_message = BooleanField("Someone sends me a message while I'm away")
    email_on_alerts = BooleanField("Job alerts I've saved")

    @classmethod
    def for_user(cls, user: User, **kwargs) -> "EmailPreferencesForm":
        """Employers get applications, job seekers get status changes; everyone the rest."""
        form = cls(obj=user, **kwargs)
        if user.is_employer:
            del form.email_on_status
        else:
            del form.email_on_application
        return form
