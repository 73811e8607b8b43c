"""The pages every visitor sees: home, errors, the header, and no JavaScript anywhere."""

import re
from datetime import timedelta

from hiremebahamas.models import Message, Notification
from hiremebahamas.models._base import utcnow
from hiremebahamas.timezone import nassau_today

from .conftest import submit, text_of

PAGES = ["/", "/auth/register", "/auth/login", "/auth/reset", "/no-such-page"]


def test_home_shows_the_search_form_latest_jobs_and_islands(client, make_user, make_job):
    employer = make_user("employer", company_name="Sandy Cay Resort")
    make_job(employer, title="Dive Instructor", island="exuma", location="George Town")
    make_job(employer, title="Old Closed Job", status="closed")
    make_job(employer, title="Expired Job", closes_on=nassau_today() - timedelta(days=1))
    page = text_of(client.get("/"))
    assert 'action="/jobs/list"' in page and 'name="q"' in page and 'name="island"' in page
    assert "Dive Instructor" in page and "Sandy Cay Resort" in page
    assert "George Town, Exuma" in page
    assert "$1,800–$2,400 BSD per month" in page
    assert "Old Closed Job" not in page and "Expired Job" not in page
    assert 'href="/jobs/list?island=exuma"' in page
    assert "1 open job from employers on 1 islands" in page or "1 open job" in page


def test_home_without_jobs_says_so(client):
    assert "No jobs are open right now" in text_of(client.get("/"))


def test_pages_carry_no_script_and_every_input_has_a_label(client):
    for path in PAGES:
        page = client.get(path).get_data(as_text=True)
        assert "<script" not in page.replace('<script type="application/ld+json"', ""), path
        assert not re.search(r"\son[a-z]+=", page), path
        for input_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page):
            if input_id == "csrf_token":
                continue
            assert f'for="{input_id}"' in page or "<label" in page, (path, input_id)


def test_unknown_page_is_a_styled_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    page = text_of(response)
    assert "Page not found" in page and "HireMeBahamas" in page


def test_wrong_method_is_a_styled_405(client):
    response = client.post("/health")
    assert response.status_code == 405
    assert "Not allowed here" in text_of(response)


def test_oversize_upload_is_a_friendly_413(client):
    response = client.post(
        "/auth/login", data={"email": "x" * (4 * 1024 * 1024)}, content_type="multipart/form-data"
    )
    assert response.status_code == 413
    assert "That upload is too large" in text_of(response)


def test_an_error_inside_a_page_is_a_styled_500(app, db):
    from hiremebahamas import create_app

    fresh = create_app(dict(app.config))

    @fresh.route("/__boom")
    def boom():
        raise RuntimeError("a bug in a page")

    response = fresh.test_client().get("/__boom")
    assert response.status_code == 500
    page = text_of(response)
    assert "Something went wrong" in page and "a bug in a page" not in page


def test_header_shows_unread_counts_to_the_signed_in_user(client, auth, db, make_user):
    from hiremebahamas.models import Conversation

    reader = make_user(email="reader@example.com", username="reader")
    writer = make_user(username="writer")
    low, high = sorted([reader.id, writer.id])
    conversation = Conversation(user_low_id=low, user_high_id=high, last_message_at=utcnow())
    db.session.add(conversation)
    db.session.flush()
    for body in ("Hi", "Are you free Tuesday?"):
        db.session.add(
            Message(
                conversation_id=conversation.id,
                sender_id=writer.id,
                recipient_id=reader.id,
                body=body,
            )
        )
    for n in range(3):
        db.session.add(Notification(user_id=reader.id, kind="new_follower", text=f"n{n}", link="/"))
    db.session.add(
        Notification(user_id=reader.id, kind="new_follower", text="old", link="/", read_at=utcnow())
    )
    db.session.commit()

    auth.login("reader@example.com")
    page = text_of(client.get("/"))
    assert re.search(r"Messages\s*<span class=\"count\"[^>]*>2<", page)
    assert re.search(r"Notifications\s*<span class=\"count\"[^>]*>3<", page)


def test_visitor_header_offers_sign_in_and_join(client):
    page = text_of(client.get("/"))
    assert 'href="/auth/login"' in page and 'href="/auth/register"' in page
    assert "Sign out" not in page


def test_unverified_user_can_ask_for_a_new_confirmation_link(client, auth, db, mailbox):
    auth.register()
    mailbox.wait_for("keisha@example.com", "Confirm")
    mailbox.clear()
    assert "Please confirm your email address" in text_of(client.get("/"))
    response = submit(client, "/auth/verify/resend", {"next": "/"}, form_page="/")
    assert response.status_code == 303
    assert mailbox.wait_for("keisha@example.com", "Confirm")


def test_anonymous_pages_set_no_cookie(client):
    """Anonymous pages stay cacheable: no session cookie unless a form needs a token."""
    response = client.get("/")
    assert "Set-Cookie" not in response.headers


def test_every_page_carries_a_strict_content_security_policy(client):
    for path in PAGES:
        headers = client.get(path).headers
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert "script-src" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "Strict-Transport-Security" not in headers  # only in production, over HTTPS


def test_production_pages_ask_for_https_from_now_on(app, db):
    from hiremebahamas import create_app

    production = create_app({**app.config, "APP_ENV": "production", "PROXY_FIX": False})
    response = production.test_client().get("/health")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
