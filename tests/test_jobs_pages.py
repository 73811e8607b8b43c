"""The job page: what a visitor, a seeker and a search engine see."""

import json
import re
from datetime import timedelta

import pytest

from hiremebahamas.timezone import nassau_today

from .conftest import PASSWORD, AuthActions, submit, text_of

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured_data(response) -> list[dict]:
    return [json.loads(block) for block in LD_JSON.findall(response.get_data(as_text=True))]


def signed_in(app, user):
    """A separate browser, signed in as user."""
    browser = app.test_client()
    assert AuthActions(browser).login(user.email).status_code == 303
    return browser


@pytest.fixture
def employer(make_user):
    return make_user("employer", username="sandals", company_name="Sandals Royal Bahamian")


def test_the_job_page_shows_what_a_seeker_needs_to_know(client, employer, make_job):
    job = make_job(
        employer,
        title="Front Desk Agent",
        description="Greet guests with a smile.\n\nCheck them in and out.\nAnswer the phone.",
        island="new-providence",
        location="Cable Beach",
    )

    response = client.get(f"/jobs/{job.id}")

    assert response.status_code == 200
    page = text_of(response)
    assert "<h1>Front Desk Agent</h1>" in page
    assert '<a href="/u/sandals">Sandals Royal Bahamian</a>' in page
    assert "Cable Beach, New Providence" in page
    assert "$1,800–$2,400 BSD per month" in page
    assert "Full-time" in page
    assert "Hospitality & tourism" in page
    assert "Bahamian citizens and permanent residents only" in page
    # Each paragraph of the description stays a paragraph; single line breaks are kept.
    assert "<p>Greet guests with a smile.</p>" in page
    assert "<p>Check them in and out.<br>\nAnswer the phone.</p>" in page


def test_a_job_without_a_salary_says_so(client, employer, make_job):
    job = make_job(employer, salary_min=None, salary_max=None, salary_period=None)

    assert "Not stated" in text_of(client.get(f"/jobs/{job.id}"))


def test_html_in_a_description_is_shown_as_text(client, employer, make_job):
    job = make_job(employer, description="Bring <b>bold</b> ideas & a <script>x()</script> tag.")

    body = client.get(f"/jobs/{job.id}").get_data(as_text=True)

    assert "<script>x()</script>" not in body
    assert "&lt;b&gt;bold&lt;/b&gt;" in body


def test_an_open_job_describes_itself_to_search_engines(client, employer, make_job):
    closes_on = nassau_today() + timedelta(days=20)
    job = make_job(employer, title="Front Desk Agent", island="exuma", closes_on=closes_on)

    [posting] = structured_data(client.get(f"/jobs/{job.id}"))

    assert posting["@context"] == "https://schema.org/"
    assert posting["@type"] == "JobPosting"
    assert posting["title"] == "Front Desk Agent"
    assert posting["description"].startswith("Greet guests.")
    assert posting["datePosted"] == nassau_today().isoformat()
    assert posting["validThrough"].startswith(closes_on.isoformat() + "T23:59")
    assert posting["hiringOrganization"]["name"] == "Sandals Royal Bahamian"
    address = posting["jobLocation"]["address"]
    assert address["addressRegion"] == "Exuma"
    assert address["addressLocality"] == "Nassau"
    assert address["addressCountry"] == "BS"
    assert posting["baseSalary"]["currency"] == "BSD"
    assert posting["baseSalary"]["value"]["unitText"] == "MONTH"
    assert posting["baseSalary"]["value"]["minValue"] == 1800
    assert posting["baseSalary"]["value"]["maxValue"] == 2400
    assert posting["employmentType"] == "FULL_TIME"
    assert posting["identifier"]["value"] == str(job.id)
    assert posting["directApply"] is True
    assert posting["url"].endswith(f"/jobs/{job.id}")
    assert "jobLocationType" not in posting


def test_a_remote_job_is_marked_as_telecommute(client, employer, make_job):
    job = make_job(employer, workplace="remote", island="remote", employment_type="contract")

    [posting] = structured_data(client.get(f"/jobs/{job.id}"))

    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["employmentType"] == "CONTRACTOR"


def test_structured_data_cannot_be_broken_out_of_by_a_title(client, employer, make_job):
    job = make_job(employer, title="Chef </script><script>alert(1)</script>")

    response = client.get(f"/jobs/{job.id}")

    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    [posting] = structured_data(response)
    assert posting["title"] == "Chef </script><script>alert(1)</script>"


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "closed"},
        {"closes_on": nassau_today() - timedelta(days=1)},
    ],
    ids=["closed", "expired"],
)
def test_a_closed_or_expired_job_is_clearly_marked_and_cannot_be_applied_for(
    app, client, employer, make_user, make_job, fields
):
    job = make_job(employer, title="Sous Chef", **fields)

    response = client.get(f"/jobs/{job.id}")
    assert response.status_code == 200
    page = text_of(response)
    assert "This job is no longer accepting applications" in page
    assert "Sign in to apply" not in page
    assert structured_data(response) == []

    seeker_page = text_of(signed_in(app, make_user("seeker")).get(f"/jobs/{job.id}"))
    assert "This job is no longer accepting applications" in seeker_page
    assert f'href="/jobs/{job.id}/apply"' not in seeker_page
    assert "Apply now" not in seeker_page


def test_an_open_job_has_no_closed_banner(client, employer, make_job):
    job = make_job(employer, closes_on=nassau_today())  # open until midnight today

    response = client.get(f"/jobs/{job.id}")

    assert "no longer accepting applications" not in text_of(response)
    assert len(structured_data(response)) == 1


def test_a_job_that_does_not_exist_is_not_found(client, db):
    response = client.get("/jobs/999999")

    assert response.status_code == 404
    assert "Page not found" in text_of(response)


def test_a_removed_job_is_not_found(client, employer, make_job):
    job = make_job(employer, status="removed")

    assert client.get(f"/jobs/{job.id}").status_code == 404


def test_a_visitor_is_asked_to_sign_in_to_apply_and_comes_back_to_the_form(
    client, employer, make_user, make_job
):
    job = make_job(employer, title="Bellhop")
    make_user("seeker", email="jade@example.com")

    page = text_of(client.get(f"/jobs/{job.id}"))
    assert f'<a class="button primary" href="/auth/login?next=/jobs/{job.id}/apply">' in page
    assert "Sign in to apply" in page

    response = submit(
        client,
        f"/auth/login?next=/jobs/{job.id}/apply",
        {"email": "jade@example.com", "password": PASSWORD},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/jobs/{job.id}/apply"
    form = client.get(response.headers["Location"])
    assert form.status_code == 200
    assert "Apply for Bellhop" in text_of(form)


def test_a_signed_in_seeker_sees_apply_and_save_buttons(app, employer, make_user, make_job):
    job = make_job(employer)
    browser = signed_in(app, make_user("seeker"))

    page = text_of(browser.get(f"/jobs/{job.id}"))

    assert f'href="/jobs/{job.id}/apply">Apply now</a>' in page
    assert "Save job" in page
    assert "Report this job" in page
    assert "Sign in to apply" not in page


def test_the_employer_sees_their_own_tools_on_their_job(app, employer, make_job):
    job = make_job(employer)
    browser = signed_in(app, employer)

    page = text_of(browser.get(f"/jobs/{job.id}"))

    assert "See applicants" in page
    assert "Edit job" in page
    assert "Close to applications" in page
    assert "Apply now" not in page
    assert "Report this job" not in page
