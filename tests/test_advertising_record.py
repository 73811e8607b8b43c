"""Hiring in the Bahamas: who may apply for a job, the seeker's private work status, and the
employer's advertising record (the evidence for a labour certificate)."""

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from hiremebahamas.models import Application, Job, JobEvent, Post
from hiremebahamas.timezone import NASSAU, nassau_today

from .conftest import AuthActions, submit, text_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
COVER_LETTER = "I have worked the docks at Marsh Harbour for six seasons."
DESCRIPTION = (
    "Help boats dock safely, fuel them and keep the marina tidy.\n\n"
    "Early mornings and some weekends."
)
BAHAMIANS = "Bahamian citizens and permanent residents only"
PERMIT_HOLDERS = "Bahamians, permanent residents and current work-permit holders"
SPONSOR = "Open to all (the employer will apply for a work permit if no qualified Bahamian applies)"
PERMIT_WORDS = {"bahamians": BAHAMIANS, "permit_holders": PERMIT_HOLDERS, "sponsor": SPONSOR}
CARD_WORDS = {
    "bahamians": "Bahamians & permanent residents",
    "permit_holders": "Bahamians, residents & permit holders",
    "sponsor": "Open to all",
}


# --- helpers ----------------------------------------------------------------------------


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


def words(markup: str) -> str:
    """What a text browser shows: tags dropped, entities decoded, whitespace collapsed."""
    inline = re.sub(r"</?(?:strong|em|a|span|b|i)\b[^>]*>", "", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def day(value) -> str:
    """A date as the pages show it, e.g. 7 Mar 2025."""
    return value.strftime("%-d %b %Y")


def job_form(**changes) -> dict:
    """A complete, valid job form as an employer fills it in."""
    values = {
        "title": "Marina Dockhand",
        "description": DESCRIPTION,
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


def post_job(db, browser, **changes) -> Job:
    """Post a job through the real form, so its history starts with "published"."""
    response = submit(browser, "/jobs/new", job_form(**changes))
    assert response.status_code == 303, text_of(response)
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    return db.session.get(Job, job_id)


def apply(browser, job):
    response = submit(
        browser,
        f"/jobs/{job.id}/apply",
        {"cover_letter": COVER_LETTER, "resume": (io.BytesIO(PDF), "cv.pdf")},
        form_page=f"/jobs/{job.id}",
        content_type="multipart/form-data",
    )
    assert response.status_code == 303, text_of(response)
    return response


def move(browser, application, status, reason=""):
    """The employer moves an applicant with the status form on the applicants page."""
    response = submit(
        browser,
        f"/applications/{application.id}/status",
        {"status": status, "reason": reason},
        form_page=f"/jobs/{application.job_id}/applications",
    )
    assert response.status_code == 303
    return response


def reopen(browser, job, closes_on):
    return submit(
        browser, f"/jobs/{job.id}/reopen", {"closes_on": closes_on.isoformat()}, "/jobs/mine"
    )


def close(browser, job):
    response = submit(browser, f"/jobs/{job.id}/close", {}, form_page=f"/jobs/{job.id}")
    assert response.status_code == 303
    return response


def application_of(db, job, seeker) -> Application:
    return db.session.scalar(
        select(Application).where(
            Application.job_id == job.id, Application.applicant_id == seeker.id
        )
    )


def events_of(db, job) -> list[JobEvent]:
    db.session.expire_all()
    return list(db.session.scalars(JobEvent.history_of(job.id)))


def noon_in_nassau(on) -> datetime:
    """Midday Bahamas time on a date, as the UTC moment it is stored as."""
    return datetime.combine(on, time(12, 0), NASSAU).astimezone(UTC)


def set_event_times(db, job, *days):
    """Move the job's events (in history order) to midday Bahamas time on the given days."""
    events = events_of(db, job)
    assert len(events) == len(days)
    for event, when in zip(events, days, strict=True):
        event.created_at = noon_in_nassau(when)
    db.session.commit()


def section(page: str, heading_id: str) -> str:
    """The markup of one <section> of the record, found by its heading's id."""
    match = re.search(r'<section aria-labelledby="' + heading_id + r'">(.*?)</section>', page, re.S)
    assert match, f"no section {heading_id}"
    return match.group(1)


def table_rows(markup: str) -> list[list[str]]:
    """The body rows of the tables in markup, each as the words of its cells."""
    rows = []
    for body in re.findall(r"<tbody>(.*?)</tbody>", markup, re.S):
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
            rows.append([words(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)])
    return rows


def summary_of(page: str) -> dict[str, str]:
    facts = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", section(page, "summary-heading"), re.S)
    return {words(term): words(value) for term, value in facts}


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def csv_block(rows: list[list[str]], header: str) -> list[list[str]]:
    """The rows after the row that starts with `header`, up to the next blank row."""
    start = next(i for i, row in enumerate(rows) if row and row[0] == header)
    block = []
    for row in rows[start + 1 :]:
        if not row:
            break
        block.append(row)
    return block


def card_for(page: str, job) -> str:
    """The words of the job's card in a list of jobs."""
    for card in re.findall(r'<li class="job-card">(.*?)</li>', page, re.S):
        if f'href="/jobs/{job.id}"' in card:
            return words(card)
    raise AssertionError(f"job {job.id} is not listed")


def listed_ids(page: str) -> set[int]:
    return {
        int(found)
        for card in re.findall(r'<li class="job-card">(.*?)</li>', page, re.S)
        for found in re.findall(r'href="/jobs/(\d+)"', card)
    }


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture
def employer(make_user):
    return make_user(
        "employer", username="abacomarina", name="Sandra Knowles", company_name="Abaco Marina Ltd"
    )


@pytest.fixture
def employer_browser(app, employer):
    return signed_in(app, employer)


@pytest.fixture
def jobs_by_permit(employer, make_job):
    return {
        permit: make_job(employer, title=title, permit=permit)
        for permit, title in (
            ("bahamians", "Customs Broker"),
            ("permit_holders", "Dive Instructor"),
            ("sponsor", "Marine Engineer"),
        )
    }


# --- work eligibility on a posting ------------------------------------------------------


def test_the_job_form_offers_the_three_eligibility_choices_in_words(employer_browser):
    page = text_of(employer_browser.get("/jobs/new"))

    select_box = re.search(r'<select[^>]*name="permit"[^>]*>(.*?)</select>', page, re.S)
    assert select_box, "no permit select on the job form"
    options = re.findall(r'<option[^>]*value="([^"]*)"[^>]*>(.*?)</option>', select_box.group(1))
    assert options == list(PERMIT_WORDS.items())
    assert "Who can apply" in page


@pytest.mark.parametrize("permit", ["bahamians", "permit_holders", "sponsor"])
def test_each_eligibility_is_saved_from_the_form(db, employer_browser, permit):
    job = post_job(db, employer_browser, permit=permit)

    assert job.permit == permit


@pytest.mark.parametrize(
    ("permit", "message"),
    [
        pytest.param("anyone", "Not a valid choice.", id="outside-the-list"),
        pytest.param("", "Say who may apply.", id="left-empty"),
        pytest.param("BAHAMIANS", "Not a valid choice.", id="wrong-case"),
    ],
)
def test_an_eligibility_outside_the_list_is_refused_and_nothing_is_saved(
    db, employer_browser, permit, message
):
    response = submit(employer_browser, "/jobs/new", job_form(permit=permit))

    assert response.status_code == 200
    page = text_of(response)
    assert message in page
    assert 'value="Marina Dockhand"' in page  # what was typed is kept
    assert count(db, Job) == 0
    assert count(db, JobEvent) == 0


def test_an_edit_to_an_eligibility_outside_the_list_changes_nothing(db, employer_browser):
    job = post_job(db, employer_browser, permit="bahamians")

    response = submit(employer_browser, f"/jobs/{job.id}/edit", job_form(permit="anyone"))

    assert response.status_code == 200
    assert "Not a valid choice." in text_of(response)
    db.session.expire_all()
    assert job.permit == "bahamians"
    assert [e.kind for e in events_of(db, job)] == ["published"]


@pytest.mark.parametrize("permit", ["bahamians", "permit_holders", "sponsor"])
def test_the_job_page_says_who_can_apply_in_words(client, jobs_by_permit, permit):
    job = jobs_by_permit[permit]

    page = text_of(client.get(f"/jobs/{job.id}"))

    assert f"<dt>Who can apply</dt><dd>{PERMIT_WORDS[permit]}</dd>" in page
    assert f">{permit}<" not in page  # never the slug


def test_each_card_in_the_list_says_who_can_apply(client, jobs_by_permit):
    page = text_of(client.get("/jobs/list"))

    for permit, job in jobs_by_permit.items():
        assert CARD_WORDS[permit] in card_for(page, job), permit
    assert "Bahamians & permanent residents" not in card_for(page, jobs_by_permit["sponsor"])


@pytest.mark.parametrize("permit", ["bahamians", "permit_holders", "sponsor"])
def test_the_list_filters_by_eligibility(client, jobs_by_permit, permit):
    response = client.get(f"/jobs/list?permit={permit}")

    assert response.status_code == 200
    page = text_of(response)
    assert listed_ids(page) == {jobs_by_permit[permit].id}
    assert f'<option value="{permit}" selected>' in page  # the choice is kept in the form


def test_an_unknown_eligibility_in_the_list_address_is_noted_and_ignored(client, jobs_by_permit):
    response = client.get("/jobs/list?permit=anyone")

    assert response.status_code == 200
    page = text_of(response)
    assert "There is no work eligibility called “anyone”; showing all." in page
    assert listed_ids(page) == {job.id for job in jobs_by_permit.values()}


def test_the_atom_feed_honours_the_eligibility_filter(client, jobs_by_permit):
    response = client.get("/jobs/feed.atom?permit=bahamians")

    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(response.get_data())
    links = [entry.find(f"{atom}id").text for entry in feed.findall(f"{atom}entry")]
    assert len(links) == 1
    assert links[0].endswith(f"/jobs/{jobs_by_permit['bahamians'].id}")
    titles = [entry.find(f"{atom}title").text for entry in feed.findall(f"{atom}entry")]
    assert titles[0].startswith("Customs Broker")
    # Unfiltered, the feed has all three; an unknown value is ignored, not an error.
    assert len(ET.fromstring(client.get("/jobs/feed.atom").get_data()).findall(f"{atom}entry")) == 3
    unknown = client.get("/jobs/feed.atom?permit=anyone")
    assert unknown.status_code == 200
    assert len(ET.fromstring(unknown.get_data()).findall(f"{atom}entry")) == 3


@pytest.mark.parametrize("permit", ["bahamians", "permit_holders", "sponsor"])
def test_the_json_ld_states_the_eligibility_in_words(client, jobs_by_permit, permit):
    page = client.get(f"/jobs/{jobs_by_permit[permit].id}").get_data(as_text=True)

    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert script, "no JSON-LD on the job page"
    data = json.loads(script.group(1))
    assert data["@type"] == "JobPosting"
    assert data["eligibilityToWorkRequirement"] == PERMIT_WORDS[permit]


# --- the seeker's work status is private ------------------------------------------------


@pytest.fixture
def citizen(make_user):
    return make_user(
        "seeker",
        username="dwayne",
        name="Dwayne Ferguson",
        headline="Dockhand and boat captain",
        skills="docking, fuelling",
        island="abaco",
        open_to_work=True,
        work_status="citizen",
    )


def test_a_seekers_work_status_is_shown_only_to_the_employer_of_a_job_applied_to(
    app, db, client, employer, employer_browser, citizen, make_user, make_job
):
    # A sponsor job: its page's wording cannot contain "Bahamian citizen" by itself.
    job = make_job(employer, title="Boat Captain", permit="sponsor")
    seeker_browser = signed_in(app, citizen)
    apply(seeker_browser, job)
    response = submit(
        seeker_browser,
        "/posts/new",
        {"body": "Ready for the season at Marsh Harbour!"},
        form_page="/posts/feed",
    )
    assert response.status_code == 303
    post = db.session.scalar(select(Post).where(Post.author_id == citizen.id))
    rival = signed_in(app, make_user("employer", company_name="Rival Charters Ltd"))
    other_seeker = signed_in(app, make_user("seeker"))

    public_pages = [
        "/u/dwayne",
        "/people",
        "/people?q=dwayne",
        "/people?open_to_work=1&island=abaco",
        f"/posts/{post.id}",
        "/u/dwayne/followers",
    ]
    for browser, who in ((client, "visitor"), (rival, "rival"), (other_seeker, "seeker")):
        for path in public_pages:
            response = browser.get(path)
            assert response.status_code == 200, (who, path)
            page = text_of(response)
            assert "Dwayne Ferguson" in page or path.endswith("followers"), (who, path)
            assert "Bahamian citizen" not in page, (who, path)
            assert "work status" not in page.lower(), (who, path)
    for browser in (rival, other_seeker):
        page = text_of(browser.get("/posts/feed?scope=everyone"))
        assert "Ready for the season" in page
        assert "Bahamian citizen" not in page
    # The job page, even to the employer who can see the applicants.
    for browser in (client, rival, employer_browser):
        assert "Bahamian citizen" not in text_of(browser.get(f"/jobs/{job.id}"))

    # The employer of the job sees it as the applicant's declared status.
    applicants = text_of(employer_browser.get(f"/jobs/{job.id}/applications"))
    assert "Dwayne Ferguson" in applicants
    assert "work status: Bahamian citizen" in applicants
    # Another employer cannot open that page at all.
    forbidden = rival.get(f"/jobs/{job.id}/applications")
    assert forbidden.status_code == 403
    assert "Bahamian citizen" not in text_of(forbidden)
    assert "Dwayne Ferguson" not in text_of(forbidden)


def test_the_declared_status_is_the_one_given_when_applying(
    app, db, employer, employer_browser, make_user, make_job
):
    seeker = make_user("seeker", name="Marisol Pinder", work_status="permit_holder")
    undeclared = make_user("seeker", name="Kevin Rolle")
    job = make_job(employer, permit="sponsor")
    apply(signed_in(app, seeker), job)
    apply(signed_in(app, undeclared), job)

    seeker.work_status = "permanent_resident"  # later, the seeker's status changes
    db.session.commit()

    page = text_of(employer_browser.get(f"/jobs/{job.id}/applications"))
    assert "work status: Work-permit holder" in page
    assert "work status: not declared" in page
    assert "Permanent resident" not in page
    assert application_of(db, job, seeker).applicant_work_status == "permit_holder"


# --- the advertising record, field by field ---------------------------------------------


@pytest.fixture
def seekers(make_user):
    return {
        "citizen": make_user(
            "seeker", name="Dwayne Ferguson", username="dwayne", work_status="citizen"
        ),
        "resident": make_user(
            "seeker", name="Marisol Pinder", username="marisol", work_status="permanent_resident"
        ),
        "permit": make_user(
            "seeker", name="Jean Baptiste", username="jean", work_status="permit_holder"
        ),
    }


@pytest.fixture
def advertised(app, db, employer_browser, seekers):
    """A job posted, edited, applied to by three seekers, decided on, closed and reopened,
    with its events moved to known days: published 9 days ago, edited 8 days ago, closed
    6 days ago (4 days open) and reopened today (1 more day)."""
    job = post_job(db, employer_browser)
    response = submit(
        employer_browser,
        f"/jobs/{job.id}/edit",
        job_form(title="Senior Marina Dockhand", salary_max="22"),
    )
    assert response.status_code == 303
    for seeker in seekers.values():
        apply(signed_in(app, seeker), job)
    citizen = application_of(db, job, seekers["citizen"])
    resident = application_of(db, job, seekers["resident"])
    holder = application_of(db, job, seekers["permit"])
    move(employer_browser, citizen, "reviewing")
    move(employer_browser, citizen, "rejected", reason="no boat licence")
    move(employer_browser, resident, "interview")
    for step in ("interview", "offer", "hired"):
        move(employer_browser, holder, step)
    close(employer_browser, job)
    new_closing = nassau_today() + timedelta(days=30)
    response = reopen(employer_browser, job, new_closing)
    assert response.status_code == 303
    today = nassau_today()
    set_event_times(
        db,
        job,
        today - timedelta(days=9),
        today - timedelta(days=8),
        today - timedelta(days=6),
        today,
    )
    db.session.expire_all()
    return job


def test_the_history_is_appended_at_each_step(db, advertised, employer):
    events = events_of(db, advertised)

    assert [e.kind for e in events] == ["published", "edited", "closed", "reopened"]
    assert [e.title for e in events] == ["Marina Dockhand"] + ["Senior Marina Dockhand"] * 3
    assert all(e.description == DESCRIPTION for e in events)
    assert all(e.by_user_id == employer.id for e in events)
    assert events[1].changes == {
        "title": ["Marina Dockhand", "Senior Marina Dockhand"],
        "salary_max": [18, 22],
    }
    assert [e.changes for e in events if e.kind != "edited"] == [None, None, None]
    assert advertised.status == "open"
    assert advertised.closes_on == nassau_today() + timedelta(days=30)


def test_the_record_shows_the_job_its_history_its_periods_and_its_applicants(
    employer_browser, advertised, seekers
):
    today = nassau_today()
    response = employer_browser.get(f"/jobs/{advertised.id}/record")

    assert response.status_code == 200
    page = text_of(response)
    assert "<h1>Advertising record</h1>" in page
    assert f"Abaco Marina Ltd · job {advertised.id} on HireMeBahamas" in page
    assert f"generated {day(today)}" in page

    # As advertised now: the current title and description.
    advertised_now = section(page, "advertised-heading")
    assert "<h3>Senior Marina Dockhand</h3>" in advertised_now
    assert "Help boats dock safely, fuel them and keep the marina tidy." in advertised_now
    assert "Early mornings and some weekends." in advertised_now

    assert summary_of(page) == {
        "Days open to the public": "5",
        "Applicants": "3",
        "Bahamian or permanent-resident applicants": "2",
        "Who could apply": PERMIT_HOLDERS,
    }

    periods = re.findall(r"<li>(.*?)</li>", section(page, "periods-heading"), re.S)
    assert [words(p) for p in periods] == [
        f"{day(today - timedelta(days=9))} to {day(today - timedelta(days=6))}",
        f"{day(today)} to today (still open)",
    ]

    history = table_rows(section(page, "history-heading"))
    assert [row[1] for row in history] == ["Published", "Edited", "Closed", "Reopened"]
    assert [row[0] for row in history] == [
        f"{day(today - timedelta(days=n))}, 12:00 PM" for n in (9, 8, 6, 0)
    ]
    assert history[1][2] == "title: Marina Dockhand → Senior Marina Dockhand salary max: 18 → 22"
    assert [history[i][2] for i in (0, 2, 3)] == ["", "", ""]

    applicants = table_rows(section(page, "applicants-heading"))
    assert [row[1:] for row in applicants] == [
        ["Applicant 1", "Bahamian citizen", "Rejected", "no boat licence"],
        ["Applicant 2", "Permanent resident", "Interview", ""],
        ["Applicant 3", "Work-permit holder", "Hired", ""],
    ]
    assert all(row[0] == day(today) for row in applicants)
    # Names only when the employer asks for them.
    for seeker in seekers.values():
        assert seeker.name not in page
    assert f'href="/jobs/{advertised.id}/record?names=1"' in page
    assert f'href="/jobs/{advertised.id}/record.csv"' in page


def test_the_record_names_the_applicants_when_the_employer_chooses(employer_browser, advertised):
    page = text_of(employer_browser.get(f"/jobs/{advertised.id}/record?names=1"))

    applicants = table_rows(section(page, "applicants-heading"))
    assert [row[1:] for row in applicants] == [
        ["Dwayne Ferguson", "Bahamian citizen", "Rejected", "no boat licence"],
        ["Marisol Pinder", "Permanent resident", "Interview", ""],
        ["Jean Baptiste", "Work-permit holder", "Hired", ""],
    ]
    assert "Applicant 1" not in page
    assert "Hide applicants' names" in page
    assert f'href="/jobs/{advertised.id}/record.csv?names=1"' in page


def test_the_record_is_printable(employer_browser, advertised):
    page = text_of(employer_browser.get(f"/jobs/{advertised.id}/record"))
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert stylesheets
    css = "".join(
        employer_browser.get(href.split("?")[0]).get_data(as_text=True) for href in stylesheets
    )

    assert "@media print" in css
    assert ".no-print" in css
    assert 'class="no-print"' in page or 'no-print"' in page
    assert "<script" not in page


def test_the_record_csv_has_the_same_facts(employer_browser, advertised):
    today = nassau_today()
    response = employer_browser.get(f"/jobs/{advertised.id}/record.csv")

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="advertising-record-job-{advertised.id}.csv"'
    )
    assert "no-store" in response.headers["Cache-Control"]
    rows = csv_rows(response)
    facts = {row[0]: row[1] for row in rows if len(row) == 2}
    assert rows[0] == ["HireMeBahamas advertising record", f"job {advertised.id}"]
    assert facts["Employer"] == "Abaco Marina Ltd"
    assert facts["Title as advertised"] == "Senior Marina Dockhand"
    assert facts["Description as advertised"] == DESCRIPTION
    assert facts["Days open to the public"] == "5"
    assert facts["Applicants"] == "3"
    assert facts["Bahamian or permanent-resident applicants"] == "2"
    assert facts["Record generated"].startswith(today.isoformat())

    history = csv_block(rows, "History")
    assert history == [
        ["published", f"{today - timedelta(days=9)} 12:00", ""],
        [
            "edited",
            f"{today - timedelta(days=8)} 12:00",
            "title: Marina Dockhand -> Senior Marina Dockhand; salary_max: 18 -> 22",
        ],
        ["closed", f"{today - timedelta(days=6)} 12:00", ""],
        ["reopened", f"{today} 12:00", ""],
    ]
    assert csv_block(rows, "Open from") == [
        [(today - timedelta(days=9)).isoformat(), (today - timedelta(days=6)).isoformat()],
        [today.isoformat(), "still open"],
    ]
    applicants = csv_block(rows, "Applied")
    assert [row[1:] for row in applicants] == [
        ["(name withheld)", "Bahamian citizen", "Rejected", "no boat licence"],
        ["(name withheld)", "Permanent resident", "Interview", ""],
        ["(name withheld)", "Work-permit holder", "Hired", ""],
    ]
    assert all(row[0].startswith(today.isoformat()) for row in applicants)
    body = response.get_data(as_text=True)
    for name in ("Dwayne Ferguson", "Marisol Pinder", "Jean Baptiste"):
        assert name not in body

    named = csv_block(
        csv_rows(employer_browser.get(f"/jobs/{advertised.id}/record.csv?names=1")), "Applied"
    )
    assert [row[1] for row in named] == ["Dwayne Ferguson", "Marisol Pinder", "Jean Baptiste"]


def test_the_record_is_linked_from_the_dashboard_and_the_applicants_page(
    employer_browser, advertised
):
    link = f'href="/jobs/{advertised.id}/record"'
    assert link in text_of(employer_browser.get("/jobs/mine"))
    assert link in text_of(employer_browser.get(f"/jobs/{advertised.id}/applications"))


def test_a_job_never_applied_to_has_a_record_with_no_applicants(db, employer_browser):
    job = post_job(db, employer_browser, permit="bahamians")
    set_event_times(db, job, nassau_today() - timedelta(days=2))

    page = text_of(employer_browser.get(f"/jobs/{job.id}/record"))

    assert summary_of(page) == {
        "Days open to the public": "3",
        "Applicants": "0",
        "Bahamian or permanent-resident applicants": "0",
        "Who could apply": BAHAMIANS,
    }
    assert "No one applied." in page
    rows = csv_rows(employer_browser.get(f"/jobs/{job.id}/record.csv"))
    assert csv_block(rows, "Applied") == []
    assert csv_block(rows, "Open from") == [
        [(nassau_today() - timedelta(days=2)).isoformat(), "still open"]
    ]


def test_a_job_closed_and_reopened_on_the_same_day_counts_that_day_once(db, employer_browser):
    job = post_job(db, employer_browser)
    close(employer_browser, job)
    assert reopen(employer_browser, job, nassau_today() + timedelta(days=10)).status_code == 303
    today = nassau_today()
    set_event_times(db, job, today - timedelta(days=2), today, today)

    page = text_of(employer_browser.get(f"/jobs/{job.id}/record"))

    # Open three calendar days: two days ago, yesterday and today (closed and reopened today).
    assert summary_of(page)["Days open to the public"] == "3"


def test_an_expired_job_that_is_reopened_was_not_advertised_after_its_closing_date(
    db, employer_browser
):
    today = nassau_today()
    job = post_job(db, employer_browser)
    set_event_times(db, job, today - timedelta(days=20))
    job.closes_on = today - timedelta(days=10)  # it expired ten days ago
    db.session.commit()

    assert reopen(employer_browser, job, today + timedelta(days=14)).status_code == 303

    assert [e.kind for e in events_of(db, job)] == ["published", "closed", "reopened"]
    rows = csv_rows(employer_browser.get(f"/jobs/{job.id}/record.csv"))
    assert csv_block(rows, "Open from") == [
        [(today - timedelta(days=20)).isoformat(), (today - timedelta(days=10)).isoformat()],
        [today.isoformat(), "still open"],
    ]
    facts = {row[0]: row[1] for row in rows if len(row) == 2}
    assert facts["Days open to the public"] == str(11 + 1)


# --- CSV cells that a spreadsheet would run ---------------------------------------------


def test_csv_cells_that_look_like_formulas_are_escaped(app, db, employer_browser, make_user):
    job = post_job(db, employer_browser, title="-Deckhand")
    seeker = make_user("seeker", name="+cmd", work_status="other")
    other = make_user("seeker", name="@sum(A1)", work_status="citizen")
    apply(signed_in(app, seeker), job)
    apply(signed_in(app, other), job)
    evil = '=HYPERLINK("http://evil")'
    move(employer_browser, application_of(db, job, seeker), "rejected", reason=evil)
    move(employer_browser, application_of(db, job, other), "rejected", reason="-1+2")

    rows = csv_rows(employer_browser.get(f"/jobs/{job.id}/record.csv?names=1"))

    applicants = csv_block(rows, "Applied")
    assert [row[1:] for row in applicants] == [
        ["'+cmd", "Other", "Rejected", "'" + evil],
        ["'@sum(A1)", "Bahamian citizen", "Rejected", "'-1+2"],
    ]
    facts = {row[0]: row[1] for row in rows if len(row) == 2}
    assert facts["Title as advertised"] == "'-Deckhand"
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@")), row
    # The page shows the reason as typed (HTML is not a spreadsheet), escaped as text.
    page = employer_browser.get(f"/jobs/{job.id}/record?names=1").get_data(as_text=True)
    assert "<td>=HYPERLINK(&#34;http://evil&#34;)</td>" in page


# --- who may see a record ---------------------------------------------------------------


def test_only_the_jobs_employer_gets_its_record(app, db, client, employer_browser, make_user):
    job = post_job(db, employer_browser)
    record, download = f"/jobs/{job.id}/record", f"/jobs/{job.id}/record.csv"
    rival = signed_in(app, make_user("employer"))
    seeker = signed_in(app, make_user("seeker", work_status="citizen"))

    assert employer_browser.get(record).status_code == 200
    assert employer_browser.get(download).status_code == 200
    for browser in (rival, seeker):
        for path in (record, download, record + "?names=1", download + "?names=1"):
            response = browser.get(path)
            assert response.status_code == 403, path
            assert "Marina Dockhand" not in text_of(response)

    to_sign_in = client.get(record)
    assert to_sign_in.status_code in (302, 303)
    assert to_sign_in.headers["Location"].startswith("/auth/login?next=")
    visitor_download = client.get(download)
    assert visitor_download.status_code == 403
    assert visitor_download.mimetype == "text/html"
    assert "Content-Disposition" not in visitor_download.headers


def test_the_record_of_an_unknown_job_is_not_found(employer_browser, db):
    assert employer_browser.get("/jobs/999999/record").status_code == 404
    assert employer_browser.get("/jobs/999999/record.csv").status_code == 404


def test_a_job_that_was_never_published_has_no_record(db, employer, employer_browser, make_job):
    job = make_job(employer)  # written straight to the table: no "published" event

    assert employer_browser.get(f"/jobs/{job.id}/record").status_code == 404
    assert employer_browser.get(f"/jobs/{job.id}/record.csv").status_code == 404


def test_a_removed_job_has_no_record(db, employer_browser):
    job = post_job(db, employer_browser)
    job.status = "removed"
    db.session.commit()

    assert employer_browser.get(f"/jobs/{job.id}/record").status_code == 404
    assert employer_browser.get(f"/jobs/{job.id}/record.csv").status_code == 404


# --- reopening a job --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("closes_on", "message"),
    [
        pytest.param(
            (nassau_today() - timedelta(days=1)).isoformat(),
            "Choose a date after today.",
            id="in-the-past",
        ),
        pytest.param(nassau_today().isoformat(), "Choose a date after today.", id="today"),
        pytest.param(
            (nassau_today() + timedelta(days=121)).isoformat(),
            "Choose a date within 120 days.",
            id="too-far",
        ),
        pytest.param("next week", "Not reopened:", id="not-a-date"),
        pytest.param("", "Not reopened:", id="empty"),
    ],
)
def test_reopening_with_a_bad_closing_date_explains_itself_and_leaves_the_job_closed(
    db, client, employer_browser, closes_on, message
):
    job = post_job(db, employer_browser)
    close(employer_browser, job)

    response = submit(
        employer_browser, f"/jobs/{job.id}/reopen", {"closes_on": closes_on}, "/jobs/mine"
    )

    assert response.headers["Location"] == "/jobs/mine"
    page = landing(employer_browser, response)
    assert "Not reopened:" in page
    assert message in page
    db.session.expire_all()
    assert job.status == "closed"
    assert [e.kind for e in events_of(db, job)] == ["published", "closed"]
    assert job.id not in listed_ids(text_of(client.get("/jobs/list")))


