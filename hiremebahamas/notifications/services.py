"""The one entry point for telling a person that something happened, and the list's logic."""

from dataclasses import dataclass, field

from flask_sqlalchemy.pagination import Pagination

from ..extensions import db
from ..mail import send_mail
from ..models import Notification, User
from .counts import clear_unread_counts

PER_PAGE = 30

# Which per-kind email preference (settings/notifications) governs each kind's mail.
EMAIL_PREFERENCE = {
    "new_application": "email_on_application",
    "application_status": "email_on_status",
    "new_message": "email_on_message",
    "job_alert": "email_on_alerts",
}


def wants_email(user: User, kind: str) -> bool:
    """True unless the user switched this kind of mail off (account mails are not kinds)."""
    preference = EMAIL_PREFERENCE.get(kind)
    return preference is None or bool(getattr(user, preference))


def notify(
    recipient: User,
    kind: str,
    text: str,
    link: str,
    *,
    actor: User | None = None,
    mail_subject: str | None = None,
    mail_template: str | None = None,
    **mail_context,
) -> Notification:
    """Store an in-app notification and, if asked and wanted, queue its mail — all in the
    caller's transaction, so nothing is sent for an event that is rolled back."""
    notification = Notification(
        user_id=recipient.id,
        actor_id=actor.id if actor else None,
        kind=kind,
        text=text[:300],
        link=link,
    )
    db.session.add(notification)
    clear_unread_counts(recipient.id)  # again after the caller commits
    if mail_template and mail_subject and wants_email(recipient, kind):
        send_mail(
            kind, recipient, mail_subject, mail_template, actor=actor, link=link, **mail_context
        )
    return notification


# --- the list ---------------------------------------------------------------------------


@dataclass
class NotificationLine:
    """One line of the list: a notification, or several unread likes of one post together."""

    notification: Notification  # the newest of the line
    grouped: list[Notification] = field(default_factory=list)  # the older ones folded in

    @property
    def is_unread(self) -> bool:
        return self.notification.is_unread

    @property
    def text(self) -> str:
        newest = self.notification
        others = len({n.actor_id for n in self.grouped if n.actor_id != newest.actor_id})
        if not others or newest.actor is None:
            return newest.text
        people = f"{others} other" + ("s" if others > 1 else "")
        return f"{newest.actor.display_name} and {people} liked your post"

    def folds_in(self, other: Notification) -> bool:
        """Unread likes of the same post that follow each other read as one line."""
        newest = self.notification
        return (
            newest.kind == other.kind == "post_liked"
            and newest.is_unread
            and other.is_unread
            and newest.link == other.link
        )


def notification_page(user: User, page: int) -> Pagination:
    """One page of a person's notifications, newest first; a page past the end shows the last."""
    page = max(page, 1)
    query = Notification.newest_first(user.id)
    pagination = db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)
    if page > 1 and page > pagination.pages:
        pagination = db.paginate(
            query, page=max(pagination.pages, 1), per_page=PER_PAGE, error_out=False
        )
    return pagination


def group_likes(notifications: list[Notification]) -> list[NotificationLine]:
    """Lines for the list: consecutive unread likes of one post become one line."""
    lines: list[NotificationLine] = []
    for notification in notifications:
        if lines and lines[-1].folds_in(notification):
            lines[-1].grouped.append(notification)
        else:
            lines.append(NotificationLine(notification))
    return lines


def mark_all_read(user: User) -> int:
    """Mark all of a person's notifications read; returns how many were unread."""
    marked = Notification.mark_all_read(user.id)
    clear_unread_counts(user.id)
    db.session.commit()
    return marked


def mark_read(notification: Notification) -> None:
    """Mark a notification read (with the others its line stands for)."""
    notification.mark_read()
    clear_unread_counts(notification.user_id)
    db.session.commit()
