"""The data model: one module per aggregate, all re-exported here."""

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
    "Message",
    "Notification",
    "OutboundEmail",
    "Post",
    "PostLike",
    "Report",
    "SavedJob",
    "User",
]
