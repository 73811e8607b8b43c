"""The professional network as two or three people use it: profiles, follows, the feed,
posts, likes, comments, deleting, the people search — and a feed page whose cost stays flat."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event, func, select, update

from hiremebahamas.models import Comment, Follow, Job, Notification, Post, PostLike
from hiremebahamas.models._base import utcnow
from hiremebahamas.timezone import nassau_today

from .conftest import AuthActions, submit, text_of

# --- helpers ----------------------------------------------------------------------------


def signed_in(app, user):
    """A separate browser, signed in as user."""
    browser = app.test_client()
    assert AuthActions(browser).login(user.email).status_code == 303
    return browser


def count(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def fresh(db, model, key):
    """The row as it is in the database now (the browsers write through their own sessions)."""
    db.session.expire_all()
    return db.session.get(model, key)


def landing(browser, response) -> str:
    """The page a browser lands on after a form's redirect."""
    assert response.status_code == 303
    return text_of(browser.get(response.headers["Location"]))


def follow(browser, username: str):
    return submit(browser, f"/u/{username}/follow", {}, form_page=f"/u/{username}")


def unfollow(browser, username: str):
    return submit(browser, f"/u/{username}/unfollow", {}, form_page=f"/u/{username}")


def write_post(browser, body: str):
    return submit(browser, "/posts/new", {"body": body}, form_page="/posts/feed")


def on_post(browser, post_id: int, action: str, data: dict | None = None):
    """Press a button (or send the comment form) on the post's own page."""
    return submit(browser, f"/posts/{post_id}/{action}", data or {}, form_page=f"/posts/{post_id}")


def make_post(db, author, body: str, **fields) -> Post:
    post = Post(author_id=author.id, body=body, **fields)
    db.session.add(post)
    db.session.commit()
    return post


def post_bodies(page: str) -> list[str]:
    """The text of each post on a page, top to bottom."""
    return re.findall(r'<div class="post-body">(.*?)</div>', page, re.DOTALL)


def numbered(page: str) -> list[int]:
    """The numbers of the "Update #NN" posts on a page, top to bottom."""
    return [int(n) for n in re.findall(r"Update #(\d+) from the harbour", page)]


def older_link(page: str) -> str | None:
    match = re.search(r'<a rel="next" href="([^"]+)">Older posts</a>', page)
    return match.group(1) if match else None


def people_listed(page: str) -> list[str]:
    """The names shown in a people list, top to bottom."""
    match = re.search(r'<ul class="people-list">(.*?)</ul>', page, re.DOTALL)
    listing = match.group(1) if match else ""
    return re.findall(r"<strong>(.*?)</strong>", listing)


