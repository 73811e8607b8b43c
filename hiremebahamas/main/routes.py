"""The home page and /health."""

from flask import jsonify, render_template

from ..caching import cached_for_visitors
from ..extensions import db
from ..models import Job
from ..timezone import nassau_today
from ..vocab import ISLANDS
from . import bp
from .health import health_report

LATEST_JOBS_ON_HOME = 8


@bp.route("/")
@cached_for_visitors
def home():
    today = nassau_today()
    latest_jobs = db.session.scalars(Job.open_on(today).limit(LATEST_JOBS_ON_HOME)).all()
    counts = dict(db.session.execute(Job.open_counts_by_island(today)).all())
    islands = [(slug, name, counts.get(slug, 0)) for slug, name in ISLANDS.items()]
    return render_template(
        "main/home.html",
        latest_jobs=latest_jobs,
        islands=islands,
        open_jobs=sum(counts.values()),
    )


@bp.route("/health")
def health():
    report, status = health_report()
    response = jsonify(report)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response
