"""Settings: a person's profile, email and password, and which notifications are mailed."""

import re

import pytest

from hiremebahamas.models import User

from .conftest import PASSWORD, AuthActions, link_in, submit, text_of

PROFILE = {
    "name": "Keisha Rolle",
    "headline": "Front office supervisor, 8 years in Cable Beach resorts",
    "bio": "I run busy front desks.\n\nLooking for a supervisor role on New Providence.",
    "skills": "Opera PMS , guest relations,, opera pms, Spanish",
    "island": "new-providence",
    "open_to_work": "y",
}


@pytest.fixture
def keisha(make_user):
    return make_user(email="keisha@example.com", name="Keisha R", username="keisha")


@pytest.fixture
def employer(make_user):
    return make_user(
        "employer", email="hr@conch.example.com", username="conch", company_name="Conch Co."
    )


def fresh(db, user: User) -> User:
    """The user as stored now (the test's session may hold an older copy)."""
    db.session.expire_all()
    return db.session.get(User, user.id)


def other_browser(app, email: str, password: str = PASSWORD):
    browser = app.test_client()
    AuthActions(browser).login(email, password)
    return browser


def signed_in(browser) -> bool:
    return "Sign out" in text_of(browser.get("/"))


SETTINGS_PAGES = ["/settings/profile", "/settings/account", "/settings/notifications"]


@pytest.mark.parametrize("path", SETTINGS_PAGES)
def test_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/settings/profile", {"name": "No Token"}),
        ("/settings/account", {"form": "email", "email": "new@example.com"}),
        ("/settings/account", {"form": "password", "new_password": "a new long secret"}),
        ("/settings/notifications", {}),
    ],
)
def test_a_form_without_its_csrf_token_is_a_400_and_changes_nothing(
    client, auth, db, keisha, path, data
):
    auth.login()
    response = client.post(path, data={"current_password": PASSWORD, **data})
    assert response.status_code == 400
    stored = fresh(db, keisha)
    assert (stored.name, stored.email, stored.email_on_message) == (
        "Keisha R",
        "keisha@example.com",
        True,
    )


def test_the_settings_pages_share_a_nav(client, auth, db, keisha):
    auth.login()
    for path in SETTINGS_PAGES:
        page = client.get(path).get_data(as_text=True)
        assert 'class="tabs"' in page
        assert f'href="{path}" aria-current="page"' in page
        assert page.count("<h1") == 1
        assert "<script" not in page


# --- profile ---------------------------------------------------------------------------


def test_a_seeker_saves_their_profile(client, auth, db, keisha):
    auth.login()
    response = submit(client, "/settings/profile", PROFILE)
    assert response.status_code == 303
    assert response.headers["Location"] == "/u/keisha"
    assert "Your profile is saved." in text_of(client.get(response.headers["Location"]))
    stored = fresh(db, keisha)
    assert stored.name == "Keisha Rolle"
    assert stored.headline == PROFILE["headline"]
    assert stored.bio == PROFILE["bio"]
    assert stored.skills == "Opera PMS, guest relations, Spanish"
    assert stored.island == "new-providence"
    assert stored.open_to_work is True


def test_a_seekers_work_status_is_saved_but_never_shown_on_the_profile(client, auth, db, keisha):
    auth.login()
    response = submit(client, "/settings/profile", {**PROFILE, "work_status": "permanent_resident"})
    assert response.status_code == 303
    assert fresh(db, keisha).work_status == "permanent_resident"
    assert re.search(
        r'<option selected value="permanent_resident">', text_of(client.get("/settings/profile"))
    )
    assert "Permanent resident" not in text_of(client.get("/u/keisha"))
    response = submit(client, "/settings/profile", {**PROFILE, "work_status": "martian"})
    assert "Not a valid choice" in text_of(response)
    assert fresh(db, keisha).work_status == "permanent_resident"


def test_clearing_optional_fields_stores_nothing_and_unticking_closes_open_to_work(
    client, auth, db, make_user
):
    person = make_user(
        email="p@example.com", headline="Old", island="exuma", skills="x", open_to_work=True
    )
    AuthActions(client).login("p@example.com")
    fields = {"name": person.name, "headline": "", "bio": "", "skills": "", "island": ""}
    assert submit(client, "/settings/profile", fields).status_code == 303
    stored = fresh(db, person)
    assert (stored.headline, stored.bio, stored.skills, stored.island) == (None, None, None, None)
    assert stored.open_to_work is False


