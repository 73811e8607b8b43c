"""RQ jobs for mail. Jobs receive outbox row ids, never ORM objects."""

import logging
from datetime import timedelta

from flask import current_app
from rq import Queue, Retry
from rq.exceptions import NoSuchJobError
from rq.job import Job
from sqlalchemy import update
from sqlalchemy.orm import Session

from ..extensions import db, task_queues
from ..models import OutboundEmail
from ..models._base import utcnow
from . import delivery

log = logging.getLogger(__name__)

MAIL_QUEUE = "mail"
JOB_TIMEOUT = 120
MAINTENANCE_JOB_ID = "hmb-maintenance"
MAINTENANCE_EVERY = timedelta(minutes=1)


def job_id_for(email_id: int) -> str:
    """One RQ job id per outbox row, so the sweeper can tell whether it is still in hand."""
    return f"mail-{email_id}"


def send_email(email_id: int) -> str:
    """Deliver one outbox row (runs in the worker, inside the app context)."""
    return delivery.deliver(email_id)


def enqueue_delivery(email_id: int, queue: Queue | None = None):
    """Put the delivery of a committed outbox row on the `mail` queue."""
    queue = queue or task_queues.queue(MAIL_QUEUE)
    job = queue.enqueue(
        send_email,
        email_id,
        job_id=job_id_for(email_id),
        # Back-off between attempts (MAIL_RETRY_INTERVALS): 30 s, 2 min, 10 min, 30 min, 1 h.
        retry=Retry(
            max=delivery.MAX_ATTEMPTS - 1, interval=current_app.config["MAIL_RETRY_INTERVALS"]
        ),
        job_timeout=JOB_TIMEOUT,
        description=f"send outbox mail {email_id}",
    )
    mark_enqueued(email_id)
    return job


def mark_enqueued(email_id: int) -> None:
    """Note when the row was handed to RQ (for operators); its own session, after commit."""
    with Session(db.engine) as session:
        session.execute(
            update(OutboundEmail).where(OutboundEmail.id == email_id).values(enqueued_at=utcnow())
        )
        session.commit()


def fetch_job(job_id: str, connection) -> Job | None:
    try:
        return Job.fetch(job_id, connection=connection)
    except NoSuchJobError:
        return None


def delivery_job(email_id: int, connection) -> Job | None:
    return fetch_job(job_id_for(email_id), connection)


def maintenance() -> dict:
    """Every minute inside the worker: sweep the outbox, mail due alerts and reminders of
    unread messages, then come back."""
    from ..alerts.digests import send_due_alerts
    from ..messages.reminders import send_message_reminders
    from .sweeper import sweep_outbox

    try:
        return {
            "outbox": str(sweep_outbox()),
            "alerts": str(send_due_alerts()),
            "messages": str(send_message_reminders()),
        }
    finally:
        schedule_maintenance(force=True)  # an error in one round must not stop the next


def schedule_maintenance(force: bool = False, connection=None) -> None:
    """Keep exactly one maintenance job scheduled (a fixed job id makes it unique)."""
    connection = connection or task_queues.redis
    queue = Queue("default", connection=connection)
    if not force:
        existing = fetch_job(MAINTENANCE_JOB_ID, connection)
        if existing is not None and existing.get_status() in ("scheduled", "queued", "started"):
            return
    queue.enqueue_in(
        MAINTENANCE_EVERY,
        maintenance,
        job_id=MAINTENANCE_JOB_ID,
        job_timeout=600,
        description="sweep the outbox and send due job alerts",
    )
