"""Job alerts: saving a search from the list page, the /alerts page, the daily and weekly
digests (through the real SMTP server, and the real RQ worker with Redis) and the unsubscribe
link that works without signing in, including RFC 8058's one-click POST.
"""

import html
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from itsdangerous import URLSafeSerializer
from sqlalchemy import func, select

from hiremebahamas.alerts.digests import send_due_alerts
from hiremebahamas.alerts.services import MAX_ALERTS, unsubscribe_token
from hiremebahamas.models import JobAlert, OutboundEmail
from hiremebahamas.models._base import as_utc, utcnow
from hiremebahamas.timezone import nassau_today

from .conftest import AuthActions, deliver_queued_mail, link_in, mail_text, submit, text_of

SITE = "http://hiremebahamas.test"
SEEKER_EMAIL = "keisha@example.com"
NURSE_SEARCH = {"q": "nurse", "island": "exuma", "type": "full-time", "salary_min": "30000"}
NURSE_WORDS = "“nurse” jobs · Exuma · Full-time · from $30,000 a year"


# --- helpers ----------------------------------------------------------------------------


def landing(browser, response) -> str:
    """The page a browser lands on after a form's 303."""
    assert response.status_code == 303
    return text_of(browser.get(response.headers["Location"]))


def list_page(params: dict) -> str:
    return f"/jobs/list?{urlencode(params)}"


def save_from_list_page(browser, params: dict, frequency: str = "daily", **changes):
    """Press "Email me jobs like these" on the list page for this search."""
    page = list_page(params)
    data = {**params, "frequency": frequency, "next": page, **changes}
    return submit(browser, "/alerts", data, form_page=page)


def count_alerts(db) -> int:
    return db.session.scalar(select(func.count()).select_from(JobAlert))


def count_mails(db, kind: str = "job_alert") -> int:
    return db.session.scalar(
        select(func.count()).select_from(OutboundEmail).where(OutboundEmail.kind == kind)
    )


def stored(db, alert_id: int) -> JobAlert | None:
    """The alert as stored now (a request's own session may have changed it)."""
    return db.session.get(JobAlert, alert_id, populate_existing=True)


def marker(db, alert_id: int):
    return as_utc(stored(db, alert_id).last_notified_at)


def make_alert(db, user, **fields) -> JobAlert:
    fields.setdefault("frequency", "daily")
    alert = JobAlert(user_id=user.id, **fields)
    db.session.add(alert)
    db.session.commit()
    return alert


def signed_in(app, user):
    browser = app.test_client()
    assert AuthActions(browser).login(user.email).status_code == 303
    return browser


@pytest.fixture
def seeker(make_user):
    return make_user("seeker", name="Keisha Rolle", email=SEEKER_EMAIL)


@pytest.fixture
def employer(make_user):
    return make_user(
        "employer",
        username="exumahealth",
        email="hr@exuma.example.com",
        company_name="Exuma Health Centre",
    )


@pytest.fixture
def browser(app, seeker):
    return signed_in(app, seeker)


def nurse_job(make_job, employer, **fields):
    """A job that matches NURSE_SEARCH (BSD 3,000 a month is 36,000 a year)."""
    fields.setdefault("title", "Registered Nurse")
    fields.setdefault("description", "Care for patients at our George Town clinic.")
    fields.setdefault("island", "exuma")
    fields.setdefault("location", "George Town")
    fields.setdefault("category", "healthcare")
    fields.setdefault("salary_min", 2500)
    fields.setdefault("salary_max", 3000)
    return make_job(employer, **fields)


def nurse_alert(db, seeker, **fields) -> JobAlert:
    values = {
        "q": "nurse",
        "island": "exuma",
        "employment_type": "full-time",
        "salary_min": 30000,
        **fields,
    }
    return make_alert(db, seeker, **values)


def text_of_html(mail) -> str:
    """The HTML part as a mail program shows it (entities turned back into characters)."""
    return html.unescape(mail.get_body(preferencelist=("html",)).get_content())


def alert_mails(mailbox, address: str = SEEKER_EMAIL):
    deliver_queued_mail()
    return [m for m in mailbox.to(address) if "new job" in m["Subject"]]


# --- saving an alert --------------------------------------------------------------------


