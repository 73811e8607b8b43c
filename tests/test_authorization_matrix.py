"""Every route of the app, requested as visitor, seeker, employer, another employer and admin,
compared with the table below. A route with no row fails the test, so no new route can slip
through without someone deciding who may use it.

Outcomes: O allowed (a page or a redirect that is not to sign-in), L sent to sign in,
F forbidden (403), N not found (404), B bad request (400).
"""

import io
from datetime import timedelta

import pytest
from flask import url_for

from hiremebahamas.extensions import cache, limiter
from hiremebahamas.extensions import db as _db
from hiremebahamas.models import (
    Application,
    ApplicationStatusChange,
    Comment,
    JobAlert,
    JobEvent,
    Notification,
    Post,
    Report,
)
from hiremebahamas.timezone import nassau_today

from .conftest import AuthActions, csrf_token, empty_database

ROLES = ("visitor", "seeker", "employer", "other_employer", "admin")

# (method, endpoint): outcomes for visitor, seeker, employer, other employer, admin.
# The admin is a job-seeker account with is_admin (as `flask create-admin` makes).
EXPECTED = {
    ("GET", "main.home"): "OOOOO",
    ("GET", "main.health"): "OOOOO",
    ("GET", "static"): "OOOOO",
    ("GET", "site.robots"): "OOOOO",
    ("GET", "site.sitemap"): "OOOOO",
    ("GET", "jobs.list_jobs"): "OOOOO",
    ("GET", "jobs.feed"): "OOOOO",
    ("GET", "jobs.detail"): "OOOOO",
    ("GET", "social.people"): "OOOOO",
    ("GET", "social.post"): "OOOOO",
    ("GET", "social.profile"): "OOOOO",
    ("GET", "social.followers"): "OOOOO",
    ("GET", "social.following"): "OOOOO",
    # Account pages: signed-in people are sent on from sign-in and sign-up pages.
    ("GET", "auth.login"): "OOOOO",
    ("POST", "auth.login"): "OOOOO",
    ("GET", "auth.register"): "OOOOO",
    ("POST", "auth.register"): "OOOOO",
    ("GET", "auth.reset_request"): "OOOOO",
    ("POST", "auth.reset_request"): "OOOOO",
    ("GET", "auth.reset_with_token"): "BBBBB",
    ("POST", "auth.reset_with_token"): "BBBBB",
    ("GET", "auth.verify"): "BBBBB",
    ("POST", "auth.resend_verification"): "LOOOO",
    ("POST", "auth.logout"): "LOOOO",
    # Jobs: employers manage their own; seekers apply, save and track.
    ("GET", "jobs.new_job"): "LFOOF",
    ("POST", "jobs.new_job"): "LFOOF",
    ("GET", "jobs.mine"): "LFOOF",
    ("GET", "jobs.edit_job"): "LFOFF",
    ("POST", "jobs.edit_job"): "LFOFF",
    ("POST", "jobs.close_job"): "LFOFF",
    ("POST", "jobs.reopen_job"): "LFOFF",
    ("GET", "jobs.applications"): "LFOFF",
    ("GET", "jobs.record"): "LFOFF",
    ("GET", "jobs.record_csv"): "FFOFF",
    ("GET", "jobs.apply"): "LOFFO",
    ("POST", "jobs.apply"): "LOFFO",
    ("POST", "jobs.save"): "LOFFO",
    ("POST", "jobs.unsave"): "LOFFO",
    ("GET", "jobs.saved"): "LOFFO",
    ("POST", "jobs.report"): "LOOOO",
    ("GET", "applications.tracker"): "LOFFO",
    ("POST", "applications.withdraw"): "LOFFF",
    ("POST", "applications.change_status"): "LFOFF",
    ("GET", "applications.resume"): "LOOFF",
    # Alerts: a person's own; the unsubscribe link works for anyone with a valid token.
    ("GET", "alerts.alerts"): "LOOOO",
    ("POST", "alerts.alerts"): "LOOOO",
    ("POST", "alerts.delete"): "LOFFF",
    ("GET", "alerts.unsubscribe"): "BBBBB",
    ("POST", "alerts.unsubscribe"): "BBBBB",
    # The network.
    ("GET", "social.feed"): "LOOOO",
    ("POST", "social.new_post"): "LOOOO",
    ("POST", "social.comment"): "LOOOO",
    ("POST", "social.like"): "LOOOO",
    ("POST", "social.unlike"): "LOOOO",
    ("POST", "social.report_post"): "LOOOO",
    ("POST", "social.delete_post"): "LOFFO",
    ("POST", "social.delete_comment"): "LOFFO",
    ("POST", "social.follow"): "LOOOO",
    ("POST", "social.unfollow"): "LOOOO",
    ("GET", "messages.index"): "LOOOO",
    ("GET", "messages.inbox"): "LOOOO",
    ("GET", "messages.thread"): "LOOOO",
    ("POST", "messages.thread"): "LOOOO",
    ("POST", "messages.block"): "LOOOO",
    ("POST", "messages.unblock"): "LOOOO",
    ("GET", "notifications.list_notifications"): "LOOOO",
    ("POST", "notifications.read_all"): "LOOOO",
    ("POST", "notifications.mark_read"): "LOFFF",
    ("GET", "settings.profile"): "LOOOO",
    ("POST", "settings.profile"): "LOOOO",
    ("GET", "settings.account"): "LOOOO",
    ("POST", "settings.account"): "LBBBB",  # without saying which form: a 400
    ("GET", "settings.notifications"): "LOOOO",
    ("POST", "settings.notifications"): "LOOOO",
    # Moderation.
    ("GET", "admin.dashboard"): "LFFFO",
    ("GET", "admin.reports"): "LFFFO",
    ("GET", "admin.users"): "LFFFO",
    ("POST", "admin.dismiss_report"): "LFFFO",
    ("POST", "admin.remove_job"): "LFFFO",
    ("POST", "admin.remove_post"): "LFFFO",
    ("POST", "admin.remove_comment"): "LFFFO",
    ("POST", "admin.suspend"): "LFFFO",
    ("POST", "admin.restore"): "LFFFO",
}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build_world(make_user, make_job) -> dict:
    """The people and things every request points at (fresh for each route)."""
    employer = make_user("employer", username="boss", email="boss@example.com")
    make_user("employer", username="rival", email="rival@example.com")
    seeker = make_user(username="sam", email="sam@example.com")
    make_user(username="root", email="root@example.com", is_admin=True)
    make_user(username="tina", email="tina@example.com")  # whom people follow and message
    job = make_job(employer, closes_on=nassau_today() + timedelta(days=30))
    _db.session.add(
        JobEvent(job_id=job.id, kind="published", title=job.title, description=job.description)
    )
    application = Application(
        job_id=job.id,
        applicant_id=seeker.id,
        cover_letter="I would love to work at the front desk.",
        resume_pdf=PDF,
        resume_filename="cv.pdf",
        resume_size=len(PDF),
    )
    application.history.append(ApplicationStatusChange(to_status="applied"))
    post = Post(author_id=seeker.id, body="Hello from Nassau")
    _db.session.add_all([application, post])
    _db.session.flush()
    comment = Comment(post_id=post.id, author_id=seeker.id, body="First!")
    alert = JobAlert(user_id=seeker.id, q="desk", frequency="daily")
    report = Report(reporter_id=seeker.id, job_id=job.id, reason="Looks like a scam")
    note = Notification(user_id=seeker.id, kind="new_follower", text="x", link="/")
    _db.session.add_all([comment, alert, report, note])
    _db.session.commit()
    return {
        "job_id": job.id,
        "application_id": application.id,
        "post_id": post.id,
        "comment_id": comment.id,
        "alert_id": alert.id,
        "report_id": report.id,
        "notification_id": note.id,
        "username": "tina",
        "token": "not-a-valid-token",
        "filename": "css/site.css",
    }


