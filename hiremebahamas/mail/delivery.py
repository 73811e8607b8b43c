"""Sending one stored outbox row over SMTP, or writing it to instance/outbox/."""

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app
from sqlalchemy.orm import Session

from ..extensions import db
from ..models import OutboundEmail
from ..models._base import as_utc

log = logging.getLogger(__name__)

# The first try and five retries (see jobs.RETRY); then the row is marked failed.
MAX_ATTEMPTS = 6


def build_message(email: OutboundEmail, sender: str) -> EmailMessage:
    """The MIME message for an outbox row: plain text with an HTML alternative."""
    message = EmailMessage()
    message["Subject"] = email.subject
    message["From"] = sender
    message["To"] = email.to_address
    message["Date"] = format_datetime(as_utc(email.created_at))
    # A stable Message-ID lets a receiving server drop a duplicate delivery.
    domain = sender.rsplit("@", 1)[-1].rstrip(">") or "hiremebahamas.com"
    message["Message-ID"] = make_msgid(idstring=f"outbox-{email.id}", domain=domain)
    if email.unsubscribe_url:
        message["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # 8bit keeps links on one line in the raw message (readable .eml files); lines are short.
    message.set_content(email.text_body, cte="8bit")
    if email.html_body:
        message.add_alternative(email.html_body, subtype="html", cte="8bit")
    return message


def transmit(message: EmailMessage, email_id: int) -> None:
    """Deliver over SMTP when MAIL_SERVER is set, else write an .eml file."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        outbox = Path(config["OUTBOX_DIR"])
        outbox.mkdir(parents=True, exist_ok=True)
        (outbox / f"{email_id:08d}.eml").write_bytes(bytes(message))
        return
    timeout = config.get("MAIL_TIMEOUT", 10)
    if config.get("MAIL_USE_SSL"):
        client = smtplib.SMTP_SSL(
            config["MAIL_SERVER"],
            config["MAIL_PORT"],
            timeout=timeout,
            context=ssl.create_default_context(),
        )
    else:
        client = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
    with client:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            client.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            client.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        client.send_message(message)


def deliver(email_id: int) -> str:
    """Send one outbox row unless it was already sent or given up; returns what happened.

    Runs in its own session so it can be called right after another transaction commits.
    The row is locked while sending (on PostgreSQL) so two workers never send it twice.
    A failure is recorded and raised (so RQ retries it) until the last attempt, which marks
    the row failed instead.
    """
    with Session(db.engine, expire_on_commit=False) as session:
        email = session.get(OutboundEmail, email_id, with_for_update=True)
        if email is None:
            log.warning("mail %s: no such outbox row", email_id)
            return "missing"
        if email.status != "pending":
            log.info("mail %s: already %s, nothing to do", email_id, email.status)
            return f"already-{email.status}"
        email.attempts += 1
        try:
            transmit(build_message(email, current_app.config["MAIL_DEFAULT_SENDER"]), email.id)
        except Exception as exc:
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = "failed"
                session.commit()
                log.error("mail %s failed for good after %s attempts", email_id, email.attempts)
                return "failed"
            session.commit()
            log.warning("mail %s attempt %s failed: %s", email_id, email.attempts, exc)
            raise
        email.mark_sent()
        session.commit()
        log.info("mail %s (%s) sent to %s", email.id, email.kind, email.to_address)
        return "sent"
