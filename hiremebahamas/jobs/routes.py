"""Public job pages: the search list and the job page."""

from flask import abort, render_template, request, url_for
from flask_login import current_user

from ..caching import cached_for_visitors
from ..extensions import db
from ..models import Job, SavedJob
from ..timezone import nassau_today
from ..vocab import ISLANDS
from . import bp, services
from .forms import ReportForm
from .search import SORTS, JobFilters, run_search
from .structured_data import job_posting, json_ld


@bp.route("/list")
@cached_for_visitors
def list_jobs():
    filters = JobFilters.from_args(request.args)
    results = run_search(filters, nassau_today())
    if filters.page > results.pages:
        filters.notes.append(
            f"There {'is' if results.pages == 1 else 'are'} only {results.pages} "
            f"page{'s' if results.pages != 1 else ''} of results; showing the last."
        )
        filters.page = results.page
    islands = [(slug, name, results.island_counts.get(slug, 0)) for slug, name in ISLANDS.items()]
    return render_template(
        "jobs/list.html", filters=filters, results=results, islands=islands, sorts=SORTS
    )


@bp.route("/<int:job_id>")
@cached_for_visitors
def detail(job_id: int):
    job = db.session.get(Job, job_id)
    if job is None or job.status == "removed" or job.employer.is_suspended:
        abort(404)
    is_open = job.is_open_on(nassau_today())
    structured = None
    if is_open:
        structured = json_ld(
            job_posting(
                job,
                job_url=request.url_root.rstrip("/") + url_for("jobs.detail", job_id=job.id),
                employer_url=request.url_root.rstrip("/") + f"/u/{job.employer.username}",
            )
        )
    application = saved = None
    if current_user.is_authenticated and current_user.is_seeker:
        application = services.find_application(job, current_user)
        saved = db.session.get(SavedJob, (current_user.id, job.id)) is not None
    return render_template(
        "jobs/detail.html",
        job=job,
        is_open=is_open,
        structured=structured,
        application=application,
        saved=saved,
        report_form=ReportForm(formdata=None) if current_user.is_authenticated else None,
    )
