"""Moderation at /admin: who may see it, the operations view, the reports queue, removing jobs,
posts and comments (hidden everywhere, kept for the record), dismissing reports, suspending
and restoring people — and that nobody else can do any of it."""

import html
import re

import pytest
from sqlalchemy import func, select

from hiremebahamas.extensions import task_queues
from hiremebahamas.models import Comment, Follow, Job, JobEvent, Message, Post, Report, User
from hiremebahamas.models._base import utcnow
from hiremebahamas.social.services import announce_job

from .conftest import AuthActions, submit, text_of

ADMIN_PAGES = ["/admin", "/admin/reports", "/admin/reports?status=resolved", "/admin/users"]
JOB_REASON = "Asks applicants to pay a registration fee before an interview."
POST_REASON = "Spam: links to a shop selling followers."


# --- helpers ----------------------------------------------------------------------------


def signed_in(app, user):
    """A separate browser, signed in as user."""
    browser = app.test_client()
    assert AuthActions(browser).login(user.email).status_code == 303
    return browser


def fresh(db, model, key):
    """The row as it is in the database now (the browsers write through their own sessions)."""
    db.session.expire_all()
    return db.session.get(model, key)


def count(db, model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def landing(browser, response) -> str:
    assert response.status_code == 303, response.status_code
    return text_of(browser.get(response.headers["Location"]))


def press(browser, path: str, form_page: str = "/admin/reports"):
    """Press a POST button on an admin page."""
    return submit(browser, path, {}, form_page=form_page)


def plain(fragment: str) -> str:
    """HTML as words: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def report_card(page: str, report: Report) -> str:
    """The HTML of one report in the queue."""
    match = re.search(rf'<li class="card" id="report-{report.id}">(.*?)</li>', page, re.DOTALL)
    assert match, f"report {report.id} is not in the queue"
    return match.group(1)


def figures(page: str) -> dict[str, str]:
    """The operations view's facts as text: {"People": "5 (1 suspended)", ...}."""
    found = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page, re.DOTALL)
    return {plain(term): plain(value) for term, value in found}


@pytest.fixture
def world(db, make_user, make_job):
    """An admin, an employer with two jobs, a seeker with a post, a second seeker."""
    admin = make_user(is_admin=True, username="moderator", name="Mo Rolle", email="mod@example.com")
    employer = make_user(
        "employer", username="conchco", company_name="Conch Co.", email="hr@conch.example.com"
    )
    alice = make_user(username="alice", name="Alice Bethel", email="alice@example.com")
    bob = make_user(username="bob", name="Bob Knowles", email="bob@example.com")
    scam = make_job(employer, title="Crypto Courier")
    honest = make_job(employer, title="Dive Instructor")
    post = Post(author_id=alice.id, body="Cheap followers at my shop, message me!")
    db.session.add(post)
    db.session.commit()
    return {
        "admin": admin,
        "employer": employer,
        "alice": alice,
        "bob": bob,
        "scam": scam,
        "honest": honest,
        "post": post,
    }


@pytest.fixture
def browsers(app, world):
    return {
        "admin": signed_in(app, world["admin"]),
        "employer": signed_in(app, world["employer"]),
        "alice": signed_in(app, world["alice"]),
        "bob": signed_in(app, world["bob"]),
    }


def report_the_job(browser, job, reason=JOB_REASON):
    path = f"/jobs/{job.id}"
    response = submit(browser, f"{path}/report", {"reason": reason}, form_page=path)
    assert "Our moderators will look at this job" in landing(browser, response)


def report_the_post(browser, post, reason=POST_REASON):
    path = f"/posts/{post.id}"
    response = submit(browser, f"{path}/report", {"reason": reason}, form_page=path)
    assert "Our moderators will look at this post" in landing(browser, response)


def report_of(db, **target) -> Report:
    db.session.expire_all()
    return db.session.scalars(select(Report).filter_by(**target)).one()


# --- who may see /admin ------------------------------------------------------------------


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith("/auth/login")


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_seekers_and_employers_get_a_403(app, db, world, browsers, path):
    for who in ("alice", "employer"):
        response = browsers[who].get(path)
        assert response.status_code == 403, who
        assert "Only administrators can see that page." in text_of(response)


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admins_see_the_admin_pages(app, db, world, browsers, path):
    response = browsers["admin"].get(path)
    assert response.status_code == 200
    page = text_of(response)
    assert "Operations" in page and "Reports" in page and "People" in page


