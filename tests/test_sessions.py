"""Sessions, headers and cookies: signing out, a password change and suspension end every
other session and remember-me cookie; reset links die once used or when the password changes;
a fresh session at sign-in; strict headers on every page; secure cookies in production."""

import re
import time

import pytest
from itsdangerous import TimestampSigner

from hiremebahamas import create_app
from hiremebahamas.auth import tokens
from hiremebahamas.extensions import db as _db
from hiremebahamas.extensions import limiter
from hiremebahamas.models import User

from .conftest import PASSWORD, AuthActions, BrowserClient, link_in, submit, text_of
from .test_limits import production_config, via_proxy

NEW_PASSWORD = "a brand new harbour secret"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
ONE_YEAR = 365 * 24 * 3600


# --- helpers ----------------------------------------------------------------------------


def signed_in(app, user, remember: bool = False, password: str = PASSWORD):
    """A separate browser, signed in as user."""
    browser = app.test_client()
    extra = {"remember": "y"} if remember else {}
    assert AuthActions(browser).login(user.email, password, **extra).status_code == 303
    return browser


def is_signed_in(browser) -> bool:
    """A page only a signed-in person sees: 200, or a redirect to the sign-in page."""
    response = browser.get("/settings/account")
    if response.status_code == 200:
        return True
    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith("/auth/login")
    return False


def remember_cookie_name(app) -> str:
    return app.config.get("REMEMBER_COOKIE_NAME", "remember_token")


def remember_cookie(app, browser) -> str:
    cookie = browser.get_cookie(remember_cookie_name(app))
    assert cookie is not None, "no remember-me cookie"
    return cookie.value


def browser_with_only(app, name: str, value: str):
    """A new browser holding nothing but one copied cookie."""
    browser = app.test_client()
    browser.set_cookie(name, value)
    return browser


def fresh_user(db, user) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


@pytest.fixture
def other_app(app, db):
    """Build another app on the same database; the shared Limiter is put back afterwards."""
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


# --- signing out, password changes, suspension ----------------------------------------------


def test_signing_out_ends_every_other_session_and_remember_me_cookie(app, db, make_user):
    user = make_user(email="two@example.com")
    first = signed_in(app, user)
    second = signed_in(app, user, remember=True)
    cookie = remember_cookie(app, second)
    # The remember-me cookie alone is a sign-in, as long as the session lives.
    assert is_signed_in(browser_with_only(app, remember_cookie_name(app), cookie))

    assert AuthActions(first).logout().status_code == 303
    assert not is_signed_in(first)
    assert not is_signed_in(second)
    # Copied into a fresh browser after the sign-out, the cookie is worth nothing.
    assert not is_signed_in(browser_with_only(app, remember_cookie_name(app), cookie))
    assert fresh_user(db, user).session_version == 2

    # Signing in again works, and then only the new session counts.
    again = signed_in(app, user)
    assert is_signed_in(again)
    assert not is_signed_in(second)


