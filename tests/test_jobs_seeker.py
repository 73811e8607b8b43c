"""Job seekers: applying with a résumé, following applications, saving and reporting jobs."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hiremebahamas.models import (
    Application,
    ApplicationStatusChange,
    Notification,
    Report,
    SavedJob,
)
from hiremebahamas.timezone import nassau_today

from .conftest import AuthActions, submit, text_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
COVER_LETTER = "I have five years at the front desk of a busy Cable Beach hotel."


def signed_in(app, user):
    """A separate browser, signed in as user."""
    browser = app.test_client()
    assert AuthActions(browser).login(user.email).status_code == 303
    return browser


def count(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def landing(browser, response) -> str:
    """The page a browser lands on after a form's redirect."""
    assert response.status_code == 303
    return text_of(browser.get(response.headers["Location"]))


def apply(browser, job, resume: bytes | None = PDF, filename="cv.pdf", **fields):
    data = {"cover_letter": COVER_LETTER, **fields}
    if resume is not None:
        data["resume"] = (io.BytesIO(resume), filename)
    return submit(
        browser,
        f"/jobs/{job.id}/apply",
        data,
        form_page=f"/jobs/{job.id}",
        content_type="multipart/form-data",
    )


def pdf_of_size(size: int) -> bytes:
    """A file that starts and ends like a PDF, padded to size bytes."""
    head, tail = b"%PDF-1.4\n", b"\n%%EOF\n"
    return head + b"0" * (size - len(head) - len(tail)) + tail


@pytest.fixture
def employer(make_user):
    return make_user(
        "employer", username="baharesort", email="hr@baha.example.com", company_name="Baha Resort"
    )


@pytest.fixture
def job(employer, make_job):
    return make_job(employer, title="Front Desk Agent")


@pytest.fixture
def seeker(make_user):
    return make_user("seeker", name="Keisha Rolle", email="keisha@example.com")


@pytest.fixture
def seeker_browser(app, seeker):
    return signed_in(app, seeker)


@pytest.fixture
def application(db, seeker_browser, job, mailbox):
    """Keisha's application, sent through the form."""
    assert apply(seeker_browser, job).status_code == 303
    return db.session.scalar(select(Application))


# --- applying ---------------------------------------------------------------------------


def test_seeker_applies_with_a_cover_letter_and_a_pdf_and_the_employer_is_told(
    db, seeker, seeker_browser, employer, job, mailbox
):
    form = text_of(seeker_browser.get(f"/jobs/{job.id}/apply"))
    assert "Apply for Front Desk Agent" in form
    assert 'enctype="multipart/form-data"' in form

    response = apply(seeker_browser, job)

    assert response.status_code == 303
    assert response.headers["Location"] == "/applications"
    tracker = landing(seeker_browser, response)
    assert "Your application for Front Desk Agent is sent. Good luck!" in tracker
    assert "Front Desk Agent" in tracker and "Applied" in tracker

    application = db.session.scalar(select(Application))
    assert application.applicant_id == seeker.id
    assert application.cover_letter == COVER_LETTER
    assert application.resume_pdf == PDF
    assert application.resume_filename == "cv.pdf"
    assert application.status == "applied"

    notification = db.session.scalar(
        select(Notification).where(Notification.user_id == employer.id)
    )
    assert notification.kind == "new_application"
    assert notification.text == "Keisha Rolle applied for Front Desk Agent"
    assert notification.link == f"/jobs/{job.id}/applications"
    mail = mailbox.wait_for("hr@baha.example.com", "New applicant")
    assert mail["Subject"] == "New applicant for Front Desk Agent"
    assert "Keisha Rolle applied for Front Desk Agent." in mail.get_body(("plain",)).get_content()


def test_a_resume_is_optional(db, seeker_browser, job, mailbox):
    response = apply(seeker_browser, job, resume=None)

    assert response.status_code == 303
    application = db.session.scalar(select(Application))
    assert application.resume_filename is None