def job_form(**changes) -> dict:
    """A complete, valid job form as an employer fills it in."""
    values = {
        "title": "Marina Dockhand",
        "description": "Help boats dock safely, fuel them and keep the marina tidy.",
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


@pytest.fixture
def alice(make_user):
    return make_user("seeker", username="alice", name="Alice Bethel", email="a@example.com")


@pytest.fixture
def bob(make_user):
    return make_user(
        "seeker",
        username="bob",
        name="Bob Cartwright",
        email="b@example.com",
        headline="Line cook at a Cable Beach resort",
        bio="Ten years in hotel kitchens on Paradise Island.",
        skills="Grill, Pastry,Food safety",
        island="exuma",
        open_to_work=True,
    )


@pytest.fixture
def carla(make_user):
    return make_user("seeker", username="carla", name="Carla Knowles", email="c@example.com")


@pytest.fixture
def alice_browser(app, alice):
    return signed_in(app, alice)


@pytest.fixture
def bob_browser(app, bob):
    return signed_in(app, bob)


@pytest.fixture
def carla_browser(app, carla):
    return signed_in(app, carla)


# --- profiles ---------------------------------------------------------------------------


def test_a_visitor_sees_a_seekers_public_profile(db, client, bob):
    make_post(db, bob, "Looking for a sous-chef role in George Town.")

    response = client.get("/u/bob")

    assert response.status_code == 200
    page = text_of(response)
    assert "<h1>Bob Cartwright</h1>" in page
    assert "Line cook at a Cable Beach resort" in page
    assert "Ten years in hotel kitchens on Paradise Island." in page
    for skill in ("Grill", "Pastry", "Food safety"):
        assert f'<li class="tag">{skill}</li>' in page
    assert "Exuma · " in page
    assert "Open to work" in page
    assert "0 followers" in page
    assert "0 following" in page
    assert "Looking for a sous-chef role in George Town." in page
    assert "Sign in to follow" in page
    assert 'action="/u/bob/follow"' not in page


def test_a_profile_never_shows_the_persons_email_address(client, app, bob, alice):
    assert "b@example.com" not in text_of(client.get("/u/bob"))
    assert "b@example.com" not in text_of(signed_in(app, alice).get("/u/bob"))


def test_open_to_work_shows_only_when_the_seeker_set_it(client, alice):
    assert "Open to work" not in text_of(client.get("/u/alice"))


def test_a_signed_in_member_sees_follow_and_message_buttons_on_someone_elses_profile(
    alice_browser, bob
):
    page = text_of(alice_browser.get("/u/bob"))

    assert 'action="/u/bob/follow"' in page
    assert ">Follow</button>" in page
    assert 'href="/messages/bob">Message</a>' in page
    assert "Sign in to follow" not in page


def test_nobody_is_offered_to_follow_themselves(bob_browser):
    page = text_of(bob_browser.get("/u/bob"))

    assert 'action="/u/bob/follow"' not in page
    assert 'href="/messages/bob"' not in page
    assert "Edit my profile" in page


def test_an_employer_profile_shows_the_company_and_only_its_open_jobs(client, make_user, make_job):
    employer = make_user(
        "employer", username="atlantis", name="Dana Rolle", company_name="Atlantis Resort"
    )
    make_job(employer, title="Pool Attendant")
    make_job(employer, title="Night Auditor", status="closed", closed_at=utcnow())
    make_job(employer, title="Summer Lifeguard", closes_on=nassau_today() - timedelta(days=1))

    page = text_of(client.get("/u/atlantis"))

    assert "<h1>Atlantis Resort</h1>" in page
    assert "Open jobs" in page
    assert "Pool Attendant" in page
    assert "Night Auditor" not in page
    assert "Summer Lifeguard" not in page


@pytest.mark.parametrize("path", ["/u/nobody", "/u/nobody/followers", "/u/nobody/following"])
def test_an_unknown_username_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_suspended_members_profile_is_not_found(db, client, alice_browser, bob):
    bob.suspended_at = utcnow()
    db.session.commit()

    assert client.get("/u/bob").status_code == 404
    assert alice_browser.get("/u/bob").status_code == 404
    response = submit(alice_browser, "/u/bob/follow", {}, form_page="/posts/feed")
    assert response.status_code == 404
    assert count(db, Follow) == 0


# --- follows ----------------------------------------------------------------------------


def test_following_someone_shows_on_both_profiles_and_lists(db, client, alice_browser, alice, bob):
    response = follow(alice_browser, "bob")

    assert response.status_code == 303
    assert response.headers["Location"] == "/u/bob"
    page = landing(alice_browser, response)
    assert "You are following Bob Cartwright." in page
    assert ">Unfollow</button>" in page
    assert "1 follower" in page
    assert count(db, Follow, Follow.follower_id == alice.id, Follow.followed_id == bob.id) == 1

    assert "1 following" in text_of(client.get("/u/alice"))
    assert "Alice Bethel" in people_listed(text_of(client.get("/u/bob/followers")))
    assert "Bob Cartwright" in people_listed(text_of(client.get("/u/alice/following")))
    assert people_listed(text_of(client.get("/u/bob/following"))) == []


def test_the_person_followed_is_notified_once(db, alice_browser, alice, bob):
    follow(alice_browser, "bob")
    follow(alice_browser, "bob")

    notes = db.session.scalars(select(Notification).where(Notification.user_id == bob.id)).all()
    assert [(n.kind, n.actor_id, n.link) for n in notes] == [("new_follower", alice.id, "/u/alice")]
    assert "Alice Bethel started following you" in notes[0].text


def test_following_twice_keeps_one_follow_and_says_so(db, alice_browser, bob):
    follow(alice_browser, "bob")

    response = follow(alice_browser, "bob")

    assert response.status_code == 303
    assert "You already follow Bob Cartwright." in landing(alice_browser, response)
    assert count(db, Follow) == 1


def test_you_cannot_follow_yourself(db, alice_browser):
    response = submit(alice_browser, "/u/alice/follow", {}, form_page="/posts/feed")

    assert response.status_code == 400
    assert "You can't follow yourself." in text_of(response)
    assert count(db, Follow) == 0
    assert count(db, Notification) == 0


def test_unfollowing_works_and_can_be_repeated(db, client, alice_browser, bob):
    follow(alice_browser, "bob")

    response = unfollow(alice_browser, "bob")

    assert response.status_code == 303
    page = landing(alice_browser, response)
    assert "You no longer follow Bob Cartwright." in page
    assert ">Follow</button>" in page
    assert "0 followers" in page
    assert count(db, Follow) == 0

    again = unfollow(alice_browser, "bob")
    assert again.status_code == 303
    assert alice_browser.get(again.headers["Location"]).status_code == 200
    assert count(db, Follow) == 0
    assert people_listed(text_of(client.get("/u/bob/followers"))) == []


def test_a_visitor_who_presses_follow_is_sent_to_sign_in(db, client, bob):
    response = submit(client, "/u/bob/follow", {}, form_page="/auth/login")

    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith("/auth/login?next=")
    assert count(db, Follow) == 0


def test_a_follow_without_the_forms_token_is_refused(db, alice_browser, bob):
    response = alice_browser.post("/u/bob/follow")

    assert response.status_code == 400
    assert count(db, Follow) == 0


# --- the feed ---------------------------------------------------------------------------


def test_the_feed_shows_people_i_follow_and_me_newest_first(
    db, alice_browser, bob_browser, carla_browser, bob
):
    follow(alice_browser, "bob")
    assert write_post(bob_browser, "Bob's first catch of the day").status_code == 303
    assert write_post(carla_browser, "Carla is hiring a bookkeeper").status_code == 303
    assert write_post(alice_browser, "Alice finished her CPR course").status_code == 303
    assert write_post(bob_browser, "Bob's second post: conch salad recipe").status_code == 303

    page = text_of(alice_browser.get("/posts/feed"))

    assert post_bodies(page) == [
        "Bob's second post: conch salad recipe",
        "Alice finished her CPR course",
        "Bob's first catch of the day",
    ]

    everyone = text_of(alice_browser.get("/posts/feed?scope=everyone"))
    assert post_bodies(everyone) == [
        "Bob's second post: conch salad recipe",
        "Alice finished her CPR course",
        "Carla is hiring a bookkeeper",
        "Bob's first catch of the day",
    ]


def test_publishing_a_post_lands_back_on_the_feed_with_a_message(db, bob_browser, bob):
    response = write_post(bob_browser, "Open kitchen tonight at Fish Fry")

    assert response.headers["Location"] == "/posts/feed"
    page = landing(bob_browser, response)
    assert "Your post is up." in page
    assert "Open kitchen tonight at Fish Fry" in page
    post = db.session.scalar(select(Post))
    assert (post.author_id, post.body) == (bob.id, "Open kitchen tonight at Fish Fry")


def test_a_visitor_is_sent_to_sign_in_for_the_feed(client):
    response = client.get("/posts/feed")

    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith("/auth/login?next=")


@pytest.fixture
def forty_five_posts(db, alice_browser, bob):
    """Bob's 45 updates, a minute apart; #24-#27 share one instant (ties broken by id)."""
    follow(alice_browser, "bob")
    start = utcnow() - timedelta(days=1)
    for n in range(1, 46):
        minute = 24 if 24 <= n <= 27 else n
        moment = start + timedelta(minutes=minute, microseconds=123_457 if minute % 2 else 0)
        db.session.add(
            Post(author_id=bob.id, body=f"Update #{n:02d} from the harbour", created_at=moment)
        )
        db.session.flush()  # ids in creation order
    db.session.commit()


def test_the_feed_pages_through_older_posts_twenty_at_a_time(alice_browser, forty_five_posts):
    first = text_of(alice_browser.get("/posts/feed"))
    assert numbered(first) == list(range(45, 25, -1))
    link = older_link(first)
    assert link and "before=" in link

    second = text_of(alice_browser.get(link))
    assert numbered(second) == list(range(25, 5, -1))

    third = text_of(alice_browser.get(older_link(second)))
    assert numbered(third) == [5, 4, 3, 2, 1]
    assert older_link(third) is None


def test_new_posts_arriving_do_not_shift_the_older_pages(
    db, alice_browser, bob_browser, forty_five_posts
):
    first = text_of(alice_browser.get("/posts/feed"))
    assert write_post(bob_browser, "Update #46 from the harbour").status_code == 303

    second = text_of(alice_browser.get(older_link(first)))

    assert numbered(second) == list(range(25, 5, -1))
    assert numbered(text_of(alice_browser.get("/posts/feed")))[0] == 46


def test_the_everyone_feed_keeps_its_scope_on_the_older_posts_link(
    alice_browser, carla, db, forty_five_posts
):
    make_post(db, carla, "Carla's only update")

    first = text_of(alice_browser.get("/posts/feed?scope=everyone"))
    link = older_link(first)
    assert parse_qs(urlsplit(link).query)["scope"] == ["everyone"]
    assert "Carla's only update" in first


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "123",
        "abc-1",
        "1-abc",
        "-5",
        "1.5-3",
        "²-1",  # a digit to str.isdigit(), not to int()
        "999999999999999999-1",  # a microsecond count past the year 9999
        "1700000000000000-99999999999999999999",  # a post id no database column holds
    ],
)
def test_a_broken_older_posts_link_explains_itself(alice_browser, cursor):
    response = alice_browser.get("/posts/feed", query_string={"before": cursor})

    assert response.status_code == 400
    assert "That “Older posts” link is not valid." in text_of(response)


