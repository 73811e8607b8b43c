"""Styled error pages: nobody should see a bare traceback or a blank 500."""

import logging

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..extensions import db

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Bad request", "We couldn't understand that request."),
    403: ("Not allowed", "You don't have permission to do that."),
    404: ("Page not found", "We couldn't find that page. It may have moved or been removed."),
    405: ("Not allowed here", "That page can't be used that way."),
    413: (
        "File too large",
        "That upload is too large. Résumés can be up to 2 MB; try a smaller PDF.",
    ),
    429: ("Slow down", "You've done that too often. Please wait a little and try again."),
    500: ("Something went wrong", "An error on our side stopped that. Please try again shortly."),
}


def render_error(code: int, detail: str | None = None, headers=None):
    title, message = MESSAGES.get(code, MESSAGES[500])
    body = render_template("errors/error.html", code=code, title=title, message=detail or message)
    return body, code, headers or {}


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(
            400,
            "This form expired or was sent from somewhere else. Go back, reload the page "
            "and try again.",
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        headers = {}
        if error.code == 405 and error.valid_methods:
            headers["Allow"] = ", ".join(error.valid_methods)
        detail = error.description if error.code in (400, 403) and _custom(error) else None
        if error.code == 429:
            from ..limits import seconds_until_reset

            wait = seconds_until_reset()
            if wait:
                headers["Retry-After"] = str(wait)
                minutes = -(-wait // 60)
                when = f"{wait} seconds" if wait < 60 else f"{minutes} minute{'s' * (minutes > 1)}"
                detail = f"You've done that too often. Please try again in {when}."
        return render_error(error.code, detail, headers)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        log.exception("unhandled error on %s %s", request.method, request.path)
        return render_error(500)


def _custom(error: HTTPException) -> bool:
    """True when the code that raised the error gave its own description."""
    return error.description != type(error).description and error.description != (
        InternalServerError.description
    )
