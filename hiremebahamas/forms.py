"""Form pieces shared by every blueprint."""

from flask import has_request_context, request
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from flask_wtf.form import SUBMIT_METHODS, _Auto  # the sentinel for 'read the request'
from werkzeug.datastructures import CombinedMultiDict, ImmutableMultiDict
from wtforms import EmailField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length


def strip(value):
    """Leading and trailing white space is never meant (a filter for text fields)."""
    return value.strip() if isinstance(value, str) else value


def drop_nul(value):
    """NUL characters never mean anything in a form, and PostgreSQL refuses them in text."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class Form(FlaskForm):
    """Every form of the site: uploaded files reach only file fields, and text fields lose
    NUL characters, so odd requests get a field error instead of an error page."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            # Flask-WTF's default also reads JSON bodies and hands every upload to every field;
            # this site has no JSON forms, and only file fields may receive files.
            if formdata is not _Auto:
                return formdata
            if not (has_request_context() and request.method in SUBMIT_METHODS):
                return None
            file_fields = {
                name for name, field in form._fields.items() if isinstance(field, FileField)
            }
            files = ImmutableMultiDict(
                [
                    (name, upload)
                    for name, upload in request.files.items(multi=True)
                    if name in file_fields
                ]
            )
            if files:
                return CombinedMultiDict([files, request.form])
            return request.form or None

        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, StringField):
                filters = [drop_nul, *unbound_field.kwargs.get("filters", ())]
                return unbound_field.bind(form=form, filters=filters, **options)
            return unbound_field.bind(form=form, **options)


class EmptyForm(Form):
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
