"""The one entry point for telling a person that something happened."""

from ..extensions import db
from ..mail import send_mail
from ..models import Notification, User

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
    if mail_template and mail_subject and wants_email(recipient, kind):
        send_mail(
            kind, recipient, mail_subject, mail_template, actor=actor, link=link, **mail_context
        )
    return notification