def test_seeker_saves_the_list_pages_search_as_an_alert(db, browser, seeker):
    response = save_from_list_page(browser, NURSE_SEARCH)

    assert response.status_code == 303
    assert response.headers["Location"] == list_page(NURSE_SEARCH)  # back to the results
    page = landing(browser, response)
    assert f"Alert saved: {NURSE_WORDS}. We'll email new matches daily." in page

    alert = db.session.scalars(select(JobAlert)).one()
    assert alert.user_id == seeker.id
    assert (alert.q, alert.island, alert.employment_type) == ("nurse", "exuma", "full-time")
    assert (alert.salary_min, alert.frequency) == (30000, "daily")
    assert alert.last_notified_at is None

    alerts_page = text_of(browser.get("/alerts"))
    assert NURSE_WORDS in alerts_page
    assert "Mailed daily" in alerts_page
    assert f'action="/alerts/{alert.id}/delete"' in alerts_page


def test_the_list_page_offers_the_alert_form_only_to_signed_in_people(client, browser):
    page = list_page(NURSE_SEARCH)
    signed_in_page = text_of(browser.get(page))
    assert "Email me jobs like these" in signed_in_page
    assert f'name="next" value="{page}"' in signed_in_page  # it brings the person back
    visitor_page = text_of(client.get(page))
    assert "Email me jobs like these" not in visitor_page
    assert "to get jobs like these by email" in visitor_page


def test_alerts_page_with_no_alerts_explains_them(browser):
    page = text_of(browser.get("/alerts"))
    assert "No alerts yet" in page
    assert "Save alert" in page


def test_the_alerts_pages_own_form_saves_a_weekly_alert(db, browser):
    response = submit(browser, "/alerts", {"q": "  dock   hand ", "frequency": "weekly"})

    assert response.headers["Location"] == "/alerts"
    assert "Alert saved: “dock hand” jobs. We'll email new matches weekly." in landing(
        browser, response
    )
    alert = db.session.scalars(select(JobAlert)).one()
    assert (alert.q, alert.frequency) == ("dock hand", "weekly")
    assert (alert.island, alert.employment_type, alert.salary_min) == (None, None, None)


def test_an_alert_without_filters_is_all_new_jobs(db, browser):
    response = save_from_list_page(browser, {})
    assert "Alert saved: All new jobs." in landing(browser, response)
    assert count_alerts(db) == 1


def test_a_visitor_is_sent_to_sign_in(db, client):
    data = {**NURSE_SEARCH, "frequency": "daily"}
    response = submit(client, "/alerts", data, form_page="/auth/login")

    assert response.status_code in (302, 303)
    assert "/auth/login" in response.headers["Location"]
    assert count_alerts(db) == 0
    assert client.get("/alerts").status_code in (302, 303)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"frequency": "hourly"}, "Email me: Not a valid choice"),
        ({"salary_min": "-1"}, "Enter 0 or more."),
        ({"island": "atlantis"}, "Island: Not a valid choice"),
    ],
)
def test_an_invalid_alert_is_not_saved(db, browser, changes, problem):
    response = save_from_list_page(browser, NURSE_SEARCH, **changes)

    page = landing(browser, response)
    assert "That alert could not be saved" in page
    assert problem in page
    assert count_alerts(db) == 0


def test_an_alert_needs_a_valid_csrf_token(db, browser):
    response = browser.post("/alerts", data={**NURSE_SEARCH, "frequency": "daily"})
    assert response.status_code == 400
    assert count_alerts(db) == 0


def test_an_offsite_next_is_ignored(db, browser):
    response = save_from_list_page(browser, NURSE_SEARCH, next="https://evil.example.com/")
    assert response.headers["Location"] == "/alerts"
    assert count_alerts(db) == 1


def test_a_person_keeps_at_most_twenty_alerts(db, browser, seeker):
    for n in range(MAX_ALERTS - 1):
        make_alert(db, seeker, q=f"search {n}")
    assert "Alert saved" in landing(browser, save_from_list_page(browser, NURSE_SEARCH))
    assert count_alerts(db) == MAX_ALERTS

    response = save_from_list_page(browser, {"q": "chef"})

    assert f"You can keep up to {MAX_ALERTS} alerts. Delete one first." in landing(
        browser, response
    )
    assert count_alerts(db) == MAX_ALERTS


