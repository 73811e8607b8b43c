"""The sweeper: mail that is still unsent after a while is handed on again.

A job can be lost: Redis flushed, a worker killed with SIGKILL, an enqueue that failed
because Redis was down. The outbox row survives all of these, so sweeping the pending rows
(and skipping those whose job is still queued, scheduled or running) loses nothing, and the
row lock plus the status check in `delivery.deliver` mean nothing is sent twice.
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..extensions import db, task_queues
from ..models import OutboundEmail
from ..models._base import as_utc, utcnow
from . import delivery

log = logging.getLogger(__name__)

IN_HAND = ("queued", "scheduled", "deferred")


@dataclass
class SweepResult:
    checked: int = 0
    handed_on: int = 0
    in_hand: int = 0
    errors: int = 0

    def __str__(self) -> str:
        return (
            f"{self.checked} pending mails checked, {self.handed_on} handed on again, "
            f"{self.in_hand} still in a worker's hands, {self.errors} errors"
        )


def stale_pending_ids() -> list[int]:
    """Pending rows older than MAIL_SWEEP_AFTER seconds, oldest first."""
    older_than = utcnow() - timedelta(seconds=current_app.config.get("MAIL_SWEEP_AFTER", 120))
    # Its own session: the sweep may run right after another session's commit.
    with Session(db.engine) as session:
        return list(
            session.scalars(
                select(OutboundEmail.id)
                .where(OutboundEmail.status == "pending", OutboundEmail.created_at < older_than)
                .order_by(OutboundEmail.created_at)
                .limit(1000)
            )
        )


def job_still_in_hand(job) -> bool:
    """Queued, scheduled for a retry, or running in a live worker (not one killed mid-job)."""
    if job is None:
        return False
    status = job.get_status(refresh=True)
    if status in IN_HAND:
        return True
    if status == "started":
        limit = current_app.config.get("MAIL_STARTED_TIMEOUT", 300)
        started = as_utc(job.started_at)
        return started is not None and utcnow() - started < timedelta(seconds=limit)
    return False


_last_embedded_sweep = 0.0


def sweep_now_and_then() -> None:
    """Without a worker (the embedded default), sweep at most once a minute after a commit."""
    global _last_embedded_sweep
    now = time.monotonic()
    if now - _last_embedded_sweep >= 60:
        _last_embedded_sweep = now
        sweep_outbox()


def sweep_outbox() -> SweepResult:
    """Hand every stale pending mail on again (to RQ, or delivered here without Redis)."""
    result = SweepResult()
    email_ids = stale_pending_ids()
    result.checked = len(email_ids)
    if task_queues.enabled:
        from .jobs import delivery_job, enqueue_delivery

        for email_id in email_ids:
            try:
                job = delivery_job(email_id, task_queues.redis)
                if job_still_in_hand(job):
                    result.in_hand += 1
                    continue
                if job is not None:
                    job.delete()
                enqueue_delivery(email_id)
                result.handed_on += 1
            except Exception:
                result.errors += 1
                log.exception("sweeper could not hand on mail %s", email_id)
    else:
        for email_id in email_ids:
            try:
                delivery.deliver(email_id)
                result.handed_on += 1
            except Exception:
                result.errors += 1
    if result.handed_on or result.errors:
        log.info("outbox sweep: %s", result)
    return result
