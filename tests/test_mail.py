"""Background mail, against the real services: the outbox table in the same transaction as the
event, delivery after commit (in-process in the embedded default, by an RQ worker with Redis),
at most one send per row, SMTP outages, the .eml outbox folder and the operator's commands.
"""

from email import message_from_bytes, policy

from redis import Redis
from rq import Queue
from sqlalchemy import func, select

from hiremebahamas.extensions import task_queues
from hiremebahamas.mail import send_mail
from hiremebahamas.mail.delivery import deliver
from hiremebahamas.models import OutboundEmail

from .conftest import deliver_queued_mail, free_port, link_in, mail_text

SUBJECT = "Confirm your email address for HireMeBahamas"


def write_mail(app, user) -> OutboundEmail:
    """Write the verification mail for `user` in the current transaction (not committed).

    Rendered inside a request context, as the sign-up view does (the templates build links
    with url_for); the request context shares the test's app context and database session.
    """
    with app.test_request_context():
        return send_mail("verify_email", user, SUBJECT, "verify_email", token="t0ken")


def queued_mail() -> int:
    """Jobs waiting on the RQ queue "mail" (0 in the embedded default: there is no queue)."""
    if not task_queues.enabled:
        return 0
    return Queue("mail", connection=task_queues.redis).count


def outbox_row(db, email_id: int) -> OutboundEmail:
    """The row as stored now (another session, the worker's, may have changed it)."""
    return db.session.get(OutboundEmail, email_id, populate_existing=True)


def count_rows(db) -> int:
    return db.session.scalar(select(func.count()).select_from(OutboundEmail))


def test_mail_of_a_rolled_back_event_is_neither_stored_nor_sent(app, db, mailbox, make_user):
    user = make_user(email="rollback@example.com")
    email = write_mail(app, user)
    assert email.id is not None  # flushed: the row exists inside the transaction

    db.session.rollback()

    assert count_rows(db) == 0
    assert queued_mail() == 0
    deliver_queued_mail()
    assert mailbox.messages == []