# --- deleting ---------------------------------------------------------------------------


def test_owner_deletes_an_alert(db, browser, seeker):
    alert_id = nurse_alert(db, seeker).id
    other_id = make_alert(db, seeker, q="chef").id

    response = submit(browser, f"/alerts/{alert_id}/delete", {}, form_page="/alerts")

    assert response.headers["Location"] == "/alerts"
    page = landing(browser, response)
    assert "Alert deleted" in page
    assert NURSE_WORDS not in page
    assert "“chef” jobs" in page
    assert stored(db, alert_id) is None
    assert stored(db, other_id) is not None


def test_nobody_deletes_another_persons_alert(app, db, seeker, make_user):
    alert = nurse_alert(db, seeker)
    rival = signed_in(app, make_user("seeker"))

    response = submit(rival, f"/alerts/{alert.id}/delete", {}, form_page="/alerts")

    assert response.status_code == 403
    assert stored(db, alert.id) is not None


def test_deleting_an_unknown_alert_is_404(browser):
    response = submit(browser, "/alerts/999999/delete", {}, form_page="/alerts")
    assert response.status_code == 404


def test_deleting_needs_a_csrf_token(db, browser, seeker):
    alert = nurse_alert(db, seeker)
    assert browser.post(f"/alerts/{alert.id}/delete").status_code == 400
    assert stored(db, alert.id) is not None


def test_another_persons_alerts_are_not_listed(app, db, seeker, make_user):
    nurse_alert(db, seeker)
    page = text_of(signed_in(app, make_user("seeker")).get("/alerts"))
    assert NURSE_WORDS not in page
    assert "No alerts yet" in page


# --- digests ----------------------------------------------------------------------------


def test_digest_mails_the_new_matching_open_jobs(app, db, mailbox, seeker, employer, make_job):
    older = nurse_job(make_job, employer, title="Nurse Posted Before The Alert")
    alert = nurse_alert(db, seeker)
    job = nurse_job(make_job, employer, title="Registered Nurse")
    nurse_job(make_job, employer, title="Abaco Nurse", island="abaco", location="Marsh Harbour")
    nurse_job(make_job, employer, title="Closed Nurse Post", status="closed")
    yesterday = nassau_today() - timedelta(days=1)
    nurse_job(make_job, employer, title="Expired Nurse Post", closes_on=yesterday)
    nurse_job(make_job, employer, title="Poorly Paid Nurse", salary_min=1500, salary_max=2000)
    nurse_job(make_job, employer, title="Part-time Nurse", employment_type="part-time")
    make_job(employer, title="Exuma Chef", island="exuma")

    result = send_due_alerts()

    assert (result.due, result.mailed, result.nothing_new) == (1, 1, 0)
    mail = mailbox.wait_for(SEEKER_EMAIL, "new job")
    assert len(alert_mails(mailbox)) == 1
    assert str(mail["To"]) == SEEKER_EMAIL
    assert str(mail["Subject"]) == f"1 new job: {NURSE_WORDS}"
    text = mail_text(mail)
    html_part = mail.get_body(preferencelist=("html",)).get_content()
    assert "Hello Keisha Rolle," in text
    assert "Registered Nurse" in text
    assert f"{SITE}/jobs/{job.id}" in text
    assert link_in(mail, "/jobs/") == f"/jobs/{job.id}"
    assert f'href="{SITE}/jobs/{job.id}"' in html_part
    for missing in (
        older.title,
        "Abaco Nurse",
        "Closed Nurse Post",
        "Expired Nurse Post",
        "Poorly Paid Nurse",
        "Part-time Nurse",
        "Exuma Chef",
    ):
        assert missing not in text
        assert missing not in html_part

    token = unsubscribe_token(alert)
    assert mail["List-Unsubscribe"] == f"<{SITE}/alerts/unsubscribe/{token}>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_in(mail, "/alerts/unsubscribe/") == f"/alerts/unsubscribe/{token}"
    assert "None" not in text
    assert "{{" not in text