def test_the_tracker_shows_each_status_change(db, app, seeker_browser, employer, application):
    employer_browser = signed_in(app, employer)
    submit(
        employer_browser,
        f"/applications/{application.id}/status",
        {"status": "interview"},
        form_page=f"/jobs/{application.job_id}/applications",
    )

    page = text_of(seeker_browser.get("/applications"))

    assert "My applications" in page
    assert '<span class="badge status-interview">Interview</span>' in page
    history = page[page.index('<ol class="history">') : page.index("</ol>")]
    assert ": Applied</li>" in history
    assert ": Interview</li>" in history
    assert "Your résumé (cv.pdf)" in page
    # The job page also tells the seeker where they stand.
    assert "You applied: Interview" in text_of(seeker_browser.get(f"/jobs/{application.job_id}"))


def test_applying_twice_is_answered_kindly_and_keeps_one_application(
    db, seeker_browser, job, application
):
    response = apply(seeker_browser, job, cover_letter="Second try at the same job, please.")

    assert response.status_code == 303
    assert response.headers["Location"] == f"/applications#application-{application.id}"
    assert "You have already applied for this job; its status is below." in landing(
        seeker_browser, response
    )
    assert count(db, Application) == 1
    db.session.expire_all()
    assert application.cover_letter == COVER_LETTER


def test_a_file_that_is_not_really_a_pdf_is_refused(db, seeker_browser, job, mailbox):
    response = apply(seeker_browser, job, resume=b"MZ\x90\x00 this is an exe", filename="cv.pdf")

    assert response.status_code == 200
    page = text_of(response)
    assert "That file is not a PDF. Save your résumé as a PDF and try again." in page
    assert COVER_LETTER in page  # the letter is still there to send again
    assert count(db, Application) == 0
    assert count(db, Notification) == 0


def test_a_pdf_larger_than_2_mb_is_refused_with_a_field_error(db, seeker_browser, job, mailbox):
    response = apply(seeker_browser, job, resume=pdf_of_size(int(2.5 * 1024 * 1024)))

    assert response.status_code == 200
    assert "That file is larger than 2 MB." in text_of(response)
    assert count(db, Application) == 0


def test_an_upload_over_the_request_limit_gets_a_friendly_page(db, seeker_browser, job, mailbox):
    response = apply(seeker_browser, job, resume=pdf_of_size(3 * 1024 * 1024 + 10_000))

    assert response.status_code == 413
    page = text_of(response)
    assert "File too large" in page
    assert "Résumés can be up to 2 MB" in page
    assert count(db, Application) == 0


def test_a_pdf_of_exactly_2_mb_is_accepted(db, seeker_browser, job, mailbox):
    response = apply(seeker_browser, job, resume=pdf_of_size(2 * 1024 * 1024))

    assert response.status_code == 303
    assert count(db, Application) == 1


@pytest.mark.parametrize("cover_letter", ["", "Hire me."])
def test_a_missing_or_tiny_cover_letter_is_refused(db, seeker_browser, job, cover_letter):
    response = apply(seeker_browser, job, cover_letter=cover_letter)

    assert response.status_code == 200
    page = text_of(response)
    assert (
        "Write a short cover letter." in page or "Write between 20 and 10,000 characters." in page
    )
    assert count(db, Application) == 0


@pytest.mark.parametrize(
    "fields",
    [{"status": "closed"}, {"closes_on": nassau_today() - timedelta(days=1)}],
    ids=["closed", "expired"],
)
def test_a_closed_or_expired_job_refuses_applications(
    db, seeker_browser, employer, make_job, mailbox, fields
):
    job = make_job(employer, title="Old Job", **fields)

    response = seeker_browser.get(f"/jobs/{job.id}/apply")
    assert response.headers["Location"] == f"/jobs/{job.id}"
    assert "This job is no longer accepting applications." in landing(seeker_browser, response)

    response = apply(seeker_browser, job)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/jobs/{job.id}"
    assert count(db, Application) == 0
    assert count(db, Notification) == 0


def test_employers_cannot_apply(app, db, make_user, job):
    browser = signed_in(app, make_user("employer"))

    assert browser.get(f"/jobs/{job.id}/apply").status_code == 403
    response = apply(browser, job)
    assert response.status_code == 403
    assert "Only job seekers can do that." in text_of(response)
    assert count(db, Application) == 0


