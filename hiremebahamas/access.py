"""Role checks for views: signed-in visitors who lack the role get a 403, never a 500."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def role_required(account_type: str):
    """Only signed-in users of this account type (job seekers or employers)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.account_type != account_type:
                abort(
                    403,
                    f"Only {'employers' if account_type == 'employer' else 'job seekers'} "
                    "can do that.",
                )
            return view(*args, **kwargs)

        return wrapped

    return decorator


employer_required = role_required("employer")
seeker_required = role_required("seeker")
