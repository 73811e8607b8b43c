"""Notifications: the list, marking them read, and the unread counts in every page's header."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select

from hiremebahamas.extensions import cache
from hiremebahamas.models import Notification
from hiremebahamas.notifications.counts import counts_key
from hiremebahamas.notifications.services import notify

from .conftest import AuthActions, BrowserClient, free_port, submit, text_of

HEADER_COUNT = re.compile(
    r'href="/notifications/list"[^>]*>Notifications(?: <span class="count" title="(\d+) unread">)?'
)


def notification_count_in_header(response) -> int:
    """The unread number a person sees beside "Notifications" in the header (0 when none)."""
    match = HEADER_COUNT.search(response.get_data(as_text=True))
    assert match, "no Notifications link in the header"
    return int(match.group(1) or 0)


def add_notification(db, user, text, *, minutes_ago=0, read=False, kind="new_follower", **fields):
    """A stored notification, as a feature's notify() would leave it, at a chosen time."""
    at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    notification = Notification(
        user_id=user.id,
        kind=kind,
        text=text,
        link=fields.pop("link", "/people"),
        created_at=at,
        read_at=at if read else None,
        **fields,
    )
    db.session.add(notification)
    db.session.commit()
    return notification


@pytest.fixture
def keisha(make_user):
    return make_user(email="keisha@example.com", name="Keisha Rolle")


def test_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/notifications/list")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_the_list_is_newest_first_with_links_and_unread_marked(client, auth, db, keisha):
    add_notification(
        db, keisha, "Andre Knowles started following you", minutes_ago=90, link="/u/andre"
    )
    add_notification(
        db, keisha, "Your application for Chef is now: interview", minutes_ago=30, read=True
    )
    add_notification(db, keisha, "Marsha Ferguson liked your post", minutes_ago=5, link="/posts/7")
    auth.login()
    response = client.get("/notifications/list")
    assert response.status_code == 200
    page = text_of(response)
    newest = page.index("Marsha Ferguson liked your post")
    middle = page.index("Your application for Chef is now: interview")
    oldest = page.index("Andre Knowles started following you")
    assert newest < middle < oldest
    assert '<a href="/posts/7">Marsha Ferguson liked your post</a>' in page
    assert '<a href="/u/andre">Andre Knowles started following you</a>' in page
    assert page.count('class="notification unread"') == 2
    assert page.count("Unread: ") == 2
    assert "2 unread." in page


def test_viewing_the_list_marks_nothing_read(client, auth, db, keisha):
    add_notification(db, keisha, "Andre Knowles started following you")
    auth.login()
    client.get("/notifications/list")
    page = client.get("/notifications/list")
    assert notification_count_in_header(page) == 1
    assert db.session.scalar(select(Notification.read_at)) is None


def test_mark_all_read_clears_the_header_count(client, auth, db, keisha):
    add_notification(db, keisha, "Andre Knowles started following you")
    add_notification(db, keisha, "Marsha Ferguson liked your post", kind="post_liked")
    auth.login()
    assert notification_count_in_header(client.get("/")) == 2
    response = submit(client, "/notifications/read-all", {}, form_page="/notifications/list")
    assert response.status_code == 303
    assert response.headers["Location"] == "/notifications/list"
    page = client.get(response.headers["Location"])
    assert "Marked 2 notifications as read." in text_of(page)
    assert notification_count_in_header(page) == 0
    assert "Unread: " not in text_of(page)
    assert notification_count_in_header(client.get("/")) == 0


def test_mark_all_read_needs_the_csrf_token(client, auth, db, keisha):
    add_notification(db, keisha, "Andre Knowles started following you")
    auth.login()
    assert client.post("/notifications/read-all").status_code == 400
    assert notification_count_in_header(client.get("/")) == 1


def test_mark_one_read_goes_to_what_it_is_about(client, auth, db, keisha):
    first = add_notification(db, keisha, "Andre Knowles started following you", link="/u/andre")
    add_notification(db, keisha, "Marsha Ferguson started following you", link="/u/marsha")
    auth.login()
    response = submit(client, f"/notifications/{first.id}/read", {}, "/notifications/list")
    assert response.status_code == 303
    assert response.headers["Location"] == "/u/andre"
    page = client.get("/notifications/list")
    assert notification_count_in_header(page) == 1
    assert text_of(page).count("Unread: ") == 1


def test_someone_elses_notification_is_403_and_an_unknown_one_404(
    client, auth, db, keisha, make_user
):
    theirs = add_notification(db, make_user(), "Someone started following you")
    auth.login()
    response = submit(client, f"/notifications/{theirs.id}/read", {}, "/notifications/list")
    assert response.status_code == 403
    missing = submit(client, f"/notifications/{theirs.id + 100}/read", {}, "/notifications/list")
    assert missing.status_code == 404
    db.session.refresh(theirs)
    assert theirs.read_at is None


def test_marking_read_needs_a_post(client, auth, db, keisha):
    mine = add_notification(db, keisha, "Andre Knowles started following you")
    auth.login()
    assert client.get(f"/notifications/{mine.id}/read").status_code == 405


