"""Employers: posting, editing and closing jobs, the dashboard, and moving applicants along."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hiremebahamas.models import Application, ApplicationStatusChange, Job, Notification
from hiremebahamas.timezone import nassau_today
from hiremebahamas.vocab import APPLICATION_STATUSES

from .conftest import AuthActions, submit, text_of


def signed_in(app, user):
    """A separate browser, signed in as user."""
    browser = app.test_client()
    assert AuthActions(browser).login(user.email).status_code == 303
    return browser


def count(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def flash_after(browser, response) -> str:
    """The page a browser lands on after a form's redirect."""
    assert response.status_code == 303
    return text_of(browser.get(response.headers["Location"]))


def job_form(**changes) -> dict:
    """A complete, valid job form as an employer fills it in."""
    values = {
        "title": "Marina Dockhand",
        "description": "Help boats dock safely, fuel them and keep the marina tidy.\n\n"
        "Early mornings and some weekends.",
        "island": "abaco",
        "location": "Marsh Harbour",
        "category": "maritime-fishing",
        "employment_type": "seasonal",
        "workplace": "on-site",
        "salary_min": "14",
        "salary_max": "18",
        "salary_period": "hour",
        "closes_on": (nassau_today() + timedelta(days=45)).isoformat(),
        "permit": "permit_holders",
    }
    values.update(changes)
    return values


@pytest.fixture
def employer(make_user):
    return make_user("employer", username="abacomarina", company_name="Abaco Marina Ltd")


@pytest.fixture
def employer_browser(app, employer):
    return signed_in(app, employer)


# --- posting a job ----------------------------------------------------------------------


def test_employer_posts_a_job_and_it_is_live_at_once(db, employer, employer_browser, client):
    assert "Marina Dockhand" not in text_of(client.get("/jobs/list"))  # a visitor looks first

    response = submit(employer_browser, "/jobs/new", job_form())

    assert response.status_code == 303
    job = db.session.scalar(select(Job))
    assert response.headers["Location"] == f"/jobs/{job.id}"
    page = flash_after(employer_browser, response)
    assert "Your job “Marina Dockhand” is live." in page
    assert "$14–$18 BSD per hour" in page
    assert "Marsh Harbour, Abaco" in page

    assert job.employer_id == employer.id
    assert (job.island, job.category, job.employment_type) == (
        "abaco",
        "maritime-fishing",
        "seasonal",
    )
    assert (job.salary_min, job.salary_max, job.salary_period) == (14, 18, "hour")
    assert job.closes_on == nassau_today() + timedelta(days=45)
    assert job.permit == "permit_holders"
    assert job.status == "open"

    listed = text_of(client.get("/jobs/list"))
    assert f'<a href="/jobs/{job.id}">Marina Dockhand</a>' in listed


def test_a_job_may_be_posted_without_a_salary(db, employer_browser):
    response = submit(
        employer_browser,
        "/jobs/new",
        job_form(salary_min="", salary_max="", salary_period=""),
    )

    assert response.status_code == 303
    job = db.session.scalar(select(Job))
    assert (job.salary_min, job.salary_max, job.salary_period) == (None, None, None)


def test_the_job_form_has_every_field(employer_browser):
    page = text_of(employer_browser.get("/jobs/new"))

    for name in job_form():
        assert f'name="{name}"' in page, name


TITLE_KEPT = 'value="Marina Dockhand"'


