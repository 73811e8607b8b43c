"""Machine-readable job lists: the Atom feed, the sitemap and robots.txt."""

from datetime import UTC, datetime
from xml.sax.saxutils import escape

from flask import Response, render_template, request, url_for
from sqlalchemy import select

from ..caching import cached_for_visitors
from ..extensions import db
from ..models import Job
from ..models._base import as_utc
from ..timezone import nassau_today
from . import bp, site_bp
from .search import JobFilters, filtered, ordered

FEED_SIZE = 50
SITEMAP_LIMIT = 45_000  # under the protocol's 50,000 URLs per file


def absolute(path: str) -> str:
    return request.url_root.rstrip("/") + path


@bp.route("/feed.atom")
@cached_for_visitors
def feed():
    """The newest open jobs matching the same filters as /jobs/list, as Atom."""
    filters = JobFilters.from_args(request.args)
    filters.sort = "newest"
    jobs = db.session.scalars(
        ordered(filtered(filters, nassau_today()), filters).limit(FEED_SIZE)
    ).all()
    updated = max((as_utc(job.updated_at or job.created_at) for job in jobs), default=None)
    body = render_template(
        "jobs/feed.atom.xml",
        jobs=jobs,
        filters=filters,
        updated=(updated or datetime.now(UTC)).isoformat(),
        self_url=absolute(request.full_path.rstrip("?")),
        list_url=absolute(url_for("jobs.list_jobs", **filters.params())),
        absolute=absolute,
        as_utc=as_utc,
    )
    return Response(body, mimetype="application/atom+xml")


@site_bp.route("/sitemap.xml")
@cached_for_visitors
def sitemap():
    rows = db.session.execute(
        select(Job.id, Job.updated_at)
        .where(Job.listed_on(nassau_today()))
        .order_by(Job.id.desc())
        .limit(SITEMAP_LIMIT)
    ).all()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        f"<url><loc>{escape(absolute('/'))}</loc></url>",
        f"<url><loc>{escape(absolute(url_for('jobs.list_jobs')))}</loc></url>",
    ]
    for job_id, updated_at in rows:
        lastmod = as_utc(updated_at).date().isoformat() if updated_at else ""
        lines.append(
            f"<url><loc>{escape(absolute(url_for('jobs.detail', job_id=job_id)))}</loc>"
            + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
            + "</url>"
        )
    lines.append("</urlset>")
    return Response("\n".join(lines) + "\n", mimetype="application/xml")


@site_bp.route("/robots.txt")
def robots():
    rules = [
        "User-agent: *",
        "Disallow: /auth/",
        "Disallow: /settings/",
        "Disallow: /messages/",
        "Disallow: /notifications/",
        "Disallow: /applications",
        "Disallow: /admin",
        "Disallow: /alerts",
        "Disallow: /jobs/mine",
        "Disallow: /jobs/saved",
        "Disallow: /jobs/new",
        "Allow: /",
        f"Sitemap: {absolute('/sitemap.xml')}",
    ]
    return Response("\n".join(rules) + "\n", mimetype="text/plain")
