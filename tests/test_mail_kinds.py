"""Each kind of mail the site sends, caused the way people cause it (through the forms), and
delivered through the real SMTP server (with Redis, by the real RQ worker): the right
recipient, subject and link, both a text and an HTML part, the configured sender and no
template leftovers. Then the operator's commands that recover mail: retry-failed and sweep.
"""

import pytest
from rq import Queue
from rq.job import Job as RQJob
from sqlalchemy import func, select, update

from hiremebahamas.alerts.digests import send_due_alerts
from hiremebahamas.extensions import task_queues
from hiremebahamas.mail import send_mail
from hiremebahamas.mail.delivery import MAX_ATTEMPTS, deliver
from hiremebahamas.mail.jobs import job_id_for
from hiremebahamas.models import Application, JobAlert, Notification, OutboundEmail

from .conftest import (
    AuthActions,
    deliver_queued_mail,
    free_port,
    link_in,
    mail_text,
    submit,
)

SITE = "http://hiremebahamas.test"
COVER_LETTER = "I have five years at the front desk of a busy Cable Beach hotel."
SEEKER_EMAIL = "keisha@example.com"
EMPLOYER_EMAIL = "hr@baha.example.com"


# --- helpers ----------------------------------------------------------------------------


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def assert_well_formed(app, message) -> None:
    """Text and HTML parts, the configured sender, nothing left unrendered."""
    assert message.get_content_type() == "multipart/alternative"
    assert message.get_body(preferencelist=("plain",)) is not None
    assert message.get_body(preferencelist=("html",)) is not None
    assert str(message["From"]) == app.config["MAIL_DEFAULT_SENDER"]
    assert message["Date"]
    assert message["Message-ID"]
    for part in (str(message["Subject"]), mail_text(message), html_of(message)):
        assert "None" not in part
        assert "{{" not in part
        assert "{%" not in part
        assert "Undefined" not in part


def assert_no_mail(mailbox, address: str) -> None:
    deliver_queued_mail()  # with Redis, give the worker its chance to send anything queued
    assert mailbox.to(address) == []


def count_mails(db, kind: str) -> int:
    return db.session.scalar(
        select(func.count()).select_from(OutboundEmail).where(OutboundEmail.kind == kind)
    )


def outbox_row(db, email_id: int) -> OutboundEmail:
    return db.session.get(OutboundEmail, email_id, populate_existing=True)


def signed_in(app, user):
    browser = app.test_client()
    assert AuthActions(browser).login(user.email).status_code == 303
    return browser


def apply(browser, job):
    return submit(
        browser,
        f"/jobs/{job.id}/apply",
        {"cover_letter": COVER_LETTER},
        form_page=f"/jobs/{job.id}/apply",
        content_type="multipart/form-data",
    )


def move(browser, application_id: int, job_id: int, status: str):
    return submit(
        browser,
        f"/applications/{application_id}/status",
        {"status": status},
        form_page=f"/jobs/{job_id}/applications",
    )


@pytest.fixture
def employer(make_user):
    return make_user(
        "employer",
        name="Marsha Knowles",
        username="baharesort",
        email=EMPLOYER_EMAIL,
        company_name="Baha Resort",
    )


@pytest.fixture
def seeker(make_user):
    return make_user("seeker", name="Keisha Rolle", email=SEEKER_EMAIL)


@pytest.fixture
def job(employer, make_job):
    return make_job(employer, title="Front Desk Agent")


@pytest.fixture
def application_id(app, db, seeker, job, mailbox):
    """Keisha's application, sent through the form (its mail to the employer cleared)."""
    assert apply(signed_in(app, seeker), job).status_code == 303
    deliver_queued_mail()
    mailbox.clear()
    return db.session.scalar(select(Application.id))


# --- account mails ----------------------------------------------------------------------


