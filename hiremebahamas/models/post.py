"""The feed: posts, likes and comments."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, Select, Text, and_, or_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._base import created_at_column
from .user import Follow, User


class Post(db.Model):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    # Set when the post announces a new job to the employer's followers.
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    # Denormalised so a feed page needs no per-post counting queries.
    like_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    comment_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = created_at_column()
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    author: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    @classmethod
    def visible(cls) -> Select:
        """Posts not removed by moderators, newest first (keyset on created_at, id)."""
        return (
            select(cls)
            .where(cls.removed_at.is_(None))
            .order_by(cls.created_at.desc(), cls.id.desc())
        )

    @classmethod
    def feed_for(cls, user: User) -> Select:
        """The posts of the people this user follows, and their own."""
        followed = select(Follow.followed_id).where(Follow.follower_id == user.id)
        return cls.visible().where(or_(cls.author_id == user.id, cls.author_id.in_(followed)))

    @classmethod
    def by_author(cls, author: User) -> Select:
        return cls.visible().where(cls.author_id == author.id)

    @staticmethod
    def older_than(statement: Select, created_at, post_id: int) -> Select:
        """Keyset pagination: the posts after the cursor (stable while new posts arrive)."""
        return statement.where(
            or_(
                Post.created_at < created_at,
                and_(Post.created_at == created_at, Post.id < post_id),
            )
        )

    __table_args__ = (
        Index("ix_posts_author_id_created_at", "author_id", "created_at"),
        Index("ix_posts_created_at", "created_at"),
    )


class PostLike(db.Model):
    __tablename__ = "post_likes"

    post_id: Mapped[int] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = created_at_column()

    # The primary key serves "who liked this post"; this serves "did I like these posts".
    __table_args__ = (Index("ix_post_likes_user_id_post_id", "user_id", "post_id"),)


def liked_post_ids(user: User, post_ids: list[int]) -> set[int]:
    """Which of these posts the user has liked (one query for a whole page)."""
    if not post_ids:
        return set()
    return set(
        db.session.scalars(
            select(PostLike.post_id).where(
                PostLike.user_id == user.id, PostLike.post_id.in_(post_ids)
            )
        )
    )


class Comment(db.Model):
    __tablename__ = "post_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    author: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        Index("ix_post_comments_post_id_created_at", "post_id", "created_at"),
        Index("ix_post_comments_author_id", "author_id"),
    )
