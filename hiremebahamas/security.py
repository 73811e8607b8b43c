"""Response headers that every page carries (the site has no script, so CSP can be strict)."""

from flask import Flask, abort, request

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"


def register(app: Flask) -> None:
    production = app.config.get("APP_ENV") == "production"

    @app.before_request
    def refuse_nul_characters():
        """A NUL character never belongs in an address (and PostgreSQL refuses it in text)."""
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)
        ):
            abort(400, "That address contains a character that is not allowed.")

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        if production:
            headers.setdefault("Strict-Transport-Security", HSTS)
        return response