def test_registration_mails_an_email_verification_link(app, db, auth, mailbox):
    response = auth.register(email="new.person@example.com", name="New Person")
    assert response.status_code == 303

    mail = mailbox.wait_for("new.person@example.com", "Confirm your email")

    assert str(mail["To"]) == "new.person@example.com"
    assert str(mail["Subject"]) == "Confirm your email address for HireMeBahamas"
    assert "Hello New Person," in mail_text(mail)
    path = link_in(mail, "/auth/verify/")
    assert f'href="{SITE}{path}"' in html_of(mail)
    assert "List-Unsubscribe" not in mail  # an account mail, not a list
    assert_well_formed(app, mail)
    assert len(mailbox.to("new.person@example.com")) == 1

    # The link works: it confirms the address.
    assert "is confirmed" in app.test_client().get(path, follow_redirects=True).get_data(
        as_text=True
    )


def test_password_reset_mails_a_reset_link(app, db, client, make_user, mailbox):
    make_user("seeker", name="Keisha Rolle", email=SEEKER_EMAIL)

    response = submit(client, "/auth/reset", {"email": SEEKER_EMAIL})
    assert response.status_code == 303

    mail = mailbox.wait_for(SEEKER_EMAIL, "Reset your")
    assert str(mail["To"]) == SEEKER_EMAIL
    assert str(mail["Subject"]) == "Reset your HireMeBahamas password"
    assert "Hello Keisha Rolle," in mail_text(mail)
    path = link_in(mail, "/auth/reset/")
    assert f'href="{SITE}{path}"' in html_of(mail)
    assert_well_formed(app, mail)
    assert app.test_client().get(path).status_code == 200  # the form for a new password


def test_password_reset_for_an_unknown_address_mails_nobody(db, client, mailbox):
    response = submit(client, "/auth/reset", {"email": "nobody@example.com"})
    assert response.status_code == 303
    assert_no_mail(mailbox, "nobody@example.com")
    assert count_mails(db, "reset_password") == 0


# --- applications -----------------------------------------------------------------------


def test_a_new_application_mails_the_employer(app, db, seeker, job, mailbox):
    response = apply(signed_in(app, seeker), job)
    assert response.status_code == 303

    mail = mailbox.wait_for(EMPLOYER_EMAIL, "New applicant for")
    assert str(mail["To"]) == EMPLOYER_EMAIL
    assert str(mail["Subject"]) == "New applicant for Front Desk Agent"
    text = mail_text(mail)
    assert "Hello Marsha Knowles," in text
    assert "Keisha Rolle applied for Front Desk Agent." in text
    assert link_in(mail, f"/jobs/{job.id}/applications") == f"/jobs/{job.id}/applications"
    assert f'href="{SITE}/jobs/{job.id}/applications"' in html_of(mail)
    assert_well_formed(app, mail)
    assert mailbox.to(SEEKER_EMAIL) == []  # the applicant is not mailed about it
    assert len(mailbox.to(EMPLOYER_EMAIL)) == 1


def test_no_application_mail_when_the_employer_switched_it_off(
    app, db, employer, seeker, job, mailbox
):
    employer.email_on_application = False
    db.session.commit()

    response = apply(signed_in(app, seeker), job)

    assert response.status_code == 303
    assert_no_mail(mailbox, EMPLOYER_EMAIL)
    assert count_mails(db, "new_application") == 0
    notification = db.session.scalars(
        select(Notification).where(Notification.user_id == employer.id)
    ).one()  # still told in the app
    assert notification.kind == "new_application"
    assert notification.link == f"/jobs/{job.id}/applications"


def test_a_status_change_mails_the_applicant(app, db, employer, job, application_id, mailbox):
    response = move(signed_in(app, employer), application_id, job.id, "interview")
    assert response.status_code == 303

    mail = mailbox.wait_for(SEEKER_EMAIL, "Your application for")
    assert str(mail["To"]) == SEEKER_EMAIL
    assert str(mail["Subject"]).startswith("Your application for Front Desk Agent")
    assert "interview" in str(mail["Subject"]).lower()
    text = mail_text(mail)
    assert "Hello Keisha Rolle," in text
    assert "Front Desk Agent at Baha Resort" in text
    assert link_in(mail, "/applications") == "/applications"
    assert f'href="{SITE}/applications"' in html_of(mail)
    assert_well_formed(app, mail)
    assert mailbox.to(EMPLOYER_EMAIL) == []


