"""The network's operations: follow, post, like, comment, delete — each notifies as needed."""

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Comment, Job, Post, PostLike, User
from ..models._base import utcnow
from ..notifications.services import notify
from ..vocab import ISLANDS


def follow(follower: User, followed: User) -> bool:
    """Follow someone; idempotent. Tells them the first time."""
    if not follower.follow(followed):
        return False
    notify(
        followed,
        "new_follower",
        f"{follower.display_name} started following you",
        f"/u/{follower.username}",
        actor=follower,
    )
    try:
        db.session.commit()
    except IntegrityError:  # a double click raced: the follow exists, which is what was asked
        db.session.rollback()
        return False
    return True


def unfollow(follower: User, followed: User) -> bool:
    changed = follower.unfollow(followed)
    db.session.commit()
    return changed


def publish_post(author: User, body: str, job: Job | None = None) -> Post:
    post = Post(author_id=author.id, body=body, job_id=job.id if job else None)
    db.session.add(post)
    db.session.commit()
    return post


def announce_job(job: Job) -> Post:
    """The feed item an employer's followers see when a new job goes up."""
    employer = job.employer
    body = f"We're hiring: {job.title} in {job.location}, {ISLANDS.get(job.island, job.island)}."
    return publish_post(employer, body, job)


def like(post: Post, user: User) -> bool:
    """Like a post; idempotent. The count is kept on the post for cheap feed pages."""
    if db.session.get(PostLike, (post.id, user.id)) is not None:
        return False
    db.session.add(PostLike(post_id=post.id, user_id=user.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    db.session.execute(
        update(Post).where(Post.id == post.id).values(like_count=Post.like_count + 1)
    )
    if post.author_id != user.id:
        notify(
            post.author,
            "post_liked",
            f"{user.display_name} liked your post",
            f"/posts/{post.id}",
            actor=user,
        )
    db.session.commit()
    return True


def unlike(post: Post, user: User) -> bool:
    existing = db.session.get(PostLike, (post.id, user.id))
    if existing is None:
        return False
    db.session.delete(existing)
    db.session.flush()
    db.session.execute(
        update(Post).where(Post.id == post.id).values(like_count=Post.like_count - 1)
    )
    db.session.commit()
    return True


def add_comment(post: Post, author: User, body: str) -> Comment:
    comment = Comment(post_id=post.id, author_id=author.id, body=body)
    db.session.add(comment)
    db.session.execute(
        update(Post).where(Post.id == post.id).values(comment_count=Post.comment_count + 1)
    )
    if post.author_id != author.id:
        notify(
            post.author,
            "post_commented",
            f"{author.display_name} commented on your post",
            f"/posts/{post.id}#comments",
            actor=author,
        )
    db.session.commit()
    return comment


def can_delete(user: User, author_id: int) -> bool:
    return user.is_authenticated and (user.id == author_id or user.is_admin)


def delete_post(post: Post, by: User) -> None:
    """The author deletes for good; an administrator removes it from view, kept for the record."""
    if by.id == post.author_id:
        db.session.delete(post)
    else:
        post.removed_at = utcnow()
    db.session.commit()


def delete_comment(comment: Comment, by: User) -> None:
    if by.id == comment.author_id:
        db.session.delete(comment)
    else:
        comment.removed_at = utcnow()
    db.session.execute(
        update(Post).where(Post.id == comment.post_id).values(comment_count=Post.comment_count - 1)
    )
    db.session.commit()
