"""Accounts: registering, signing in and out, confirming email, resetting a password."""

import re

import pytest
from sqlalchemy import func, select

from hiremebahamas.auth import tokens
from hiremebahamas.models import OutboundEmail, User

from .conftest import PASSWORD, link_in, submit, text_of


def count_users(db) -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_seeker_registers_and_is_signed_in_at_once(client, auth, db, mailbox):
    response = auth.register()
    assert response.status_code == 303
    home = client.get(response.headers["Location"])
    page = text_of(home)
    assert "Welcome to HireMeBahamas, Keisha Rolle" in page
    assert "Sign out" in page
    user = User.by_email("keisha@example.com")
    assert user.account_type == "seeker"
    assert user.company_name is None
    assert not user.is_verified
    assert user.password_hash.startswith("$argon2id$")


def test_employer_registers_with_a_company_name(client, auth, db, mailbox):
    response = auth.register(
        "employer", username="conch_co", email="HR@Conch.example.com", company_name="Conch Co."
    )
    assert response.status_code == 303
    user = User.by_email("hr@conch.example.com")
    assert user.is_employer and user.company_name == "Conch Co."
    assert user.email == "hr@conch.example.com"  # stored lower-case


def test_employer_without_company_name_is_told_and_nothing_is_created(client, auth, db):
    response = auth.register("employer", company_name="")
    assert response.status_code == 200
    assert "Employers need a company name." in text_of(response)
    assert count_users(db) == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"password": "short"}, "Use at least 8 characters."),
        ({"password": "password123"}, "That password is too common"),
        ({"password": "keisha@example.com"}, "Don't use your name, username or email"),
        ({"username": "a b"}, "Use 3–30 letters, digits or underscores."),
        ({"username": "admin"}, "That username is reserved"),
        ({"name": "x" * 101}, "Field cannot be longer than 100 characters."),
        ({"account_type": "pirate"}, "Not a valid choice"),
        ({"name": ""}, "Enter your name."),
    ],
)
def test_bad_registration_explains_itself_keeps_input_and_creates_nothing(
    client, auth, db, fields, message
):
    response = auth.register(**{"name": "Keisha Rolle", **fields})
    page = text_of(response)
    assert response.status_code == 200
    assert message in page
    # What the user typed is still in the form (except the password, as browsers expect).
    kept = fields.get("email", "keisha@example.com")
    assert f'value="{kept}"' in page
    assert count_users(db) == 0
    assert db.session.scalar(select(func.count()).select_from(OutboundEmail)) == 0


def test_duplicate_email_and_username_are_refused(client, auth, db, mailbox, make_user):
    make_user(username="keisha", email="keisha@example.com")
    response = auth.register(username="keisha2", email="KEISHA@example.com")
    assert "An account with that email already exists." in text_of(response)
    response = auth.register(username="Keisha", email="other@example.com")
    assert "That username is taken" in text_of(response)
    assert count_users(db) == 1


def test_a_form_without_its_csrf_token_is_a_400_and_creates_nothing(client, db):
    response = client.post(
        "/auth/register",
        data={
            "account_type": "seeker",
            "name": "No Token",
            "username": "notoken",
            "email": "notoken@example.com",
            "password": PASSWORD,
        },
    )
    assert response.status_code == 400
    assert "This form expired" in text_of(response)
    assert count_users(db) == 0


def test_sign_out_and_sign_in_again(client, auth, db, mailbox):
    auth.register()
    response = auth.logout()
    assert response.status_code == 303
    assert "Sign out" not in text_of(client.get("/"))
    response = auth.login()
    assert response.status_code == 303
    assert "Signed in as Keisha Rolle" in text_of(client.get("/"))


def test_sign_out_needs_a_post(client, auth, db, mailbox):
    auth.register()
    assert client.get("/auth/logout").status_code == 405
    assert "Sign out" in text_of(client.get("/"))


def test_wrong_password_and_unknown_email_get_the_same_message(client, auth, db, make_user):
    make_user(email="known@example.com")
    wrong_password = text_of(auth.login("known@example.com", "not the password"))
    unknown = text_of(auth.login("nobody@example.com", PASSWORD))
    assert "Wrong email or password." in wrong_password
    assert "Wrong email or password." in unknown
    assert 'value="nobody@example.com"' in unknown


def test_suspended_user_cannot_sign_in(client, auth, db, make_user):
    from hiremebahamas.models._base import utcnow

    make_user(email="gone@example.com", suspended_at=utcnow())
    response = auth.login("gone@example.com")
    assert "This account is suspended" in text_of(response)
    assert "Sign out" not in text_of(client.get("/"))


def test_remember_me_sets_a_lasting_cookie(client, auth, db, make_user):
    make_user(email="remember@example.com")
    auth.login("remember@example.com", remember="y")
    assert client.get_cookie("remember_token") is not None