def test_no_status_mail_when_the_applicant_switched_it_off(
    app, db, seeker, employer, job, application_id, mailbox
):
    seeker.email_on_status = False
    db.session.commit()

    response = move(signed_in(app, employer), application_id, job.id, "interview")

    assert response.status_code == 303
    assert db.session.get(Application, application_id, populate_existing=True).status == (
        "interview"
    )
    assert_no_mail(mailbox, SEEKER_EMAIL)
    assert count_mails(db, "application_status") == 0
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == seeker.id, Notification.kind == "application_status")
        )
        == 1
    )


# --- job alerts -------------------------------------------------------------------------


def test_a_job_alert_mail_links_to_the_job(app, db, seeker, employer, make_job, mailbox):
    db.session.add(JobAlert(user_id=seeker.id, q="nurse", island="exuma", frequency="daily"))
    db.session.commit()
    job = make_job(employer, title="Registered Nurse", island="exuma", location="George Town")

    assert send_due_alerts().mailed == 1

    mail = mailbox.wait_for(SEEKER_EMAIL, "new job")
    assert str(mail["To"]) == SEEKER_EMAIL
    assert str(mail["Subject"]) == "1 new job: “nurse” jobs · Exuma"
    assert link_in(mail, "/jobs/") == f"/jobs/{job.id}"
    assert f'href="{SITE}/jobs/{job.id}"' in html_of(mail)
    assert mail["List-Unsubscribe"].startswith(f"<{SITE}/alerts/unsubscribe/")
    assert_well_formed(app, mail)


def test_every_kind_of_mail_is_well_formed(
    app, db, auth, client, seeker, employer, job, make_job, mailbox
):
    """One of each, end to end; every mail has both parts, the sender and no leftovers."""
    auth.register(email="new.person@example.com", username="newperson")
    submit(app.test_client(), "/auth/reset", {"email": SEEKER_EMAIL})
    assert apply(signed_in(app, seeker), job).status_code == 303
    application_id = db.session.scalar(select(Application.id))
    move(signed_in(app, employer), application_id, job.id, "reviewing")
    db.session.add(JobAlert(user_id=seeker.id, frequency="daily"))
    db.session.commit()
    make_job(employer, title="Night Auditor")
    send_due_alerts()

    expected = {
        ("new.person@example.com", "Confirm your email"),
        (SEEKER_EMAIL, "Reset your"),
        (EMPLOYER_EMAIL, "New applicant for Front Desk Agent"),
        (SEEKER_EMAIL, "Your application for Front Desk Agent"),
        (SEEKER_EMAIL, "1 new job"),
    }
    for address, subject in expected:
        mailbox.wait_for(address, subject)
    assert len(mailbox.messages) == len(expected)
    for message in mailbox.messages:
        assert_well_formed(app, message)
    rows = db.session.scalars(select(OutboundEmail)).all()
    assert {row.kind for row in rows} == {
        "verify_email",
        "reset_password",
        "new_application",
        "application_status",
        "job_alert",
    }
    assert all(outbox_row(db, row.id).status == "sent" for row in rows)


# --- the operator's recovery commands ---------------------------------------------------


def write_mail(db, user) -> int:
    """A committed outbox row (the verification mail), handed on after commit as the app does."""
    subject = "Confirm your email address for HireMeBahamas"
    email_id = send_mail("verify_email", user, subject, "verify_email", token="t0ken").id
    db.session.commit()
    return email_id