def test_the_profile_form_shows_what_is_stored(client, auth, db, make_user):
    make_user(email="p@example.com", headline="Bonefish guide", island="andros", open_to_work=True)
    AuthActions(client).login("p@example.com")
    page = client.get("/settings/profile").get_data(as_text=True)
    assert 'value="Bonefish guide"' in page
    assert '<option selected value="andros">Andros</option>' in page
    assert 'checked id="open_to_work"' in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Enter your name."),
        ({"headline": "h" * 161}, "Keep the headline to 160 characters."),
        ({"bio": "b" * 2001}, "Keep this to 2,000 characters."),
        ({"skills": "s" * 501}, "Keep your skills to 500 characters."),
        ({"island": "atlantis"}, "Not a valid choice"),
    ],
)
def test_a_bad_profile_explains_itself_keeps_input_and_saves_nothing(
    client, auth, db, keisha, fields, message
):
    auth.login()
    response = submit(client, "/settings/profile", {**PROFILE, **fields})
    assert response.status_code == 200
    page = text_of(response)
    assert message in page
    assert "Please correct the problem below." in page
    if "name" not in fields:
        assert 'value="Keisha Rolle"' in page  # the typed name, not the stored one
    stored = fresh(db, keisha)
    assert stored.name == "Keisha R"
    assert stored.headline is None and stored.open_to_work is False


def test_a_seeker_sees_no_company_fields(client, auth, db, keisha):
    auth.login()
    page = client.get("/settings/profile").get_data(as_text=True)
    assert 'name="company_name"' not in page
    assert 'name="company_website"' not in page
    assert 'name="open_to_work"' in page
    submit(client, "/settings/profile", {**PROFILE, "company_name": "Sneaky Ltd"})
    assert fresh(db, keisha).company_name is None


def test_an_employer_edits_the_company_and_sees_no_open_to_work(client, db, employer):
    AuthActions(client).login("hr@conch.example.com")
    page = client.get("/settings/profile").get_data(as_text=True)
    assert 'name="open_to_work"' not in page
    assert 'value="Conch Co."' in page
    fields = {
        "name": "Dwayne Curry",
        "company_name": "Conch Shack Holdings",
        "company_website": "https://conchshack.example.com",
        "headline": "Fresh conch salad since 1985",
        "open_to_work": "y",
    }
    response = submit(client, "/settings/profile", fields)
    assert response.status_code == 303
    stored = fresh(db, employer)
    assert stored.company_name == "Conch Shack Holdings"
    assert stored.company_website == "https://conchshack.example.com"
    assert stored.open_to_work is False


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"company_name": ""}, "Employers need a company name."),
        ({"company_website": "conchshack.example.com"}, "starting with https:// or http://"),
        ({"company_website": "ftp://conchshack.example.com"}, "starting with https:// or http://"),
        ({"company_website": "https://localhost"}, "starting with https:// or http://"),
    ],
)
def test_a_bad_company_is_refused(client, db, employer, fields, message):
    AuthActions(client).login("hr@conch.example.com")
    response = submit(client, "/settings/profile", {"name": "Dwayne Curry", **fields})
    assert response.status_code == 200
    assert message in text_of(response)
    stored = fresh(db, employer)
    assert (stored.name, stored.company_name, stored.company_website) == (
        employer.name,
        "Conch Co.",
        None,
    )


def test_a_company_rename_shows_on_its_job_page_at_once(app, client, db, employer, make_job):
    job = make_job(employer, title="Line Cook")
    path = f"/jobs/{job.id}"
    assert "Conch Co." in text_of(client.get(path))
    assert client.get(path).headers["X-Cache"] == "hit"  # visitors get the cached page

    employer_browser = other_browser(app, "hr@conch.example.com")
    fields = {"name": "Dwayne Curry", "company_name": "Conch Shack Holdings"}
    assert submit(employer_browser, "/settings/profile", fields).status_code == 303

    page = text_of(client.get(path))
    assert "Conch Shack Holdings" in page
    assert "Conch Co." not in page


# --- email and password ----------------------------------------------------------------


def test_changing_email_mails_a_link_to_the_new_address(app, client, auth, db, keisha, mailbox):
    keisha.mark_email_verified()
    db.session.commit()
    auth.login()
    data = {"form": "email", "email": "Keisha.New@Example.com", "current_password": PASSWORD}
    response = submit(client, "/settings/account", data)
    assert response.status_code == 303
    page = text_of(client.get(response.headers["Location"]))
    assert "Your email address is now keisha.new@example.com" in page
    assert "(not confirmed yet)" in page

    stored = fresh(db, keisha)
    assert stored.email == "keisha.new@example.com"
    assert stored.email_verified_at is None
    mail = mailbox.wait_for("keisha.new@example.com", "Confirm your email address")
    assert not mailbox.to("keisha@example.com")

    # Only the new address signs in now.
    assert not signed_in(other_browser(app, "keisha@example.com"))
    assert signed_in(other_browser(app, "keisha.new@example.com"))

    client.get(link_in(mail, "/auth/verify/"))
    assert fresh(db, keisha).is_verified


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"current_password": "not my password"}, "That is not your current password."),
        ({"current_password": ""}, "Enter your current password."),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"email": "keisha@example.com"}, "That is already your email address."),
        ({"email": "taken@example.com"}, "Another account uses that email address."),
    ],
)
def test_a_refused_email_change_changes_nothing(
    client, auth, db, keisha, make_user, mailbox, fields, message
):
    make_user(email="taken@example.com")
    auth.login()
    data = {"form": "email", "email": "keisha.new@example.com", "current_password": PASSWORD}
    response = submit(client, "/settings/account", {**data, **fields})
    assert response.status_code == 200
    page = text_of(response)
    assert message in page
    assert f'value="{fields.get("email", "keisha.new@example.com")}"' in page
    assert 'value="not my password"' not in page  # passwords are never sent back
    assert fresh(db, keisha).email == "keisha@example.com"
    assert not mailbox.messages