def test_an_employers_new_job_appears_in_their_followers_feeds(
    db, app, make_user, alice_browser, carla_browser
):
    employer = make_user("employer", username="abacomarina", company_name="Abaco Marina Ltd")
    employer_browser = signed_in(app, employer)
    follow(alice_browser, "abacomarina")

    assert submit(employer_browser, "/jobs/new", job_form()).status_code == 303

    job = db.session.scalar(select(Job))
    page = text_of(alice_browser.get("/posts/feed"))
    assert "We're hiring: Marina Dockhand in Marsh Harbour, Abaco." in page
    assert f'href="/jobs/{job.id}"' in page
    assert "Marina Dockhand" not in text_of(carla_browser.get("/posts/feed"))


# --- writing posts ----------------------------------------------------------------------


def test_a_post_is_shown_as_plain_text_with_line_breaks_and_safe_links(db, client, bob_browser):
    body = "<b>hi</b> & welcome\nSee https://example.com/x.\nNot a link: javascript:alert(1)"
    write_post(bob_browser, body)
    post = db.session.scalar(select(Post))
    assert post.body == body

    page = client.get(f"/posts/{post.id}").get_data(as_text=True)

    assert "&lt;b&gt;hi&lt;/b&gt; &amp; welcome<br>" in page
    assert "<b>hi</b>" not in page
    assert (
        'See <a href="https://example.com/x" rel="nofollow ugc noopener">'
        "https://example.com/x</a>.<br>"
    ) in page
    assert 'href="javascript:' not in page