def test_reopening_with_a_proper_date_puts_the_job_back_on_the_board(db, client, employer_browser):
    job = post_job(db, employer_browser)
    close(employer_browser, job)
    assert job.id not in listed_ids(text_of(client.get("/jobs/list")))
    mine = text_of(employer_browser.get("/jobs/mine"))
    assert f'action="/jobs/{job.id}/reopen"' in mine
    new_closing = nassau_today() + timedelta(days=21)

    response = reopen(employer_browser, job, new_closing)

    assert response.headers["Location"] == "/jobs/mine"
    page = landing(employer_browser, response)
    assert f"“Marina Dockhand” is open again until {day(new_closing)}." in page
    db.session.expire_all()
    assert (job.status, job.closed_at, job.closes_on) == ("open", None, new_closing)
    assert job.id in listed_ids(text_of(client.get("/jobs/list")))
    assert "no longer accepting" not in text_of(client.get(f"/jobs/{job.id}"))
    assert [e.kind for e in events_of(db, job)] == ["published", "closed", "reopened"]


def test_reopening_an_open_job_records_nothing(db, employer_browser):
    job = post_job(db, employer_browser)

    response = reopen(employer_browser, job, nassau_today() + timedelta(days=21))

    assert response.status_code == 303
    assert [e.kind for e in events_of(db, job)] == ["published"]


def test_only_the_jobs_employer_can_reopen_it(app, db, client, employer_browser, make_user):
    job = post_job(db, employer_browser)
    close(employer_browser, job)
    closes_on = {"closes_on": (nassau_today() + timedelta(days=21)).isoformat()}

    rival = signed_in(app, make_user("employer"))
    assert submit(rival, f"/jobs/{job.id}/reopen", closes_on, "/jobs/mine").status_code == 403
    seeker = signed_in(app, make_user("seeker"))
    assert submit(seeker, f"/jobs/{job.id}/reopen", closes_on, "/").status_code == 403
    assert client.post(f"/jobs/{job.id}/reopen", data=closes_on).status_code in (302, 303, 400)
    assert employer_browser.post(f"/jobs/{job.id}/reopen", data=closes_on).status_code == 400
    assert submit(employer_browser, "/jobs/999999/reopen", closes_on, "/jobs/mine").status_code == (
        404
    )

    db.session.expire_all()
    assert job.status == "closed"
    assert [e.kind for e in events_of(db, job)] == ["published", "closed"]
