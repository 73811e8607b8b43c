"""A seeker's application to a job, and its history through the pipeline."""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..extensions import db
from ._base import created_at_column, utcnow

# The pipeline an employer moves an applicant through; "rejected" may follow any open step.
PIPELINE = ("applied", "reviewing", "interview", "offer", "hired")
FINAL_STATUSES = ("hired", "rejected", "withdrawn")


class Application(db.Model):
    __tablename__ = "job_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    cover_letter: Mapped[str] = mapped_column(Text)
    # Stored in the database so every app instance can serve it; loaded only when asked for.
    resume_pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    resume_filename: Mapped[str | None] = mapped_column(String(200))
    resume_size: Mapped[int | None] = mapped_column(Integer)
    # The applicant's declared work status when they applied (for the advertising record).
    applicant_work_status: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="applied", server_default="applied")
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    history: Mapped[list["ApplicationStatusChange"]] = relationship(
        back_populates="application",
        order_by="ApplicationStatusChange.created_at",
        cascade="all, delete-orphan",
    )

    __table_args__ = (
        UniqueConstraint("job_id", "applicant_id"),
        CheckConstraint(
            "status IN ('applied', 'reviewing', 'interview', 'offer', 'hired', 'rejected', "
            "'withdrawn')",
            name="status",
        ),
        Index("ix_job_applications_job_id_status", "job_id", "status"),
        Index("ix_job_applications_applicant_id_created_at", "applicant_id", "created_at"),
    )


class ApplicationStatusChange(db.Model):
    __tablename__ = "application_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("job_applications.id", ondelete="CASCADE")
    )
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = created_at_column()

    application: Mapped[Application] = relationship(back_populates="history")

    __table_args__ = (
        Index(
            "ix_application_status_changes_application_id_created_at",
            "application_id",
            "created_at",
        ),
    )