@pytest.mark.parametrize("body", ["", "   \n  "], ids=["empty", "only-spaces"])
def test_an_empty_post_is_refused(db, bob_browser, body):
    response = write_post(bob_browser, body)

    assert response.status_code == 200
    assert "Write something first." in text_of(response)
    assert count(db, Post) == 0


def test_a_post_over_3000_characters_is_refused_and_kept_for_editing(db, bob_browser):
    body = "Reef report. " + "x" * 2988
    assert len(body) == 3001

    response = write_post(bob_browser, body)

    assert response.status_code == 200
    page = text_of(response)
    assert "Keep it to 3,000 characters." in page
    assert body in page  # still in the text box
    assert count(db, Post) == 0


def test_a_post_of_exactly_3000_characters_is_published(db, bob_browser):
    body = "Reef report. " + "x" * 2987

    assert write_post(bob_browser, body).status_code == 303
    assert db.session.scalar(select(Post.body)) == body


def test_a_3000_character_post_with_line_breaks_as_a_browser_sends_them_is_published(
    db, bob_browser
):
    # The text box counts a line break as one character (maxlength=3000) but the browser
    # sends it as CR LF: the server must count what the person typed, not the bytes sent.
    first_line = "Ferry times this week:"
    typed = first_line + "\n" + "x" * (2999 - len(first_line))
    assert len(typed) == 3000
    sent = typed.replace("\n", "\r\n")

    response = write_post(bob_browser, sent)

    assert response.status_code == 303
    assert db.session.scalar(select(Post.body)).replace("\r\n", "\n") == typed