def test_digest_counts_several_jobs_newest_first(db, mailbox, seeker, employer, make_job):
    nurse_alert(db, seeker)
    nurse_job(make_job, employer, title="Night Nurse")
    nurse_job(make_job, employer, title="Day Nurse")

    send_due_alerts()

    mail = mailbox.wait_for(SEEKER_EMAIL, "new jobs")
    assert str(mail["Subject"]) == f"2 new jobs: {NURSE_WORDS}"
    text = mail_text(mail)
    assert text.index("Day Nurse") < text.index("Night Nurse")


def test_the_marker_moves_and_a_digest_is_not_sent_again_until_due(
    db, mailbox, seeker, employer, make_job
):
    alert = nurse_alert(db, seeker)
    first = nurse_job(make_job, employer, title="Registered Nurse")
    before = utcnow()
    assert send_due_alerts().mailed == 1
    assert len(alert_mails(mailbox)) == 1
    assert marker(db, alert.id) >= before

    # A new match right away: the daily alert is not due again yet.
    second = nurse_job(make_job, employer, title="Charge Nurse")
    result = send_due_alerts()
    assert (result.due, result.mailed) == (0, 0)
    assert len(alert_mails(mailbox)) == 1

    # A day later only the job posted since the last mail is in the digest.
    tomorrow = utcnow() + timedelta(days=1, minutes=1)
    assert send_due_alerts(now=tomorrow).mailed == 1
    mails = alert_mails(mailbox)
    assert len(mails) == 2
    text = mail_text(mails[-1])
    assert second.title in text
    assert f"/jobs/{second.id}" in text
    assert first.title not in text
    assert marker(db, alert.id) == tomorrow


def test_a_job_posted_while_the_digests_run_is_mailed_once(db, mailbox, seeker, employer, make_job):
    """The run takes `now` once and then works through every due alert, which can take a while;
    a job posted meanwhile belongs to the next digest (jobs after the marker), not to both."""
    alert_id = nurse_alert(db, seeker).id
    run_started = utcnow()
    job = nurse_job(make_job, employer, title="Registered Nurse")  # posted during the run

    send_due_alerts(now=run_started)
    send_due_alerts(now=run_started + timedelta(days=1, minutes=1))

    mails = alert_mails(mailbox)
    assert [job.title in mail_text(mail) for mail in mails] == [True]
    assert marker(db, alert_id) == run_started + timedelta(days=1, minutes=1)


def test_a_due_alert_with_nothing_new_sends_nothing_but_moves_the_marker(
    db, mailbox, seeker, employer, make_job
):
    alert = nurse_alert(db, seeker)
    nurse_job(make_job, employer)
    send_due_alerts()
    assert len(alert_mails(mailbox)) == 1

    later = utcnow() + timedelta(days=1, minutes=1)
    result = send_due_alerts(now=later)

    assert (result.due, result.mailed, result.nothing_new) == (1, 0, 1)
    assert len(alert_mails(mailbox)) == 1
    assert count_mails(db) == 1
    assert marker(db, alert.id) == later


def test_a_new_alert_with_no_matches_sends_nothing(db, mailbox, seeker, employer, make_job):
    alert = nurse_alert(db, seeker)
    make_job(employer, title="Exuma Chef", island="exuma")

    result = send_due_alerts()

    assert (result.due, result.mailed, result.nothing_new) == (1, 0, 1)
    assert alert_mails(mailbox) == []
    assert count_mails(db) == 0
    assert marker(db, alert.id) is not None


def test_a_weekly_alert_is_due_after_seven_days_not_one(db, mailbox, seeker, employer, make_job):
    alert = nurse_alert(db, seeker, frequency="weekly")
    start = utcnow()
    send_due_alerts(now=start)  # nothing new yet; the week starts now
    assert marker(db, alert.id) == start
    job = nurse_job(make_job, employer, title="Registered Nurse")

    result = send_due_alerts(now=start + timedelta(days=1, minutes=1))
    assert (result.due, result.mailed) == (0, 0)
    result = send_due_alerts(now=start + timedelta(days=6, hours=23))
    assert (result.due, result.mailed) == (0, 0)
    assert alert_mails(mailbox) == []

    week_later = start + timedelta(days=7, minutes=1)
    result = send_due_alerts(now=week_later)
    assert (result.due, result.mailed) == (1, 1)
    mail = mailbox.wait_for(SEEKER_EMAIL, "new job")
    assert f"{SITE}/jobs/{job.id}" in mail_text(mail)
    assert "weekly" in mail_text(mail)
    assert marker(db, alert.id) == week_later


