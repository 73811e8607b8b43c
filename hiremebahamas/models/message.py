"""Private messages between two people, grouped by conversation."""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Select,
    Text,
    UniqueConstraint,
    and_,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._base import as_utc, created_at_column
from .user import User

PREVIEW_LENGTH = 80


class Conversation(db.Model):
    """One row per pair of people; user_low_id < user_high_id keeps the pair unique."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_low_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    user_high_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = created_at_column()
    last_message_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("user_low_id", "user_high_id"),
        CheckConstraint("user_low_id < user_high_id", name="ordered_pair"),
        # The inbox: a person's conversations, newest first, from either side.
        Index("ix_conversations_user_low_id_last_message_at", "user_low_id", "last_message_at"),
        Index("ix_conversations_user_high_id_last_message_at", "user_high_id", "last_message_at"),
    )

    @staticmethod
    def ordered_pair(user_id: int, other_id: int) -> tuple[int, int]:
        """The pair as the table stores it: the lower id first (the ordered_pair CHECK)."""
        return (user_id, other_id) if user_id < other_id else (other_id, user_id)

    @classmethod
    def between(cls, user_id: int, other_id: int) -> Select:
        """The conversation of two people, whichever of them asks."""
        low, high = cls.ordered_pair(user_id, other_id)
        return select(cls).where(cls.user_low_id == low, cls.user_high_id == high)

    @classmethod
    def other_user_id(cls, user_id: int):
        """SQL for the id of the person on the other side of the conversation from user_id."""
        return case((cls.user_low_id == user_id, cls.user_high_id), else_=cls.user_low_id)

    @classmethod
    def inbox_for(cls, user_id: int) -> Select:
        """(Conversation, the other User) rows of a person's inbox, newest message first."""
        return (
            select(cls, User)
            .join(User, User.id == cls.other_user_id(user_id))
            .where(
                or_(cls.user_low_id == user_id, cls.user_high_id == user_id),
                cls.last_message_at.is_not(None),
            )
            .order_by(cls.last_message_at.desc(), cls.id.desc())
        )


class Message(db.Model):
    """One message; recipient_id is stored so unread counts need no join."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When a "you have a new message" mail covering this message went out (see reminders).
    mailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_messages_conversation_id_created_at", "conversation_id", "created_at"),
        # Unread counts in the header: a recipient's messages with read_at NULL.
        Index("ix_messages_recipient_id_read_at", "recipient_id", "read_at"),
    )

    @property
    def sent_at(self) -> datetime:
        """created_at as an aware UTC time (SQLite hands back naive ones)."""
        return as_utc(self.created_at)

    @property
    def preview(self) -> str:
        """The first line with any text, cut at a word near PREVIEW_LENGTH characters."""
        first_line = next((line.strip() for line in self.body.splitlines() if line.strip()), "")
        if len(first_line) <= PREVIEW_LENGTH:
            return first_line
        cut = first_line[:PREVIEW_LENGTH].rsplit(" ", 1)[0] or first_line[:PREVIEW_LENGTH]
        return cut.rstrip(" ,.;:") + "…"

    @property
    def lines(self) -> list[str]:
        """The body's lines, for a page that keeps the line breaks."""
        return self.body.splitlines()

    @classmethod
    def latest_in(cls, conversation_id: int, limit: int) -> Select:
        """A conversation's latest messages, newest first (the page shows them reversed)."""
        return (
            select(cls)
            .where(cls.conversation_id == conversation_id)
            .order_by(cls.created_at.desc(), cls.id.desc())
            .limit(limit)
        )

    @classmethod
    def newest_ids(cls, conversation_ids: list[int]) -> Select:
        """The id of the newest message of each conversation: one indexed look-up each."""
        newest_id = (
            select(cls.id)
            .where(cls.conversation_id == Conversation.id)
            .order_by(cls.created_at.desc(), cls.id.desc())
            .limit(1)
            .correlate(Conversation)
            .scalar_subquery()
        )
        return select(newest_id).where(Conversation.id.in_(conversation_ids))

    @classmethod
    def by_ids(cls, message_ids: list[int]) -> Select:
        """Messages by primary key. Kept apart from newest_ids: as one statement, PostgreSQL
        may join the two by reading every message."""
        return select(cls).where(cls.id.in_(message_ids))

    @classmethod
    def unread_counts(cls, recipient_id: int, conversation_ids: list[int]) -> Select:
        """(conversation_id, count) of the messages to recipient_id not yet read."""
        return (
            select(cls.conversation_id, func.count())
            .where(
                cls.recipient_id == recipient_id,
                cls.read_at.is_(None),
                cls.conversation_id.in_(conversation_ids),
            )
            .group_by(cls.conversation_id)
        )

    @classmethod
    def unread_from(cls, recipient_id: int, sender_id: int):
        """The condition for messages one person sent another that are not read yet."""
        return and_(
            cls.recipient_id == recipient_id, cls.sender_id == sender_id, cls.read_at.is_(None)
        )