def test_a_post_page_is_public_but_only_members_can_comment(db, client, alice_browser, bob, alice):
    post = make_post(db, bob, "Anyone know a good mechanic in Freeport?")
    on_post(alice_browser, post.id, "comments", {"body": "Try the garage on Queens Highway."})

    response = client.get(f"/posts/{post.id}")

    assert response.status_code == 200
    page = text_of(response)
    assert "Anyone know a good mechanic in Freeport?" in page
    assert "Try the garage on Queens Highway." in page
    assert "1 comment" in page
    assert f'action="/posts/{post.id}/comments"' not in page
    assert f'action="/posts/{post.id}/like"' not in page
    assert 'href="/auth/login?next=' in page
    assert "to like and comment" in page

    member = text_of(alice_browser.get(f"/posts/{post.id}"))
    assert f'action="/posts/{post.id}/comments"' in member


@pytest.mark.parametrize(
    "path",
    [
        "/posts/4242",
        "/posts/3000000000",  # past PostgreSQL's INTEGER ids
        "/posts/99999999999999999999",  # past SQLite's 64-bit integers
    ],
)
def test_an_unknown_post_is_not_found(client, path):
    assert client.get(path).status_code == 404


# --- likes ------------------------------------------------------------------------------


def test_liking_a_post_counts_once_and_tells_the_author(db, alice_browser, alice, bob):
    post = make_post(db, bob, "Graduated from UB today!")
    here = f"/posts/{post.id}#post-{post.id}"

    response = on_post(alice_browser, post.id, "like", {"next": here})

    assert response.status_code == 303
    assert response.headers["Location"] == here
    page = landing(alice_browser, response)
    assert "1 like" in page
    assert ">Unlike</button>" in page
    assert fresh(db, Post, post.id).like_count == 1

    assert on_post(alice_browser, post.id, "like").status_code == 303  # a second press
    assert count(db, PostLike, PostLike.post_id == post.id) == 1
    assert fresh(db, Post, post.id).like_count == 1
    assert "1 like" in text_of(alice_browser.get(f"/posts/{post.id}"))

    notes = db.session.scalars(select(Notification).where(Notification.user_id == bob.id)).all()
    assert [(n.kind, n.actor_id, n.link) for n in notes] == [
        ("post_liked", alice.id, f"/posts/{post.id}")
    ]


