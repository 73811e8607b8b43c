"""What /health reports: the database and, when configured, Redis."""

from sqlalchemy import text

from ..extensions import db, task_queues


def check_database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception:
        db.session.rollback()
        return "down"
    finally:
        db.session.remove()


def check_redis() -> str:
    if not task_queues.enabled:
        return "not configured"
    try:
        task_queues.redis.ping()
        return "ok"
    except Exception:
        return "down"


def health_report() -> tuple[dict, int]:
    """ok when everything answers, degraded without Redis, down (503) without the database."""
    database, redis = check_database(), check_redis()
    if database != "ok":
        status = "down"
    elif redis == "down":
        status = "degraded"
    else:
        status = "ok"
    return {
        "status": status,
        "database": database,
        "redis": redis,
    }, 503 if status == "down" else 200
