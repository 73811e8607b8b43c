"""The advertising record: a job's append-only history and the evidence built from it."""

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import Application, ApplicationStatusChange, Job, JobEvent, User
from ..models._base import as_utc, utcnow
from ..models.advertising import ADVERTISED_FIELDS
from ..timezone import NASSAU, nassau_today, to_nassau
from ..vocab import APPLICATION_STATUSES, LOCAL_WORK_STATUSES, WORK_STATUSES


def _plain(value):
    """A field value as stored in a version (JSON): dates as ISO text."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def advertised_values(job: Job) -> dict:
    return {name: _plain(getattr(job, name)) for name in ADVERTISED_FIELDS}


def record_event(job: Job, kind: str, by: User | None, changes: dict | None = None) -> JobEvent:
    """Append one event to the job's history (in the caller's transaction)."""
    event = JobEvent(
        job_id=job.id,
        kind=kind,
        by_user_id=by.id if by else None,
        title=job.title,
        description=job.description,
        changes=changes,
    )
    db.session.add(event)
    return event


def changes_between(before: dict, after: dict) -> dict:
    return {
        name: [before[name], after[name]]
        for name in ADVERTISED_FIELDS
        if before[name] != after[name]
    }


@dataclass
class ApplicantLine:
    applied_at: datetime
    name: str | None
    work_status: str
    final_status: str
    reason: str


@dataclass
class AdvertisingRecord:
    job: Job
    events: list[JobEvent]
    periods: list[tuple[date, date | None]]  # (from, to); to None = still open
    days_open: int
    applicants: list[ApplicantLine] = field(default_factory=list)

    @property
    def local_applicants(self) -> int:
        return sum(1 for a in self.applicants if a.work_status in _local_labels())


def _local_labels() -> set[str]:
    return {WORK_STATUSES[s] for s in LOCAL_WORK_STATUSES}


def advertising_periods(job: Job, events: list[JobEvent], today: date):
    """The spans the job was open to the public: each publish/reopen until its close (or the
    closing date, or today, whichever comes first)."""
    periods: list[tuple[date, date | None]] = []
    start = None
    for event in events:
        day = to_nassau(event.created_at).date()
        if event.kind in ("published", "reopened") and start is None:
            start = day
        elif event.kind == "closed" and start is not None:
            periods.append((start, day))
            start = None
    if start is not None:
        end = min(job.closes_on, today) if job.closes_on < today else None
        periods.append((start, end))
    return periods


def days_in(periods, today: date) -> int:
    """Distinct calendar days covered: a day closed and reopened counts once."""
    days: set[date] = set()
    for start, end in periods:
        last = end or today
        days.update(start + timedelta(days=n) for n in range((last - start).days + 1))
    return len(days)


def record_expiry(job: Job) -> JobEvent:
    """An expired job's period ended at the end of its closing day, not when anyone noticed."""
    expired = record_event(job, "closed", None)
    expired.created_at = datetime.combine(job.closes_on, time(23, 59), NASSAU).astimezone(UTC)
    return expired


def build_record(job: Job, include_names: bool) -> AdvertisingRecord | None:
    """The evidence for one job, or None when it was never published."""
    events = list(db.session.scalars(JobEvent.history_of(job.id)))
    if not any(e.kind == "published" for e in events):
        return None
    today = nassau_today()
    periods = advertising_periods(job, events, today)
    record = AdvertisingRecord(job, events, periods, days_in(periods, today))
    rows = db.session.execute(
        select(Application, User)
        .join(User, User.id == Application.applicant_id)
        .where(Application.job_id == job.id)
        .order_by(Application.created_at, Application.id)
    ).all()
    reasons = _rejection_reasons([application.id for application, _ in rows])
    for application, applicant in rows:
        record.applicants.append(
            ApplicantLine(
                applied_at=application.created_at,
                name=applicant.name if include_names else None,
                work_status=WORK_STATUSES.get(
                    application.applicant_work_status or "", "Not declared"
                ),
                final_status=APPLICATION_STATUSES.get(application.status, application.status),
                reason=reasons.get(application.id, "") if application.status == "rejected" else "",
            )
        )
    return record


def _rejection_reasons(application_ids: list[int]) -> dict[int, str]:
    """The employer's latest stated reason for each rejected application."""
    if not application_ids:
        return {}
    changes = db.session.scalars(
        select(ApplicationStatusChange)
        .where(
            ApplicationStatusChange.application_id.in_(application_ids),
            ApplicationStatusChange.to_status == "rejected",
        )
        .order_by(ApplicationStatusChange.created_at, ApplicationStatusChange.id)
    )
    return {change.application_id: change.note or "" for change in changes}


# Spreadsheets run cells that start with these; a leading apostrophe makes them plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def record_csv(record: AdvertisingRecord) -> str:
    """The record as CSV: the job, its history, its advertising periods, its applicants."""
    out = io.StringIO()
    writer = csv.writer(out)
    job = record.job
    writer.writerow(["HireMeBahamas advertising record", f"job {job.id}"])
    writer.writerow(["Employer", cell(job.employer.display_name)])
    writer.writerow(["Title as advertised", cell(job.title)])
    writer.writerow(["Description as advertised", cell(job.description)])
    writer.writerow(["Days open to the public", record.days_open])
    writer.writerow(["Applicants", len(record.applicants)])
    writer.writerow(["Bahamian or permanent-resident applicants", record.local_applicants])
    writer.writerow(["Record generated", to_nassau(utcnow()).strftime("%Y-%m-%d %H:%M %Z")])
    writer.writerow([])
    writer.writerow(["History", "When (Bahamas time)", "What changed"])
    for event in record.events:
        changed = "; ".join(
            f"{name}: {old} -> {new}" for name, (old, new) in (event.changes or {}).items()
        )
        writer.writerow([event.kind, _when(event.created_at), cell(changed)])
    writer.writerow([])
    writer.writerow(["Open from", "Open until"])
    for start, end in record.periods:
        writer.writerow([start.isoformat(), end.isoformat() if end else "still open"])
    writer.writerow([])
    writer.writerow(["Applied", "Applicant", "Declared status", "Final status", "Reason not hired"])
    for line in record.applicants:
        writer.writerow(
            [
                _when(line.applied_at),
                cell(line.name or "(name withheld)"),
                line.work_status,
                line.final_status,
                cell(line.reason),
            ]
        )
    return out.getvalue()


def _when(moment: datetime) -> str:
    return as_utc(moment).astimezone(NASSAU).strftime("%Y-%m-%d %H:%M")
