"""Employer pages: post, edit and close jobs; the dashboard; applicants and their statuses."""

from flask import abort, flash, make_response, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from ..access import employer_required
from ..extensions import db
from ..forms import EmptyForm
from ..models import Application, Job, User
from ..responses import page_number, safe_next, see_other
from . import applications_bp, bp, services
from .advertising import build_record
from .advertising import record_csv as advertising_csv
from .forms import JobForm, ReopenForm, StatusForm

DASHBOARD_PAGE = 20


def own_job_or_abort(job_id: int) -> Job:
    """The signed-in employer's own job: 404 when it does not exist, 403 when it is not theirs."""
    job = db.session.get(Job, job_id)
    if job is None or job.status == "removed":
        abort(404)
    if job.employer_id != current_user.id:
        abort(403, "Only the employer who posted this job can do that.")
    return job


@bp.route("/new", methods=["GET", "POST"])
@employer_required
def new_job():
    form = JobForm()
    if form.validate_on_submit():
        job = services.post_job(current_user, form.data)
        flash(f"Your job “{job.title}” is live.", "success")
        return see_other(url_for("jobs.detail", job_id=job.id))
    return render_template("jobs/form.html", form=form, job=None)


@bp.route("/<int:job_id>/edit", methods=["GET", "POST"])
@employer_required
def edit_job(job_id: int):
    job = own_job_or_abort(job_id)
    form = JobForm(obj=job)
    if form.validate_on_submit():
        services.update_job(job, form.data, current_user)
        flash("Your changes are saved.", "success")
        return see_other(url_for("jobs.detail", job_id=job.id))
    return render_template("jobs/form.html", form=form, job=job)


@bp.route("/<int:job_id>/close", methods=["POST"])
@employer_required
def close_job(job_id: int):
    job = own_job_or_abort(job_id)
    if EmptyForm().validate_on_submit():
        services.close_job(job, current_user)
        flash(f"“{job.title}” is closed to new applications.", "info")
    return see_other(url_for("jobs.mine"))


@bp.route("/mine")
@employer_required
def mine():
    page = db.paginate(
        select(Job)
        .where(Job.employer_id == current_user.id, Job.status != "removed")
        .order_by(Job.created_at.desc(), Job.id.desc()),
        page=page_number(),
        per_page=DASHBOARD_PAGE,
        error_out=False,
    )
    jobs = page.items
    counts: dict[int, dict[str, int]] = {job.id: {} for job in jobs}
    rows = db.session.execute(
        select(Application.job_id, Application.status, func.count())
        .where(Application.job_id.in_(list(counts)))
        .group_by(Application.job_id, Application.status)
    ).all()
    for job_id, status, number in rows:
        counts[job_id][status] = number
    return render_template("jobs/mine.html", jobs=jobs, counts=counts, page=page)


@bp.route("/<int:job_id>/applications")
@employer_required
def applications(job_id: int):
    job = own_job_or_abort(job_id)
    rows = db.session.execute(
        select(Application, User)
        .join(User, User.id == Application.applicant_id)
        .where(Application.job_id == job.id)
        .order_by(Application.created_at.desc())
    ).all()
    forms = {app.id: StatusForm(formdata=None, status=app.status) for app, _ in rows}
    return render_template("jobs/applications.html", job=job, rows=rows, forms=forms)


@applications_bp.route("/<int:application_id>/status", methods=["POST"])
@employer_required
def change_status(application_id: int):
    application = db.session.get(Application, application_id)
    if application is None:
        abort(404)
    job = own_job_or_abort(application.job_id)
    form = StatusForm()
    if not form.validate_on_submit():
        flash("Choose one of the listed statuses.", "error")
        return see_other(url_for("jobs.applications", job_id=job.id))
    try:
        changed = services.change_status(
            application, form.status.data, current_user, form.reason.data
        )
    except services.NotAllowed as exc:
        flash(str(exc), "error")
    else:
        if changed:
            flash("Status updated; the applicant has been told.", "success")
    back = safe_next(request.form.get("next"))
    return see_other(back or url_for("jobs.applications", job_id=job.id))


@bp.route("/<int:job_id>/reopen", methods=["POST"])
@employer_required
def reopen_job(job_id: int):
    job = own_job_or_abort(job_id)
    form = ReopenForm()
    if form.validate_on_submit():
        services.reopen_job(job, form.closes_on.data, current_user)
        flash(f"“{job.title}” is open again until {form.closes_on.data:%-d %b %Y}.", "success")
    else:
        flash(
            f"Not reopened: {form.closes_on.errors[0] if form.closes_on.errors else 'try again.'}",
            "error",
        )
    return see_other(url_for("jobs.mine"))


@bp.route("/<int:job_id>/record")
@employer_required
def record(job_id: int):
    job = own_job_or_abort(job_id)
    include_names = request.args.get("names") == "1"
    evidence = build_record(job, include_names)
    if evidence is None:
        abort(404)
    return render_template("jobs/record.html", record=evidence, include_names=include_names)


@bp.route("/<int:job_id>/record.csv")
def record_csv(job_id: int):
    # A download, not a page: a visitor gets a plain 403 rather than a sign-in redirect.
    if not current_user.is_authenticated or not current_user.is_employer:
        abort(403, "Only the employer who posted this job can download its record.")
    job = own_job_or_abort(job_id)
    evidence = build_record(job, request.args.get("names") == "1")
    if evidence is None:
        abort(404)
    response = make_response(advertising_csv(evidence))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="advertising-record-job-{job.id}.csv"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
