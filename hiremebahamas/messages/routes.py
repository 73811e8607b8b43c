"""Views for /messages: the inbox, a thread with one person, blocking."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..forms import EmptyForm
from ..limits import by_person
from ..models import User
from ..responses import see_other
from . import bp, services
from .forms import MessageForm

SELF_THREAD = "You can't send messages to yourself. Open someone else's profile instead."


def other_person_or_abort(username: str, about_me: str = SELF_THREAD) -> User:
    """The person at the other end of a thread: 404 if unknown, 400 (about_me) if it is me."""
    person = User.by_username(username)
    if person is None:
        abort(404)
    if person.id == current_user.id:
        abort(400, about_me)
    return person


def thread_url(person: User, **anchor) -> str:
    return url_for("messages.thread", username=person.username, **anchor)


@bp.route("/")
@login_required
def index():
    return redirect(url_for("messages.inbox"))


@bp.route("/list")
@login_required
def inbox():
    # A page number no database offset holds is just a page past the end.
    page = min(max(request.args.get("page", 1, type=int), 1), services.LAST_INBOX_PAGE)
    rows, has_more = services.inbox(current_user, page)
    return render_template("messages/list.html", rows=rows, page=page, has_more=has_more)


@bp.route("/<username>", methods=["GET", "POST"])
@by_person("message")
@login_required
def thread(username: str):
    other = other_person_or_abort(username)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            message = services.send_message(current_user, other, form.body.data)
        except services.MessageRefused as exc:
            flash(f"Your message was not sent. {exc}", "error")
            return see_other(thread_url(other))
        flash(f"Message sent to {other.display_name}.", "success")
        return see_other(thread_url(other, _anchor=f"message-{message.id}"))
    if request.method == "POST":  # errors: show them with what was typed, read nothing
        shown = services.open_thread(current_user, other)
    else:
        shown = services.read_thread(current_user, other)
    return render_template("messages/thread.html", thread=shown, form=form)


@bp.route("/<username>/block", methods=["POST"])
@login_required
def block(username: str):
    other = other_person_or_abort(username, "You can't block yourself.")
    if EmptyForm().validate_on_submit():
        services.block(current_user, other)
        flash(
            f"You blocked {other.display_name}. Neither of you can message the other "
            "until you unblock them.",
            "info",
        )
    return see_other(thread_url(other))


@bp.route("/<username>/unblock", methods=["POST"])
@login_required
def unblock(username: str):
    other = other_person_or_abort(username, "You can't block or unblock yourself.")
    if EmptyForm().validate_on_submit():
        services.unblock(current_user, other)
        flash(f"You unblocked {other.display_name}. You can message each other again.", "info")
    return see_other(thread_url(other))
