"""Abuse limits: sign-in per address and per account (failed attempts only), registration and
password resets per address, posts, comments, messages, applications and reports per person;
a friendly 429 that says when to try again; GET pages never limited; limits kept in memory
while Redis is down; behind the platform's proxy, limits key on the real client."""

import re

import pytest
from sqlalchemy import func, select

from hiremebahamas import create_app
from hiremebahamas.extensions import db as _db
from hiremebahamas.extensions import limiter
from hiremebahamas.models import Application, Comment, Message, Post, Report, User

from .conftest import PASSWORD, AuthActions, BrowserClient, free_port, submit, text_of

WAIT_TEXT = re.compile(r"Please try again in (\d+) (seconds|minutes?)\.")


# --- helpers ----------------------------------------------------------------------------


def count(db, model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def signed_in(app, user):
    """A separate browser, signed in as user."""
    browser = app.test_client()
    assert AuthActions(browser).login(user.email).status_code == 303
    return browser


def from_address(address: str) -> dict:
    """Test-client environ for a request that came from `address`."""
    return {"environ_base": {"REMOTE_ADDR": address}}


def sign_in(browser, email: str, password: str, address: str = "127.0.0.1"):
    data = {"email": email, "password": password}
    return submit(browser, "/auth/login", data, **from_address(address))


def assert_friendly_429(response, window_seconds: int) -> None:
    """The styled 429 page: what happened, when to try again, and a Retry-After header."""
    assert response.status_code == 429
    page = text_of(response)
    assert "Slow down" in page
    assert "You've done that too often." in page
    match = WAIT_TEXT.search(page)
    assert match, "the 429 page does not say when to try again"
    amount, unit = int(match[1]), match[2]
    waited = amount if unit == "seconds" else amount * 60
    assert 0 < waited <= window_seconds + 60
    retry_after = response.headers.get("Retry-After")
    assert retry_after is not None and retry_after.isdigit()
    assert 0 < int(retry_after) <= window_seconds
    assert response.headers["Content-Type"].startswith("text/html")


def limits(app, monkeypatch, **configured) -> None:
    monkeypatch.setitem(app.config, "RATE_LIMITS", configured)


@pytest.fixture
def other_app(app, db):
    """Build another app on the same database (the one shared Limiter is bound to whichever
    app was built last: its storage and fallback state are put back afterwards)."""
    saved = dict(vars(limiter))
    built = []

    def build(config: dict):
        extra = create_app(config)
        extra.test_client_class = BrowserClient
        built.append(extra)
        return extra

    yield build
    for extra in built:
        with extra.app_context():
            _db.engine.dispose()
    vars(limiter).clear()
    vars(limiter).update(saved)


def production_config(app, **overrides) -> dict:
    """The production class's own settings (secure cookies, ProxyFix), pointed at the test
    services. Copying all of app.config would carry the testing values of PROXY_FIX,
    SESSION_COOKIE_SECURE and the like over the production ones."""
    keys = (
        "SECRET_KEY",
        "SQLALCHEMY_DATABASE_URI",
        "REDIS_URL",
        "CACHE_DIR",
        "OUTBOX_DIR",
        "MAIL_SERVER",
        "MAIL_PORT",
        "SITE_URL",
        "ARGON2_TIME_COST",
        "ARGON2_MEMORY_COST",
        "RATE_LIMITS",
    )
    config = {key: app.config[key] for key in keys if key in app.config}
    return {**config, "APP_ENV": "production", **overrides}


def via_proxy(client_address: str, forwarded_for: str | None = None) -> dict:
    """What the platform's router adds: the client it saw (appended to any X-Forwarded-For
    the client sent itself), https, the public host. The router itself is 10.0.0.1."""
    return {
        "environ_base": {"REMOTE_ADDR": "10.0.0.1"},
        "headers": {
            "X-Forwarded-For": forwarded_for or client_address,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "hiremebahamas.test",
            "Referer": "https://hiremebahamas.test/auth/login",
        },
    }


def proxied_sign_in(browser, email: str, password: str, client_address: str, **kwargs):
    proxy = via_proxy(client_address, **kwargs)
    page = browser.get("/auth/login", **proxy)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)[1]
    data = {"csrf_token": token, "email": email, "password": password}
    return browser.post("/auth/login", data=data, **proxy)


# --- sign-in ------------------------------------------------------------------------------