def test_unliking_takes_the_like_back_and_never_goes_below_zero(db, alice_browser, bob):
    post = make_post(db, bob, "Graduated from UB today!")
    on_post(alice_browser, post.id, "like")

    response = on_post(alice_browser, post.id, "unlike")

    assert response.status_code == 303
    page = landing(alice_browser, response)
    assert "0 likes" in page
    assert ">Like</button>" in page
    assert count(db, PostLike) == 0
    assert fresh(db, Post, post.id).like_count == 0

    assert on_post(alice_browser, post.id, "unlike").status_code == 303
    assert fresh(db, Post, post.id).like_count == 0
    assert "0 likes" in text_of(alice_browser.get(f"/posts/{post.id}"))


def test_liking_your_own_post_notifies_nobody(db, bob_browser, bob):
    post = make_post(db, bob, "Proud of my team this season.")

    on_post(bob_browser, post.id, "like")

    assert fresh(db, Post, post.id).like_count == 1
    assert count(db, Notification) == 0


def test_a_like_without_the_forms_token_changes_nothing(db, alice_browser, bob):
    post = make_post(db, bob, "Proud of my team this season.")

    assert alice_browser.post(f"/posts/{post.id}/like").status_code == 400
    assert count(db, PostLike) == 0


# --- comments ---------------------------------------------------------------------------


def test_a_comment_shows_under_the_post_and_tells_the_author(db, alice_browser, alice, bob):
    post = make_post(db, bob, "Hiring season is here.")

    response = on_post(alice_browser, post.id, "comments", {"body": "Count me in!"})

    assert response.status_code == 303
    comment = db.session.scalar(select(Comment))
    assert response.headers["Location"] == f"/posts/{post.id}#comment-{comment.id}"
    page = landing(alice_browser, response)
    assert "Your comment is posted." in page
    assert "Count me in!" in page
    assert "1 comment" in page
    assert fresh(db, Post, post.id).comment_count == 1

    notes = db.session.scalars(select(Notification).where(Notification.user_id == bob.id)).all()
    assert [(n.kind, n.actor_id) for n in notes] == [("post_commented", alice.id)]


def test_commenting_on_your_own_post_notifies_nobody(db, bob_browser, bob):
    post = make_post(db, bob, "Hiring season is here.")

    on_post(bob_browser, post.id, "comments", {"body": "Apply by Friday."})

    assert count(db, Comment) == 1
    assert count(db, Notification) == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write a comment first."),
        ("  \n ", "Write a comment first."),
        ("y" * 3001, "Keep it to 3,000 characters."),
    ],
    ids=["empty", "only-spaces", "too-long"],
)
def test_an_empty_or_overlong_comment_is_refused(db, alice_browser, bob, body, message):
    post = make_post(db, bob, "Hiring season is here.")

    response = on_post(alice_browser, post.id, "comments", {"body": body})

    assert response.status_code == 200
    page = text_of(response)
    assert message in page
    assert body.strip() in page
    assert count(db, Comment) == 0
    assert fresh(db, Post, post.id).comment_count == 0
    assert count(db, Notification) == 0


def test_deleting_your_own_comment_takes_it_away(db, alice_browser, bob):
    post = make_post(db, bob, "Hiring season is here.")
    on_post(alice_browser, post.id, "comments", {"body": "Count me in!"})
    comment = db.session.scalar(select(Comment))

    response = submit(
        alice_browser, f"/comments/{comment.id}/delete", {}, form_page=f"/posts/{post.id}"
    )

    assert response.status_code == 303
    page = landing(alice_browser, response)
    assert "The comment is deleted." in page
    assert "Count me in!" not in page
    assert "0 comments" in page
    assert count(db, Comment) == 0
    assert fresh(db, Post, post.id).comment_count == 0


