"""Forms for posting a job, applying, moving an applicant, and reporting."""

from datetime import timedelta

from flask_wtf.file import FileField
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..forms import Form, strip, vocab_choices
from ..timezone import nassau_today
from ..vocab import (
    APPLICATION_STATUSES,
    CATEGORIES,
    EMPLOYMENT_TYPES,
    ISLANDS,
    PERMITS,
    SALARY_PERIODS,
    WORKPLACES,
)

MAX_DAYS_OPEN = 120
MAX_SALARY = 10_000_000


class JobForm(Form):
    title = StringField(
        "Job title",
        filters=[strip],
        validators=[DataRequired("Give the job a title."), Length(min=3, max=120)],
    )
    description = TextAreaField(
        "Description",
        description="What the work is, what you need, and how the day looks. Blank lines "
        "start new paragraphs.",
        validators=[DataRequired("Describe the job."), Length(min=30, max=10_000)],
        render_kw={"rows": 12},
    )
    island = SelectField(
        "Island",
        choices=vocab_choices(ISLANDS, "Choose an island"),
        validators=[DataRequired("Choose the island.")],
    )
    location = StringField(
        "Town or settlement",
        filters=[strip],
        validators=[DataRequired("Say where the job is, e.g. Nassau."), Length(max=120)],
    )
    category = SelectField(
        "Category",
        choices=vocab_choices(CATEGORIES, "Choose a category"),
        validators=[DataRequired("Choose a category.")],
    )
    employment_type = SelectField(
        "Job type",
        choices=vocab_choices(EMPLOYMENT_TYPES, "Choose a type"),
        validators=[DataRequired("Choose the job type.")],
    )
    workplace = SelectField(
        "Workplace",
        choices=vocab_choices(WORKPLACES),
        default="on-site",
        validators=[DataRequired("Choose on-site, hybrid or remote.")],
    )
    salary_min = IntegerField(
        "Salary from (BSD)",
        validators=[Optional(), NumberRange(min=0, max=MAX_SALARY, message="Enter 0 or more.")],
    )
    salary_max = IntegerField(
        "Salary to (BSD)",
        validators=[Optional(), NumberRange(min=0, max=MAX_SALARY, message="Enter 0 or more.")],
    )
    salary_period = SelectField(
        "Paid",
        choices=vocab_choices(SALARY_PERIODS, "Choose per hour, month or year"),
        # No Optional(): it would stop the chain before validate_salary_period runs.
    )
    closes_on = DateField(
        "Applications close on",
        description=f"A date within the next {MAX_DAYS_OPEN} days.",
        validators=[InputRequired("Choose the closing date.")],
    )
    permit = SelectField(
        "Who can apply",
        choices=vocab_choices(PERMITS),
        default="bahamians",
        validators=[DataRequired("Say who may apply.")],
    )

    def validate_salary_max(self, field):
        low = self.salary_min.data
        if field.data is not None and low is not None and low > field.data:
            raise ValidationError("The top of the range must be at least the bottom.")

    def validate_salary_period(self, field):
        has_salary = self.salary_min.data is not None or self.salary_max.data is not None
        if has_salary and not field.data:
            raise ValidationError("Say whether the salary is per hour, month or year.")

    def validate_closes_on(self, field):
        today = nassau_today()
        if field.data is None:
            return
        if field.data <= today:
            raise ValidationError("Choose a date after today.")
        if field.data > today + timedelta(days=MAX_DAYS_OPEN):
            raise ValidationError(f"Choose a date within {MAX_DAYS_OPEN} days.")


class ApplyForm(Form):
    cover_letter = TextAreaField(
        "Cover letter",
        description="Why you and why this job, in your own words.",
        validators=[
            DataRequired("Write a short cover letter."),
            Length(min=20, max=10_000, message="Write between 20 and 10,000 characters."),
        ],
        render_kw={"rows": 10},
    )
    resume = FileField("Résumé (PDF, up to 2 MB, optional)")


class StatusForm(Form):
    status = SelectField(
        "Status",
        choices=vocab_choices({k: v for k, v in APPLICATION_STATUSES.items() if k != "withdrawn"}),
        validators=[DataRequired()],
    )
    reason = StringField(
        "Reason, if not hired",
        filters=[strip],
        description="Kept for your advertising record, e.g. “no hospitality experience”.",
        validators=[Optional(), Length(max=500)],
    )


class ReopenForm(Form):
    closes_on = DateField(
        "New closing date", validators=[InputRequired("Choose the new closing date.")]
    )

    validate_closes_on = JobForm.validate_closes_on


class ReportForm(Form):
    reason = TextAreaField(
        "What is wrong with this job?",
        filters=[strip],
        validators=[DataRequired("Tell us what is wrong."), Length(min=5, max=1000)],
        render_kw={"rows": 3},
    )
