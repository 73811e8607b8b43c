"""Views for /settings: profile, account (email and password) and email preferences."""

from flask import abort, current_app, flash, render_template, request, url_for
from flask_login import current_user, login_required, login_user

from ..responses import see_other
from . import bp, services
from .forms import EmailChangeForm, EmailPreferencesForm, PasswordChangeForm, ProfileForm


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm.for_user(current_user)
    if form.validate_on_submit():
        services.update_profile(current_user, form.data)
        flash("Your profile is saved.", "success")
        return see_other(f"/u/{current_user.username}")
    return render_template("settings/profile.html", form=form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """Two forms on one page; the hidden `form` field says which one was sent."""
    sent = request.form.get("form") if request.method == "POST" else None
    if request.method == "POST" and sent not in ("email", "password"):
        abort(400, "The form did not say which change to make.")
    email_form = EmailChangeForm(
        user=current_user, formdata=request.form if sent == "email" else None
    )
    password_form = PasswordChangeForm(
        user=current_user, formdata=request.form if sent == "password" else None
    )
    if sent == "email" and email_form.validate_on_submit():
        try:
            services.change_email(current_user, email_form.email.data)
        except services.EmailTaken as exc:
            email_form.email.errors.append(str(exc))
        else:
            flash(
                f"Your email address is now {current_user.email}: use it to sign in from now "
                "on. We sent a link there to confirm it.",
                "success",
            )
            return see_other(url_for("settings.account"))
    if sent == "password" and password_form.validate_on_submit():
        services.change_password(current_user, password_form.new_password.data)
        # The new session version ends every other session; sign this browser in again,
        # keeping "remember me" if it had it.
        cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
        login_user(current_user._get_current_object(), remember=cookie in request.cookies)
        flash("Your password is changed, and you are signed out everywhere else.", "success")
        return see_other(url_for("settings.account"))
    return render_template(
        "settings/account.html", email_form=email_form, password_form=password_form
    )


@bp.route("/notifications", methods=["GET", "POST"])
@login_required
def notifications():
    form = EmailPreferencesForm.for_user(current_user)
    if form.validate_on_submit():
        services.save_email_preferences(current_user, form.data)
        flash("Your email preferences are saved.", "success")
        return see_other(url_for("settings.notifications"))
    return render_template("settings/notifications.html", form=form)
