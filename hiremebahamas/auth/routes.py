"""Views for /auth: thin wrappers over services.py."""

from flask import flash, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ..forms import EmptyForm
from ..limits import by_address, sign_in_limits
from ..responses import safe_next, see_other
from . import bp, services
from .forms import LoginForm, RegisterForm, ResetPasswordForm, ResetRequestForm
from .tokens import TokenError


def start_session(user, remember: bool) -> None:
    """A fresh session at sign-in: nothing from before carries over (no fixation)."""
    session.clear()
    login_user(user, remember=remember)


@bp.route("/register", methods=["GET", "POST"])
@by_address("register_ip")
def register():
    if current_user.is_authenticated:
        return see_other(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register_user(
                account_type=form.account_type.data,
                name=form.name.data,
                username=form.username.data,
                email=form.email.data,
                password=form.password.data,
                company_name=form.company_name.data,
            )
        except services.DuplicateAccount as exc:
            getattr(form, exc.field).errors.append(str(exc))
        else:
            start_session(user, remember=False)
            flash(
                f"Welcome to HireMeBahamas, {user.name}! We sent a link to {user.email} "
                "to confirm your address.",
                "success",
            )
            return see_other(url_for("main.home"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@sign_in_limits
def login():
    next_url = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return see_other(next_url or url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append("Wrong email or password.")
        elif user.is_suspended:
            form.email.errors.append("This account is suspended. Contact support to restore it.")
        else:
            start_session(user, remember=form.remember.data)
            flash(f"Signed in as {user.name}.", "success")
            return see_other(next_url or url_for("main.home"))
    return render_template("auth/login.html", form=form, next_url=next_url)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    form = EmptyForm()
    if form.validate_on_submit():
        # Signing out here signs out everywhere: other browsers and remember-me cookies too.
        current_user.end_other_sessions()
        services.db.session.commit()
        logout_user()
        session.clear()
        flash("You are signed out.", "info")
    return see_other(url_for("main.home"))


@bp.route("/verify/<token>")
def verify(token: str):
    try:
        user = services.verify_email(token)
    except TokenError as exc:
        if current_user.is_authenticated and current_user.is_verified:
            flash("Your email address is already confirmed.", "info")
            return see_other(url_for("main.home"))
        return render_template("auth/token_problem.html", problem=str(exc)), 400
    flash(f"Thank you: {user.email} is confirmed.", "success")
    return see_other(url_for("main.home"))


@bp.route("/verify/resend", methods=["POST"])
@login_required
def resend_verification():
    form = EmptyForm()
    if form.validate_on_submit() and not current_user.is_verified:
        services.send_verification_mail(current_user)
        services.db.session.commit()
        flash(f"We sent a new confirmation link to {current_user.email}.", "info")
    return see_other(safe_next(request.form.get("next")) or url_for("main.home"))


@bp.route("/reset", methods=["GET", "POST"])
@by_address("reset_ip")
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        flash(
            f"If an account uses {form.email.data}, a reset link is on its way. "
            "It works once, within the hour.",
            "info",
        )
        return see_other(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_with_token(token: str):
    try:
        user = services.user_for_reset(token)
    except TokenError as exc:
        return render_template("auth/token_problem.html", problem=str(exc), reset=True), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(user, form.password.data)
        if current_user.is_authenticated:
            logout_user()
        start_session(user, remember=False)
        flash("Your password is changed and you are signed in.", "success")
        return see_other(url_for("main.home"))
    return render_template("auth/reset_password.html", form=form, user=user)