def test_retry_failed_command_delivers_a_mail_that_had_failed_for_good(
    app, db, runner, make_user, mailbox, monkeypatch
):
    user = make_user(email="failed@example.com")
    smtp_port = app.config["MAIL_PORT"]
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # the mail server is down

    email_id = write_mail(db, user)
    # Its earlier attempts used up, the last one fails and the row is given up on.
    db.session.execute(
        update(OutboundEmail).where(OutboundEmail.id == email_id).values(attempts=MAX_ATTEMPTS - 1)
    )
    db.session.commit()
    if task_queues.enabled:
        deliver_queued_mail()  # the worker makes the last attempt
    else:
        assert deliver(email_id) == "failed"
    row = outbox_row(db, email_id)
    assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS)
    assert "ConnectionRefusedError" in row.last_error
    assert mailbox.to("failed@example.com") == []

    monkeypatch.setitem(app.config, "MAIL_PORT", smtp_port)  # the mail server is back
    result = runner.invoke(args=["mail", "retry-failed"])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["mail retry-failed: 1 failed mails handed on again"]
    mail = mailbox.wait_for("failed@example.com", "Confirm your email")
    assert_well_formed(app, mail)
    row = outbox_row(db, email_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
    assert len(mailbox.to("failed@example.com")) == 1

    # Nothing is left to retry, and the sent mail is not sent again.
    again = runner.invoke(args=["mail", "retry-failed"])
    assert again.output.splitlines() == ["mail retry-failed: 0 failed mails handed on again"]
    deliver_queued_mail()
    assert len(mailbox.to("failed@example.com")) == 1


def test_sweep_command_delivers_a_lost_mail_exactly_once(
    app, db, runner, make_user, mailbox, monkeypatch
):
    user = make_user(email="lost@example.com")
    monkeypatch.setitem(app.config, "MAIL_SWEEP_AFTER", 0)
    smtp_port = app.config["MAIL_PORT"]
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # the first attempt fails

    email_id = write_mail(db, user)
    if task_queues.enabled:
        # The job is lost (Redis flushed, a worker killed): only the outbox row is left.
        RQJob.fetch(job_id_for(email_id), connection=task_queues.redis).delete()
        assert Queue("mail", connection=task_queues.redis).count == 0
    row = outbox_row(db, email_id)
    assert row.status == "pending"
    assert mailbox.to("lost@example.com") == []

    monkeypatch.setitem(app.config, "MAIL_PORT", smtp_port)
    result = runner.invoke(args=["mail", "sweep"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("mail sweep: 1 pending mails checked, 1 handed on again")
    deliver_queued_mail()
    assert outbox_row(db, email_id).status == "sent"
    assert len(mailbox.to("lost@example.com")) == 1

    # A second sweep finds nothing pending, and nothing is sent twice.
    again = runner.invoke(args=["mail", "sweep"])
    assert again.output.startswith("mail sweep: 0 pending mails checked")
    deliver_queued_mail()
    assert len(mailbox.to("lost@example.com")) == 1


def test_sweep_leaves_mail_whose_job_is_still_queued(
    app, db, runner, make_user, mailbox, monkeypatch
):
    """With Redis, a pending row whose job still waits on the queue is not handed on twice.
    Without Redis the mail was sent at commit, so the sweep finds nothing pending."""
    monkeypatch.setitem(app.config, "MAIL_SWEEP_AFTER", 0)
    email_id = write_mail(db, make_user(email="queued@example.com"))

    result = runner.invoke(args=["mail", "sweep"])

    if task_queues.enabled:
        assert "0 handed on again, 1 still in a worker's hands" in result.output
        assert Queue("mail", connection=task_queues.redis).count == 1
    else:
        assert result.output.startswith("mail sweep: 0 pending mails checked")
    deliver_queued_mail()
    assert outbox_row(db, email_id).status == "sent"
    assert len(mailbox.to("queued@example.com")) == 1


def test_sweep_ignores_recent_pending_mail(app, db, runner, make_user, mailbox, monkeypatch):
    """Mail younger than MAIL_SWEEP_AFTER is still in its first attempt's hands."""
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())
    email_id = write_mail(db, make_user(email="recent@example.com"))
    assert app.config["MAIL_SWEEP_AFTER"] >= 60

    result = runner.invoke(args=["mail", "sweep"])

    assert result.exit_code == 0, result.output
    assert result.output.startswith("mail sweep: 0 pending mails checked")
    assert outbox_row(db, email_id).status == "pending"
