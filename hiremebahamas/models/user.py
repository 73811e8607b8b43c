"""People: job seekers, employers and admins."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    Text,
    false,
    func,
    select,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._base import created_at_column, utcnow


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    username: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    account_type: Mapped[str] = mapped_column(String(10))  # seeker | employer
    company_name: Mapped[str | None] = mapped_column(String(120))
    company_website: Mapped[str | None] = mapped_column(String(200))
    headline: Mapped[str | None] = mapped_column(String(160))
    bio: Mapped[str | None] = mapped_column(Text)
    skills: Mapped[str | None] = mapped_column(String(500))
    island: Mapped[str | None] = mapped_column(String(30))
    # Private: shown only to the seeker and, on an application, to that job's employer.
    work_status: Mapped[str | None] = mapped_column(String(20))
    open_to_work: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    suspended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Bumped when every other session must end (sign-out everywhere, password change).
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = created_at_column()
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # Per-kind email preferences (settings/notifications); account mails ignore them.
    email_on_application: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    email_on_status: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    email_on_message: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    email_on_alerts: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    __table_args__ = (
        Index("ix_users_island_open_to_work", "island", "open_to_work"),
        Index("ix_users_account_type", "account_type"),
    )

    def __repr__(self) -> str:
        return f"<User {self.username}>"

    # Flask-Login keys the session on the id and the session version, so bumping the
    # version signs the user out of every other browser.
    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_employer(self) -> bool:
        return self.account_type == "employer"

    @property
    def is_seeker(self) -> bool:
        return self.account_type == "seeker"

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def is_active(self) -> bool:
        return not self.is_suspended

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def display_name(self) -> str:
        """What other people see: the company for employers, the person's name otherwise."""
        return self.company_name if self.is_employer and self.company_name else self.name

    def mark_email_verified(self) -> None:
        if self.email_verified_at is None:
            self.email_verified_at = utcnow()

    def end_other_sessions(self) -> None:
        self.session_version = (self.session_version or 1) + 1

    # --- the network -------------------------------------------------------------------

    def is_following(self, other: "User") -> bool:
        return db.session.get(Follow, (self.id, other.id)) is not None

    def follow(self, other: "User") -> bool:
        """Follow someone (not yourself); returns False when nothing changed."""
        if other.id == self.id or self.is_following(other):
            return False
        db.session.add(Follow(follower_id=self.id, followed_id=other.id))
        return True

    def unfollow(self, other: "User") -> bool:
        follow = db.session.get(Follow, (self.id, other.id))
        if follow is None:
            return False
        db.session.delete(follow)
        return True

    def follower_count(self) -> int:
        return db.session.scalar(
            select(func.count()).select_from(Follow).where(Follow.followed_id == self.id)
        )

    def following_count(self) -> int:
        return db.session.scalar(
            select(func.count()).select_from(Follow).where(Follow.follower_id == self.id)
        )

    def followers(self) -> Select:
        """The people who follow this user, most recent first."""
        return (
            select(User)
            .join(Follow, Follow.follower_id == User.id)
            .where(Follow.followed_id == self.id)
            .order_by(Follow.created_at.desc(), User.id.desc())
        )

    def following(self) -> Select:
        """The people this user follows, most recent first."""
        return (
            select(User)
            .join(Follow, Follow.followed_id == User.id)
            .where(Follow.follower_id == self.id)
            .order_by(Follow.created_at.desc(), User.id.desc())
        )

    @classmethod
    def by_email(cls, email: str) -> "User | None":
        return db.session.scalar(select(cls).where(cls.email == email.strip().lower()))

    @classmethod
    def by_username(cls, username: str) -> "User | None":
        return db.session.scalar(
            select(cls).where(func.lower(cls.username) == username.strip().lower())
        )

    @classmethod
    def from_session_id(cls, session_id: str) -> "User | None":
        """Load the user a Flask-Login id names, if that session is still current."""
        user_id, _, version = session_id.partition(":")
        if not (
            user_id.isascii() and user_id.isdigit() and version.isascii() and version.isdigit()
        ):
            return None
        user = db.session.get(cls, int(user_id))
        if user is None or user.session_version != int(version):
            return None
        return user


class Follow(db.Model):
    __tablename__ = "follows"

    follower_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    followed_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = created_at_column()

    # The primary key serves "whom do I follow"; this serves "who follows me".
    __table_args__ = (Index("ix_follows_followed_id_follower_id", "followed_id", "follower_id"),)


class Block(db.Model):
    __tablename__ = "blocks"

    blocker_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    blocked_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = created_at_column()

    __table_args__ = (Index("ix_blocks_blocked_id", "blocked_id"),)


# Profiles and message threads find people by username whatever its case (User.by_username):
# without this index every such page reads the whole users table.
User.__table__.append_constraint(Index("ix_users_username_lower", func.lower(User.username)))
