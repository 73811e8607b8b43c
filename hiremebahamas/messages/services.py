"""Private messages as named operations: send, read a thread, list the inbox, block."""

from dataclasses import dataclass, field

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Block, Conversation, Message, Notification, User
from ..models._base import utcnow
from ..notifications.counts import clear_unread_counts
from ..notifications.services import notify

MAX_BODY_LENGTH = 3000
THREAD_LENGTH = 100  # the thread page shows the latest messages, oldest first
INBOX_PAGE_SIZE = 30
LAST_INBOX_PAGE = 10_000


class MessageRefused(Exception):
    """The message was not sent (the text says why, in words for the sender)."""


def clean_body(text: str | None) -> str:
    """Plain text as it is stored: one kind of line break, no surrounding blank space."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


# --- blocking -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockState:
    """Who of two people has blocked whom, seen from the first person."""

    i_blocked: bool = False
    they_blocked: bool = False

    @property
    def either(self) -> bool:
        return self.i_blocked or self.they_blocked


def block_state(me: User, other: User) -> BlockState:
    """Both directions in one query."""
    blockers = set(
        db.session.scalars(
            select(Block.blocker_id).where(
                or_(
                    and_(Block.blocker_id == me.id, Block.blocked_id == other.id),
                    and_(Block.blocker_id == other.id, Block.blocked_id == me.id),
                )
            )
        )
    )
    return BlockState(i_blocked=me.id in blockers, they_blocked=other.id in blockers)


def is_blocked_between(a: User, b: User) -> bool:
    """True when either person has blocked the other."""
    return block_state(a, b).either


def block(me: User, other: User) -> bool:
    """Stop messages both ways; False when me had already blocked other."""
    if me.id == other.id:
        raise ValueError("You can't block yourself.")
    if db.session.get(Block, (me.id, other.id)) is not None:
        return False
    db.session.add(Block(blocker_id=me.id, blocked_id=other.id))
    try:
        db.session.commit()
    except IntegrityError:  # a double click raced past the look-up above
        db.session.rollback()
        return False
    return True


def unblock(me: User, other: User) -> bool:
    """Lift me's block on other; False when there was none."""
    result = db.session.execute(
        delete(Block).where(Block.blocker_id == me.id, Block.blocked_id == other.id)
    )
    db.session.commit()
    return result.rowcount > 0


# --- sending ------------------------------------------------------------------------------


def refusal(sender: User, recipient: User, blocks: BlockState | None = None) -> str | None:
    """Why sender can't message recipient, or None when they can."""
    name = recipient.display_name
    if sender.id == recipient.id:
        return "You can't send a message to yourself."
    if sender.is_suspended:
        return "Your account is suspended, so you can't send messages."
    if recipient.is_suspended:
        return f"{name}'s account is suspended, so they can't receive messages."
    blocks = blocks or block_state(sender, recipient)
    if blocks.i_blocked:
        return f"You blocked {name}. Unblock them to send a message."
    if blocks.they_blocked:
        return f"{name} isn't accepting messages from you."
    return None


def find_conversation(a: User, b: User) -> Conversation | None:
    return db.session.scalar(Conversation.between(a.id, b.id))


def start_conversation(a: User, b: User) -> Conversation:
    """The pair's conversation, created on their first message."""
    conversation = find_conversation(a, b)
    if conversation is not None:
        return conversation
    low, high = Conversation.ordered_pair(a.id, b.id)
    conversation = Conversation(user_low_id=low, user_high_id=high)
    db.session.add(conversation)
    try:
        db.session.flush()
    except IntegrityError:
        # Both people sent a first message at once and the other one won: use theirs.
        # Only look-ups ran before this flush, so rolling back loses nothing.
        db.session.rollback()
        conversation = find_conversation(a, b)
        if conversation is None:
            raise
    return conversation


def send_message(sender: User, recipient: User, body: str) -> Message:
    """Store the message in the pair's conversation and tell the recipient."""
    text = clean_body(body)
    reason = refusal(sender, recipient)
    if reason:
        raise MessageRefused(reason)
    if not text:
        raise MessageRefused("Write a message before sending.")
    if len(text) > MAX_BODY_LENGTH:
        raise MessageRefused(f"Messages can be up to {MAX_BODY_LENGTH:,} characters.")
    conversation = start_conversation(sender, recipient)
    now = utcnow()
    message = Message(
        conversation_id=conversation.id,
        sender_id=sender.id,
        recipient_id=recipient.id,
        body=text,
        created_at=now,
    )
    conversation.last_message_at = now
    db.session.add(message)
    tell_recipient(sender, recipient)
    clear_unread_counts(recipient.id)
    db.session.commit()
    return message