def test_committed_mail_is_delivered_once_with_text_and_html_parts(app, db, mailbox, make_user):
    user = make_user(name="Keisha Rolle", email="keisha@example.com")
    email_id = write_mail(app, user).id
    db.session.commit()

    if task_queues.enabled:
        # Production mode: the mail waits on the "mail" queue until a worker takes it.
        assert queued_mail() == 1
        assert outbox_row(db, email_id).status == "pending"
        assert mailbox.messages == []
        deliver_queued_mail()  # a real RQ worker in burst mode
        assert queued_mail() == 0
    # Embedded default: it was delivered in-process as the transaction committed.

    row = outbox_row(db, email_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
    assert row.sent_at is not None
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert str(message["From"]) == app.config["MAIL_DEFAULT_SENDER"]
    assert str(message["To"]) == "keisha@example.com"
    assert str(message["Subject"]) == SUBJECT
    assert message["Date"]
    assert f"outbox-{email_id}@hiremebahamas.com>" in message["Message-ID"]
    assert message.get_content_type() == "multipart/alternative"
    text = mail_text(message)
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Hello Keisha Rolle," in text
    assert "Hello Keisha Rolle," in html
    assert link_in(message, "/auth/verify/") == "/auth/verify/t0ken"
    assert 'href="http://hiremebahamas.test/auth/verify/t0ken"' in html


def test_mail_is_sent_once_even_if_delivered_twice(app, db, mailbox, make_user):
    user = make_user(email="twice@example.com")
    email_id = write_mail(app, user).id
    db.session.commit()
    deliver_queued_mail()
    assert len(mailbox.messages) == 1

    # A retried or duplicated job must not mail the person again.
    assert deliver(email_id) == "already-sent"
    deliver_queued_mail()

    assert len(mailbox.messages) == 1
    row = outbox_row(db, email_id)
    assert (row.status, row.attempts) == ("sent", 1)


def test_delivering_a_row_that_does_not_exist_sends_nothing(db, mailbox):
    assert deliver(4242) == "missing"
    assert mailbox.messages == []


def test_sign_up_still_works_when_the_mail_server_is_down(
    app, db, client, auth, mailbox, monkeypatch
):
    """The account is created and the mail kept for a retry; once SMTP is back it goes out."""
    smtp_port = app.config["MAIL_PORT"]
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listens there

    response = auth.register(email="outage@example.com")

    assert response.status_code == 303
    email = db.session.scalars(select(OutboundEmail)).one()
    email_id = email.id
    if task_queues.enabled:
        assert queued_mail() == 1
        deliver_queued_mail()  # the worker tries, fails, and RQ schedules a retry
        assert queued_mail() == 0
        assert Queue("mail", connection=task_queues.redis).scheduled_job_registry.count == 1
    row = outbox_row(db, email_id)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.sent_at is None
    assert "ConnectionRefusedError" in row.last_error
    assert mailbox.messages == []

    # The mail server is back: the retry sends it and clears the error.
    monkeypatch.setitem(app.config, "MAIL_PORT", smtp_port)
    assert deliver(email_id) == "sent"
    row = outbox_row(db, email_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, None)
    assert [str(m["To"]) for m in mailbox.messages] == ["outage@example.com"]


def test_sign_up_still_works_when_the_queue_cannot_be_reached(
    app, db, client, auth, mailbox, monkeypatch
):
    """Redis down while enqueueing: the request succeeds and the row stays pending."""
    # A client like the app's own (short timeouts), to a port nothing listens on.
    dead_redis = Redis.from_url(
        f"redis://127.0.0.1:{free_port()}/0", socket_timeout=0.5, socket_connect_timeout=0.5
    )
    monkeypatch.setitem(app.extensions, "task_queues", dead_redis)

    response = auth.register(email="noqueue@example.com")

    assert response.status_code == 303
    row = db.session.scalars(select(OutboundEmail)).one()
    assert (row.to_address, row.status, row.attempts) == ("noqueue@example.com", "pending", 0)
    assert mailbox.messages == []
    dead_redis.close()


def test_without_a_mail_server_mail_is_written_to_the_outbox_folder(
    app, db, mailbox, make_user, outbox_dir, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    user = make_user(name="Dwayne Ferguson", email="dwayne@example.com")
    email_id = write_mail(app, user).id
    db.session.commit()
    deliver_queued_mail()

    path = outbox_dir / f"{email_id:08d}.eml"
    assert path.is_file()
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert str(message["To"]) == "dwayne@example.com"
    assert str(message["From"]) == app.config["MAIL_DEFAULT_SENDER"]
    assert str(message["Subject"]) == SUBJECT
    assert "Hello Dwayne Ferguson," in mail_text(message)
    assert message.get_body(preferencelist=("html",)) is not None
    assert mailbox.messages == []  # nothing went over SMTP
    row = outbox_row(db, email_id)
    assert (row.status, row.attempts) == ("sent", 1)


def test_mail_can_be_written_outside_a_web_request(app, db, mailbox, make_user):
    """Job-alert digests and sweeps run from the CLI or a worker, with no request around."""
    user = make_user(email="digest@example.com")
    email_id = send_mail("verify_email", user, SUBJECT, "verify_email", token="t0ken").id
    db.session.commit()
    deliver_queued_mail()

    assert outbox_row(db, email_id).status == "sent"
    [message] = mailbox.messages
    assert link_in(message, "/auth/verify/") == "/auth/verify/t0ken"
    assert "http://hiremebahamas.test/auth/verify/t0ken" in mail_text(message)


def test_mail_status_command_counts_the_outbox(db, runner):
    for status, how_many in (("pending", 2), ("sent", 3), ("failed", 1)):
        for n in range(how_many):
            db.session.add(
                OutboundEmail(
                    kind="verify_email",
                    to_address=f"{status}{n}@example.com",
                    subject="Hello",
                    text_body="Hello",
                    status=status,
                )
            )
    db.session.commit()  # plain rows, not send_mail: nothing is dispatched

    result = runner.invoke(args=["mail", "status"])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "pending: 2, sent: 3, failed: 1"
    assert "queue" in result.output


def test_mail_status_command_on_an_empty_outbox(db, runner):
    result = runner.invoke(args=["mail", "status"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "pending: 0, sent: 0, failed: 0"


def test_worker_command_delivers_queued_mail_or_explains_it_needs_redis(
    app, db, runner, mailbox, make_user, monkeypatch
):
    """`flask worker --burst` (the Procfile's worker line) sends what is queued; in the embedded
    default there is no queue, and the operator is told why instead of seeing a traceback."""
    if task_queues.enabled:
        user = make_user(email="worker@example.com")
        email_id = write_mail(app, user).id
        db.session.commit()
        assert queued_mail() == 1

        result = runner.invoke(args=["worker", "--burst"])

        assert result.exit_code == 0, result.output
        assert queued_mail() == 0
        assert outbox_row(db, email_id).status == "sent"
        assert [str(m["To"]) for m in mailbox.messages] == ["worker@example.com"]
    else:
        result = runner.invoke(args=["worker", "--burst"])

        assert result.exit_code != 0
        assert "REDIS_URL" in result.output
        # A clean click error, not an uncaught exception (which prints a traceback).
        assert isinstance(result.exception, SystemExit), result.exception
