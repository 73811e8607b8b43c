"""Saving, describing and stopping job alerts."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from ..extensions import db
from ..models import JobAlert, User
from ..vocab import CATEGORIES, EMPLOYMENT_TYPES, ISLANDS, PERMITS, WORKPLACES

MAX_ALERTS = 20
FILTER_FIELDS = ("q", "island", "category", "workplace", "permit", "salary_min")


class TooManyAlerts(Exception):
    pass


def save_alert(user: User, values: dict) -> JobAlert:
    """Save the search (the list page's `type` is stored as employment_type)."""
    if len(user_alerts(user)) >= MAX_ALERTS:
        raise TooManyAlerts(f"You can keep up to {MAX_ALERTS} alerts. Delete one first.")
    alert = JobAlert(
        user_id=user.id,
        frequency=values["frequency"],
        employment_type=values.get("type") or None,
        **{name: (values.get(name) or None) for name in FILTER_FIELDS},
    )
    if values.get("salary_min") == 0:
        alert.salary_min = 0
    db.session.add(alert)
    db.session.commit()
    return alert


def user_alerts(user: User) -> list[JobAlert]:
    return list(
        db.session.scalars(
            db.select(JobAlert).where(JobAlert.user_id == user.id).order_by(JobAlert.id)
        )
    )


def delete_alert(alert: JobAlert) -> None:
    db.session.delete(alert)
    db.session.commit()


def describe(alert: JobAlert) -> str:
    """The saved search in words: '“nurse” jobs · Exuma · Full-time · from $30,000 a year'."""
    parts = [f"“{alert.q}” jobs" if alert.q else "All new jobs"]
    for value, vocabulary in (
        (alert.island, ISLANDS),
        (alert.category, CATEGORIES),
        (alert.employment_type, EMPLOYMENT_TYPES),
        (alert.workplace, WORKPLACES),
        (alert.permit, PERMITS),
    ):
        if value:
            parts.append(vocabulary.get(value, value))
    if alert.salary_min:
        parts.append(f"from ${alert.salary_min:,} a year")
    return " · ".join(parts)


def search_params(alert: JobAlert) -> dict[str, str]:
    """The /jobs/list parameters that show this alert's jobs."""
    params = {
        "q": alert.q,
        "island": alert.island,
        "category": alert.category,
        "type": alert.employment_type,
        "workplace": alert.workplace,
        "permit": alert.permit,
        "salary_min": alert.salary_min,
    }
    return {key: str(value) for key, value in params.items() if value not in (None, "")}


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="hmb-alert-unsubscribe")


def unsubscribe_token(alert: JobAlert) -> str:
    return _serializer().dumps({"alert": alert.id, "user": alert.user_id})


def alert_for_token(token: str) -> JobAlert | None:
    """The alert a token stops; None when it is already gone. Raises BadSignature if forged."""
    payload = _serializer().loads(token)
    alert = db.session.get(JobAlert, payload.get("alert")) if isinstance(payload, dict) else None
    if alert is not None and alert.user_id != payload.get("user"):
        raise BadSignature("token does not match the alert")
    return alert