def test_the_header_links_to_admin_only_for_admins(app, db, world, browsers):
    assert 'href="/admin"' in browsers["admin"].get("/").get_data(as_text=True)
    for who in ("alice", "employer"):
        assert 'href="/admin"' not in browsers[who].get("/").get_data(as_text=True)


# --- the operations view -----------------------------------------------------------------


def test_operations_view_shows_counts_and_the_mail_outbox(
    app, client, db, world, browsers, make_user, make_job, mailbox
):
    make_user(username="gone", email="gone@example.com", suspended_at=utcnow())
    make_job(world["employer"], title="Old job", status="closed")
    db.session.add(Post(author_id=world["bob"].id, body="Removed already", removed_at=utcnow()))
    db.session.add(Report(reporter_id=world["bob"].id, job_id=world["honest"].id, reason="x" * 10))
    db.session.add(
        Report(
            reporter_id=world["bob"].id,
            job_id=world["honest"].id,
            reason="y" * 10,
            status="dismissed",
        )
    )
    db.session.commit()
    # One mail: a password reset asked for by a visitor.
    assert submit(client, "/auth/reset", {"email": "alice@example.com"}).status_code == 303

    shown = figures(browsers["admin"].get("/admin").get_data(as_text=True))
    assert shown["People"] == "5 (1 suspended)"
    assert shown["Open jobs"] == "2"
    assert shown["Posts"] == "1"
    assert shown["Open reports"] == "1"
    if task_queues.enabled:
        # Redis mode: the mail waits on the RQ queue until a worker takes it.
        assert shown["Mail outbox"] == "1 pending · 0 sent · 0 failed"
        assert shown["Mail queue"] == "1 waiting"
        assert shown["Workers"].startswith("none running")

        from rq import Worker

        worker = Worker(["mail"], connection=task_queues.redis, name="hmb-test-worker")
        worker.register_birth()
        try:
            shown = figures(browsers["admin"].get("/admin").get_data(as_text=True))
            assert "hmb-test-worker" in shown["Workers"]
        finally:
            worker.register_death()

        mailbox.wait_for("alice@example.com", "Reset your")  # runs a worker in burst mode
        shown = figures(browsers["admin"].get("/admin").get_data(as_text=True))
        assert shown["Mail outbox"] == "0 pending · 1 sent · 0 failed"
        assert shown["Mail queue"] == "0 waiting"
    else:
        # Embedded mode: the mail went out in-process.
        mailbox.wait_for("alice@example.com", "Reset your")
        assert shown["Mail outbox"] == "0 pending · 1 sent · 0 failed"
        assert shown["Mail queue"].startswith("none (embedded mode")
        assert shown["Workers"] == "not needed"


# --- the reports queue -------------------------------------------------------------------


def test_reports_queue_lists_reported_jobs_and_posts_with_reason_and_reporter(
    app, db, world, browsers
):
    report_the_job(browsers["alice"], world["scam"])
    report_the_post(browsers["bob"], world["post"])
    job_report = report_of(db, job_id=world["scam"].id)
    post_report = report_of(db, post_id=world["post"].id)
    assert (job_report.reporter_id, job_report.status) == (world["alice"].id, "open")
    assert (post_report.reporter_id, post_report.status) == (world["bob"].id, "open")

    page = browsers["admin"].get("/admin/reports").get_data(as_text=True)
    job_card = plain(report_card(page, job_report))
    assert JOB_REASON in job_card
    assert "by alice" in job_card  # the reporter
    assert "Job: Crypto Courier" in job_card and "By Conch Co." in job_card
    assert f'href="/jobs/{world["scam"].id}"' in report_card(page, job_report)
    assert "Remove this job" in job_card and "Dismiss" in job_card

    post_card = plain(report_card(page, post_report))
    assert POST_REASON in post_card
    assert "by bob" in post_card
    assert "Post by Alice Bethel" in post_card
    assert "Cheap followers at my shop" in post_card
    assert "Remove this post" in post_card and "Dismiss" in post_card

    # Nothing is resolved or dismissed yet.
    for status in ("resolved", "dismissed"):
        other = text_of(browsers["admin"].get(f"/admin/reports?status={status}"))
        assert f"No {status} reports." in other


def test_a_blank_report_is_not_sent(app, db, world, browsers):
    path = f"/jobs/{world['scam'].id}"
    response = submit(browsers["alice"], f"{path}/report", {"reason": "  "}, form_page=path)
    assert "Your report was not sent" in landing(browsers["alice"], response)
    assert count(db, Report) == 0