def test_no_alert_mail_for_someone_who_switched_them_off(db, mailbox, seeker, employer, make_job):
    seeker.email_on_alerts = False
    db.session.commit()
    alert = nurse_alert(db, seeker)
    nurse_job(make_job, employer)
    before = utcnow()

    result = send_due_alerts()

    assert (result.due, result.mailed) == (1, 0)
    assert alert_mails(mailbox) == []
    assert count_mails(db) == 0
    assert marker(db, alert.id) >= before


def test_no_alert_mail_for_a_suspended_account(db, mailbox, seeker, employer, make_job):
    seeker.suspended_at = utcnow()
    db.session.commit()
    nurse_alert(db, seeker)
    nurse_job(make_job, employer)

    assert send_due_alerts().mailed == 0
    assert count_mails(db) == 0


def test_an_alert_with_the_longest_search_the_form_allows_is_mailed(
    db, browser, mailbox, employer, make_user, make_job
):
    """A 200-character search plus its filters makes a long description; the mail still goes
    out (its subject fits the outbox's column) and the run goes on to the other alerts."""
    long_search = {**NURSE_SEARCH, "q": " ".join(["nurse"] * 31 + ["care"] * 3)}
    assert len(long_search["q"]) == 200  # the form's maximum
    assert save_from_list_page(browser, long_search, next="/alerts").status_code == 303
    assert db.session.scalar(select(JobAlert.q)) == long_search["q"]
    make_alert(db, make_user("seeker", email="dwayne@example.com"), q="chef")
    job = nurse_job(make_job, employer, title="Registered Nurse")
    make_job(employer, title="Sous Chef")

    result = send_due_alerts()

    assert (result.due, result.mailed) == (2, 2)
    mail = mailbox.wait_for(SEEKER_EMAIL, "new job")
    assert len(str(mail["Subject"])) <= 200
    assert str(mail["Subject"]).startswith("1 new job: “nurse nurse")
    assert f"{SITE}/jobs/{job.id}" in mail_text(mail)
    assert long_search["q"] in mail_text(mail)  # the mail's body names the whole search
    assert "Sous Chef" in mail_text(mailbox.wait_for("dwayne@example.com", "new job"))


def test_the_search_is_named_without_doubled_quotation_marks(
    app, db, mailbox, seeker, employer, make_job
):
    """The description already quotes the keywords (“nurse” jobs · Exuma); wrapping it in
    quotation marks again reads as ““nurse” jobs · Exuma”."""
    alert_id = nurse_alert(db, seeker).id
    nurse_job(make_job, employer)
    send_due_alerts()
    mail = mailbox.wait_for(SEEKER_EMAIL, "new job")

    assert NURSE_WORDS in mail_text(mail)
    assert "““" not in mail_text(mail)
    assert NURSE_WORDS in text_of_html(mail)
    assert "““" not in text_of_html(mail)

    page = text_of(app.test_client().get(link_in(mail, "/alerts/unsubscribe/")))
    assert NURSE_WORDS in page
    assert "““" not in page
    assert stored(db, alert_id) is None


def test_each_persons_alert_goes_to_that_person(db, mailbox, seeker, employer, make_user, make_job):
    other = make_user("seeker", name="Dwayne Ferguson", email="dwayne@example.com")
    nurse_alert(db, seeker)
    make_alert(db, other, q="chef")
    nurse_job(make_job, employer, title="Registered Nurse")
    make_job(employer, title="Sous Chef")

    assert send_due_alerts().mailed == 2

    keisha = mailbox.wait_for(SEEKER_EMAIL, "new job")
    dwayne = mailbox.wait_for("dwayne@example.com", "new job")
    assert "Registered Nurse" in mail_text(keisha)
    assert "Sous Chef" not in mail_text(keisha)
    assert "Sous Chef" in mail_text(dwayne)
    assert "Hello Dwayne Ferguson," in mail_text(dwayne)


# --- unsubscribing ----------------------------------------------------------------------


