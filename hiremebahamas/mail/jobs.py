"""RQ jobs for mail. Jobs receive outbox row ids, never ORM objects."""

from rq import Retry

from ..extensions import task_queues
from . import delivery

MAIL_QUEUE = "mail"
# Back-off between attempts: 30 s, 2 min, 10 min, 30 min, 1 h.
RETRY = Retry(max=5, interval=[30, 120, 600, 1800, 3600])


def send_email(email_id: int) -> str:
    """Deliver one outbox row (runs in the worker, inside the app context)."""
    return delivery.deliver(email_id)


def enqueue_delivery(email_id: int):
    """Put the delivery of a committed outbox row on the `mail` queue."""
    return task_queues.queue(MAIL_QUEUE).enqueue(
        send_email,
        email_id,
        retry=RETRY,
        job_timeout=120,
        description=f"send outbox mail {email_id}",
    )