def test_changing_the_password_ends_the_other_sessions(app, db, make_user):
    user = make_user(email="changer@example.com", name="Careful Carla")
    here = signed_in(app, user, remember=True)
    elsewhere = signed_in(app, user, remember=True)
    old_cookie = remember_cookie(app, elsewhere)

    response = submit(
        here,
        "/settings/account",
        {"form": "password", "current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert response.status_code == 303
    assert "signed out everywhere else" in text_of(here.get(response.headers["Location"]))

    # This browser stays signed in (and keeps a working remember-me cookie) ...
    assert is_signed_in(here)
    new_cookie = remember_cookie(app, here)
    assert new_cookie != old_cookie
    assert is_signed_in(browser_with_only(app, remember_cookie_name(app), new_cookie))
    # ... every other one is out, and so is the old remember-me cookie.
    assert not is_signed_in(elsewhere)
    assert not is_signed_in(browser_with_only(app, remember_cookie_name(app), old_cookie))

    auth = AuthActions(app.test_client())
    assert "Wrong email or password." in text_of(auth.login("changer@example.com", PASSWORD))
    assert auth.login("changer@example.com", NEW_PASSWORD).status_code == 303


def test_a_wrong_current_password_changes_nothing_and_ends_nothing(app, db, make_user):
    user = make_user(email="steady@example.com")
    here = signed_in(app, user)
    elsewhere = signed_in(app, user)
    response = submit(
        here,
        "/settings/account",
        {"form": "password", "current_password": "not my password", "new_password": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert is_signed_in(here) and is_signed_in(elsewhere)
    assert fresh_user(db, user).session_version == 1


def test_suspension_ends_the_suspended_persons_sessions(app, db, make_user):
    admin = make_user(is_admin=True, username="moderator", email="mod@example.com")
    user = make_user(username="troll", email="troll@example.com")
    browser = signed_in(app, user, remember=True)
    cookie = remember_cookie(app, browser)
    moderator = signed_in(app, admin)

    response = submit(moderator, "/admin/users/troll/suspend", {}, form_page="/admin/users")
    assert response.status_code == 303
    # The very next request is signed out; the remember-me cookie no longer works.
    assert not is_signed_in(browser)
    assert "Sign out" not in text_of(browser.get("/"))
    assert not is_signed_in(browser_with_only(app, remember_cookie_name(app), cookie))
    # And they can't sign in again.
    refused = AuthActions(browser).login("troll@example.com")
    assert refused.status_code == 200
    assert "This account is suspended" in text_of(refused)
    assert not is_signed_in(browser)
    # The moderator is unaffected.
    assert is_signed_in(moderator)

    # Restored, they sign in afresh; the old cookie stays dead.
    response = submit(moderator, "/admin/users/troll/restore", {}, form_page="/admin/users")
    assert response.status_code == 303
    assert AuthActions(browser).login("troll@example.com").status_code == 303
    assert is_signed_in(browser)
    assert not is_signed_in(browser_with_only(app, remember_cookie_name(app), cookie))


# --- password reset links ---------------------------------------------------------------


def mailed_reset_link(client, mailbox, email: str) -> str:
    mailbox.clear()
    assert submit(client, "/auth/reset", {"email": email}).status_code == 303
    return link_in(mailbox.wait_for(email, "Reset your"), "/auth/reset/")


def test_a_reset_link_works_once(app, client, db, mailbox, make_user):
    user = make_user(email="once@example.com")
    before = signed_in(app, user)
    path = mailed_reset_link(client, mailbox, "once@example.com")
    assert client.get(path).status_code == 200

    assert submit(client, path, {"password": NEW_PASSWORD}).status_code == 303
    assert is_signed_in(client)
    assert not is_signed_in(before)  # the reset ended the other session

    stranger = app.test_client()
    spent = stranger.get(path)
    assert spent.status_code == 400
    assert "already been used" in text_of(spent)
    # Posting to it again changes nothing and signs nobody in.
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', spent.text)
    data = {"password": "yet another fine secret"}
    if token:
        data["csrf_token"] = token[1]
    assert stranger.post(path, data=data).status_code == 400
    assert not is_signed_in(stranger)
    auth = AuthActions(app.test_client())
    assert auth.login("once@example.com", NEW_PASSWORD).status_code == 303


def test_a_reset_link_dies_when_the_password_changes_otherwise(app, client, db, mailbox, make_user):
    user = make_user(email="changed@example.com")
    path = mailed_reset_link(client, mailbox, "changed@example.com")
    owner = signed_in(app, user)
    response = submit(
        owner,
        "/settings/account",
        {"form": "password", "current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert response.status_code == 303

    dead = client.get(path)
    assert dead.status_code == 400
    assert "already been used" in text_of(dead)


def test_using_one_reset_link_spends_every_other(app, client, db, mailbox, make_user, monkeypatch):
    user = make_user(email="twice@example.com")
    with monkeypatch.context() as earlier:  # a link asked for a minute ago
        earlier.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 60)
        first = f"/auth/reset/{tokens.make_token(user, 'reset')}"
    second = mailed_reset_link(client, mailbox, "twice@example.com")
    assert first != second
    assert client.get(first).status_code == 200
    assert submit(client, second, {"password": NEW_PASSWORD}).status_code == 303
    assert app.test_client().get(first).status_code == 400


def test_a_reset_link_for_another_purpose_is_refused(client, db, make_user):
    user = make_user(email="purpose@example.com")
    verify_token = tokens.make_token(user, "verify")
    assert client.get(f"/auth/reset/{verify_token}").status_code == 400


# --- a fresh session at sign-in ---------------------------------------------------------


def test_sign_in_starts_a_fresh_session(app, client, db, make_user):
    make_user(email="fresh@example.com")
    client.get("/auth/login")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
        session["_user_id"] = "999:1"
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    before = client.get_cookie(cookie_name).value

    assert AuthActions(client).login("fresh@example.com").status_code == 303
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].split(":")[0] != "999"
    after = client.get_cookie(cookie_name).value
    assert after != before
    # Whoever planted (or saw) the cookie from before the sign-in is not signed in with it.
    assert not is_signed_in(browser_with_only(app, cookie_name, before))


def test_registration_starts_a_fresh_session(client, db, mailbox):
    client.get("/auth/register")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    assert AuthActions(client).register().status_code == 303
    with client.session_transaction() as session:
        assert "planted" not in session
    assert is_signed_in(client)


# --- headers on every page ----------------------------------------------------------------


def assert_security_headers(response, what: str) -> None:
    headers = response.headers
    assert headers.get("Content-Security-Policy") == CSP, what
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("Referrer-Policy") in REFERRER_POLICIES, what


def build_path(rule: str, values: dict) -> str:
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: str(values[m[1]]), rule)


def test_every_page_has_the_security_headers(
    app, client, db, mailbox, make_user, make_job, monkeypatch
):
    from hiremebahamas.models import Post

    employer = make_user("employer", username="conchco", email="hr@conch.example.com")
    seeker = make_user(username="alice", email="alice@example.com")
    admin = make_user(is_admin=True, username="moderator", email="mod@example.com")
    job = make_job(employer)
    post = Post(author_id=employer.id, body="Hiring now.")
    db.session.add(post)
    db.session.commit()
    values = {
        "job_id": job.id,
        "post_id": post.id,
        "username": "conchco",
        "application_id": 1,
        "alert_id": 1,
        "notification_id": 1,
        "comment_id": 1,
        "report_id": 1,
        "token": "not-a-real-token",
        "filename": "css/site.css",
    }
    rules = list(app.url_map.iter_rules())
    gets = sorted({build_path(r.rule, values) for r in rules if "GET" in r.methods})
    posts = sorted({build_path(r.rule, values) for r in rules if "POST" in r.methods})
    browsers = {
        "visitor": client,
        "seeker": signed_in(app, seeker),
        "employer": signed_in(app, employer),
        "admin": signed_in(app, admin),
    }
    for who, browser in browsers.items():
        for path in gets:
            assert_security_headers(browser.get(path), f"GET {path} as {who}")
        for path in posts:  # without a token: the 400 page (or a redirect) carries them too
            assert_security_headers(browser.post(path, data={}), f"POST {path} as {who}")
    assert_security_headers(client.get("/no-such-page"), "404")
    assert_security_headers(client.get("/auth/logout"), "405")

    monkeypatch.setitem(app.config, "RATE_LIMITS", {"login_ip": "1 per hour"})
    for _ in range(2):
        limited = submit(client, "/auth/login", {"email": "x@example.com", "password": "no"})
    assert limited.status_code == 429
    assert_security_headers(limited, "429")


def test_production_pages_ask_for_https_for_a_year(app, db, other_app):
    production = other_app(production_config(app))
    browser = production.test_client()
    for path in ("/", "/jobs/list", "/auth/login", "/no-such-page", "/settings/account"):
        response = browser.get(path, **via_proxy("203.0.113.5"))
        hsts = response.headers.get("Strict-Transport-Security", "")
        match = re.search(r"max-age=(\d+)", hsts)
        assert match, f"no HSTS on {path}"
        assert int(match[1]) >= ONE_YEAR
        assert_security_headers(response, f"production {path}")


def test_testing_pages_do_not_ask_for_https(client, db):
    assert "Strict-Transport-Security" not in client.get("/").headers


# --- cookies in production ----------------------------------------------------------------


def set_cookies(response) -> dict[str, tuple[str, dict[str, str]]]:
    """Set-Cookie headers by cookie name: (value, {attribute (lower-case): value})."""
    cookies = {}
    for header in response.headers.getlist("Set-Cookie"):
        first, *rest = (part.strip() for part in header.split(";"))
        name, _, value = first.partition("=")
        attributes = {}
        for part in rest:
            key, _, attribute_value = part.partition("=")
            attributes[key.lower()] = attribute_value
        cookies[name] = (value, attributes)
    return cookies


def production_sign_in(production, email: str):
    browser = production.test_client()
    proxy = via_proxy("203.0.113.5")
    page = browser.get("/auth/login", **proxy)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)[1]
    data = {"csrf_token": token, "email": email, "password": PASSWORD, "remember": "y"}
    response = browser.post("/auth/login", data=data, **proxy)
    assert response.status_code == 303
    return browser, response


def test_production_cookies_are_secure_httponly_and_samesite_lax(app, db, make_user, other_app):
    production = other_app(production_config(app))
    make_user(email="prod@example.com")
    _, response = production_sign_in(production, "prod@example.com")
    cookies = set_cookies(response)
    names = (production.config["SESSION_COOKIE_NAME"], remember_cookie_name(production))
    for name in names:
        assert name in cookies, f"{name} was not set at sign-in"
        _, attributes = cookies[name]
        assert "secure" in attributes, name
        assert "httponly" in attributes, name
        assert attributes.get("samesite", "").lower() == "lax", name


def test_production_cookies_are_host_only(app, db, make_user, other_app):
    """`__Host-` names: the browser then insists on Secure, Path=/ and no Domain."""
    production = other_app(production_config(app))
    make_user(email="host@example.com")
    browser, response = production_sign_in(production, "host@example.com")
    cookies = set_cookies(response)
    for name in (production.config["SESSION_COOKIE_NAME"], remember_cookie_name(production)):
        assert name.startswith("__Host-"), f"the {name} cookie is not __Host- named"
        assert name in cookies
        _, attributes = cookies[name]
        assert "secure" in attributes and attributes.get("path") == "/"
        assert "domain" not in attributes
    # And signing in still works with them: this browser, and the remember-me cookie alone.
    assert browser.get("/settings/account", **via_proxy("203.0.113.5")).status_code == 200
    remembered = production.test_client()
    name = remember_cookie_name(production)
    remembered.set_cookie(name, cookies[name][0])
    assert remembered.get("/settings/account", **via_proxy("203.0.113.5")).status_code == 200
