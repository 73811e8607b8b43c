"""Seeker pages: apply, the application tracker, withdraw, saved jobs, reports, résumés."""

from flask import abort, flash, make_response, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..access import seeker_required
from ..extensions import db
from ..forms import EmptyForm
from ..limits import by_person
from ..models import Application, Job, SavedJob
from ..responses import see_other
from ..timezone import nassau_today
from . import applications_bp, bp, services
from .forms import ApplyForm, ReportForm


def visible_job_or_abort(job_id: int) -> Job:
    job = db.session.get(Job, job_id)
    if job is None or job.status == "removed":
        abort(404)
    return job


@bp.route("/<int:job_id>/apply", methods=["GET", "POST"])
@by_person("application")
@seeker_required
def apply(job_id: int):
    job = visible_job_or_abort(job_id)
    existing = services.find_application(job, current_user)
    if existing:
        flash("You have already applied for this job; its status is below.", "info")
        return see_other(url_for("applications.tracker", _anchor=f"application-{existing.id}"))
    if not job.is_open_on(nassau_today()):
        flash("This job is no longer accepting applications.", "error")
        return see_other(url_for("jobs.detail", job_id=job.id))
    form = ApplyForm()
    if form.validate_on_submit():
        resume = None
        upload = form.resume.data
        if upload and upload.filename:
            data = upload.read(services.MAX_RESUME_BYTES + 1)
            problem = services.resume_problem(data)
            if problem:
                form.resume.errors.append(problem)
                return render_template("jobs/apply.html", form=form, job=job)
            filename = upload.filename.replace("\x00", "").strip()[-200:] or "resume.pdf"
            resume = (filename, data)
        try:
            services.apply_to_job(job, current_user, form.cover_letter.data, resume)
        except services.NotAllowed as exc:
            flash(str(exc), "error")
            return see_other(url_for("jobs.detail", job_id=job.id))
        flash(f"Your application for {job.title} is sent. Good luck!", "success")
        return see_other(url_for("applications.tracker"))
    return render_template("jobs/apply.html", form=form, job=job)


@applications_bp.route("")
@seeker_required
def tracker():
    applications = db.session.scalars(
        select(Application)
        .options(selectinload(Application.history))
        .where(Application.applicant_id == current_user.id)
        .order_by(Application.created_at.desc())
    ).all()
    jobs = {
        job.id: job
        for job in db.session.scalars(
            select(Job).where(Job.id.in_([a.job_id for a in applications]))
        )
    }
    return render_template("jobs/tracker.html", applications=applications, jobs=jobs)


@applications_bp.route("/<int:application_id>/withdraw", methods=["POST"])
@seeker_required
def withdraw(application_id: int):
    application = db.session.get(Application, application_id)
    if application is None:
        abort(404)
    if application.applicant_id != current_user.id:
        abort(403, "Only the applicant can withdraw an application.")
    if EmptyForm().validate_on_submit():
        services.withdraw(application, current_user)
        flash("Your application is withdrawn.", "info")
    return see_other(url_for("applications.tracker"))


@applications_bp.route("/<int:application_id>/resume")
@login_required
def resume(application_id: int):
    application = db.session.get(Application, application_id)
    if application is None or application.resume_filename is None:
        abort(404)
    job = db.session.get(Job, application.job_id)
    if current_user.id not in (application.applicant_id, job.employer_id):
        abort(403, "Only the applicant and the employer can see this résumé.")
    return resume_download(application)


def resume_download(application: Application):
    """The PDF as a download: never rendered inline, never sniffed as something else."""
    response = make_response(application.resume_pdf)
    response.headers["Content-Type"] = "application/pdf"
    safe_name = "".join(ch for ch in application.resume_filename if ch.isalnum() or ch in "._- ")
    safe_name = safe_name.strip() or "resume"
    if not safe_name.lower().endswith(".pdf"):
        safe_name += ".pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:job_id>/save", methods=["POST"])
@seeker_required
def save(job_id: int):
    job = visible_job_or_abort(job_id)
    if EmptyForm().validate_on_submit():
        services.save_job(job, current_user)
        flash(f"Saved {job.title}. Find it under Saved jobs.", "success")
    return see_other(url_for("jobs.detail", job_id=job.id))


@bp.route("/<int:job_id>/unsave", methods=["POST"])
@seeker_required
def unsave(job_id: int):
    job = visible_job_or_abort(job_id)
    if EmptyForm().validate_on_submit():
        services.unsave_job(job, current_user)
        flash(f"Removed {job.title} from your saved jobs.", "info")
    back = request.form.get("from") == "saved"
    return see_other(url_for("jobs.saved") if back else url_for("jobs.detail", job_id=job.id))


@bp.route("/saved")
@seeker_required
def saved():
    jobs = db.session.scalars(
        select(Job)
        .join(SavedJob, SavedJob.job_id == Job.id)
        .where(SavedJob.user_id == current_user.id, Job.status != "removed")
        .order_by(SavedJob.created_at.desc())
    ).all()
    return render_template("jobs/saved.html", jobs=jobs, today=nassau_today())


@bp.route("/<int:job_id>/report", methods=["POST"])
@by_person("report")
@login_required
def report(job_id: int):
    job = visible_job_or_abort(job_id)
    form = ReportForm()
    if form.validate_on_submit():
        services.report_job(job, current_user, form.reason.data)
        flash("Thank you. Our moderators will look at this job.", "success")
    else:
        errors = form.reason.errors or ["Tell us what is wrong with this job."]
        flash(f"Your report was not sent: {errors[0]}", "error")
    return see_other(url_for("jobs.detail", job_id=job.id))