def alert_mail_for(db, mailbox, seeker, employer, make_job):
    """The alert's id and its first digest."""
    alert_id = nurse_alert(db, seeker).id
    nurse_job(make_job, employer)
    send_due_alerts()
    return alert_id, mailbox.wait_for(SEEKER_EMAIL, "new job")


def test_the_unsubscribe_link_works_without_signing_in(
    app, db, mailbox, seeker, employer, make_job
):
    alert_id, mail = alert_mail_for(db, mailbox, seeker, employer, make_job)
    link = link_in(mail, "/alerts/unsubscribe/")
    visitor = app.test_client()

    response = visitor.get(link)

    assert response.status_code == 200
    page = text_of(response)
    assert "You're unsubscribed" in page
    assert NURSE_WORDS in page
    assert stored(db, alert_id) is None

    # New matches a day later: there is no alert left to mail.
    nurse_job(make_job, employer, title="Charge Nurse")
    result = send_due_alerts(now=utcnow() + timedelta(days=1, minutes=1))
    assert (result.due, result.mailed) == (0, 0)
    assert len(alert_mails(mailbox)) == 1

    # The same link again is answered kindly.
    again = visitor.get(link)
    assert again.status_code == 200
    assert "already stopped" in text_of(again)


def test_one_click_unsubscribe_by_post_without_a_csrf_token(
    app, db, mailbox, seeker, employer, make_job
):
    """RFC 8058: the mail program POSTs List-Unsubscribe=One-Click to the header's URL."""
    alert_id, mail = alert_mail_for(db, mailbox, seeker, employer, make_job)
    url = mail["List-Unsubscribe"].strip("<>")
    assert url.startswith(f"{SITE}/alerts/unsubscribe/")

    response = app.test_client().post(
        url.removeprefix(SITE), data={"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert "You're unsubscribed" in text_of(response)
    assert stored(db, alert_id) is None


def test_a_forged_unsubscribe_token_is_refused(app, db, mailbox, seeker, employer, make_job):
    alert_id, mail = alert_mail_for(db, mailbox, seeker, employer, make_job)
    link = link_in(mail, "/alerts/unsubscribe/")
    visitor = app.test_client()

    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    response = visitor.get(tampered)
    assert response.status_code == 400
    assert "not valid" in text_of(response)

    assert visitor.get("/alerts/unsubscribe/not-a-token").status_code == 400
    assert visitor.post("/alerts/unsubscribe/not-a-token").status_code == 400
    assert stored(db, alert_id) is not None


def test_a_token_stops_only_its_own_alert(app, db, seeker, make_user):
    """A token names its alert and its owner and is signed with the app's key."""
    alert_id = nurse_alert(db, seeker).id
    other_id = make_alert(db, make_user("seeker"), q="chef").id
    visitor = app.test_client()

    def token(key: str, alert: int, user: int) -> str:
        return URLSafeSerializer(key, salt="hmb-alert-unsubscribe").dumps(
            {"alert": alert, "user": user}
        )

    # Signed with another key, or naming someone else's alert: refused, nothing stopped.
    assert visitor.get(f"/alerts/unsubscribe/{token('guess', other_id, 0)}").status_code == 400
    mismatched = token(app.config["SECRET_KEY"], other_id, seeker.id)
    assert visitor.get(f"/alerts/unsubscribe/{mismatched}").status_code == 400
    assert stored(db, other_id) is not None

    response = visitor.get(f"/alerts/unsubscribe/{unsubscribe_token(stored(db, alert_id))}")
    assert response.status_code == 200
    assert stored(db, alert_id) is None
    assert stored(db, other_id) is not None


# --- the operator's command -------------------------------------------------------------


def test_send_alerts_command_prints_a_one_line_summary(
    db, runner, mailbox, seeker, employer, make_user, make_job
):
    nurse_alert(db, seeker)
    make_alert(db, make_user("seeker"), q="chef")
    nurse_job(make_job, employer)

    result = runner.invoke(args=["send-alerts"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == ["send-alerts: 2 alerts due, 1 mailed, 1 with nothing new"]
    mailbox.wait_for(SEEKER_EMAIL, "new job")

    again = runner.invoke(args=["send-alerts"])
    assert again.output.splitlines() == ["send-alerts: 0 alerts due, 0 mailed, 0 with nothing new"]
