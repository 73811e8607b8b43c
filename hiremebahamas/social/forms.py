"""Forms for posts, comments and the people search."""

from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms import Form

MAX_POST_LENGTH = 3000


def plain_text(value):
    """Trim the ends and count a line break as one character, as the text box does (browsers
    send CR LF, so 3,000 typed characters with line breaks would otherwise be refused)."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


class PostForm(Form):
    body = TextAreaField(
        "Share an update",
        filters=[plain_text],
        description=f"Plain text, up to {MAX_POST_LENGTH:,} characters. Links become clickable.",
        validators=[
            DataRequired("Write something first."),
            Length(max=MAX_POST_LENGTH, message=f"Keep it to {MAX_POST_LENGTH:,} characters."),
        ],
        render_kw={"rows": 3, "maxlength": MAX_POST_LENGTH},
    )


class CommentForm(Form):
    body = TextAreaField(
        "Add a comment",
        filters=[plain_text],
        validators=[
            DataRequired("Write a comment first."),
            Length(max=MAX_POST_LENGTH, message=f"Keep it to {MAX_POST_LENGTH:,} characters."),
        ],
        render_kw={"rows": 2, "maxlength": MAX_POST_LENGTH},
    )


class ReportPostForm(Form):
    reason = TextAreaField(
        "What is wrong with this post?",
        filters=[plain_text],
        validators=[DataRequired("Tell us what is wrong."), Length(min=5, max=1000)],
        render_kw={"rows": 3, "maxlength": 1000},
    )