def test_likes_of_one_post_read_as_one_line(client, auth, db, keisha, make_user):
    ann, ben, cleo = (make_user(name=name) for name in ("Ann Major", "Ben Pinder", "Cleo Rahming"))
    for minutes_ago, liker in ((30, cleo), (20, ben), (10, ann)):
        add_notification(
            db,
            keisha,
            f"{liker.name} liked your post",
            kind="post_liked",
            link="/posts/3",
            actor_id=liker.id,
            minutes_ago=minutes_ago,
        )
    add_notification(db, keisha, "Ben Pinder liked your post", kind="post_liked", link="/posts/9")
    auth.login()
    page = text_of(client.get("/notifications/list"))
    assert "Ann Major and 2 others liked your post" in page
    assert "Cleo Rahming liked your post" not in page
    assert page.count("Unread: ") == 2
    newest_like = db.session.scalar(select(Notification.id).where(Notification.actor_id == ann.id))
    submit(client, f"/notifications/{newest_like}/read", {}, "/notifications/list")
    page = client.get("/notifications/list")
    assert notification_count_in_header(page) == 1  # the three likes of post 3 are read
    assert "Ann Major and 2 others" not in text_of(page)


def test_the_list_is_paginated_and_bad_pages_do_no_harm(client, auth, db, keisha):
    for n in range(35):
        add_notification(db, keisha, f"Follower {n:02d} started following you", minutes_ago=n)
    auth.login()
    first = text_of(client.get("/notifications/list"))
    assert "Follower 00" in first and "Follower 29" in first and "Follower 30" not in first
    assert "Page 1 of 2" in first
    second = text_of(client.get("/notifications/list?page=2"))
    assert "Follower 30" in second and "Follower 34" in second and "Follower 29" not in second
    for bad in ("abc", "0", "-3"):
        response = client.get(f"/notifications/list?page={bad}")
        assert response.status_code == 200
        assert "Page 1 of 2" in text_of(response)
    beyond = client.get("/notifications/list?page=99")
    assert beyond.status_code == 200
    assert "Page 2 of 2" in text_of(beyond)


def test_an_empty_list_says_so(client, auth, db, keisha):
    auth.login()
    assert "No notifications yet." in text_of(client.get("/notifications/list"))


# --- the header counts -----------------------------------------------------------------


def test_a_new_notification_shows_on_the_very_next_page(client, auth, db, keisha, make_user):
    andre = make_user(name="Andre Knowles")
    auth.login()
    assert notification_count_in_header(client.get("/")) == 0
    assert cache.get(counts_key(keisha.id)) == {"messages": 0, "notifications": 0}  # warm

    notify(keisha, "new_follower", "Andre Knowles started following you", "/u/x", actor=andre)
    db.session.commit()
    assert notification_count_in_header(client.get("/")) == 1


def test_a_count_read_while_the_notification_was_uncommitted_is_not_kept(
    client, auth, db, keisha, make_user
):
    andre = make_user(name="Andre Knowles")
    auth.login()
    notify(keisha, "new_follower", "Andre Knowles started following you", "/u/x", actor=andre)
    db.session.flush()
    # Another request builds a page before the commit and caches what it saw then.
    assert notification_count_in_header(client.get("/")) == 0
    db.session.commit()
    assert notification_count_in_header(client.get("/")) == 1


def test_a_rolled_back_notification_never_counts(client, auth, db, keisha, make_user):
    auth.login()
    notify(keisha, "new_follower", "Someone started following you", "/u/x")
    db.session.rollback()
    assert notification_count_in_header(client.get("/")) == 0
    assert notification_count_in_header(client.get("/")) == 0


def test_pages_show_the_right_counts_when_the_cache_is_down(app, db, keisha):
    from hiremebahamas import create_app

    config = dict(app.config)
    config.update(
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        CACHE_OPTIONS={"socket_timeout": 0.1, "socket_connect_timeout": 0.1},
    )
    broken = create_app(config)
    broken.test_client_class = BrowserClient
    browser = broken.test_client()
    AuthActions(browser).login("keisha@example.com")
    assert notification_count_in_header(browser.get("/")) == 0

    with broken.app_context():
        notify(keisha, "new_follower", "Andre Knowles started following you", "/u/andre")
        from hiremebahamas.extensions import db as broken_db

        broken_db.session.commit()
    response = browser.get("/notifications/list")
    assert response.status_code == 200
    assert notification_count_in_header(response) == 1
    assert "Andre Knowles started following you" in text_of(response)

    response = submit(browser, "/notifications/read-all", {}, form_page="/notifications/list")
    assert response.status_code == 303
    assert notification_count_in_header(browser.get("/notifications/list")) == 0


# --- the cost of a page ----------------------------------------------------------------


def statements_for(client, db, path: str) -> int:
    """How many SQL statements one request for `path` runs."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = client.get(path)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 200
    return len(statements)


def test_the_list_costs_the_same_with_3_or_40_notifications(client, auth, db, keisha, make_user):
    actors = [make_user(name=f"Person {n}") for n in range(5)]
    auth.login()

    def fill_to(total: int) -> None:
        existing = len(db.session.scalars(select(Notification.id)).all())
        for n in range(existing, total):
            actor = actors[n % len(actors)]
            kind = "post_liked" if n % 3 else "new_follower"
            notify(keisha, kind, f"{actor.name} liked your post", f"/posts/{n % 4}", actor=actor)
        db.session.commit()

    fill_to(3)
    cold_3 = statements_for(client, db, "/notifications/list")
    warm_3 = statements_for(client, db, "/notifications/list")
    fill_to(40)
    cold_40 = statements_for(client, db, "/notifications/list")
    warm_40 = statements_for(client, db, "/notifications/list")
    assert warm_3 == warm_40
    assert cold_3 == cold_40 == warm_3 + 1  # a cold cache costs one statement for both counts
    assert warm_3 <= 3  # the signed-in user, the page's rows, the total for the pagination
