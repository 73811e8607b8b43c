"""Form pieces shared by every blueprint."""

from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length


class EmptyForm(FlaskForm):
    """Only the CSRF token: for POST buttons such as Sign out, Follow or Close job."""


def vocab_choices(vocabulary: dict[str, str], blank: str | None = None) -> list[SelectChoice]:
    """Select/radio choices from one of vocab.py's vocabularies, optionally led by a blank."""
    options = [SelectChoice(slug, label) for slug, label in vocabulary.items()]
    return [SelectChoice("", blank), *options] if blank is not None else options


def normalise_email(value: str | None) -> str | None:
    return value.strip().lower() if isinstance(value, str) else value


def email_field(label: str, missing: str) -> EmailField:
    """An email address field: trimmed, lower-cased, checked for its form."""
    return EmailField(
        label,
        filters=[normalise_email],
        validators=[
            InputRequired(missing),
            Length(max=254),
            Email("Enter a valid email address, like name@example.com."),
        ],
    )
