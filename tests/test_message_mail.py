"""Mail about unread messages: after 10 minutes unread, at most one per conversation per
hour, only to people who want it."""

from datetime import timedelta

from sqlalchemy import select, update

from hiremebahamas.messages.reminders import send_message_reminders
from hiremebahamas.models import Message
from hiremebahamas.models._base import utcnow

from .conftest import AuthActions, link_in, submit


def send(app, sender_email: str, to_username: str, body: str) -> None:
    browser = app.test_client()
    AuthActions(browser).login(sender_email)
    response = submit(browser, f"/messages/{to_username}", {"body": body})
    assert response.status_code == 303


def age_messages(db, minutes: int) -> None:
    db.session.execute(update(Message).values(created_at=utcnow() - timedelta(minutes=minutes)))
    db.session.commit()


def test_an_unread_message_is_mailed_after_ten_minutes_once(app, db, make_user, mailbox):
    make_user(email="ann@example.com", username="ann", name="Ann Knowles")
    make_user(email="ben@example.com", username="ben", name="Ben Rolle")
    send(app, "ann@example.com", "ben", "Are you free for an interview on Tuesday?")

    assert send_message_reminders().mailed == 0  # not yet ten minutes
    age_messages(db, 11)
    assert send_message_reminders().mailed == 1
    mail = mailbox.wait_for("ben@example.com", "Ann Knowles sent you a message")
    assert link_in(mail, "/messages/") == "/messages/ann"
    assert "Are you free for an interview on Tuesday?" in mail.get_body(("plain",)).get_content()

    # More messages within the hour: no second mail for this conversation.
    send(app, "ann@example.com", "ben", "Or Wednesday?")
    age_messages(db, 11)
    assert send_message_reminders().mailed == 0
    assert len(mailbox.to("ben@example.com")) == 1

    # An hour later, still unread: one more mail, covering what is new.
    db.session.execute(update(Message).values(mailed_at=utcnow() - timedelta(minutes=61)))
    db.session.execute(
        update(Message).where(Message.body == "Or Wednesday?").values(mailed_at=None)
    )
    db.session.commit()
    assert send_message_reminders().mailed == 1


def test_a_message_read_in_time_is_not_mailed(app, db, make_user, mailbox):
    make_user(email="ann@example.com", username="ann")
    make_user(email="ben@example.com", username="ben")
    send(app, "ann@example.com", "ben", "Hello Ben")
    reader = app.test_client()
    AuthActions(reader).login("ben@example.com")
    assert reader.get("/messages/ann").status_code == 200  # reading marks it read
    age_messages(db, 30)
    assert send_message_reminders().mailed == 0
    assert mailbox.to("ben@example.com") == []


def test_no_mail_for_someone_who_switched_message_mail_off(app, db, make_user, mailbox):
    make_user(email="ann@example.com", username="ann")
    make_user(email="ben@example.com", username="ben", email_on_message=False)
    send(app, "ann@example.com", "ben", "Hello Ben")
    age_messages(db, 11)
    assert send_message_reminders().mailed == 0
    assert mailbox.to("ben@example.com") == []
    # It counts as handled: switching mail back on later does not send an old reminder.
    assert db.session.scalar(select(Message.mailed_at)) is not None