@pytest.mark.parametrize(
    ("changes", "message", "kept"),
    [
        pytest.param(
            {"salary_min": "3000", "salary_max": "2000", "salary_period": "month"},
            "The top of the range must be at least the bottom.",
            TITLE_KEPT,
            id="salary-min-above-max",
        ),
        pytest.param(
            {"closes_on": (nassau_today() - timedelta(days=1)).isoformat()},
            "Choose a date after today.",
            TITLE_KEPT,
            id="closes-in-the-past",
        ),
        pytest.param(
            {"closes_on": nassau_today().isoformat()},
            "Choose a date after today.",
            TITLE_KEPT,
            id="closes-today",
        ),
        pytest.param(
            {"closes_on": (nassau_today() + timedelta(days=121)).isoformat()},
            "Choose a date within 120 days.",
            TITLE_KEPT,
            id="closes-in-121-days",
        ),
        pytest.param(
            {"closes_on": "next week"}, "Not a valid date value.", TITLE_KEPT, id="closes-on-text"
        ),
        pytest.param(
            {"title": ""}, "Give the job a title.", 'value="Marsh Harbour"', id="missing-title"
        ),
        pytest.param(
            {"island": "atlantis"}, "Not a valid choice.", TITLE_KEPT, id="unknown-island"
        ),
        pytest.param(
            {"permit": "everyone"}, "Not a valid choice.", TITLE_KEPT, id="unknown-permit"
        ),
        pytest.param(
            {"salary_min": "1500", "salary_max": "2000", "salary_period": ""},
            "Say whether the salary is per hour, month or year.",
            TITLE_KEPT,
            id="salary-without-period",
        ),
        pytest.param({"salary_min": "-5"}, "Enter 0 or more.", TITLE_KEPT, id="negative-salary"),
        pytest.param(
            {"description": "Too short."},
            "Field must be between 30",
            TITLE_KEPT,
            id="short-description",
        ),
    ],
)
def test_a_bad_job_form_explains_itself_keeps_what_was_typed_and_posts_nothing(
    db, employer_browser, changes, message, kept
):
    response = submit(employer_browser, "/jobs/new", job_form(**changes))

    assert response.status_code == 200
    page = text_of(response)
    assert message in page
    assert "Please correct the" in page
    assert kept in page
    # The description is kept too.
    assert changes.get("description", "Help boats dock safely") in page
    assert count(db, Job) == 0


def test_a_seeker_cannot_post_jobs(app, db, make_user):
    browser = signed_in(app, make_user("seeker"))

    assert browser.get("/jobs/new").status_code == 403
    response = submit(browser, "/jobs/new", job_form(), form_page="/")
    assert response.status_code == 403
    assert "Only employers can do that." in text_of(response)
    assert count(db, Job) == 0


def test_a_visitor_is_sent_to_sign_in_before_posting(client, db):
    response = client.get("/jobs/new")

    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith("/auth/login?next=")
    assert "/jobs/new" in response.headers["Location"].replace("%2F", "/")
    assert count(db, Job) == 0


# --- editing and closing ----------------------------------------------------------------


def test_the_employer_edits_their_job(db, client, employer, employer_browser, make_job):
    job = make_job(employer, title="Dock Hand")
    assert "<h1>Dock Hand</h1>" in text_of(client.get(f"/jobs/{job.id}"))  # a visitor looks

    form = text_of(employer_browser.get(f"/jobs/{job.id}/edit"))
    assert 'value="Dock Hand"' in form
    assert "Save changes" in form

    response = submit(
        employer_browser,
        f"/jobs/{job.id}/edit",
        job_form(title="Senior Dock Hand", salary_min="20", salary_max="25"),
    )

    assert response.headers["Location"] == f"/jobs/{job.id}"
    page = flash_after(employer_browser, response)
    assert "Your changes are saved." in page
    assert "<h1>Senior Dock Hand</h1>" in page
    assert "Senior Dock Hand" in text_of(client.get("/jobs/list"))
    assert "<h1>Senior Dock Hand</h1>" in text_of(client.get(f"/jobs/{job.id}"))
    db.session.expire_all()
    assert job.title == "Senior Dock Hand"
    assert (job.salary_min, job.salary_max) == (20, 25)
    assert count(db, Job) == 1


def test_a_bad_edit_changes_nothing(db, employer, employer_browser, make_job):
    job = make_job(employer, title="Dock Hand")

    response = submit(employer_browser, f"/jobs/{job.id}/edit", job_form(title=""))

    assert response.status_code == 200
    assert "Give the job a title." in text_of(response)
    db.session.expire_all()
    assert job.title == "Dock Hand"