def test_you_cannot_delete_someone_elses_comment(db, alice_browser, carla_browser, bob):
    post = make_post(db, bob, "Hiring season is here.")
    on_post(alice_browser, post.id, "comments", {"body": "Count me in!"})
    comment = db.session.scalar(select(Comment))
    assert "Delete comment" not in text_of(carla_browser.get(f"/posts/{post.id}"))

    response = submit(
        carla_browser, f"/comments/{comment.id}/delete", {}, form_page=f"/posts/{post.id}"
    )

    assert response.status_code == 403
    assert count(db, Comment) == 1
    assert fresh(db, Post, post.id).comment_count == 1


def test_deleting_an_unknown_comment_is_not_found(alice_browser):
    response = submit(alice_browser, "/comments/4242/delete", {}, form_page="/posts/feed")

    assert response.status_code == 404


# --- deleting posts ---------------------------------------------------------------------


def test_the_author_deletes_a_post_with_its_likes_and_comments(
    db, client, alice_browser, bob_browser, bob
):
    post = make_post(db, bob, "Selling my old work boots.")
    on_post(alice_browser, post.id, "like")
    on_post(alice_browser, post.id, "comments", {"body": "What size?"})

    response = on_post(bob_browser, post.id, "delete")

    assert response.status_code == 303
    page = landing(bob_browser, response)
    assert "The post is deleted." in page
    assert "Selling my old work boots." not in page
    assert client.get(f"/posts/{post.id}").status_code == 404
    assert count(db, Post) == 0
    assert count(db, PostLike) == 0
    assert count(db, Comment) == 0
    assert "Selling my old work boots." not in text_of(client.get("/u/bob"))


def test_you_cannot_delete_someone_elses_post(db, alice_browser, bob):
    post = make_post(db, bob, "Selling my old work boots.")
    assert f'action="/posts/{post.id}/delete"' not in text_of(
        alice_browser.get(f"/posts/{post.id}")
    )

    response = on_post(alice_browser, post.id, "delete")

    assert response.status_code == 403
    assert alice_browser.get(f"/posts/{post.id}").status_code == 200
    assert count(db, Post) == 1


def test_an_admin_removes_a_post_from_view_for_everyone(
    db, app, client, make_user, alice_browser, bob_browser, bob
):
    post = make_post(db, bob, "Buy followers cheap!!! https://spam.example")
    admin = make_user(is_admin=True, username="moderator")
    admin_browser = signed_in(app, admin)

    response = on_post(admin_browser, post.id, "delete")

    assert response.status_code == 303
    for browser in (client, alice_browser, bob_browser, admin_browser):
        assert browser.get(f"/posts/{post.id}").status_code == 404
    assert "Buy followers cheap" not in text_of(bob_browser.get("/posts/feed"))
    assert "Buy followers cheap" not in text_of(client.get("/u/bob"))


def test_deleting_an_unknown_post_is_not_found(alice_browser):
    response = submit(alice_browser, "/posts/4242/delete", {}, form_page="/posts/feed")

    assert response.status_code == 404


# --- people search ----------------------------------------------------------------------


@pytest.fixture
def community(make_user):
    make_user(
        "seeker",
        name="Keisha Rolle",
        headline="Registered nurse",
        island="new-providence",
        open_to_work=True,
    )
    make_user(
        "seeker",
        name="Dwayne Ferguson",
        headline="Pastry chef",
        skills="Baking, Forklift licence",
        island="grand-bahama",
    )
    make_user(
        "employer",
        name="Marcia Smith",
        company_name="Sandy Port Marina",
        headline="We hire deckhands",
        island="new-providence",
        open_to_work=True,  # set by mistake: an employer is never "open to work"
    )
    make_user("seeker", name="Tamika Pinder", island="eleuthera", open_to_work=True)
    make_user("seeker", name="Hidden Spammer", open_to_work=True, suspended_at=utcnow())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("keisha", ["Keisha Rolle"]),  # name
        ("PASTRY", ["Dwayne Ferguson"]),  # headline
        ("forklift", ["Dwayne Ferguson"]),  # skills
        ("sandy port", ["Sandy Port Marina"]),  # company
        ("nobody-like-that", []),
    ],
)
def test_people_search_matches_names_headlines_skills_and_companies(
    client, community, query, expected
):
    response = client.get("/people", query_string={"q": query})

    assert response.status_code == 200
    assert people_listed(text_of(response)) == expected


