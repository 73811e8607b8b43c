"""Profiles, the people search and follows: /u/<username>, /people."""

from flask import abort, flash, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, or_, select

from ..extensions import db
from ..forms import EmptyForm
from ..models import Job, Post, User
from ..models.post import liked_post_ids
from ..responses import page_number, safe_next, see_other
from ..timezone import nassau_today
from ..vocab import ISLANDS
from . import bp, services
from .text import linkify

PEOPLE_PER_PAGE = 20
PROFILE_POSTS = 10


@bp.app_template_filter("linkify")
def linkify_filter(text):
    return linkify(text)


def person_or_404(username: str) -> User:
    user = User.by_username(username)
    if user is None or user.is_suspended:
        abort(404)
    return user


@bp.route("/u/<username>")
def profile(username: str):
    person = person_or_404(username)
    posts = db.session.scalars(Post.by_author(person).limit(PROFILE_POSTS)).all()
    open_jobs = []
    if person.is_employer:
        open_jobs = db.session.scalars(
            Job.open_on(nassau_today()).where(Job.employer_id == person.id)
        ).all()
    me = current_user if current_user.is_authenticated else None
    return render_template(
        "social/profile.html",
        person=person,
        posts=posts,
        open_jobs=open_jobs,
        followers=person.follower_count(),
        following=person.following_count(),
        is_following=bool(me and me.is_following(person)),
        liked=liked_post_ids(me, [p.id for p in posts]) if me else set(),
    )


@bp.route("/u/<username>/follow", methods=["POST"])
@login_required
def follow(username: str):
    person = person_or_404(username)
    if person.id == current_user.id:
        abort(400, "You can't follow yourself.")
    if EmptyForm().validate_on_submit():
        if services.follow(current_user, person):
            flash(f"You are following {person.display_name}.", "success")
        else:
            flash(f"You already follow {person.display_name}.", "info")
    return see_other(safe_next(request.form.get("next")) or url_for(".profile", username=username))


@bp.route("/u/<username>/unfollow", methods=["POST"])
@login_required
def unfollow(username: str):
    person = person_or_404(username)
    if EmptyForm().validate_on_submit() and services.unfollow(current_user, person):
        flash(f"You no longer follow {person.display_name}.", "info")
    return see_other(safe_next(request.form.get("next")) or url_for(".profile", username=username))


def people_page(person: User, statement, title: str):
    page = db.paginate(statement, page=page_number(), per_page=PEOPLE_PER_PAGE, error_out=False)
    return render_template("social/people_list.html", person=person, page=page, title=title)


@bp.route("/u/<username>/followers")
def followers(username: str):
    person = person_or_404(username)
    return people_page(person, person.followers(), f"People following {person.display_name}")


@bp.route("/u/<username>/following")
def following(username: str):
    person = person_or_404(username)
    return people_page(person, person.following(), f"People {person.display_name} follows")


@bp.route("/people")
def people():
    q = " ".join((request.args.get("q") or "").split())[:100]
    island = request.args.get("island") or ""
    island = island if island in ISLANDS else ""
    open_to_work = request.args.get("open_to_work") in ("1", "y", "on", "true")
    statement = select(User).where(User.suspended_at.is_(None))
    for term in q.lower().split()[:5]:
        pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(
            or_(
                func.lower(User.name).like(pattern, escape="\\"),
                func.lower(User.headline).like(pattern, escape="\\"),
                func.lower(User.skills).like(pattern, escape="\\"),
                func.lower(User.company_name).like(pattern, escape="\\"),
                func.lower(User.username).like(pattern, escape="\\"),
            )
        )
    if island:
        statement = statement.where(User.island == island)
    if open_to_work:
        statement = statement.where(User.open_to_work.is_(True), User.account_type == "seeker")
    statement = statement.order_by(User.open_to_work.desc(), User.created_at.desc(), User.id)
    page = db.paginate(statement, page=page_number(), per_page=PEOPLE_PER_PAGE, error_out=False)
    return render_template(
        "social/people.html", page=page, q=q, island=island, open_to_work=open_to_work
    )