def test_without_remember_me_there_is_no_lasting_cookie(client, auth, db, make_user):
    make_user(email="once@example.com")
    auth.login("once@example.com")
    assert client.get_cookie("remember_token") is None


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/auth/reset", "/auth/reset"),
        ("https://evil.example.com/", "/"),
        ("//evil.example.com/", "/"),
        ("/\\evil.example.com", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_sign_in_follows_only_a_safe_relative_next(client, db, make_user, next_url, expected):
    make_user(email="next@example.com")
    path = f"/auth/login?next={next_url}"
    response = submit(client, path, {"email": "next@example.com", "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == expected


def test_sign_in_starts_a_fresh_session(client, auth, db, make_user):
    make_user(email="fresh@example.com")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    auth.login("fresh@example.com")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("_user_id")


def test_registration_mails_a_link_that_confirms_the_address(client, auth, db, mailbox):
    auth.register()
    mail = mailbox.wait_for("keisha@example.com", "Confirm your email")
    assert mail["From"] == "HireMeBahamas <no-reply@hiremebahamas.com>"
    assert mail.get_body(preferencelist=("html",)) is not None
    path = link_in(mail, "/auth/verify/")
    response = client.get(path)
    assert response.status_code == 303
    assert "is confirmed" in text_of(client.get("/"))
    db.session.expire_all()
    assert User.by_email("keisha@example.com").is_verified
    # A used link is spent.
    assert client.get(path).status_code in (303, 400)
    outbox_row = db.session.scalars(select(OutboundEmail)).one()
    assert outbox_row.status == "sent" and outbox_row.kind == "verify_email"


def test_a_tampered_verification_link_is_refused(client, db):
    response = client.get("/auth/verify/not-a-real-token")
    assert response.status_code == 400
    assert "That link is not valid" in text_of(response)


def test_an_expired_verification_link_is_refused(app, client, db, make_user, monkeypatch):
    user = make_user()
    token = tokens.make_token(user, "verify")
    monkeypatch.setitem(app.config, "VERIFY_TOKEN_MAX_AGE", -1)
    response = client.get(f"/auth/verify/{token}")
    assert response.status_code == 400
    assert "That link has expired" in text_of(response)


def test_forgotten_password_is_reset_from_the_mailed_link(client, auth, db, mailbox, make_user):
    make_user(email="forgetful@example.com", name="Forgetful Fox")
    response = submit(client, "/auth/reset", {"email": "forgetful@example.com"})
    assert response.status_code == 303
    mail = mailbox.wait_for("forgetful@example.com", "Reset your")
    path = link_in(mail, "/auth/reset/")
    assert "Choose a new password" in text_of(client.get(path))

    response = submit(client, path, {"password": "a brand new secret"})
    assert response.status_code == 303
    assert "Your password is changed" in text_of(client.get("/"))

    auth.logout()
    assert "Wrong email or password." in auth.login("forgetful@example.com").get_data(as_text=True)
    assert auth.login("forgetful@example.com", "a brand new secret").status_code == 303
    # The link worked once; now it is spent.
    auth.logout()
    spent = client.get(path)
    assert spent.status_code == 400
    assert "already been used" in text_of(spent)


def test_reset_for_an_unknown_email_says_the_same_and_sends_nothing(client, db, mailbox):
    response = submit(client, "/auth/reset", {"email": "nobody@example.com"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "If an account uses nobody@example.com" in page
    assert db.session.scalar(select(func.count()).select_from(OutboundEmail)) == 0


def test_reset_refuses_a_weak_new_password_and_keeps_the_old_one(client, auth, db, make_user):
    user = make_user(email="weak@example.com")
    path = f"/auth/reset/{tokens.make_token(user, 'reset')}"
    response = submit(client, path, {"password": "12345678"})
    assert "too common" in text_of(response)
    assert auth.login("weak@example.com").status_code == 303


def test_password_change_ends_other_sessions(app, db, make_user):
    user = make_user(email="two@example.com")
    first, second = app.test_client(), app.test_client()
    from .conftest import AuthActions

    AuthActions(first).login("two@example.com")
    AuthActions(second).login("two@example.com")
    token = tokens.make_token(user, "reset")
    submit(first, f"/auth/reset/{token}", {"password": "another good secret"})
    assert "Sign out" in text_of(first.get("/"))
    assert "Sign out" not in text_of(second.get("/"))


def test_production_argon2_parameters_follow_owasp(app):
    from hiremebahamas.config import Config

    assert (Config.ARGON2_MEMORY_COST, Config.ARGON2_TIME_COST, Config.ARGON2_PARALLELISM) == (
        19 * 1024,
        2,
        1,
    )
    with app.app_context():
        app.config.update(ARGON2_TIME_COST=2, ARGON2_MEMORY_COST=19 * 1024)
        try:
            from hiremebahamas.auth.passwords import hash_password

            assert re.match(r"^\$argon2id\$v=19\$m=19456,t=2,p=1\$", hash_password("x" * 12))
        finally:
            app.config.update(ARGON2_TIME_COST=1, ARGON2_MEMORY_COST=8 * 1024)
