"""The data model: one module per aggregate, all re-exported here."""

from .advertising import JobEvent
from .application import Application, ApplicationStatusChange
from .email import OutboundEmail
from .job import Job, JobAlert, Report, SavedJob
from .message import Conversation, Message
from .notification import Notification
from .post import Comment, Post, PostLike
from .user import Block, Follow, User

__all__ = [
    "Application",
    "ApplicationStatusChange",
    "Block",
    "Comment",
    "Conversation",
    "Follow",
    "Job",
    "JobAlert",
    "JobEvent",
    "Message",
    "Notification",
    "OutboundEmail",
    "Post",
    "PostLike",
    "Report",
    "SavedJob",
    "User",
]

# PostgreSQL-only expression indexes, which SQLite neither has nor can reflect.
POSTGRES_ONLY_INDEXES = frozenset({"ix_jobs_search_document"})


def include_object_for(dialect_name: str):
    """Alembic's include_object hook: leave PostgreSQL-only indexes out on other databases."""

    def include_object(obj, name, type_, reflected, compare_to):
        return not (
            type_ == "index" and name in POSTGRES_ONLY_INDEXES and dialect_name != "postgresql"
        )

    return include_object
