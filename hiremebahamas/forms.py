"""Form pieces shared by every blueprint."""

from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice


class EmptyForm(FlaskForm):
    """Only the CSRF token: for POST buttons such as Sign out, Follow or Close job."""


def vocab_choices(vocabulary: dict[str, str], blank: str | None = None) -> list[SelectChoice]:
    """Select/radio choices from one of vocab.py's vocabularies, optionally led by a blank."""
    options = [SelectChoice(slug, label) for slug, label in vocabulary.items()]
    return [SelectChoice("", blank), *options] if blank is not None else options
