"""Writing mails to the outbox and handing them on after commit."""

import logging
import os

from flask import Flask, current_app, has_request_context, render_template, request
from flask_sqlalchemy.session import Session
from sqlalchemy import event

from ..extensions import db, task_queues
from ..models import OutboundEmail, User
from . import delivery

log = logging.getLogger(__name__)

PENDING_KEY = "hmb_outbox_ids"
SUBJECT_MAX = 200  # the outbound_emails.subject column


def send_mail(
    kind: str,
    to: User | str,
    subject: str,
    template: str,
    *,
    list_unsubscribe: str | None = None,
    **context,
) -> OutboundEmail:
    """Render templates/email/<template>.txt and .html into an outbox row in this transaction.

    `list_unsubscribe` (an absolute URL) is sent as the List-Unsubscribe header."""
    user = to if isinstance(to, User) else None
    address = user.email if user else str(to)
    context.setdefault("user", user)
    context["site_url"] = site_url()
    email = OutboundEmail(
        kind=kind,
        user_id=user.id if user else None,
        to_address=address,
        subject=shorten(subject, SUBJECT_MAX),
        text_body=_render(f"email/{template}.txt", **context),
        html_body=_render(f"email/{template}.html", **context),
        unsubscribe_url=list_unsubscribe,
    )
    db.session.add(email)
    db.session.flush()  # the id is what the job receives after commit
    db.session.info.setdefault(PENDING_KEY, []).append(email.id)
    return email


def shorten(text: str, limit: int) -> str:
    """Fit text into limit characters, ending with … where it had to be cut (a long saved
    search makes a long alert subject)."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip() + "…"


def site_url() -> str:
    """Where links in mails point: SITE_URL, else the address this request came in on."""
    configured = current_app.config.get("SITE_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.url_root.rstrip("/")
    return f"http://127.0.0.1:{os.environ.get('PORT') or 8000}"


def _render(template: str, **context) -> str:
    """Render a mail template, also outside a web request (CLI commands, RQ jobs, sweeps).

    The templates build links with url_for, which needs a request; without one, a request
    context for the site's address is pushed (it shares the current app context, so the same
    database session).
    """
    if has_request_context():
        return render_template(template, **context)
    with current_app.test_request_context(base_url=site_url()):
        return render_template(template, **context)


def _after_commit(session) -> None:
    email_ids = session.info.pop(PENDING_KEY, [])
    if email_ids:
        dispatch(email_ids)


def _forget_pending(session, *_args) -> None:
    session.info.pop(PENDING_KEY, None)


def dispatch(email_ids: list[int]) -> None:
    """Hand committed outbox rows to RQ, or deliver them here in the embedded default.

    Never raises: the rows are committed, so a failure here is retried by the sweeper
    rather than shown to the person whose request caused the mail.
    """
    if task_queues.enabled:
        from .jobs import enqueue_delivery

        for email_id in email_ids:
            try:
                enqueue_delivery(email_id)
            except Exception:
                log.exception("could not enqueue mail %s; the sweeper will retry it", email_id)
        return
    for email_id in email_ids:
        try:
            delivery.deliver(email_id)
        except Exception:
            log.exception("mail %s not delivered; it stays pending for a retry", email_id)
    try:
        from .sweeper import sweep_now_and_then

        sweep_now_and_then()
    except Exception:
        log.exception("outbox sweep failed")


def init_app(app: Flask) -> None:
    """Hook the after-commit hand-over into Flask-SQLAlchemy's sessions (once per process)."""
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _forget_pending)