def test_a_visitor_is_sent_to_sign_in_before_applying(client, db, job):
    response = client.get(f"/jobs/{job.id}/apply")

    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_applying_to_a_job_that_does_not_exist_is_not_found(seeker_browser, db):
    assert seeker_browser.get("/jobs/999999/apply").status_code == 404


def test_an_application_without_the_forms_token_is_refused(db, seeker_browser, job):
    response = seeker_browser.post(
        f"/jobs/{job.id}/apply",
        data={"cover_letter": COVER_LETTER, "resume": (io.BytesIO(PDF), "cv.pdf")},
        content_type="multipart/form-data",
    )

    assert response.status_code == 400
    assert count(db, Application) == 0


# --- the résumé -------------------------------------------------------------------------


def test_the_applicant_and_the_employer_can_download_the_resume(
    app, seeker_browser, employer, application
):
    path = f"/applications/{application.id}/resume"
    for browser in (seeker_browser, signed_in(app, employer)):
        response = browser.get(path)
        assert response.status_code == 200
        assert response.data == PDF
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"] == 'attachment; filename="cv.pdf"'
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_employer_finds_the_resume_link_on_the_applicants_page(app, employer, application):
    page = text_of(signed_in(app, employer).get(f"/jobs/{application.job_id}/applications"))

    assert f'href="/applications/{application.id}/resume">Download résumé (cv.pdf' in page


@pytest.mark.parametrize("account_type", ["seeker", "employer"])
def test_nobody_else_can_download_a_resume(app, make_user, application, account_type):
    browser = signed_in(app, make_user(account_type))

    response = browser.get(f"/applications/{application.id}/resume")

    assert response.status_code == 403
    assert PDF not in response.data


def test_a_visitor_is_sent_to_sign_in_for_a_resume(client, application):
    response = client.get(f"/applications/{application.id}/resume")

    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_an_odd_resume_file_name_is_made_safe(db, seeker_browser, job, mailbox):
    apply(seeker_browser, job, filename='my "cv"\r\n<x>.txt')
    application = db.session.scalar(select(Application))

    response = seeker_browser.get(f"/applications/{application.id}/resume")

    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith('.pdf"')
    assert "<" not in disposition and "\r" not in disposition


# --- withdrawing ------------------------------------------------------------------------


def test_the_applicant_withdraws_an_application(db, seeker_browser, application):
    response = submit(
        seeker_browser,
        f"/applications/{application.id}/withdraw",
        {},
        form_page="/applications",
    )

    assert response.headers["Location"] == "/applications"
    page = landing(seeker_browser, response)
    assert "Your application is withdrawn." in page
    assert '<span class="badge status-withdrawn">Withdrawn</span>' in page
    assert "Withdraw application" not in page
    db.session.expire_all()
    assert application.status == "withdrawn"
    last = db.session.scalars(
        select(ApplicationStatusChange).order_by(ApplicationStatusChange.id.desc())
    ).first()
    assert (last.from_status, last.to_status) == ("applied", "withdrawn")


@pytest.mark.parametrize("account_type", ["seeker", "employer"])
def test_nobody_else_can_withdraw_an_application(app, db, make_user, application, account_type):
    browser = signed_in(app, make_user(account_type))

    response = submit(browser, f"/applications/{application.id}/withdraw", {}, form_page="/")

    assert response.status_code == 403
    db.session.expire_all()
    assert application.status == "applied"


def test_withdrawing_an_application_that_does_not_exist_is_not_found(seeker_browser, db):
    response = submit(seeker_browser, "/applications/999999/withdraw", {}, form_page="/")

    assert response.status_code == 404


def test_the_tracker_is_for_seekers_and_shows_only_their_own_applications(
    app, db, make_user, application
):
    other = signed_in(app, make_user("seeker"))
    page = text_of(other.get("/applications"))
    assert "You haven't applied for a job yet." in page
    assert "Front Desk Agent" not in page

    assert signed_in(app, make_user("employer")).get("/applications").status_code == 403
    assert app.test_client().get("/applications").status_code in (302, 303)


# --- saving jobs ------------------------------------------------------------------------