def test_another_employer_cannot_edit_or_close_a_job(app, db, employer, make_user, make_job):
    job = make_job(employer, title="Dock Hand")
    rival = signed_in(app, make_user("employer"))

    assert rival.get(f"/jobs/{job.id}/edit").status_code == 403
    response = submit(rival, f"/jobs/{job.id}/edit", job_form(title="Hijacked"), form_page="/")
    assert response.status_code == 403
    assert "Only the employer who posted this job can do that." in text_of(response)
    response = submit(rival, f"/jobs/{job.id}/close", {}, form_page=f"/jobs/{job.id}")
    assert response.status_code == 403

    db.session.expire_all()
    assert (job.title, job.status) == ("Dock Hand", "open")


def test_editing_or_closing_a_job_that_does_not_exist_is_not_found(employer_browser, db):
    assert employer_browser.get("/jobs/999999/edit").status_code == 404
    response = submit(employer_browser, "/jobs/999999/close", {}, form_page="/")
    assert response.status_code == 404


def test_closing_a_job_takes_it_off_the_board(db, client, employer, employer_browser, make_job):
    job = make_job(employer, title="Dock Hand")
    # A visitor saw the job before it closed.
    assert "Dock Hand" in text_of(client.get("/jobs/list"))
    assert "no longer accepting" not in text_of(client.get(f"/jobs/{job.id}"))

    response = submit(employer_browser, f"/jobs/{job.id}/close", {}, form_page=f"/jobs/{job.id}")

    assert response.headers["Location"] == "/jobs/mine"
    assert "“Dock Hand” is closed to new applications." in flash_after(employer_browser, response)
    db.session.expire_all()
    assert job.status == "closed"
    assert job.closed_at is not None
    assert "Dock Hand" not in text_of(client.get("/jobs/list"))
    page = text_of(client.get(f"/jobs/{job.id}"))
    assert "This job is no longer accepting applications" in page
    assert "The employer closed it on" in page
    # The employer still finds it, marked closed, on their dashboard.
    mine = text_of(employer_browser.get("/jobs/mine"))
    assert "Dock Hand" in mine
    assert '<span class="badge muted">Closed</span>' in mine


def test_closing_needs_the_forms_token(db, employer, employer_browser, make_job):
    job = make_job(employer)

    response = employer_browser.post(f"/jobs/{job.id}/close")

    assert response.status_code == 400
    db.session.expire_all()
    assert job.status == "open"


# --- the dashboard ----------------------------------------------------------------------


def add_application(db, job, applicant, status="applied") -> Application:
    application = Application(
        job_id=job.id,
        applicant_id=applicant.id,
        cover_letter="I would love to work at your marina this season.",
        status=status,
    )
    application.history.append(
        ApplicationStatusChange(to_status="applied", changed_by_id=applicant.id)
    )
    db.session.add(application)
    db.session.commit()
    return application


def test_the_dashboard_shows_each_job_with_applicants_by_status_as_bars(
    db, employer, employer_browser, make_user, make_job
):
    busy = make_job(employer, title="Dock Hand")
    quiet = make_job(employer, title="Boat Cleaner")
    for status in ("applied", "applied", "interview", "rejected"):
        add_application(db, busy, make_user("seeker"), status)
    other_employer_job = make_job(make_user("employer"), title="Someone Else's Job")
    add_application(db, other_employer_job, make_user("seeker"))

    page = text_of(employer_browser.get("/jobs/mine"))

    assert "Dock Hand" in page and "Boat Cleaner" in page
    assert "Someone Else's Job" not in page
    assert "<strong>4 applicants</strong>" in page
    assert "<strong>0 applicants</strong>" in page
    assert f'href="/jobs/{busy.id}/applications">Review applicants</a>' in page
    assert (
        'aria-label="Applicants by status: Applied 2, Reviewing 0, Interview 1, Offer 0, '
        "Hired 0, Rejected 1, Withdrawn 0"
    ) in page
    # One bar per status, as wide as its share; no chart for a job without applicants.
    assert page.count('class="bar-row"') == len(APPLICATION_STATUSES)
    # Widths are classes in 5 % steps: the CSP allows no inline style attributes.
    assert '<span class="bar bar-applied w-50">' in page
    assert '<span class="bar bar-interview w-25">' in page
    assert '<span class="bar bar-hired w-0">' in page
    assert page.count('class="bar-chart"') == 1
    assert f'href="/jobs/{quiet.id}/applications">Review applicants</a>' not in page