def test_failed_sign_ins_from_one_address_are_limited_with_a_friendly_page(
    app, client, db, make_user, monkeypatch
):
    limits(app, monkeypatch, login_ip="3 per 10 minutes", login_account="100 per 10 minutes")
    make_user(email="someone@example.com")
    for n in range(3):
        response = sign_in(client, f"guess{n}@example.com", "not it", "10.0.0.1")
        assert response.status_code == 200
        assert "Wrong email or password." in text_of(response)

    blocked = sign_in(client, "someone@example.com", "still not it", "10.0.0.1")
    assert_friendly_429(blocked, 600)
    # Even the right password waits: the address is out of attempts for now.
    assert sign_in(client, "someone@example.com", PASSWORD, "10.0.0.1").status_code == 429
    # The form page itself is still served to that address, and other addresses go on.
    assert client.get("/auth/login", **from_address("10.0.0.1")).status_code == 200
    elsewhere = app.test_client()
    assert sign_in(elsewhere, "someone@example.com", PASSWORD, "10.0.0.2").status_code == 303


def test_a_successful_sign_in_does_not_count(app, client, db, make_user, monkeypatch):
    limits(app, monkeypatch, login_ip="3 per 10 minutes", login_account="100 per 10 minutes")
    make_user(email="right@example.com")
    assert sign_in(client, "right@example.com", "wrong one", "10.0.0.1").status_code == 200
    assert sign_in(client, "right@example.com", "wrong two", "10.0.0.1").status_code == 200
    for _ in range(3):
        other_browser = app.test_client()
        assert sign_in(other_browser, "right@example.com", PASSWORD, "10.0.0.1").status_code == 303
    # Two failures so far: the third is still allowed, the fourth is not.
    third = sign_in(client, "right@example.com", "wrong three", "10.0.0.1")
    assert third.status_code == 200
    assert "Wrong email or password." in text_of(third)
    assert_friendly_429(sign_in(client, "right@example.com", "wrong four", "10.0.0.1"), 600)


def test_failed_sign_ins_to_one_account_are_counted_across_addresses(
    app, client, db, make_user, monkeypatch
):
    limits(app, monkeypatch, login_ip="100 per 10 minutes", login_account="3 per 10 minutes")
    make_user(email="target@example.com")
    assert sign_in(client, "target@example.com", "guess 1", "10.0.0.1").status_code == 200
    assert sign_in(client, "target@example.com", "guess 2", "10.0.0.2").status_code == 200
    # The account key ignores case and surrounding spaces, as sign-in itself does.
    assert sign_in(client, " Target@Example.COM ", "guess 3", "10.0.0.1").status_code == 200

    blocked = sign_in(app.test_client(), "target@example.com", "guess 4", "10.0.0.3")
    assert_friendly_429(blocked, 600)
    # Other accounts are not affected, from the same addresses.
    make_user(email="bystander@example.com")
    assert sign_in(client, "bystander@example.com", PASSWORD, "10.0.0.2").status_code == 303


# --- registration and password resets ------------------------------------------------------


def register(browser, n: int, address: str):
    data = {
        "account_type": "seeker",
        "name": f"New Person {n}",
        "username": f"newperson{n}",
        "email": f"newperson{n}@example.com",
        "password": PASSWORD,
        "company_name": "",
    }
    return submit(browser, "/auth/register", data, **from_address(address))


def test_registrations_are_limited_per_address(app, db, mailbox, monkeypatch):
    limits(app, monkeypatch, register_ip="2 per hour")
    assert register(app.test_client(), 1, "10.0.0.1").status_code == 303
    assert register(app.test_client(), 2, "10.0.0.1").status_code == 303

    blocked = register(app.test_client(), 3, "10.0.0.1")
    assert_friendly_429(blocked, 3600)
    assert User.by_email("newperson3@example.com") is None
    assert count(db, User) == 2

    assert register(app.test_client(), 4, "10.0.0.2").status_code == 303
    assert count(db, User) == 3


def test_password_reset_requests_are_limited_per_address(
    app, client, db, mailbox, make_user, monkeypatch
):
    limits(app, monkeypatch, reset_ip="2 per 15 minutes")
    make_user(email="forgetful@example.com")
    ask = lambda address: submit(  # noqa: E731
        client, "/auth/reset", {"email": "forgetful@example.com"}, **from_address(address)
    )
    assert ask("10.0.0.1").status_code == 303
    assert ask("10.0.0.1").status_code == 303
    assert_friendly_429(ask("10.0.0.1"), 900)
    assert ask("10.0.0.2").status_code == 303


