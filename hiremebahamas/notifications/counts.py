"""The unread counts in every signed-in page's header, cached per person.

A page reads `unread_counts(user_id)`: one cache get when warm, one SQL statement for both
numbers when cold. Anything that changes a count calls `clear_unread_counts(user_id)`. The
change is usually still uncommitted at that moment, and a request running in between could put
the old number back into the cache, so the key is deleted at once *and* again after the
transaction commits. The cache is a help, never a dependency: if it fails, the counts are
taken from the database.
"""

import logging

from flask import g, has_request_context
from flask_sqlalchemy.session import Session
from sqlalchemy import event, func, select

from ..extensions import cache, db
from ..models import Message, Notification

log = logging.getLogger(__name__)

COUNTS_TIMEOUT = 60  # seconds; a missed invalidation can never show a wrong number for longer
PENDING_KEY = "hmb_clear_unread_counts"


def counts_key(user_id: int) -> str:
    return f"counts:{user_id}"


def _safely(action, default=None):
    try:
        return action()
    except Exception as exc:  # Redis down or a cache file unreadable: count without it
        log.warning("cache unavailable (%s); counting unread items directly", type(exc).__name__)
        return default


def count_unread(user_id: int) -> dict[str, int]:
    """Unread messages and notifications, counted in the database in one statement."""
    messages = (
        select(func.count())
        .select_from(Message)
        .where(Message.recipient_id == user_id, Message.read_at.is_(None))
        .scalar_subquery()
    )
    notifications = Notification.unread_count(user_id).scalar_subquery()
    row = db.session.execute(
        select(messages.label("messages"), notifications.label("notifications"))
    ).one()
    return {"messages": row.messages or 0, "notifications": row.notifications or 0}


def unread_counts(user_id: int) -> dict[str, int]:
    """{"messages": n, "notifications": m} for the header, from the cache when it has them.

    Kept for the rest of the request too, so a page that shows them twice asks once."""
    seen = g.setdefault("unread_counts", {}) if has_request_context() else {}
    if user_id in seen:
        return seen[user_id]
    key = counts_key(user_id)
    counts = _safely(lambda: cache.get(key))
    if not isinstance(counts, dict):
        counts = count_unread(user_id)
        _safely(lambda: cache.set(key, counts, timeout=COUNTS_TIMEOUT))
    seen[user_id] = counts
    return counts


def clear_unread_counts(user_id: int) -> None:
    """A person's unread messages or notifications changed: count them afresh on their next
    page. Call it in the same transaction as the change (before or after its commit)."""
    key = counts_key(user_id)
    g.get("unread_counts", {}).pop(user_id, None)
    _safely(lambda: cache.delete(key))
    db.session.info.setdefault(PENDING_KEY, set()).add(user_id)


def _clear_after_commit(session) -> None:
    for user_id in session.info.pop(PENDING_KEY, ()):
        key = counts_key(user_id)
        _safely(lambda key=key: cache.delete(key))


def _forget_pending(session, *_args) -> None:
    session.info.pop(PENDING_KEY, None)


if not event.contains(Session, "after_commit", _clear_after_commit):
    event.listen(Session, "after_commit", _clear_after_commit)
    event.listen(Session, "after_rollback", _forget_pending)