def test_changing_password_ends_other_sessions_but_not_this_one(app, client, auth, db, keisha):
    elsewhere = other_browser(app, "keisha@example.com")
    assert signed_in(elsewhere)
    auth.login()
    data = {"form": "password", "current_password": PASSWORD, "new_password": "sea grape 2024!"}
    response = submit(client, "/settings/account", data)
    assert response.status_code == 303
    assert "Your password is changed" in text_of(client.get(response.headers["Location"]))

    assert client.get("/settings/account").status_code == 200  # still signed in here
    assert not signed_in(elsewhere)
    assert elsewhere.get("/settings/account").status_code == 302

    assert not signed_in(other_browser(app, "keisha@example.com", PASSWORD))
    assert signed_in(other_browser(app, "keisha@example.com", "sea grape 2024!"))


def test_a_remembered_browser_stays_remembered_after_a_password_change(client, auth, db, keisha):
    auth.login(remember="y")
    data = {"form": "password", "current_password": PASSWORD, "new_password": "sea grape 2024!"}
    assert submit(client, "/settings/account", data).status_code == 303
    client.delete_cookie("session")  # the browser was closed; only the lasting cookie is left
    assert signed_in(client)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"current_password": "not my password"}, "That is not your current password."),
        ({"new_password": "short"}, "Use at least 8 characters."),
        ({"new_password": "password123"}, "That password is too common"),
        ({"new_password": "keisha@example.com"}, "Don't use your name, username or email"),
        ({"new_password": PASSWORD}, "Choose a password different from your current one."),
    ],
)
def test_a_refused_password_change_changes_nothing(app, client, auth, db, keisha, fields, message):
    auth.login()
    elsewhere = other_browser(app, "keisha@example.com")
    data = {"form": "password", "current_password": PASSWORD, "new_password": "sea grape 2024!"}
    response = submit(client, "/settings/account", {**data, **fields})
    assert response.status_code == 200
    assert message in text_of(response)
    assert signed_in(elsewhere)
    assert signed_in(other_browser(app, "keisha@example.com", PASSWORD))


def test_an_account_form_must_say_which_change_it_is(client, auth, db, keisha):
    auth.login()
    data = {"email": "keisha.new@example.com", "current_password": PASSWORD}
    assert submit(client, "/settings/account", data).status_code == 400
    assert fresh(db, keisha).email == "keisha@example.com"


def test_one_account_form_with_errors_leaves_the_other_blank(client, auth, db, keisha):
    auth.login()
    data = {"form": "password", "current_password": "wrong", "new_password": "sea grape 2024!"}
    page = submit(client, "/settings/account", data).get_data(as_text=True)
    assert page.count("That is not your current password.") == 1
    assert 'id="email-current-password"' in page and 'id="password-current-password"' in page
    assert '<label for="email-current-password">' in page


# --- email preferences -----------------------------------------------------------------


def test_a_seeker_chooses_which_notifications_are_mailed(client, auth, db, keisha):
    auth.login()
    page = text_of(client.get("/settings/notifications"))
    assert "An employer updates one of my applications" in page
    assert "A job seeker applies to one of my jobs" not in page
    assert "Someone sends me a message while I'm away" in page
    assert "Job alerts I've saved" in page
    assert "always sent" in page

    response = submit(
        client, "/settings/notifications", {"email_on_status": "y", "email_on_alerts": "y"}
    )
    assert response.status_code == 303
    assert "Your email preferences are saved." in text_of(client.get(response.headers["Location"]))
    stored = fresh(db, keisha)
    assert stored.email_on_status and stored.email_on_alerts
    assert not stored.email_on_message
    assert stored.email_on_application  # not a seeker's choice: left as it was


def test_an_employer_chooses_application_mails(client, db, employer):
    AuthActions(client).login("hr@conch.example.com")
    page = text_of(client.get("/settings/notifications"))
    assert "A job seeker applies to one of my jobs" in page
    assert "An employer updates one of my applications" not in page
    submit(client, "/settings/notifications", {"email_on_message": "y"})
    stored = fresh(db, employer)
    assert not stored.email_on_application and not stored.email_on_alerts
    assert stored.email_on_message and stored.email_on_status