# --- removing a job ----------------------------------------------------------------------


def where_the_job_shows(browser, job, employer) -> dict[str, bool]:
    return {
        "job page": browser.get(f"/jobs/{job.id}").status_code == 200,
        "list": job.title in text_of(browser.get("/jobs/list")),
        "search": job.title in text_of(browser.get("/jobs/list?q=Courier")),
        "profile": job.title in text_of(browser.get(f"/u/{employer.username}")),
        "sitemap": f"/jobs/{job.id}</loc>" in browser.get("/sitemap.xml").get_data(as_text=True),
        "feed": job.title in text_of(browser.get("/jobs/feed.atom")),
    }


def test_removing_a_job_hides_it_everywhere_and_keeps_the_row(app, client, db, world, browsers):
    scam, honest, employer = world["scam"], world["honest"], world["employer"]
    submit(browsers["bob"], f"/jobs/{scam.id}/save", {}, form_page=f"/jobs/{scam.id}")
    report_the_job(browsers["alice"], scam)
    report_the_job(browsers["bob"], scam, "Same job, same fee scam.")
    # Seen everywhere first (which also fills the visitors' page cache).
    for who, browser in (("visitor", client), ("bob", browsers["bob"])):
        assert all(where_the_job_shows(browser, scam, employer).values()), who

    response = press(browsers["admin"], f"/admin/jobs/{scam.id}/remove")
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/reports"
    assert "hidden everywhere and kept for the record" in landing(browsers["admin"], response)

    for who, browser in (("visitor", client), ("bob", browsers["bob"])):
        shows = where_the_job_shows(browser, scam, employer)
        assert not any(shows.values()), (who, shows)
        assert browser.get(f"/jobs/{scam.id}").status_code == 404
        # The other job of the same employer is untouched.
        assert browser.get(f"/jobs/{honest.id}").status_code == 200
        assert honest.title in text_of(browser.get("/jobs/list"))
    assert scam.title not in text_of(browsers["bob"].get("/jobs/saved"))
    assert browsers["bob"].get(f"/jobs/{scam.id}/apply").status_code == 404
    assert scam.title not in text_of(browsers["employer"].get("/jobs/mine"))

    # Kept for the record, with its reports resolved by the moderator.
    job = fresh(db, Job, scam.id)
    assert job is not None and job.status == "removed"
    assert count(db, JobEvent, JobEvent.job_id == scam.id, JobEvent.kind == "closed") == 1
    reports = db.session.scalars(select(Report).where(Report.job_id == scam.id)).all()
    assert len(reports) == 2
    assert {(r.status, r.resolved_by_id) for r in reports} == {("resolved", world["admin"].id)}
    assert all(r.resolved_at is not None for r in reports)
    assert "No open reports." in text_of(browsers["admin"].get("/admin/reports"))
    resolved = browsers["admin"].get("/admin/reports?status=resolved").get_data(as_text=True)
    assert "Crypto Courier" in resolved and "removed" in resolved
    assert "Remove this job" not in resolved


def test_removing_a_job_also_hides_its_announcement(app, db, world, browsers):
    """A new job is announced in the employer's followers' feeds and on the employer's
    profile; once a moderator removes the job, its title is not shown there either."""
    scam = world["scam"]
    db.session.add(Follow(follower_id=world["bob"].id, followed_id=world["employer"].id))
    db.session.commit()
    announce_job(fresh(db, Job, scam.id))
    assert "Crypto Courier" in text_of(browsers["bob"].get("/posts/feed"))

    assert press(browsers["admin"], f"/admin/jobs/{scam.id}/remove").status_code == 303

    assert "Crypto Courier" not in text_of(browsers["bob"].get("/posts/feed"))
    assert "Crypto Courier" not in text_of(browsers["bob"].get("/posts/feed?scope=everyone"))
    assert "Crypto Courier" not in text_of(browsers["bob"].get("/u/conchco"))


# --- removing a post or a comment --------------------------------------------------------