def test_people_search_filters_by_island(client, community):
    page = text_of(client.get("/people?island=new-providence"))

    assert sorted(people_listed(page)) == ["Keisha Rolle", "Sandy Port Marina"]


def test_people_search_lists_only_seekers_open_to_work(client, community):
    page = text_of(client.get("/people?open_to_work=1"))

    assert sorted(people_listed(page)) == ["Keisha Rolle", "Tamika Pinder"]
    assert "2 people" in page


def test_suspended_members_never_show_in_people_search(client, community):
    assert "Hidden Spammer" not in text_of(client.get("/people?q=spammer"))
    assert "Hidden Spammer" not in text_of(client.get("/people"))


def test_people_search_pages_through_many_results(client, make_user):
    for n in range(25):
        make_user("seeker", name=f"Diver {n:02d}", headline="Dive instructor")

    first = text_of(client.get("/people?q=dive"))
    assert "25 people" in first
    assert len(people_listed(first)) == 20
    match = re.search(r'<a rel="next" href="([^"]+)">Next</a>', first)
    assert match
    assert parse_qs(urlsplit(match.group(1)).query) == {"q": ["dive"], "page": ["2"]}

    second = text_of(client.get(match.group(1)))
    assert len(people_listed(second)) == 5
    assert set(people_listed(first)) | set(people_listed(second)) == {
        f"Diver {n:02d}" for n in range(25)
    }


# --- cost of a feed page ----------------------------------------------------------------


def statements_for(db, browser, path: str) -> int:
    """How many SQL statements one page view runs (after a first view warms any caches)."""
    assert browser.get(path).status_code == 200
    statements = []

    def counter(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        response = browser.get(path)
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    assert response.status_code == 200
    return len(statements)


def test_a_feed_page_costs_the_same_number_of_queries_however_busy_it_is(
    db, app, make_user, make_job, alice, alice_browser
):
    first_author = make_user("seeker", headline="Boat captain")
    for n in range(3):
        make_post(db, first_author, f"Quiet day #{n}")
    quiet = statements_for(db, alice_browser, "/posts/feed?scope=everyone")

    authors = [first_author] + [
        make_user("employer" if n % 2 else "seeker", headline=f"Headline {n}") for n in range(4)
    ]
    fans = [make_user("seeker") for _ in range(6)] + [alice]
    job = make_job(authors[1])
    posts = [
        make_post(db, authors[n % 5], f"Busy day #{n}", job_id=job.id if n % 7 == 0 else None)
        for n in range(22)
    ]
    for n, post in enumerate(posts):
        likers = fans[: n % len(fans) + 1]
        db.session.add_all(PostLike(post_id=post.id, user_id=fan.id) for fan in likers)
        db.session.add_all(
            Comment(post_id=post.id, author_id=fan.id, body="Nice!") for fan in likers[:3]
        )
        db.session.execute(
            update(Post)
            .where(Post.id == post.id)
            .values(like_count=len(likers), comment_count=min(len(likers), 3))
        )
    db.session.commit()
    busy = statements_for(db, alice_browser, "/posts/feed?scope=everyone")

    page = text_of(alice_browser.get("/posts/feed?scope=everyone"))
    assert len(post_bodies(page)) == 20
    assert ">Unlike</button>" in page  # alice's own likes are shown
    print(f"\nSQL statements per feed page: {quiet} (3 quiet posts), {busy} (20 of 25 busy)")
    assert busy == quiet
