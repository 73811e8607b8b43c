"""Views for /notifications: the list (which changes nothing) and marking things read."""

from flask import abort, flash, render_template, url_for
from flask_login import current_user, login_required

from ..extensions import db
from ..forms import EmptyForm
from ..models import Notification
from ..responses import page_number, safe_next, see_other
from . import bp, services
from .counts import unread_counts


@bp.route("/list")
@login_required
def list_notifications():
    pagination = services.notification_page(current_user, page_number())
    return render_template(
        "notifications/list.html",
        pagination=pagination,
        lines=services.group_likes(pagination.items),
        unread_notifications=unread_counts(current_user.id)["notifications"],
        button=EmptyForm(),
    )


@bp.route("/read-all", methods=["POST"])
@login_required
def read_all():
    if EmptyForm().validate_on_submit():
        marked = services.mark_all_read(current_user)
        if marked:
            flash(f"Marked {marked} notification{'s' if marked != 1 else ''} as read.", "success")
        else:
            flash("You had no unread notifications.", "info")
    return see_other(url_for("notifications.list_notifications"))


@bp.route("/<int:notification_id>/read", methods=["POST"])
@login_required
def mark_read(notification_id: int):
    notification = db.session.get(Notification, notification_id)
    if notification is None:
        abort(404)
    if notification.user_id != current_user.id:
        abort(403, "That notification is someone else's.")
    if EmptyForm().validate_on_submit():
        services.mark_read(notification)
        flash("Marked as read.", "info")
    return see_other(safe_next(notification.link) or url_for("notifications.list_notifications"))
