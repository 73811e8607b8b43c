"""Fault drills for mail: nothing is lost and nothing is sent twice when SMTP, the worker or
Redis fails. Each test counts what the real SMTP server received."""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from redis import Redis
from sqlalchemy import select

from hiremebahamas.extensions import task_queues
from hiremebahamas.mail.sweeper import sweep_outbox
from hiremebahamas.models import OutboundEmail

from .conftest import Mailbox, deliver_queued_mail, free_port, submit

REPO = Path(__file__).resolve().parent.parent


class FlakyMailbox(Mailbox):
    """An SMTP server that answers "try again later" to the first few messages."""

    def __init__(self, failures: int):
        super().__init__()
        self.failures = failures
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if self.failures > 0:
            self.failures -= 1
            self.refused += 1
            return "451 4.3.0 Mailbox busy, try again later"
        return await super().handle_DATA(server, session, envelope)


class StallingMailbox(Mailbox):
    """An SMTP server that stalls before accepting the recipient (the worker is mid-job)."""

    def __init__(self):
        super().__init__()
        self.reached = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.reached.set()
        await asyncio.sleep(5)
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def smtp_with(app, monkeypatch):
    """Start an SMTP server with the given handler and point the app at it."""
    controllers = []

    def start(handler):
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        controllers.append(controller)
        monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
        return controller

    yield start
    for controller in controllers:
        controller.stop()


def outbox_rows(db) -> list[OutboundEmail]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboundEmail).order_by(OutboundEmail.id)))


def test_mail_is_retried_while_smtp_refuses_and_sent_once_when_it_accepts(
    app, auth, db, smtp_with, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_RETRY_INTERVALS", [1, 1, 1, 1, 1])
    monkeypatch.setitem(app.config, "MAIL_SWEEP_AFTER", 0)
    flaky = FlakyMailbox(failures=2)
    smtp_with(flaky)

    assert auth.register().status_code == 303  # the person never sees the mail trouble

    for _ in range(10):
        if task_queues.enabled:
            deliver_queued_mail()  # the real worker: fails, RQ schedules the retry
            time.sleep(1.1)
        else:
            sweep_outbox()  # without Redis, the sweeper retries in-process
        if flaky.messages:
            break
    if task_queues.enabled:
        deliver_queued_mail()  # nothing left to do: must not send again

    (row,) = outbox_rows(db)
    assert flaky.refused == 2
    assert len(flaky.messages) == 1  # delivered, exactly once
    assert row.status == "sent" and row.attempts == 3


def test_a_worker_killed_mid_job_loses_nothing_and_sends_once(
    app, auth, db, smtp_with, smtp_server, mailbox, monkeypatch
):
    mailbox_port = smtp_server[0].port  # the SMTP server that `mailbox` reads
    if not task_queues.enabled:
        # Without Redis there is no worker process; a process that dies after the commit
        # leaves a pending row, which the sweeper sends.
        monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listening
        auth.register()
        monkeypatch.setitem(app.config, "MAIL_PORT", mailbox_port)
        monkeypatch.setitem(app.config, "MAIL_SWEEP_AFTER", 0)
        sweep_outbox()
        sweep_outbox()
        assert len(mailbox.to("keisha@example.com")) == 1
        return

    stalling = StallingMailbox()
    stall = smtp_with(stalling)
    auth.register()  # the verification mail is queued as job mail-1
    worker = start_worker_process(app, stall.port)
    try:
        assert stalling.reached.wait(20), "the worker never started the job"
        os.kill(worker.pid, signal.SIGKILL)  # no warm shutdown: the job dies in hand
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert stalling.messages == []
    (row,) = outbox_rows(db)
    assert row.status == "pending"

    # The sweeper finds the pending row whose job died with its worker and hands it on.
    monkeypatch.setitem(app.config, "MAIL_PORT", mailbox_port)
    monkeypatch.setitem(app.config, "MAIL_SWEEP_AFTER", 0)
    monkeypatch.setitem(app.config, "MAIL_STARTED_TIMEOUT", 0)
    result = sweep_outbox()
    assert result.handed_on == 1
    deliver_queued_mail()
    deliver_queued_mail()
    assert len(mailbox.to("keisha@example.com")) == 1
    assert outbox_rows(db)[0].status == "sent"


def test_an_application_made_while_redis_is_down_is_saved_and_its_mail_sent_later(
    app, client, auth, db, make_user, make_job, mailbox, monkeypatch
):
    from hiremebahamas.models import Application

    employer = make_user("employer", email="hr@example.com")
    job = make_job(employer, title="Bonefish Guide")
    make_user(email="seeker@example.com")
    auth.login("seeker@example.com")
    working_redis = app.extensions["task_queues"]
    if working_redis is not None:
        dead = Redis(host="127.0.0.1", port=free_port(), socket_timeout=0.2)
        monkeypatch.setitem(app.extensions, "task_queues", dead)

    response = submit(
        client,
        f"/jobs/{job.id}/apply",
        {"cover_letter": "I have guided bonefish anglers on Andros for eight years."},
    )
    assert response.status_code == 303
    assert db.session.scalar(select(Application.id)) is not None

    monkeypatch.setitem(app.extensions, "task_queues", working_redis)  # Redis is back
    monkeypatch.setitem(app.config, "MAIL_SWEEP_AFTER", 0)
    sweep_outbox()
    deliver_queued_mail()
    mails = mailbox.to("hr@example.com")
    assert len(mails) == 1 and "New applicant for Bonefish Guide" in mails[0]["Subject"]


def start_worker_process(app, smtp_port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": app.config["REDIS_URL"],
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_port),
        "SECRET_KEY": app.config["SECRET_KEY"],
        "APP_ENV": "development",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--queue", "mail"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
