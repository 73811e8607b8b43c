"""Private messages: the inbox, threads between two people, read state, blocking."""

import html
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from hiremebahamas.messages import services
from hiremebahamas.models import Block, Conversation, Message, Notification
from hiremebahamas.models._base import utcnow

from .conftest import AuthActions, submit, text_of

UNREAD_IN_HEADER = re.compile(r'Messages <span class="count"[^>]*>(\d+)<')


def signed_in(app, user):
    """A separate browser, signed in as user."""
    browser = app.test_client()
    assert AuthActions(browser).login(user.email).status_code == 303
    return browser


def send(browser, username: str, body: str):
    return submit(browser, f"/messages/{username}", {"body": body})


def landing(browser, response) -> str:
    """The page a browser lands on after a form's redirect."""
    assert response.status_code == 303
    return text_of(browser.get(response.headers["Location"]))


def unread_in_header(browser) -> int:
    match = UNREAD_IN_HEADER.search(browser.get("/jobs/list").get_data(as_text=True))
    return int(match.group(1)) if match else 0


def text_of_html(fragment: str) -> str:
    """A fragment's text, tags removed."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def count(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@contextmanager
def counted_statements(db):
    """Count the SQL statements run inside the block."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


@pytest.fixture
def people(app, make_user):
    """Three people, each in their own browser."""
    ann = make_user("seeker", username="ann", name="Ann Rolle")
    ben = make_user("employer", username="ben", name="Ben Knowles", company_name="Knowles Marine")
    cy = make_user("seeker", username="cy", name="Cy Ferguson")
    return {
        "ann": (ann, signed_in(app, ann)),
        "ben": (ben, signed_in(app, ben)),
        "cy": (cy, signed_in(app, cy)),
    }


# --- visitors and bad addresses -------------------------------------------------------------


