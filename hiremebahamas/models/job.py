"""Job postings and what seekers do with them: save, alert, report."""

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    Text,
    and_,
    func,
    literal_column,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._base import created_at_column, utcnow
from .user import User


def search_document(columns=None):
    """PostgreSQL full-text document of a job: title words weigh more than description words."""
    columns = columns if columns is not None else Job.__table__.c
    english = literal_column("'english'::regconfig")
    return func.setweight(func.to_tsvector(english, columns.title), literal_column("'A'")).op("||")(
        func.setweight(func.to_tsvector(english, columns.description), literal_column("'B'"))
    )


class Job(db.Model):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    island: Mapped[str] = mapped_column(String(30))
    location: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(40))
    employment_type: Mapped[str] = mapped_column(String(20))
    workplace: Mapped[str] = mapped_column(String(10))
    salary_min: Mapped[int | None] = mapped_column(Integer)
    salary_max: Mapped[int | None] = mapped_column(Integer)
    salary_period: Mapped[str | None] = mapped_column(String(10))  # hour | month | year, BSD
    closes_on: Mapped[date] = mapped_column(Date)
    permit: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="open", server_default="open")
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    employer: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
            name="salary_range",
        ),
        CheckConstraint("status IN ('open', 'closed', 'removed')", name="status"),
        # The list page: open jobs, newest first, optionally by island or category.
        Index("ix_jobs_status_closes_on_created_at", "status", "closes_on", "created_at"),
        Index("ix_jobs_island_status_created_at", "island", "status", "created_at"),
        Index("ix_jobs_category_status_created_at", "category", "status", "created_at"),
        Index("ix_jobs_employer_id_created_at", "employer_id", "created_at"),
    )

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.title!r}>"

    def is_open_on(self, day: date) -> bool:
        """Open to applications on that (Bahamas) day: not closed, not past its closing date."""
        return self.status == "open" and self.closes_on >= day

    @classmethod
    def listed_on(cls, day: date):
        """The condition for a job to be listed: open, not past its closing day, and not
        posted by a suspended employer."""
        suspended = select(User.id).where(User.suspended_at.is_not(None))
        return and_(cls.status == "open", cls.closes_on >= day, cls.employer_id.not_in(suspended))

    @classmethod
    def open_on(cls, day: date) -> Select:
        """Jobs open to applications on that day, newest first."""
        return select(cls).where(cls.listed_on(day)).order_by(cls.created_at.desc(), cls.id.desc())

    @classmethod
    def open_counts_by_island(cls, day: date) -> Select:
        """(island, number of open jobs) for every island that has any."""
        return select(cls.island, func.count()).where(cls.listed_on(day)).group_by(cls.island)


# Keyword search on PostgreSQL: a GIN index over the weighted document (SQLite uses LIKE).
Job.__table__.append_constraint(
    Index("ix_jobs_search_document", search_document(), postgresql_using="gin").ddl_if(
        dialect="postgresql"
    )
)


class SavedJob(db.Model):
    __tablename__ = "saved_jobs"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = created_at_column()

    __table_args__ = (Index("ix_saved_jobs_user_id_created_at", "user_id", "created_at"),)


class JobAlert(db.Model):
    """A saved search, mailed daily or weekly."""

    __tablename__ = "job_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    q: Mapped[str | None] = mapped_column(String(200))
    island: Mapped[str | None] = mapped_column(String(30))
    category: Mapped[str | None] = mapped_column(String(40))
    employment_type: Mapped[str | None] = mapped_column(String(20))
    workplace: Mapped[str | None] = mapped_column(String(10))
    salary_min: Mapped[int | None] = mapped_column(Integer)
    permit: Mapped[str | None] = mapped_column(String(20))
    frequency: Mapped[str] = mapped_column(String(10), default="daily")  # daily | weekly
    created_at: Mapped[datetime] = created_at_column()
    # When the alert last ran: the next digest lists jobs posted after this.
    last_notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_job_alerts_frequency_last_notified_at", "frequency", "last_notified_at"),
    )


class Report(db.Model):
    """A user's report of a job, post or comment, waiting in the admin queue."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("post_comments.id", ondelete="CASCADE")
    )
    reason: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(10), default="open", server_default="open")
    created_at: Mapped[datetime] = created_at_column()
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN job_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN post_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN comment_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
        Index("ix_reports_status_created_at", "status", "created_at"),
    )