def test_seeker_saves_a_job_once_however_often_they_click(db, seeker, seeker_browser, job):
    for _ in range(2):
        response = submit(seeker_browser, f"/jobs/{job.id}/save", {}, form_page=f"/jobs/{job.id}")
        assert response.headers["Location"] == f"/jobs/{job.id}"

    page = landing(seeker_browser, response)
    assert "Saved Front Desk Agent. Find it under Saved jobs." in page
    assert "Unsave" in page
    assert count(db, SavedJob, SavedJob.user_id == seeker.id) == 1
    saved = text_of(seeker_browser.get("/jobs/saved"))
    assert f'<a href="/jobs/{job.id}">Front Desk Agent</a>' in saved


def test_seeker_unsaves_a_job(db, seeker, seeker_browser, job):
    submit(seeker_browser, f"/jobs/{job.id}/save", {}, form_page=f"/jobs/{job.id}")

    for _ in range(2):
        response = submit(
            seeker_browser, f"/jobs/{job.id}/unsave", {"from": "saved"}, form_page="/jobs/saved"
        )
        assert response.headers["Location"] == "/jobs/saved"

    page = landing(seeker_browser, response)
    assert "Removed Front Desk Agent from your saved jobs." in page
    assert "No saved jobs yet." in page
    assert count(db, SavedJob) == 0


def test_a_saved_job_that_closes_is_marked_on_the_saved_list(
    db, seeker_browser, employer, make_job
):
    job = make_job(employer, title="Short Lived Job")
    submit(seeker_browser, f"/jobs/{job.id}/save", {}, form_page=f"/jobs/{job.id}")
    job.status = "closed"
    db.session.commit()

    page = text_of(seeker_browser.get("/jobs/saved"))

    assert "Short Lived Job" in page
    assert "No longer open" in page


def test_employers_cannot_save_jobs(app, db, make_user, job):
    browser = signed_in(app, make_user("employer"))

    response = submit(browser, f"/jobs/{job.id}/save", {}, form_page="/")

    assert response.status_code == 403
    assert count(db, SavedJob) == 0
    assert browser.get("/jobs/saved").status_code == 403


def test_saving_needs_the_forms_token(db, seeker_browser, job):
    assert seeker_browser.post(f"/jobs/{job.id}/save").status_code == 400
    assert count(db, SavedJob) == 0


# --- reporting a job --------------------------------------------------------------------


def test_a_user_reports_a_job_for_the_moderators(db, seeker, seeker_browser, job):
    response = submit(
        seeker_browser,
        f"/jobs/{job.id}/report",
        {"reason": "They asked me to pay a fee before the interview."},
        form_page=f"/jobs/{job.id}",
    )

    assert response.headers["Location"] == f"/jobs/{job.id}"
    assert "Thank you. Our moderators will look at this job." in landing(seeker_browser, response)
    report = db.session.scalar(select(Report))
    assert report.job_id == job.id
    assert report.reporter_id == seeker.id
    assert report.reason == "They asked me to pay a fee before the interview."
    assert report.status == "open"


@pytest.mark.parametrize("reason", ["", " " * 10], ids=["empty", "only-spaces"])
def test_a_report_without_a_reason_is_not_sent(db, seeker_browser, job, reason):
    response = submit(
        seeker_browser, f"/jobs/{job.id}/report", {"reason": reason}, form_page=f"/jobs/{job.id}"
    )

    assert response.headers["Location"] == f"/jobs/{job.id}"
    page = landing(seeker_browser, response)
    assert "Your report was not sent:" in page
    assert count(db, Report) == 0


def test_an_employer_may_report_another_employers_job(app, db, make_user, job):
    browser = signed_in(app, make_user("employer"))

    response = submit(
        browser, f"/jobs/{job.id}/report", {"reason": "This copies our ad word for word."}, "/"
    )

    assert response.status_code == 303
    assert count(db, Report) == 1


def test_a_visitor_must_sign_in_to_report(client, db, job):
    response = submit(
        client, f"/jobs/{job.id}/report", {"reason": "Looks like a scam job."}, "/auth/login"
    )

    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith("/auth/login")
    assert count(db, Report) == 0