def test_visitors_are_sent_to_sign_in(client, make_user):
    make_user("seeker", username="ann")
    for path in ("/messages/list", "/messages/ann"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/auth/login?next=")


def test_unknown_person_is_not_found(people):
    _, ann_browser = people["ann"]
    assert ann_browser.get("/messages/nobody_here").status_code == 404
    response = ann_browser.post("/messages/nobody_here", data={})  # no token either
    assert response.status_code in (400, 404)


def test_nobody_can_message_or_block_themselves(db, people):
    _, ann_browser = people["ann"]
    page = ann_browser.get("/messages/ann")
    assert page.status_code == 400
    assert "can't send messages to yourself" in text_of(page)
    response = submit(ann_browser, "/messages/ann", {"body": "Note"}, form_page="/messages/list")
    assert response.status_code == 400
    blocked = submit(ann_browser, "/messages/ann/block", {}, form_page="/messages/list")
    assert blocked.status_code == 400
    assert "can't block yourself" in text_of(blocked)
    assert count(db, Message) == 0
    assert count(db, Block) == 0


def test_a_form_without_its_token_is_refused(db, people):
    _, ann_browser = people["ann"]
    ann_browser.get("/messages/ben")
    response = ann_browser.post("/messages/ben", data={"body": "Hello"})
    assert response.status_code == 400
    assert ann_browser.post("/messages/ben/block", data={}).status_code == 400
    assert count(db, Message) == 0
    assert count(db, Block) == 0


# --- the conversation, as two people live it -------------------------------------------------


def test_a_message_reaches_the_other_person_and_is_read_when_opened(db, people):
    ann, ann_browser = people["ann"]
    ben, ben_browser = people["ben"]

    empty = text_of(ann_browser.get("/messages/ben"))
    assert "No messages with Knowles Marine yet" in empty
    assert 'name="body"' in ann_browser.get("/messages/ben").get_data(as_text=True)

    response = send(ann_browser, "ben", "Good morning! Is the deckhand job still open?")
    assert response.status_code == 303
    message = db.session.scalar(select(Message))
    assert response.headers["Location"] == f"/messages/ben#message-{message.id}"
    page = landing(ann_browser, response)
    assert "Message sent to Knowles Marine" in page
    assert "Good morning! Is the deckhand job still open?" in page
    assert unread_in_header(ann_browser) == 0

    conversation = db.session.scalar(select(Conversation))
    assert (conversation.user_low_id, conversation.user_high_id) == (ann.id, ben.id)
    assert conversation.last_message_at is not None
    assert (message.sender_id, message.recipient_id) == (ann.id, ben.id)

    notification = db.session.scalar(select(Notification).where(Notification.user_id == ben.id))
    assert notification.kind == "new_message"
    assert notification.link == "/messages/ann"
    assert notification.actor_id == ann.id
    assert "Ann Rolle sent you a message" in notification.text

    assert unread_in_header(ben_browser) == 1
    inbox = ben_browser.get("/messages/list").get_data(as_text=True)
    row = re.search(r'<li class="conversation unread".*?</li>', inbox, re.S)
    assert row, "Ann's conversation should be marked unread"
    assert 'href="/u/ann"' in row.group(0)
    assert "Ann Rolle" in row.group(0)
    assert "Good morning! Is the deckhand job still open?" in text_of_html(row.group(0))
    assert "1 unread" in row.group(0)

    thread = text_of(ben_browser.get("/messages/ann"))
    assert "Good morning! Is the deckhand job still open?" in thread
    assert unread_in_header(ben_browser) == 0
    db.session.expire_all()
    assert db.session.get(Message, message.id).read_at is not None
    assert db.session.get(Notification, notification.id).read_at is not None
    inbox_after = ben_browser.get("/messages/list").get_data(as_text=True)
    assert 'class="conversation unread"' not in inbox_after

    # Ben answers; for Ann it is the unread one now.
    reply = send(ben_browser, "ann", "Yes it is. Can you come by the dock on Friday?")
    assert "Can you come by the dock on Friday?" in landing(ben_browser, reply)
    assert unread_in_header(ann_browser) == 1
    ann_inbox = text_of(ann_browser.get("/messages/list"))
    assert "Yes it is. Can you come by the dock on Friday?" in ann_inbox
    assert count(db, Conversation) == 1
    assert count(db, Message) == 2


def test_the_inbox_lists_the_newest_conversation_first(db, people):
    _, ann_browser = people["ann"]
    _, ben_browser = people["ben"]
    _, cy_browser = people["cy"]

    send(ben_browser, "ann", "From Ben, first")
    send(cy_browser, "ann", "From Cy, second")
    inbox = text_of(ann_browser.get("/messages/list"))
    assert inbox.index("From Cy, second") < inbox.index("From Ben, first")

    send(ben_browser, "ann", "From Ben, third")
    inbox = text_of(ann_browser.get("/messages/list"))
    assert inbox.index("From Ben, third") < inbox.index("From Cy, second")
    assert "From Ben, first" not in inbox  # only each conversation's last message
    assert unread_in_header(ann_browser) == 3

    html = ann_browser.get("/messages/list").get_data(as_text=True)
    ben_row = re.search(r'<li class="conversation unread"[^>]*>.*?</li>', html, re.S).group(0)
    assert "2 unread" in ben_row

    send(ann_browser, "cy", "Ann answers Cy")
    inbox = text_of(ann_browser.get("/messages/list"))
    assert inbox.index("You: Ann answers Cy") < inbox.index("From Ben, third")


def test_the_inbox_shows_the_first_line_cut_short(people):
    _, ann_browser = people["ann"]
    _, ben_browser = people["ben"]
    long_line = "I would like to ask about the position " + "and the hours " * 10
    send(ann_browser, "ben", f"{long_line}\nSecond line is not in the inbox")
    inbox = text_of(ben_browser.get("/messages/list"))
    assert "I would like to ask about the position" in inbox
    assert long_line.strip() not in inbox
    assert "…" in inbox
    assert "Second line is not in the inbox" not in inbox


def test_an_empty_inbox_says_how_to_start(people):
    _, ann_browser = people["ann"]
    page = text_of(ann_browser.get("/messages/list"))
    assert "No messages yet" in page
    assert "profile" in page


@pytest.mark.parametrize("page", ["2", "0", "-3", "abc", "²", "99999999999999999999"])
def test_odd_inbox_page_numbers_still_show_a_page(people, page):
    _, ann_browser = people["ann"]
    _, ben_browser = people["ben"]
    send(ben_browser, "ann", "Hello Ann")
    response = ann_browser.get(f"/messages/list?page={page}")
    assert response.status_code == 200
    assert ("Hello Ann" in text_of(response)) == (page in ("0", "-3", "abc", "²"))


def test_line_breaks_are_kept_and_markup_is_shown_as_text(db, people):
    _, ann_browser = people["ann"]
    _, ben_browser = people["ben"]
    body = "Dear Ben,\r\n\r\nI <b>really</b> want this job.\r\n<script>alert(1)</script>"
    send(ann_browser, "ben", body)
    html = ben_browser.get("/messages/ann").get_data(as_text=True)
    assert "Dear Ben,<br><br>I &lt;b&gt;really&lt;/b&gt; want this job.<br>&lt;script&gt;" in html
    assert "<b>really</b>" not in html
    assert "<script>" not in html
    assert "I <b>really</b> want this job." in text_of(ben_browser.get("/messages/ann"))
    stored = db.session.scalar(select(Message.body))
    assert stored == "Dear Ben,\n\nI <b>really</b> want this job.\n<script>alert(1)</script>"


# --- what may not be sent ------------------------------------------------------------------


@pytest.mark.parametrize("body", ["", "   \r\n  "])
def test_an_empty_message_is_not_sent(db, people, body):
    _, ann_browser = people["ann"]
    response = send(ann_browser, "ben", body)
    assert response.status_code == 200
    assert "Write a message before sending." in text_of(response)
    assert count(db, Message) == 0
    assert count(db, Conversation) == 0
    assert count(db, Notification) == 0


def test_a_message_can_be_up_to_3000_characters(db, people):
    _, ann_browser = people["ann"]
    too_long = "x" * 3001
    response = send(ann_browser, "ben", too_long)
    assert response.status_code == 200
    page = text_of(response)
    assert "up to 3,000 characters; yours has 3,001" in page
    assert too_long in page  # what was typed is still in the box
    assert count(db, Message) == 0

    response = send(ann_browser, "ben", "y" * 3000)
    assert response.status_code == 303
    assert db.session.scalar(select(func.length(Message.body))) == 3000


def test_3000_characters_with_line_breaks_as_a_browser_sends_them_are_accepted(db, people):
    _, ann_browser = people["ann"]
    body = "\r\n".join(["x" * 99] * 30)  # 2,999 characters with \n, 3,028 with \r\n
    assert send(ann_browser, "ben", body).status_code == 303
    assert db.session.scalar(select(Message.body)) == body.replace("\r\n", "\n")


def test_a_suspended_person_cannot_be_messaged(db, people):
    _, ann_browser = people["ann"]
    ben, _ = people["ben"]
    ben.suspended_at = utcnow()
    db.session.commit()

    page = text_of(ann_browser.get("/messages/ben"))
    assert "account is suspended" in page
    assert 'name="body"' not in ann_browser.get("/messages/ben").get_data(as_text=True)
    response = send(ann_browser, "ben", "Hello?")
    assert "Your message was not sent" in landing(ann_browser, response)
    assert count(db, Message) == 0
    assert count(db, Notification) == 0


def test_blocking_stops_messages_both_ways_until_unblocked(db, people):
    ann, ann_browser = people["ann"]
    ben, ben_browser = people["ben"]
    send(ann_browser, "ben", "First message before the block")

    response = submit(ben_browser, "/messages/ann/block", {}, form_page="/messages/ann")
    assert response.headers["Location"] == "/messages/ann"
    page = landing(ben_browser, response)
    assert "You blocked Ann Rolle" in page
    assert "Unblock Ann Rolle" in page
    assert 'name="body"' not in ben_browser.get("/messages/ann").get_data(as_text=True)
    assert db.session.get(Block, (ben.id, ann.id)) is not None

    # Blocking twice is harmless.
    again = submit(ben_browser, "/messages/ann/block", {}, form_page="/messages/list")
    assert again.status_code == 303
    assert count(db, Block) == 1

    # The blocked person sees that they can't write, and a forced post is refused.
    ann_page = ann_browser.get("/messages/ben")
    assert "isn't accepting messages from you" in text_of(ann_page)
    assert 'name="body"' not in ann_page.get_data(as_text=True)
    refused = submit(
        ann_browser, "/messages/ben", {"body": "Please answer"}, form_page="/messages/list"
    )
    assert "Your message was not sent" in landing(ann_browser, refused)
    # ...and so is the blocker's own message.
    own = submit(ben_browser, "/messages/ann", {"body": "One last thing"}, "/messages/list")
    assert "Your message was not sent" in landing(ben_browser, own)
    assert count(db, Message) == 1
    assert count(db, Notification, Notification.user_id == ben.id) == 1  # the first one only
    assert unread_in_header(ben_browser) == 0  # he read it when he opened the thread

    response = submit(ben_browser, "/messages/ann/unblock", {}, form_page="/messages/ann")
    assert "You unblocked Ann Rolle" in landing(ben_browser, response)
    assert count(db, Block) == 0
    again = submit(ben_browser, "/messages/ann/unblock", {}, form_page="/messages/ann")
    assert again.status_code == 303

    assert send(ann_browser, "ben", "Thanks for unblocking me").status_code == 303
    assert "Thanks for unblocking me" in text_of(ben_browser.get("/messages/ann"))


def test_a_third_person_never_sees_a_conversation_between_two_others(db, people):
    _, ann_browser = people["ann"]
    _, ben_browser = people["ben"]
    _, cy_browser = people["cy"]
    send(ann_browser, "ben", "Private: my salary expectations")
    send(ben_browser, "ann", "Private: our offer")

    for path in ("/messages/ann", "/messages/ben", "/messages/list"):
        page = text_of(cy_browser.get(path))
        assert "Private:" not in page
    assert "No messages with Ann Rolle yet" in text_of(cy_browser.get("/messages/ann"))
    assert "No messages yet" in text_of(cy_browser.get("/messages/list"))
    # Cy's visit leaves Ben's unread message to Ann unread.
    assert unread_in_header(ann_browser) == 1


# --- notifications, long threads, races ------------------------------------------------------


def test_a_burst_of_messages_is_one_notification_until_it_is_read(db, people):
    ben, _ = people["ben"]
    _, ann_browser = people["ann"]
    _, ben_browser = people["ben"]
    for n in range(3):
        send(ann_browser, "ben", f"Message {n}")
    assert count(db, Notification, Notification.user_id == ben.id) == 1
    assert unread_in_header(ben_browser) == 3
    ben_browser.get("/messages/ann")
    send(ann_browser, "ben", "One more")
    assert count(db, Notification, Notification.user_id == ben.id) == 2
    unread = Notification.user_id == ben.id, Notification.read_at.is_(None)
    assert count(db, Notification, *unread) == 1


def test_a_long_thread_shows_the_latest_100_oldest_first(db, people):
    ann, ann_browser = people["ann"]
    ben, _ = people["ben"]
    for n in range(1, 106):
        services.send_message(ann, ben, f"Numbered message {n:03d}.")
    page = text_of(ann_browser.get("/messages/ben"))
    assert "Numbered message 005." not in page
    assert page.index("Numbered message 006.") < page.index("Numbered message 105.")
    assert "Showing your latest 100 messages" in page


def test_two_first_messages_at_once_share_one_conversation(db, people, monkeypatch):
    ann, _ = people["ann"]
    ben, _ = people["ben"]
    services.send_message(ben, ann, "Ben's first message")
    real_find = services.find_conversation
    calls = iter([None])  # the first look-up misses, as if Ben's commit had just landed

    def find_late(a, b):
        return next(calls, None) or real_find(a, b)

    monkeypatch.setattr(services, "find_conversation", find_late)
    services.send_message(ann, ben, "Ann's first message")
    assert count(db, Conversation) == 1
    assert count(db, Message) == 2


def test_the_inbox_costs_the_same_queries_for_2_or_12_conversations(app, db, make_user):
    me = make_user("seeker", username="busy")
    browser = signed_in(app, me)

    def add_conversations(n: int) -> None:
        for _ in range(n):
            other = make_user("seeker")
            services.send_message(other, me, "Hello there\nsecond line")
            services.send_message(me, other, "Hi back")
            services.send_message(other, me, "Another one")

    def inbox_statements() -> int:
        with counted_statements(db) as statements:
            assert browser.get("/messages/list").status_code == 200
        return len(statements)

    add_conversations(2)
    with_two = inbox_statements()
    add_conversations(10)
    with_twelve = inbox_statements()
    assert with_two == with_twelve
    assert with_twelve <= 7
    assert text_of(browser.get("/messages/list")).count("Another one") == 12


def test_the_thread_page_costs_the_same_queries_for_5_or_60_messages(app, db, make_user):
    me = make_user("seeker", username="reader")
    browser = signed_in(app, me)

    def visits(n: int) -> tuple[list[str], list[str]]:
        """Statements of a first visit to a thread of n unread messages, and of a second."""
        other = make_user("seeker")
        for number in range(n):
            services.send_message(other, me, f"Note {number}")
        with counted_statements(db) as first:
            assert browser.get(f"/messages/{other.username}").status_code == 200
        with counted_statements(db) as second:
            assert browser.get(f"/messages/{other.username}").status_code == 200
        return first, second

    first_of_5, second_of_5 = visits(5)
    first_of_60, second_of_60 = visits(60)
    assert len(first_of_5) == len(first_of_60) <= 12
    assert len(second_of_5) == len(second_of_60) < len(first_of_5)
    # Nothing is left to mark read on the second visit, so it writes nothing.
    assert not any(s.lstrip().upper().startswith("UPDATE") for s in second_of_60)