def tell_recipient(sender: User, recipient: User) -> None:
    """One unread notification per sender: a burst of messages is one thing to look at."""
    waiting = db.session.scalar(
        select(Notification.id).where(unread_message_notifications(recipient, sender)).limit(1)
    )
    if waiting is None:
        notify(
            recipient,
            "new_message",
            f"{sender.display_name} sent you a message",
            f"/messages/{sender.username}",
            actor=sender,
        )


def unread_message_notifications(recipient: User, sender: User):
    return and_(
        Notification.user_id == recipient.id,
        Notification.actor_id == sender.id,
        Notification.kind == "new_message",
        Notification.read_at.is_(None),
    )


# --- reading ------------------------------------------------------------------------------


@dataclass
class Thread:
    """What the thread page shows: the latest messages between me and other, oldest first."""

    other: User
    conversation: Conversation | None
    messages: list[Message]
    has_earlier: bool
    blocks: BlockState
    refusal: str | None  # why a reply can't be sent; shown instead of the form
    new_ids: set[int] = field(default_factory=set)  # unread until this visit


def open_thread(me: User, other: User) -> Thread:
    """The thread as it stands, without marking anything read."""
    conversation = find_conversation(me, other)
    messages: list[Message] = []
    has_earlier = False
    if conversation is not None:
        newest = db.session.scalars(Message.latest_in(conversation.id, THREAD_LENGTH + 1)).all()
        has_earlier = len(newest) > THREAD_LENGTH
        messages = list(reversed(newest[:THREAD_LENGTH]))
    blocks = block_state(me, other)
    return Thread(other, conversation, messages, has_earlier, blocks, refusal(me, other, blocks))


def read_thread(me: User, other: User) -> Thread:
    """Mark what other sent me read (viewing a thread reads it), then open the thread."""
    # Look before writing: an UPDATE would lock SQLite on every view. And write before
    # loading the thread, so the commit does not expire a page of loaded messages.
    new_ids = set(
        db.session.scalars(select(Message.id).where(Message.unread_from(me.id, other.id)))
    )
    if new_ids:
        mark_thread_read(me, other)
    thread = open_thread(me, other)
    thread.new_ids = new_ids
    return thread


def mark_thread_read(me: User, other: User) -> int:
    """Mark every message other sent me read, and the notifications about them."""
    now = utcnow()
    result = db.session.execute(
        update(Message).where(Message.unread_from(me.id, other.id)).values(read_at=now)
    )
    db.session.execute(
        update(Notification).where(unread_message_notifications(me, other)).values(read_at=now)
    )
    clear_unread_counts(me.id)
    db.session.commit()
    return result.rowcount


@dataclass
class InboxRow:
    conversation: Conversation
    other: User
    last_message: Message | None
    unread: int


def inbox(me: User, page: int = 1) -> tuple[list[InboxRow], bool]:
    """One page of me's conversations, newest first, and whether older ones follow.

    Three queries whatever the number of conversations: the conversations with the other
    person, the last message of each, and the unread counts.
    """
    found = db.session.execute(
        Conversation.inbox_for(me.id)
        .limit(INBOX_PAGE_SIZE + 1)
        .offset((page - 1) * INBOX_PAGE_SIZE)
    ).all()
    has_more = len(found) > INBOX_PAGE_SIZE
    found = found[:INBOX_PAGE_SIZE]
    ids = [conversation.id for conversation, _ in found]
    if not ids:
        return [], False
    last = {
        message.conversation_id: message
        for message in db.session.scalars(
            Message.by_ids(list(db.session.scalars(Message.newest_ids(ids))))
        )
    }
    unread = dict(db.session.execute(Message.unread_counts(me.id, ids)).all())
    rows = [
        InboxRow(conversation, other, last.get(conversation.id), unread.get(conversation.id, 0))
        for conversation, other in found
    ]
    return rows, has_more