def test_the_dashboard_is_for_employers_only(app, client, db, make_user):
    assert client.get("/jobs/mine").status_code in (302, 303)
    assert signed_in(app, make_user("seeker")).get("/jobs/mine").status_code == 403


def test_a_new_employer_is_invited_to_post_a_first_job(employer_browser):
    assert "Post your first job" in text_of(employer_browser.get("/jobs/mine"))


# --- applicants and their statuses ------------------------------------------------------


@pytest.fixture
def application(db, employer, make_user, make_job):
    job = make_job(employer, title="Dock Hand")
    seeker = make_user("seeker", name="Dwayne Ferguson", email="dwayne@example.com")
    return add_application(db, job, seeker)


def test_the_applicants_page_lists_applicants_with_a_status_form(
    app, employer_browser, application
):
    page = text_of(employer_browser.get(f"/jobs/{application.job_id}/applications"))

    assert "Applicants for Dock Hand" in page
    assert "Dwayne Ferguson" in page
    assert "I would love to work at your marina this season." in page
    assert f'action="/applications/{application.id}/status"' in page
    assert '<option selected value="applied">Applied</option>' in page
    assert "Update status" in page


def test_only_the_jobs_employer_sees_its_applicants(app, make_user, application):
    path = f"/jobs/{application.job_id}/applications"
    assert signed_in(app, make_user("employer")).get(path).status_code == 403
    assert signed_in(app, make_user("seeker")).get(path).status_code == 403
    assert app.test_client().get(path).status_code in (302, 303)


def test_employer_moves_an_applicant_through_the_pipeline_and_the_applicant_is_told(
    db, employer, employer_browser, application, mailbox
):
    applicants_page = f"/jobs/{application.job_id}/applications"
    path = f"/applications/{application.id}/status"
    steps = ["reviewing", "interview", "offer", "hired"]

    for step in steps:
        response = submit(employer_browser, path, {"status": step}, form_page=applicants_page)
        assert response.headers["Location"] == applicants_page
        assert "Status updated; the applicant has been told." in flash_after(
            employer_browser, response
        )
        mail = mailbox.wait_for("dwayne@example.com", f"Your application for Dock Hand: {step}")
        assert APPLICATION_STATUSES[step] in mail.get_body(("plain",)).get_content()

    db.session.expire_all()
    assert application.status == "hired"
    history = db.session.scalars(
        select(ApplicationStatusChange)
        .where(ApplicationStatusChange.application_id == application.id)
        .order_by(ApplicationStatusChange.id)
    ).all()
    assert [(c.from_status, c.to_status) for c in history] == [
        (None, "applied"),
        ("applied", "reviewing"),
        ("reviewing", "interview"),
        ("interview", "offer"),
        ("offer", "hired"),
    ]
    for change in history[1:]:
        assert change.changed_by_id == employer.id
        assert change.created_at is not None
    notifications = db.session.scalars(
        select(Notification)
        .where(Notification.user_id == application.applicant_id)
        .order_by(Notification.id)
    ).all()
    assert [n.kind for n in notifications] == ["application_status"] * 4
    assert notifications[-1].text == "Your application for Dock Hand is now: hired"
    assert notifications[-1].link == "/applications"
    assert notifications[-1].actor_id == employer.id
    assert "Hired" in text_of(employer_browser.get(applicants_page))