def test_removing_a_post_hides_it_everywhere_and_keeps_the_row(app, client, db, world, browsers):
    post = world["post"]
    db.session.add(Follow(follower_id=world["bob"].id, followed_id=world["alice"].id))
    db.session.commit()
    report_the_post(browsers["bob"], post)
    body = "Cheap followers at my shop"
    bob = browsers["bob"]
    assert body in text_of(bob.get("/posts/feed"))
    assert body in text_of(bob.get("/posts/feed?scope=everyone"))
    assert body in text_of(client.get("/u/alice"))
    assert client.get(f"/posts/{post.id}").status_code == 200

    response = press(browsers["admin"], f"/admin/posts/{post.id}/remove")
    assert "Post removed" in landing(browsers["admin"], response)

    assert client.get(f"/posts/{post.id}").status_code == 404
    assert bob.get(f"/posts/{post.id}").status_code == 404
    assert browsers["alice"].get(f"/posts/{post.id}").status_code == 404
    assert body not in text_of(bob.get("/posts/feed"))
    assert body not in text_of(bob.get("/posts/feed?scope=everyone"))
    assert body not in text_of(browsers["alice"].get("/posts/feed"))
    assert body not in text_of(client.get("/u/alice"))
    # Nobody can act on it any more.
    path = f"/posts/{post.id}"
    liked = submit(bob, f"{path}/like", {}, form_page="/posts/feed")
    assert liked.status_code == 404
    commented = submit(bob, f"{path}/comments", {"body": "Still here?"}, form_page="/posts/feed")
    assert commented.status_code == 404

    kept = fresh(db, Post, post.id)
    assert kept is not None and kept.removed_at is not None
    assert kept.body.startswith(body)
    report = report_of(db, post_id=post.id)
    assert (report.status, report.resolved_by_id) == ("resolved", world["admin"].id)


def test_removing_a_comment_hides_it_and_keeps_the_row(app, client, db, world, browsers):
    post = world["post"]
    path = f"/posts/{post.id}"
    response = submit(
        browsers["bob"], f"{path}/comments", {"body": "Rude words here."}, form_page=path
    )
    assert response.status_code == 303
    comment = db.session.scalars(select(Comment)).one()
    db.session.add(Report(reporter_id=world["alice"].id, comment_id=comment.id, reason="Rude."))
    db.session.commit()
    page = browsers["admin"].get("/admin/reports").get_data(as_text=True)
    assert "Remove this comment" in page and "Rude words here." in page

    response = press(browsers["admin"], f"/admin/comments/{comment.id}/remove")
    assert "Comment removed" in landing(browsers["admin"], response)
    assert "Rude words here." not in text_of(client.get(path))
    kept = fresh(db, Comment, comment.id)
    assert kept is not None and kept.removed_at is not None
    assert fresh(db, Post, post.id).comment_count == 0
    assert report_of(db, comment_id=comment.id).status == "resolved"


# --- dismissing a report -----------------------------------------------------------------


def test_dismissing_a_report_keeps_the_content(app, client, db, world, browsers):
    scam, post = world["scam"], world["post"]
    report_the_job(browsers["alice"], scam)
    report_the_post(browsers["bob"], post)
    for report in (report_of(db, job_id=scam.id), report_of(db, post_id=post.id)):
        response = press(browsers["admin"], f"/admin/reports/{report.id}/dismiss")
        assert "the content stays up" in landing(browsers["admin"], response)
        dismissed = fresh(db, Report, report.id)
        assert dismissed.status == "dismissed"
        assert dismissed.resolved_by_id == world["admin"].id
        assert dismissed.resolved_at is not None

    assert client.get(f"/jobs/{scam.id}").status_code == 200
    assert scam.title in text_of(client.get("/jobs/list"))
    assert fresh(db, Job, scam.id).status == "open"
    assert client.get(f"/posts/{post.id}").status_code == 200
    assert fresh(db, Post, post.id).removed_at is None

    assert "No open reports." in text_of(browsers["admin"].get("/admin/reports"))
    dismissed_page = text_of(browsers["admin"].get("/admin/reports?status=dismissed"))
    assert JOB_REASON in dismissed_page and POST_REASON in dismissed_page
    assert "Remove this" not in dismissed_page


def test_admin_actions_on_unknown_rows_are_404(app, db, world, browsers):
    for path in (
        "/admin/jobs/999999/remove",
        "/admin/posts/999999/remove",
        "/admin/comments/999999/remove",
        "/admin/reports/999999/dismiss",
        "/admin/users/nobody/suspend",
        "/admin/users/nobody/restore",
    ):
        assert press(browsers["admin"], path).status_code == 404, path


# --- suspending and restoring people ------------------------------------------------------


def send_message(browser, username: str, body: str):
    return submit(browser, f"/messages/{username}", {"body": body})


