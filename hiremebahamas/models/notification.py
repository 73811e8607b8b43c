"""In-app notifications with an unread marker and a link to what they are about."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Index, Select, String, func, select, update
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from ..extensions import db
from ._base import created_at_column, utcnow

if TYPE_CHECKING:
    from .user import User


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # new_follower, post_liked, post_commented, new_application, application_status,
    # new_message, job_from_followed
    kind: Mapped[str] = mapped_column(String(30))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(300))
    link: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = created_at_column()
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # Who caused it; loaded with the list (never lazily: a page must not query per row).
    actor: Mapped["User | None"] = relationship(foreign_keys=[actor_id], lazy="raise")

    __table_args__ = (
        Index("ix_notifications_user_id_read_at_created_at", "user_id", "read_at", "created_at"),
        Index("ix_notifications_user_id_created_at", "user_id", "created_at"),
    )

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.kind} for {self.user_id}>"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @classmethod
    def newest_first(cls, user_id: int) -> Select:
        """A person's notifications, newest first, each with the person who caused it."""
        return (
            select(cls)
            .options(joinedload(cls.actor))
            .where(cls.user_id == user_id)
            .order_by(cls.created_at.desc(), cls.id.desc())
        )

    @classmethod
    def unread_count(cls, user_id: int) -> Select:
        """How many of a person's notifications are unread (served by the user/read_at index)."""
        return (
            select(func.count())
            .select_from(cls)
            .where(cls.user_id == user_id, cls.read_at.is_(None))
        )

    @classmethod
    def mark_all_read(cls, user_id: int) -> int:
        """Mark every unread notification of a person read; returns how many there were."""
        result = db.session.execute(
            update(cls)
            .where(cls.user_id == user_id, cls.read_at.is_(None))
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0

    def mark_read(self) -> int:
        """Mark this one read, with the person's other unread ones of the same kind about the
        same thing (the likes of one post shown as one line, the messages of one thread)."""
        result = db.session.execute(
            update(Notification)
            .where(
                Notification.user_id == self.user_id,
                Notification.kind == self.kind,
                Notification.link == self.link,
                Notification.read_at.is_(None),
            )
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0
