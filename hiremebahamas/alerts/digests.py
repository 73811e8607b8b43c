"""The scheduled job-alert mails: each due alert's new matches since it last ran."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select

from ..extensions import db
from ..jobs.search import JobFilters, filtered
from ..mail import send_mail
from ..models import Job, JobAlert, User
from ..models._base import as_utc, utcnow
from ..timezone import nassau_today
from .services import describe, search_params, unsubscribe_token

log = logging.getLogger(__name__)

PERIOD = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
JOBS_PER_MAIL = 20


@dataclass
class DigestResult:
    due: int = 0
    mailed: int = 0
    nothing_new: int = 0

    def __str__(self) -> str:
        return f"{self.due} alerts due, {self.mailed} mailed, {self.nothing_new} with nothing new"


def due_alerts(now) -> list[JobAlert]:
    conditions = [
        (JobAlert.frequency == frequency)
        & or_(JobAlert.last_notified_at.is_(None), JobAlert.last_notified_at <= now - period)
        for frequency, period in PERIOD.items()
    ]
    return list(db.session.scalars(select(JobAlert).where(or_(*conditions)).order_by(JobAlert.id)))


def new_matches(alert: JobAlert, since, until) -> list[Job]:
    """Open matching jobs posted after `since` and up to `until` (the run's now: a job posted
    while the run works through the alerts belongs to the next digest, never to two)."""
    filters = JobFilters(
        q=alert.q or "",
        island=alert.island or "",
        category=alert.category or "",
        type=alert.employment_type or "",
        workplace=alert.workplace or "",
        permit=alert.permit or "",
        salary_min=alert.salary_min,
    )
    statement = (
        filtered(filters, nassau_today())
        .where(Job.created_at > since, Job.created_at <= until)
        .order_by(Job.created_at.desc(), Job.id.desc())
        .limit(JOBS_PER_MAIL)
    )
    return list(db.session.scalars(statement))


def send_due_alerts(now=None) -> DigestResult:
    """Mail every due alert that has new matches; every due alert's marker moves to now."""
    from ..notifications.services import wants_email

    now = now or utcnow()
    result = DigestResult()
    for alert in due_alerts(now):
        result.due += 1
        since = as_utc(alert.last_notified_at or alert.created_at)
        jobs = new_matches(alert, since, now)
        user = db.session.get(User, alert.user_id)
        if jobs and user is not None and not user.is_suspended and wants_email(user, "job_alert"):
            from ..mail.outbox import site_url

            unsubscribe = f"{site_url()}/alerts/unsubscribe/{unsubscribe_token(alert)}"
            send_mail(
                "job_alert",
                user,
                f"{len(jobs)} new {'job' if len(jobs) == 1 else 'jobs'}: {describe(alert)}",
                "job_alert",
                list_unsubscribe=unsubscribe,
                alert=alert,
                description=describe(alert),
                jobs=jobs,
                params=search_params(alert),
                unsubscribe_url=unsubscribe,
            )
            result.mailed += 1
        else:
            result.nothing_new += 1
        alert.last_notified_at = now
        db.session.commit()
    if result.due:
        log.info("job alerts: %s", result)
    return result
