"""Mail for messages nobody has read: after 10 minutes unread, at most one mail per
conversation per hour, only to people who want them (settings/notifications)."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update

from ..extensions import db
from ..mail import send_mail
from ..models import Message, User
from ..models._base import utcnow

log = logging.getLogger(__name__)

UNREAD_FOR = timedelta(minutes=10)
AT_MOST_EVERY = timedelta(hours=1)


@dataclass
class ReminderResult:
    conversations: int = 0
    mailed: int = 0

    def __str__(self) -> str:
        return f"{self.conversations} conversations with unread messages, {self.mailed} mailed"


def send_message_reminders(now=None) -> ReminderResult:
    now = now or utcnow()
    result = ReminderResult()
    waiting = db.session.execute(
        select(
            Message.conversation_id,
            Message.recipient_id,
            Message.sender_id,
            func.count(),
            func.max(Message.id),
        )
        .where(
            Message.read_at.is_(None),
            Message.mailed_at.is_(None),
            Message.created_at <= now - UNREAD_FOR,
        )
        .group_by(Message.conversation_id, Message.recipient_id, Message.sender_id)
    ).all()
    for conversation_id, recipient_id, sender_id, count, last_id in waiting:
        result.conversations += 1
        recently_mailed = db.session.scalar(
            select(func.count())
            .select_from(Message)
            .where(
                Message.conversation_id == conversation_id,
                Message.recipient_id == recipient_id,
                Message.mailed_at > now - AT_MOST_EVERY,
            )
        )
        if recently_mailed:
            continue
        recipient = db.session.get(User, recipient_id)
        sender = db.session.get(User, sender_id)
        if recipient is None or sender is None or recipient.is_suspended:
            continue
        if recipient.email_on_message:
            what = "a message" if count == 1 else f"{count} messages"
            send_mail(
                "new_message",
                recipient,
                f"{sender.display_name} sent you {what}",
                "new_message",
                sender=sender,
                count=count,
                preview=db.session.get(Message, last_id).body[:300],
            )
            result.mailed += 1
        db.session.execute(
            update(Message)
            .where(
                Message.conversation_id == conversation_id,
                Message.recipient_id == recipient_id,
                Message.read_at.is_(None),
                Message.mailed_at.is_(None),
                Message.id <= last_id,
            )
            .values(mailed_at=now)
        )
        db.session.commit()
    if result.mailed:
        log.info("message reminders: %s", result)
    return result