# --- what signed-in people do ---------------------------------------------------------------


@pytest.fixture
def people(app, db, make_user, make_job):
    employer = make_user("employer", username="conchco", email="hr@conch.example.com")
    alice = make_user(username="alice", email="alice@example.com")
    bob = make_user(username="bob", email="bob@example.com")
    jobs = [make_job(employer, title=f"Job number {n}") for n in range(3)]
    post = Post(author_id=employer.id, body="We are hiring on Eleuthera.")
    db.session.add(post)
    db.session.commit()
    return {"employer": employer, "alice": alice, "bob": bob, "jobs": jobs, "post": post}


def write_post(browser, people, n):
    return submit(browser, "/posts/new", {"body": f"Update {n}"}, form_page="/posts/feed")


def write_comment(browser, people, n):
    post_id = people["post"].id
    path = f"/posts/{post_id}"
    return submit(browser, f"{path}/comments", {"body": f"Comment {n}"}, form_page=path)


def send_message(browser, people, n):
    return submit(browser, "/messages/conchco", {"body": f"Hello, message {n}"})


def apply_for_job(browser, people, n):
    job = people["jobs"][n]
    letter = "I have five years at the front desk of a busy Cable Beach hotel."
    path = f"/jobs/{job.id}"
    return submit(browser, f"{path}/apply", {"cover_letter": letter}, form_page=path)


def report_job(browser, people, n):
    path = f"/jobs/{people['jobs'][0].id}"
    return submit(browser, f"{path}/report", {"reason": f"Looks like a scam ({n})"}, form_page=path)


def report_post(browser, people, n):
    path = f"/posts/{people['post'].id}"
    return submit(browser, f"{path}/report", {"reason": f"Spam, again ({n})"}, form_page=path)


PER_PERSON = {
    "post": ("post", write_post, lambda user: (Post, Post.author_id == user.id)),
    "comment": ("comment", write_comment, lambda user: (Comment, Comment.author_id == user.id)),
    "message": ("message", send_message, lambda user: (Message, Message.sender_id == user.id)),
    "application": (
        "application",
        apply_for_job,
        lambda user: (Application, Application.applicant_id == user.id),
    ),
    "job report": (
        "report",
        report_job,
        lambda user: (Report, Report.reporter_id == user.id, Report.job_id.is_not(None)),
    ),
    "post report": (
        "report",
        report_post,
        lambda user: (Report, Report.reporter_id == user.id, Report.post_id.is_not(None)),
    ),
}


@pytest.mark.parametrize("kind", list(PER_PERSON))
def test_each_person_has_their_own_allowance(app, db, mailbox, people, monkeypatch, kind):
    limit_name, act, rows_of = PER_PERSON[kind]
    limits(app, monkeypatch, **{limit_name: "2 per hour"})
    alice = signed_in(app, people["alice"])
    bob = signed_in(app, people["bob"])  # same address as alice: 127.0.0.1

    assert act(alice, people, 0).status_code == 303
    assert act(alice, people, 1).status_code == 303
    assert_friendly_429(act(alice, people, 2), 3600)
    assert count(db, *rows_of(people["alice"])) == 2

    # Bob is counted on his own, although he comes from the same address.
    assert act(bob, people, 0).status_code == 303
    assert count(db, *rows_of(people["bob"])) == 1


def test_a_message_burst_is_limited_by_the_minute(app, db, mailbox, people, monkeypatch):
    """The default message limit has two windows; the short one stops a burst."""
    limits(app, monkeypatch, message="3 per minute; 100 per hour")
    alice = signed_in(app, people["alice"])
    for n in range(3):
        assert send_message(alice, people, n).status_code == 303
    assert_friendly_429(send_message(alice, people, 3), 60)
    assert count(db, Message) == 3


# --- pages are never limited ---------------------------------------------------------------


def build_path(rule: str, values: dict) -> str:
    def fill(match):
        name = match[1].split(":")[-1]
        return str(values[name])

    return re.sub(r"<([^>]+)>", fill, rule)


