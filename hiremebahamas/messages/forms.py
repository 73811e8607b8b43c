"""The reply form of a thread."""

from wtforms import TextAreaField
from wtforms.validators import DataRequired, ValidationError

from ..forms import Form
from .services import MAX_BODY_LENGTH, clean_body


def at_most_max_length(form, field) -> None:
    if len(field.data) > MAX_BODY_LENGTH:
        raise ValidationError(
            f"Messages can be up to {MAX_BODY_LENGTH:,} characters; yours has "
            f"{len(field.data):,}. Shorten it or send it in two parts."
        )


class MessageForm(Form):
    body = TextAreaField(
        "Your message",
        description="Plain text; line breaks are kept.",
        filters=[clean_body],
        validators=[DataRequired("Write a message before sending."), at_most_max_length],
        render_kw={"rows": 4, "maxlength": MAX_BODY_LENGTH},
    )
