"""Views for /alerts: list, save, delete, and the unsubscribe link from the mails."""

from flask import abort, flash, render_template, request, url_for
from flask_login import current_user, login_required
from itsdangerous import BadSignature

from ..extensions import csrf, db
from ..forms import EmptyForm
from ..models import JobAlert
from ..responses import safe_next, see_other
from . import bp, services
from .forms import AlertForm


@bp.route("", methods=["GET", "POST"])
@login_required
def alerts():
    form = AlertForm()
    if form.validate_on_submit():
        try:
            alert = services.save_alert(current_user, form.data)
        except services.TooManyAlerts as exc:
            flash(str(exc), "error")
        else:
            flash(
                f"Alert saved: {services.describe(alert)}. We'll email new matches "
                f"{alert.frequency}.",
                "success",
            )
        return see_other(safe_next(form.next.data) or url_for(".alerts"))
    if request.method == "POST":
        flash(
            "That alert could not be saved: "
            + "; ".join(
                f"{getattr(form, name).label.text}: {errors[0]}"
                for name, errors in form.errors.items()
            ),
            "error",
        )
        return see_other(safe_next(form.next.data) or url_for(".alerts"))
    return render_template(
        "alerts/list.html",
        alerts=services.user_alerts(current_user),
        form=form,
        describe=services.describe,
        search_params=services.search_params,
    )


@bp.route("/<int:alert_id>/delete", methods=["POST"])
@login_required
def delete(alert_id: int):
    alert = db.session.get(JobAlert, alert_id)
    if alert is None:
        abort(404)
    if alert.user_id != current_user.id:
        abort(403, "That alert belongs to someone else.")
    if EmptyForm().validate_on_submit():
        services.delete_alert(alert)
        flash("Alert deleted. You will get no more mails for it.", "info")
    return see_other(url_for(".alerts"))


# GET is the link in the mail (it works without signing in, like the email-confirmation link);
# POST is RFC 8058's one-click unsubscribe that mail programs send for List-Unsubscribe-Post.
@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the authority; mail programs post without a form
def unsubscribe(token: str):
    try:
        alert = services.alert_for_token(token)
    except BadSignature:
        return render_template("alerts/unsubscribed.html", problem=True), 400
    description = services.describe(alert) if alert else None
    if alert is not None:
        services.delete_alert(alert)
    return render_template("alerts/unsubscribed.html", problem=False, description=description)
