"""The alert form: the list page's filters plus how often to mail."""

from wtforms import HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..forms import Form, vocab_choices
from ..vocab import (
    ALERT_FREQUENCIES,
    CATEGORIES,
    EMPLOYMENT_TYPES,
    ISLANDS,
    PERMITS,
    WORKPLACES,
)


class AlertForm(Form):
    q = StringField(
        "Keywords",
        filters=[lambda v: " ".join(v.split()) if v else v],
        validators=[Optional(), Length(max=200)],
    )
    island = SelectField(
        "Island", choices=vocab_choices(ISLANDS, "Any island"), validators=[Optional()]
    )
    category = SelectField(
        "Category", choices=vocab_choices(CATEGORIES, "Any category"), validators=[Optional()]
    )
    type = SelectField(
        "Job type", choices=vocab_choices(EMPLOYMENT_TYPES, "Any type"), validators=[Optional()]
    )
    workplace = SelectField(
        "Workplace", choices=vocab_choices(WORKPLACES, "Any workplace"), validators=[Optional()]
    )
    permit = SelectField(
        "Work eligibility", choices=vocab_choices(PERMITS, "Any"), validators=[Optional()]
    )
    salary_min = IntegerField(
        "Minimum salary (BSD per year)",
        validators=[Optional(), NumberRange(min=0, max=10_000_000, message="Enter 0 or more.")],
    )
    frequency = SelectField(
        "Email me",
        choices=vocab_choices(ALERT_FREQUENCIES),
        default="daily",
        validators=[DataRequired("Choose daily or weekly.")],
    )
    next = HiddenField()
