"""A job's advertising history: an append-only log of what was published, and when.

Employers need it for a labour certificate: proof that a vacancy was advertised locally,
for how long, and with what text. Rows are only ever added, never changed.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._base import created_at_column

EVENT_KINDS = {
    "published": "Published",
    "edited": "Edited",
    "closed": "Closed",
    "reopened": "Reopened",
}
# The fields whose changes a version records (what the public saw).
ADVERTISED_FIELDS = (
    "title",
    "description",
    "island",
    "location",
    "category",
    "employment_type",
    "workplace",
    "salary_min",
    "salary_max",
    "salary_period",
    "closes_on",
    "permit",
)


class JobEvent(db.Model):
    __tablename__ = "job_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))  # published | edited | closed | reopened
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The advertised text as of this event, and for edits {field: [before, after]}.
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    changes: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = created_at_column()

    __table_args__ = (Index("ix_job_events_job_id_created_at", "job_id", "created_at"),)

    @classmethod
    def history_of(cls, job_id: int):
        return select(cls).where(cls.job_id == job_id).order_by(cls.created_at, cls.id)
