"""Views for /admin: the reports queue, removals, suspensions, operations."""

from functools import wraps

from flask import abort, flash, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from ..extensions import db
from ..forms import EmptyForm
from ..models import Comment, Job, Post, Report, User
from ..responses import page_number, safe_next, see_other
from . import bp, services

REPORTS_PER_PAGE = 30


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(403, "Only administrators can see that page.")
        return view(*args, **kwargs)

    return wrapped


def confirmed() -> bool:
    """Every admin action is a POST with a valid CSRF token."""
    return EmptyForm().validate_on_submit()


def back(default: str):
    return see_other(safe_next(request.form.get("next")) or default)


@bp.route("")
@admin_required
def dashboard():
    return render_template("admin/dashboard.html", figures=services.operations_figures())


@bp.route("/reports")
@admin_required
def reports():
    status = request.args.get("status", "open")
    status = status if status in ("open", "resolved", "dismissed") else "open"
    page = db.paginate(
        select(Report).where(Report.status == status).order_by(Report.created_at.desc()),
        page=page_number(),
        per_page=REPORTS_PER_PAGE,
        error_out=False,
    )
    ids = lambda attribute: {getattr(r, attribute) for r in page.items} - {None}  # noqa: E731
    jobs = {j.id: j for j in db.session.scalars(select(Job).where(Job.id.in_(ids("job_id"))))}
    posts = {p.id: p for p in db.session.scalars(select(Post).where(Post.id.in_(ids("post_id"))))}
    comments = {
        c.id: c
        for c in db.session.scalars(select(Comment).where(Comment.id.in_(ids("comment_id"))))
    }
    reporters = {
        u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids("reporter_id"))))
    }
    return render_template(
        "admin/reports.html",
        page=page,
        status=status,
        jobs=jobs,
        posts=posts,
        comments=comments,
        reporters=reporters,
    )


@bp.route("/reports/<int:report_id>/dismiss", methods=["POST"])
@admin_required
def dismiss_report(report_id: int):
    report = db.get_or_404(Report, report_id)
    if confirmed():
        services.resolve_report(report, current_user, "dismissed")
        flash("Report dismissed; the content stays up.", "info")
    return back(url_for(".reports"))


@bp.route("/jobs/<int:job_id>/remove", methods=["POST"])
@admin_required
def remove_job(job_id: int):
    job = db.get_or_404(Job, job_id)
    if confirmed():
        services.remove_job(job, current_user)
        flash(
            f"Job “{job.title}” removed. It is hidden everywhere and kept for the record.", "info"
        )
    return back(url_for(".reports"))


@bp.route("/posts/<int:post_id>/remove", methods=["POST"])
@admin_required
def remove_post(post_id: int):
    post = db.get_or_404(Post, post_id)
    if confirmed():
        services.remove_post(post, current_user)
        flash("Post removed. It is hidden everywhere and kept for the record.", "info")
    return back(url_for(".reports"))


@bp.route("/comments/<int:comment_id>/remove", methods=["POST"])
@admin_required
def remove_comment(comment_id: int):
    comment = db.get_or_404(Comment, comment_id)
    if confirmed():
        services.remove_comment(comment, current_user)
        flash("Comment removed. It is hidden everywhere and kept for the record.", "info")
    return back(url_for(".reports"))


@bp.route("/users")
@admin_required
def users():
    q = " ".join((request.args.get("q") or "").split())[:100]
    statement = select(User).order_by(User.created_at.desc())
    if q:
        pattern = f"%{q.lower()}%"
        statement = statement.where(
            db.or_(
                db.func.lower(User.email).like(pattern),
                db.func.lower(User.username).like(pattern),
                db.func.lower(User.name).like(pattern),
            )
        )
    page = db.paginate(statement, page=page_number(), per_page=50, error_out=False)
    return render_template("admin/users.html", page=page, q=q)


@bp.route("/users/<username>/suspend", methods=["POST"])
@admin_required
def suspend(username: str):
    user = User.by_username(username) or abort(404)
    if user.id == current_user.id:
        abort(400, "You can't suspend yourself.")
    if confirmed():
        services.suspend(user)
        flash(f"{user.username} is suspended and signed out everywhere.", "info")
    return back(url_for(".users"))


@bp.route("/users/<username>/restore", methods=["POST"])
@admin_required
def restore(username: str):
    user = User.by_username(username) or abort(404)
    if confirmed():
        services.restore(user)
        flash(f"{user.username} is restored.", "success")
    return back(url_for(".users"))