def test_get_pages_are_never_limited(app, db, mailbox, people, monkeypatch):
    """Every GET page of the app, several times over, with every limit at 1 per hour."""
    from hiremebahamas.limits import DEFAULT_LIMITS

    limits(app, monkeypatch, **dict.fromkeys(DEFAULT_LIMITS, "1 per hour"))
    job = people["jobs"][0]
    values = {
        "job_id": job.id,
        "post_id": people["post"].id,
        "username": "conchco",
        "application_id": 1,
        "alert_id": 1,
        "notification_id": 1,
        "comment_id": 1,
        "report_id": 1,
        "token": "not-a-real-token",
        "filename": "css/site.css",
    }
    paths = sorted(
        {
            build_path(rule.rule, values)
            for rule in app.url_map.iter_rules()
            if "GET" in rule.methods
        }
    )
    assert {"/auth/login", f"/jobs/{job.id}/apply", "/messages/conchco"} <= set(paths)
    browsers = {
        "visitor": app.test_client(),
        "seeker": signed_in(app, people["alice"]),
        "employer": signed_in(app, people["employer"]),
    }
    for who, browser in browsers.items():
        for path in paths:
            for _ in range(3):
                status = browser.get(path, **from_address("10.0.0.9")).status_code
                assert status != 429, f"GET {path} as {who} was limited"
                assert status < 500, f"GET {path} as {who} answered {status}"


# --- Redis down ---------------------------------------------------------------------------


def test_with_redis_down_sign_in_works_and_limits_are_kept_in_memory(app, db, make_user, other_app):
    down = f"redis://127.0.0.1:{free_port()}/0"
    fast = {"socket_timeout": 0.1, "socket_connect_timeout": 0.1}
    config = dict(app.config)
    config.update(
        # REDIS_URL alone is not enough: the copied config already names the storages.
        REDIS_URL=down,
        RATELIMIT_STORAGE_URI=down,
        RATELIMIT_STORAGE_OPTIONS=fast,
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL=down,
        CACHE_OPTIONS=fast,
        RATE_LIMITS={"login_ip": "2 per 10 minutes", "login_account": "100 per 10 minutes"},
    )
    broken = other_app(config)
    with broken.app_context():
        assert not limiter.storage.check()  # really down
    make_user(email="steady@example.com", name="Steady Eddie")

    browser = broken.test_client()
    response = sign_in(browser, "steady@example.com", PASSWORD, "10.0.0.1")
    assert response.status_code == 303
    home = browser.get(response.headers["Location"])
    assert home.status_code == 200
    assert "Signed in as Steady Eddie" in text_of(home)

    stranger = broken.test_client()
    for n in range(2):
        failed = sign_in(stranger, "steady@example.com", f"wrong {n}", "10.0.0.1")
        assert failed.status_code == 200
        assert "Wrong email or password." in text_of(failed)
    assert_friendly_429(sign_in(stranger, "steady@example.com", "wrong 2", "10.0.0.1"), 600)
    assert sign_in(stranger, "steady@example.com", "wrong 3", "10.0.0.2").status_code == 200


# --- behind the platform's proxy -----------------------------------------------------------


def test_in_production_limits_key_on_the_forwarded_client(app, db, make_user, other_app):
    production = other_app(
        production_config(
            app,
            RATE_LIMITS={"login_ip": "2 per 10 minutes", "login_account": "100 per 10 minutes"},
        )
    )
    make_user(email="prod@example.com")
    browser = production.test_client()

    for n in range(2):
        failed = proxied_sign_in(browser, f"who{n}@example.com", "nope", "203.0.113.5")
        assert failed.status_code == 200
        assert "Wrong email or password." in text_of(failed)
    assert_friendly_429(proxied_sign_in(browser, "who2@example.com", "nope", "203.0.113.5"), 600)

    # Every request came from the router (10.0.0.1); another client behind it goes on.
    other = proxied_sign_in(browser, "who3@example.com", "nope", "203.0.113.6")
    assert other.status_code == 200
    # A client can't escape by sending its own X-Forwarded-For: only the hop the router
    # appended (the last one) is trusted.
    forged = proxied_sign_in(
        browser,
        "who4@example.com",
        "nope",
        "203.0.113.5",
        forwarded_for="198.51.100.7, 203.0.113.5",
    )
    assert forged.status_code == 429
    # The right password from the second client still signs in, over https.
    fresh = production.test_client()
    signed = proxied_sign_in(fresh, "prod@example.com", PASSWORD, "203.0.113.6")
    assert signed.status_code == 303
