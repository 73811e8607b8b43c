"""What employers and seekers do with jobs, as named operations on the models."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..caching import clear_job_pages
from ..extensions import db
from ..models import Application, ApplicationStatusChange, Job, Report, SavedJob, User
from ..models._base import utcnow
from ..models.advertising import ADVERTISED_FIELDS
from ..notifications.services import notify
from ..social.services import announce_job
from ..timezone import nassau_today
from .advertising import advertised_values, changes_between, record_event, record_expiry

# The fields of the job form are exactly the ones the advertising record versions.
JOB_FIELDS = ADVERTISED_FIELDS
MAX_RESUME_BYTES = 2 * 1024 * 1024


class NotAllowed(Exception):
    """The action is not open to this person (the message says why)."""


def post_job(employer: User, values: dict) -> Job:
    job = Job(employer_id=employer.id, **{name: values[name] for name in JOB_FIELDS})
    if job.salary_min is None and job.salary_max is None:
        job.salary_period = None
    db.session.add(job)
    db.session.flush()
    record_event(job, "published", employer)
    db.session.commit()
    clear_job_pages()
    announce_job(job)  # followers see it in their feed
    return job


def update_job(job: Job, values: dict, by: User) -> Job:
    """Save an edit; what the public saw before is kept as a version in the job's history."""
    before = advertised_values(job)
    today = nassau_today()
    was_expired = job.status == "open" and not job.is_open_on(today)
    if was_expired:
        record_expiry(job)
    for name in JOB_FIELDS:
        setattr(job, name, values[name])
    if job.salary_min is None and job.salary_max is None:
        job.salary_period = None
    changes = changes_between(before, advertised_values(job))
    if changes:
        record_event(job, "edited", by, changes)
    if was_expired and job.is_open_on(today):  # a new closing date opens a new period
        record_event(job, "reopened", by)
    db.session.commit()
    clear_job_pages()
    return job


def close_job(job: Job, by: User) -> None:
    if job.status == "open":
        job.status = "closed"
        job.closed_at = utcnow()
        record_event(job, "closed", by)
        db.session.commit()
        clear_job_pages()


def reopen_job(job: Job, closes_on, by: User) -> None:
    """Open a closed or expired job again: a new advertising period begins."""
    if job.is_open_on(nassau_today()):
        return
    if job.status == "open":  # it expired: the old period ended on its closing date
        record_expiry(job)
    job.status = "open"
    job.closed_at = None
    job.closes_on = closes_on
    record_event(job, "reopened", by)
    db.session.commit()
    clear_job_pages()


def resume_problem(data: bytes) -> str | None:
    """Why an upload is not an acceptable résumé, judged by its content, not its name."""
    if len(data) > MAX_RESUME_BYTES:
        return "That file is larger than 2 MB. Save a smaller PDF and try again."
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        return "That file is not a PDF. Save your résumé as a PDF and try again."
    return None


def apply_to_job(job: Job, seeker: User, cover_letter: str, resume: tuple[str, bytes] | None):
    """File the application, record its first status and tell the employer."""
    if not seeker.is_seeker:
        raise NotAllowed("Only job seekers can apply for jobs.")
    if not job.is_open_on(nassau_today()):
        raise NotAllowed("This job is no longer accepting applications.")
    if job.employer_id == seeker.id:
        raise NotAllowed("You can't apply for your own job.")
    if find_application(job, seeker):
        raise NotAllowed("You have already applied for this job.")
    application = Application(
        job_id=job.id,
        applicant_id=seeker.id,
        cover_letter=cover_letter,
        applicant_work_status=seeker.work_status,
    )
    if resume:
        application.resume_filename, application.resume_pdf = resume
        application.resume_size = len(resume[1])
    application.history.append(
        ApplicationStatusChange(from_status=None, to_status="applied", changed_by_id=seeker.id)
    )
    db.session.add(application)
    try:
        db.session.flush()
    except IntegrityError as exc:  # a double submit raced past the check above
        db.session.rollback()
        raise NotAllowed("You have already applied for this job.") from exc
    notify(
        job.employer,
        "new_application",
        f"{seeker.name} applied for {job.title}",
        f"/jobs/{job.id}/applications",
        actor=seeker,
        mail_subject=f"New applicant for {job.title}",
        mail_template="new_application",
        job=job,
        applicant=seeker,
    )
    db.session.commit()
    return application


def find_application(job: Job, seeker: User) -> Application | None:
    return db.session.scalar(
        select(Application).where(
            Application.job_id == job.id, Application.applicant_id == seeker.id
        )
    )


def change_status(
    application: Application, new_status: str, by: User, reason: str | None = None
) -> bool:
    """Move an applicant; returns False when nothing changed. Notifies the applicant.
    `reason` is the employer's reason for not hiring (kept for the advertising record)."""
    if application.status == "withdrawn":
        raise NotAllowed("The applicant withdrew this application.")
    if new_status == application.status:
        return False
    application.history.append(
        ApplicationStatusChange(
            from_status=application.status,
            to_status=new_status,
            changed_by_id=by.id,
            note=(reason or None) if new_status == "rejected" else None,
        )
    )
    application.status = new_status
    job = db.session.get(Job, application.job_id)
    applicant = db.session.get(User, application.applicant_id)
    notify(
        applicant,
        "application_status",
        f"Your application for {job.title} is now: {new_status}",
        "/applications",
        actor=by,
        mail_subject=f"Your application for {job.title}: {new_status}",
        mail_template="application_status",
        job=job,
        status=new_status,
    )
    db.session.commit()
    return True


def withdraw(application: Application, seeker: User) -> None:
    if application.status in ("withdrawn", "hired"):
        return
    application.history.append(
        ApplicationStatusChange(
            from_status=application.status, to_status="withdrawn", changed_by_id=seeker.id
        )
    )
    application.status = "withdrawn"
    db.session.commit()


def save_job(job: Job, seeker: User) -> None:
    if db.session.get(SavedJob, (seeker.id, job.id)) is None:
        db.session.add(SavedJob(user_id=seeker.id, job_id=job.id))
        try:
            db.session.commit()
        except IntegrityError:  # saved twice at once: it is saved, which is what was asked
            db.session.rollback()


def unsave_job(job: Job, seeker: User) -> None:
    saved = db.session.get(SavedJob, (seeker.id, job.id))
    if saved is not None:
        db.session.delete(saved)
        db.session.commit()


def report_job(job: Job, reporter: User, reason: str) -> Report:
    report = Report(reporter_id=reporter.id, job_id=job.id, reason=reason)
    db.session.add(report)
    db.session.commit()
    return report