def test_suspend_and_restore_a_person(app, client, db, world, browsers):
    alice = world["alice"]
    found = text_of(browsers["admin"].get("/admin/users?q=alice"))
    assert "alice@example.com" in found and "bob@example.com" not in found

    response = press(browsers["admin"], "/admin/users/alice/suspend", form_page="/admin/users")
    assert "alice is suspended and signed out everywhere" in landing(browsers["admin"], response)
    assert fresh(db, User, alice.id).suspended_at is not None

    assert client.get("/u/alice").status_code == 404
    assert browsers["bob"].get("/u/alice").status_code == 404
    assert "Alice Bethel" not in text_of(client.get("/people?q=alice"))
    refused = send_message(browsers["bob"], "alice", "Are you there?")
    assert "account is suspended" in landing(browsers["bob"], refused)
    assert count(db, Message) == 0
    users_page = text_of(browsers["admin"].get("/admin/users?q=alice"))
    assert "Suspended" in users_page and "Restore" in users_page

    response = press(browsers["admin"], "/admin/users/alice/restore", form_page="/admin/users")
    assert "alice is restored" in landing(browsers["admin"], response)
    assert fresh(db, User, alice.id).suspended_at is None
    assert client.get("/u/alice").status_code == 200
    assert "Alice Bethel" in text_of(client.get("/people?q=alice"))
    assert send_message(browsers["bob"], "alice", "Welcome back!").status_code == 303
    assert count(db, Message) == 1


def test_an_admin_cannot_suspend_themselves(app, db, world, browsers):
    response = press(browsers["admin"], "/admin/users/moderator/suspend", form_page="/admin/users")
    assert response.status_code == 400
    assert "You can't suspend yourself." in text_of(response)
    assert fresh(db, User, world["admin"].id).suspended_at is None
    assert browsers["admin"].get("/admin").status_code == 200


# --- nobody else can moderate --------------------------------------------------------------


@pytest.fixture
def targets(db, world):
    """One of everything an admin action can touch, and a person already suspended."""
    comment = Comment(post_id=world["post"].id, author_id=world["bob"].id, body="A comment.")
    db.session.add(comment)
    db.session.flush()
    report = Report(reporter_id=world["bob"].id, job_id=world["scam"].id, reason="Looks fake.")
    carol = User(
        username="carol",
        email="carol@example.com",
        name="Carol Pinder",
        account_type="seeker",
        password_hash="x",
        suspended_at=utcnow(),
    )
    db.session.add_all([report, carol])
    db.session.commit()
    return {"comment": comment, "report": report, "carol": carol}


def admin_actions(world, targets) -> list[str]:
    return [
        f"/admin/jobs/{world['scam'].id}/remove",
        f"/admin/posts/{world['post'].id}/remove",
        f"/admin/comments/{targets['comment'].id}/remove",
        f"/admin/reports/{targets['report'].id}/dismiss",
        "/admin/users/alice/suspend",
        "/admin/users/carol/restore",
    ]


def assert_nothing_changed(db, world, targets) -> None:
    db.session.expire_all()
    assert db.session.get(Job, world["scam"].id).status == "open"
    assert db.session.get(Post, world["post"].id).removed_at is None
    assert db.session.get(Comment, targets["comment"].id).removed_at is None
    report = db.session.get(Report, targets["report"].id)
    assert (report.status, report.resolved_by_id) == ("open", None)
    assert db.session.get(User, world["alice"].id).suspended_at is None
    assert db.session.get(User, targets["carol"].id).suspended_at is not None


@pytest.mark.parametrize("who", ["alice", "employer"])
def test_non_admins_cannot_moderate(app, db, world, browsers, targets, who):
    for path in admin_actions(world, targets):
        response = submit(browsers[who], path, {}, form_page="/")
        assert response.status_code == 403, (who, path)
    assert_nothing_changed(db, world, targets)


def test_visitors_cannot_moderate(app, client, db, world, targets):
    for path in admin_actions(world, targets):
        response = submit(client, path, {}, form_page="/auth/login")
        assert response.status_code in (302, 303), path
        assert response.headers["Location"].startswith("/auth/login")
    assert_nothing_changed(db, world, targets)


def test_admin_actions_without_a_csrf_token_are_refused(app, db, world, browsers, targets):
    admin = browsers["admin"]
    for path in admin_actions(world, targets):
        missing = admin.post(path, data={})
        assert missing.status_code == 400, path
        assert "This form expired" in text_of(missing)
        forged = admin.post(path, data={"csrf_token": "not-the-token"})
        assert forged.status_code == 400, path
    assert_nothing_changed(db, world, targets)
