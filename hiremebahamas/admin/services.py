"""Moderators' actions: resolve reports, remove jobs and posts, suspend and restore people.

Removed content is hidden everywhere but kept for the record; suspension signs the person
out everywhere (their session version moves on)."""

from sqlalchemy import func, select, update

from ..caching import clear_job_pages
from ..extensions import db, task_queues
from ..models import Comment, Job, JobEvent, OutboundEmail, Post, Report, User
from ..models._base import utcnow


def resolve_report(report: Report, by: User, outcome: str) -> None:
    report.status = outcome  # resolved | dismissed
    report.resolved_at = utcnow()
    report.resolved_by_id = by.id
    db.session.commit()


def resolve_reports_about(*, by: User, job_id=None, post_id=None, comment_id=None) -> None:
    conditions = [Report.status == "open"]
    if job_id is not None:
        conditions.append(Report.job_id == job_id)
    if post_id is not None:
        conditions.append(Report.post_id == post_id)
    if comment_id is not None:
        conditions.append(Report.comment_id == comment_id)
    db.session.execute(
        update(Report)
        .where(*conditions)
        .values(status="resolved", resolved_at=utcnow(), resolved_by_id=by.id)
    )


def remove_job(job: Job, by: User) -> None:
    if job.status != "removed":
        job.status = "removed"
        job.closed_at = job.closed_at or utcnow()
        db.session.add(
            JobEvent(
                job_id=job.id,
                kind="closed",
                by_user_id=by.id,
                title=job.title,
                description=job.description,
                changes={"removed by a moderator": [None, True]},
            )
        )
    # Its announcement in followers' feeds and on the employer's profile goes too.
    db.session.execute(
        update(Post)
        .where(Post.job_id == job.id, Post.removed_at.is_(None))
        .values(removed_at=utcnow())
    )
    resolve_reports_about(by=by, job_id=job.id)
    db.session.commit()
    clear_job_pages()


def remove_post(post: Post, by: User) -> None:
    post.removed_at = post.removed_at or utcnow()
    resolve_reports_about(by=by, post_id=post.id)
    db.session.commit()


def remove_comment(comment: Comment, by: User) -> None:
    if comment.removed_at is None:
        comment.removed_at = utcnow()
        db.session.execute(
            update(Post)
            .where(Post.id == comment.post_id)
            .values(comment_count=Post.comment_count - 1)
        )
    resolve_reports_about(by=by, comment_id=comment.id)
    db.session.commit()


def suspend(user: User) -> None:
    if user.suspended_at is None:
        user.suspended_at = utcnow()
        user.end_other_sessions()  # every session and remember-me cookie stops working
        db.session.commit()
        clear_job_pages()


def restore(user: User) -> None:
    if user.suspended_at is not None:
        user.suspended_at = None
        db.session.commit()
        clear_job_pages()


def operations_figures() -> dict:
    """Counts for the operations view: people, jobs, the mail outbox, the queue and workers."""

    def count(model, *conditions):
        return db.session.scalar(select(func.count()).select_from(model).where(*conditions))

    outbox = dict(
        db.session.execute(
            select(OutboundEmail.status, func.count()).group_by(OutboundEmail.status)
        ).all()
    )
    figures = {
        "users": count(User),
        "suspended": count(User, User.suspended_at.is_not(None)),
        "open_jobs": count(Job, Job.status == "open"),
        "posts": count(Post, Post.removed_at.is_(None)),
        "open_reports": count(Report, Report.status == "open"),
        "outbox": {status: outbox.get(status, 0) for status in ("pending", "sent", "failed")},
        "queue": None,
        "workers": [],
    }
    if task_queues.enabled:
        from rq import Worker

        try:
            figures["queue"] = task_queues.queue("mail").count
            figures["workers"] = [
                (worker.name, worker.get_state()) for worker in Worker.all(task_queues.redis)
            ]
        except Exception as exc:  # Redis down: say so on the page instead of failing it
            figures["queue"] = f"unavailable ({type(exc).__name__})"
    return figures