SIGN_IN = {
    "seeker": "sam@example.com",
    "employer": "boss@example.com",
    "other_employer": "rival@example.com",
    "admin": "root@example.com",
}


def outcome(response) -> str:
    if response.status_code in (302, 303) and "/auth/login" in response.headers["Location"]:
        return "L"
    if response.status_code in (200, 302, 303, 304):
        return "O"
    return {400: "B", 403: "F", 404: "N", 405: "M"}.get(
        response.status_code, str(response.status_code)
    )


def browser_for(app, role: str):
    client = app.test_client()
    if role != "visitor":
        assert AuthActions(client).login(SIGN_IN[role]).status_code == 303
    return client


def request_as(client, method: str, path: str):
    if method == "GET":
        return client.get(path)
    token = csrf_token(client, "/auth/reset")
    data = {"csrf_token": token}
    if path.endswith("/apply"):
        data["resume"] = (io.BytesIO(PDF), "cv.pdf")
    return client.post(path, data=data)


def route_cases(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def fresh_world(make_user, make_job) -> dict:
    _db.session.remove()  # end the test's own transaction, or TRUNCATE waits for it
    empty_database()
    cache.clear()
    limiter.reset()
    return build_world(make_user, make_job)


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_the_table_says(app, db, make_user, make_job, role):
    index = ROLES.index(role)
    problems = []
    # Pages (GET) change nothing, so they share one world and one browser; every POST gets
    # a fresh world, since it may change or delete what the next request needs.
    cases = sorted(route_cases(app), key=lambda case: case[1] != "GET")
    world = fresh_world(make_user, make_job)
    browser = browser_for(app, role)
    for rule, method in cases:
        key = (method, rule.endpoint)
        if key not in EXPECTED:
            problems.append(f"{method} {rule.rule}: no row in the authorization table")
            continue
        if method != "GET":
            world = fresh_world(make_user, make_job)
            browser = browser_for(app, role)
        with app.test_request_context():
            path = url_for(rule.endpoint, **{k: world[k] for k in rule.arguments})
        got = outcome(request_as(browser, method, path))
        if got != EXPECTED[key][index]:
            problems.append(
                f"{method} {path} as {role}: expected {EXPECTED[key][index]}, got {got}"
            )
    assert not problems, "\n".join(problems)


def test_the_table_names_no_route_that_does_not_exist(app):
    existing = {(method, rule.endpoint) for rule, method in route_cases(app)}
    assert set(EXPECTED) - existing == set()
