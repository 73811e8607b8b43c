"""The feed, posts, likes and comments: /posts/..., /comments/..."""

import re
from datetime import UTC, datetime, timedelta

from flask import abort, flash, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from ..extensions import db
from ..forms import EmptyForm
from ..limits import by_person
from ..models import Comment, Post, Report
from ..models._base import as_utc
from ..models.post import liked_post_ids
from ..responses import safe_next, see_other
from . import bp, services
from .forms import CommentForm, PostForm, ReportPostForm

FEED_PAGE = 20


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_MICROSECOND = timedelta(microseconds=1)
# Microseconds since the epoch (16 digits reach the year 2286) and a post id that fits
# PostgreSQL's INTEGER column; ASCII digits only (str.isdigit() also accepts "²").
CURSOR_PATTERN = re.compile(r"(\d{1,16})-(\d{1,10})", re.ASCII)
MAX_ID = 2**31 - 1


def cursor_for(post: Post) -> str:
    """An opaque-looking keyset cursor: microseconds since the epoch and the post id."""
    return f"{(as_utc(post.created_at) - EPOCH) // ONE_MICROSECOND}-{post.id}"


def parse_cursor(raw: str) -> tuple[datetime, int]:
    match = CURSOR_PATTERN.fullmatch(raw)
    if match is None or int(match[2]) > MAX_ID:
        abort(400, "That “Older posts” link is not valid. Start again from the newest posts.")
    return EPOCH + int(match[1]) * ONE_MICROSECOND, int(match[2])


def visible_post_or_404(post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None or post.removed_at is not None:
        abort(404)
    return post


@bp.route("/posts/feed")
@login_required
def feed():
    scope = "everyone" if request.args.get("scope") == "everyone" else "following"
    statement = Post.visible() if scope == "everyone" else Post.feed_for(current_user)
    before = request.args.get("before")
    if before:
        statement = Post.older_than(statement, *parse_cursor(before))
    posts = db.session.scalars(statement.limit(FEED_PAGE + 1)).all()
    older = cursor_for(posts[FEED_PAGE - 1]) if len(posts) > FEED_PAGE else None
    posts = posts[:FEED_PAGE]
    return render_template(
        "social/feed.html",
        posts=posts,
        scope=scope,
        older=older,
        before=before,
        form=PostForm(formdata=None),
        liked=liked_post_ids(current_user, [p.id for p in posts]),
    )


@bp.route("/posts/new", methods=["POST"])
@by_person("post")
@login_required
def new_post():
    form = PostForm()
    if form.validate_on_submit():
        services.publish_post(current_user, form.body.data)
        flash("Your post is up.", "success")
        return see_other(url_for(".feed"))
    # Show the feed again with the error and what was typed.
    posts = db.session.scalars(Post.feed_for(current_user).limit(FEED_PAGE)).all()
    return render_template(
        "social/feed.html",
        posts=posts,
        scope="following",
        older=None,
        before=None,
        form=form,
        liked=liked_post_ids(current_user, [p.id for p in posts]),
    )


@bp.route("/posts/<int:post_id>")
def post(post_id: int):
    item = visible_post_or_404(post_id)
    comments = db.session.scalars(
        select(Comment)
        .where(Comment.post_id == item.id, Comment.removed_at.is_(None))
        .order_by(Comment.created_at, Comment.id)
    ).all()
    signed_in = current_user.is_authenticated
    return render_template(
        "social/post.html",
        post=item,
        comments=comments,
        report_form=ReportPostForm(formdata=None) if signed_in else None,
        form=CommentForm(formdata=None) if signed_in else None,
        liked=liked_post_ids(current_user, [item.id]) if signed_in else set(),
    )


def back_to(default: str):
    return see_other(safe_next(request.form.get("next")) or default)


@bp.route("/posts/<int:post_id>/like", methods=["POST"])
@login_required
def like(post_id: int):
    item = visible_post_or_404(post_id)
    if EmptyForm().validate_on_submit():
        services.like(item, current_user)
    return back_to(url_for(".post", post_id=item.id))


@bp.route("/posts/<int:post_id>/unlike", methods=["POST"])
@login_required
def unlike(post_id: int):
    item = visible_post_or_404(post_id)
    if EmptyForm().validate_on_submit():
        services.unlike(item, current_user)
    return back_to(url_for(".post", post_id=item.id))


@bp.route("/posts/<int:post_id>/comments", methods=["POST"])
@by_person("comment")
@login_required
def comment(post_id: int):
    item = visible_post_or_404(post_id)
    form = CommentForm()
    if form.validate_on_submit():
        created = services.add_comment(item, current_user, form.body.data)
        flash("Your comment is posted.", "success")
        return see_other(url_for(".post", post_id=item.id, _anchor=f"comment-{created.id}"))
    comments = db.session.scalars(
        select(Comment)
        .where(Comment.post_id == item.id, Comment.removed_at.is_(None))
        .order_by(Comment.created_at, Comment.id)
    ).all()
    return render_template(
        "social/post.html",
        post=item,
        comments=comments,
        report_form=ReportPostForm(formdata=None),
        form=form,
        liked=liked_post_ids(current_user, [item.id]),
    )


@bp.route("/posts/<int:post_id>/delete", methods=["POST"])
@login_required
def delete_post(post_id: int):
    item = visible_post_or_404(post_id)
    if not services.can_delete(current_user, item.author_id):
        abort(403, "You can only delete your own posts.")
    if EmptyForm().validate_on_submit():
        services.delete_post(item, current_user)
        flash("The post is deleted.", "info")
    return see_other(url_for(".feed"))


@bp.route("/comments/<int:comment_id>/delete", methods=["POST"])
@login_required
def delete_comment(comment_id: int):
    item = db.session.get(Comment, comment_id)
    if item is None or item.removed_at is not None:
        abort(404)
    if not services.can_delete(current_user, item.author_id):
        abort(403, "You can only delete your own comments.")
    if EmptyForm().validate_on_submit():
        services.delete_comment(item, current_user)
        flash("The comment is deleted.", "info")
    return see_other(url_for(".post", post_id=item.post_id, _anchor="comments"))


@bp.route("/posts/<int:post_id>/report", methods=["POST"])
@by_person("report")
@login_required
def report_post(post_id: int):
    item = visible_post_or_404(post_id)
    form = ReportPostForm()
    if form.validate_on_submit():
        db.session.add(
            Report(reporter_id=current_user.id, post_id=item.id, reason=form.reason.data)
        )
        db.session.commit()
        flash("Thank you. Our moderators will look at this post.", "success")
    else:
        errors = form.reason.errors or ["Tell us what is wrong with this post."]
        flash(f"Your report was not sent: {errors[0]}", "error")
    return see_other(url_for(".post", post_id=item.id))