def test_rejecting_an_applicant_is_recorded_and_told(db, employer_browser, application, mailbox):
    response = submit(
        employer_browser,
        f"/applications/{application.id}/status",
        {"status": "rejected"},
        form_page=f"/jobs/{application.job_id}/applications",
    )

    assert response.status_code == 303
    mailbox.wait_for("dwayne@example.com", "Your application for Dock Hand: rejected")
    db.session.expire_all()
    assert application.status == "rejected"


def test_choosing_the_same_status_again_changes_and_sends_nothing(
    db, employer_browser, application, mailbox
):
    response = submit(
        employer_browser,
        f"/applications/{application.id}/status",
        {"status": "applied"},
        form_page=f"/jobs/{application.job_id}/applications",
    )

    assert response.status_code == 303
    assert count(db, ApplicationStatusChange) == 1
    assert count(db, Notification) == 0


@pytest.mark.parametrize("status", ["promoted", "withdrawn", ""])
def test_an_invalid_status_is_refused_and_nothing_changes(
    db, employer_browser, application, mailbox, status
):
    applicants_page = f"/jobs/{application.job_id}/applications"

    response = submit(
        employer_browser,
        f"/applications/{application.id}/status",
        {"status": status},
        form_page=applicants_page,
    )

    assert response.headers["Location"] == applicants_page
    assert "Choose one of the listed statuses." in flash_after(employer_browser, response)
    db.session.expire_all()
    assert application.status == "applied"
    assert count(db, ApplicationStatusChange) == 1
    assert count(db, Notification) == 0


def test_another_employer_cannot_change_a_status(app, db, make_user, application, mailbox):
    rival = signed_in(app, make_user("employer"))

    response = submit(
        rival, f"/applications/{application.id}/status", {"status": "hired"}, form_page="/"
    )

    assert response.status_code == 403
    db.session.expire_all()
    assert application.status == "applied"
    assert count(db, Notification) == 0


def test_the_applicant_cannot_change_their_own_status(app, db, application):
    from hiremebahamas.models import User

    seeker = db.session.get(User, application.applicant_id)
    browser = signed_in(app, seeker)

    response = submit(
        browser, f"/applications/{application.id}/status", {"status": "hired"}, form_page="/"
    )

    assert response.status_code == 403
    db.session.expire_all()
    assert application.status == "applied"


def test_changing_the_status_of_an_application_that_does_not_exist_is_not_found(
    employer_browser, db
):
    response = submit(
        employer_browser, "/applications/999999/status", {"status": "hired"}, form_page="/"
    )

    assert response.status_code == 404


def test_a_status_change_without_the_forms_token_is_refused(db, employer_browser, application):
    response = employer_browser.post(
        f"/applications/{application.id}/status", data={"status": "hired"}
    )

    assert response.status_code == 400
    assert "This form expired" in text_of(response)
    db.session.expire_all()
    assert application.status == "applied"


def test_a_withdrawn_application_cannot_be_moved(db, employer_browser, application):
    application.status = "withdrawn"
    db.session.commit()
    applicants_page = f"/jobs/{application.job_id}/applications"
    page = text_of(employer_browser.get(applicants_page))
    assert "The applicant withdrew this application." in page
    assert f'action="/applications/{application.id}/status"' not in page

    response = submit(
        employer_browser,
        f"/applications/{application.id}/status",
        {"status": "interview"},
        form_page=applicants_page,
    )

    assert "The applicant withdrew this application." in flash_after(employer_browser, response)
    db.session.expire_all()
    assert application.status == "withdrawn"


def test_status_page_links_back_to_a_safe_place_only(db, employer_browser, application):
    response = submit(
        employer_browser,
        f"/applications/{application.id}/status",
        {"status": "reviewing", "next": "https://evil.example.com/"},
        form_page=f"/jobs/{application.job_id}/applications",
    )

    assert response.status_code == 303
    assert not re.match(r"https?://", response.headers["Location"])
