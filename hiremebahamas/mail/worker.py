"""The RQ worker that operators start with `flask worker` (the Procfile's worker line)."""

import logging

from flask import Flask
from redis import Redis
from rq import Queue, SimpleWorker

from ..extensions import db

log = logging.getLogger(__name__)


class AppWorker(SimpleWorker):
    """Runs each job in this process inside the Flask app context.

    Jobs run in-process (no fork), so the database pool is never shared across a fork;
    RQ's own SIGTERM handling gives the warm shutdown: the mail in hand is finished first.
    """

    app: Flask

    def execute_job(self, job, queue):
        with self.app.app_context():
            try:
                return super().execute_job(job, queue)
            finally:
                db.session.remove()


def run_worker(app: Flask, queue_names: list[str], burst: bool = False) -> None:
    """Start a worker on the named queues with RQ's scheduler (for retries and schedules)."""
    url = app.config.get("REDIS_URL")
    if not url:
        raise RuntimeError("REDIS_URL is not set: the worker needs Redis")
    # No socket timeout here: the worker blocks on Redis while it waits for jobs.
    connection = Redis.from_url(url)
    queues = [Queue(name, connection=connection) for name in queue_names]
    worker = AppWorker(queues, connection=connection)
    worker.app = app
    if not burst:
        from .jobs import schedule_maintenance

        with app.app_context():
            schedule_maintenance(connection=connection)
    log.info("worker %s listening on %s", worker.name, ", ".join(queue_names))
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
