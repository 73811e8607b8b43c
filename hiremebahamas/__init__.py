"""HireMeBahamas: the job board and professional network of the Bahamas."""

import logging
import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from .config import Config, config_for_environment, engine_options
from .extensions import cache, csrf, db, limiter, login_manager, migrate, task_queues

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class RowIdConverter(IntegerConverter):
    """`<int:...>` in every route: a number past PostgreSQL's INTEGER ids names no row, so the
    URL is a 404 instead of a database error (a 500) on PostgreSQL and SQLite alike."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def create_app(config: type[Config] | dict | None = None) -> Flask:
    """Build the app: a config class, or a dict of overrides on top of APP_ENV's class."""
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
    )
    configure(app, config)
    app.url_map.converters["int"] = RowIdConverter  # before any route is added
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def configure(app: Flask, config: type[Config] | dict | None) -> None:
    if isinstance(config, type):
        app.config.from_object(config)
    else:
        overrides = dict(config or {})
        # An APP_ENV override picks its class too, as APP_ENV in the environment does.
        app.config.from_object(config_for_environment(overrides.get("APP_ENV")))
        app.config.update(overrides)

    explicit_key = os.environ.get("SECRET_KEY") or (
        isinstance(config, dict) and config.get("SECRET_KEY")
    )
    if app.config["APP_ENV"] == "production" and not explicit_key:
        raise RuntimeError("SECRET_KEY must be set when APP_ENV=production")

    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS",
        engine_options(app.config["SQLALCHEMY_DATABASE_URI"], app.config["WEB_THREADS"]),
    )
    redis_url = app.config.get("REDIS_URL")
    app.config.setdefault("CACHE_DEFAULT_TIMEOUT", 300)
    app.config.setdefault("CACHE_KEY_PREFIX", "hmb:cache:")
    if redis_url:
        app.config.setdefault("CACHE_TYPE", "RedisCache")
        app.config.setdefault("CACHE_REDIS_URL", redis_url)
        app.config.setdefault(
            "CACHE_OPTIONS", {"socket_timeout": 0.1, "socket_connect_timeout": 0.1}
        )
        app.config.setdefault("RATELIMIT_STORAGE_URI", redis_url)
    else:
        # A file cache is shared by every Gunicorn worker process, so it stays correct.
        app.config.setdefault("CACHE_TYPE", "FileSystemCache")
        app.config.setdefault("CACHE_DIR", app.config["CACHE_DIR"])
        app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")

    # Limits never cause an error page: while Redis is down they are counted in memory.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "hmb-limits")
    if redis_url:
        app.config.setdefault(
            "RATELIMIT_STORAGE_OPTIONS", {"socket_timeout": 0.1, "socket_connect_timeout": 0.1}
        )

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.config["SQLALCHEMY_DATABASE_URI"][len("sqlite:///") :]).parent.mkdir(
            parents=True, exist_ok=True
        )

    if app.config.get("PROXY_FIX"):
        # One proxy (the platform's router) sits in front of Gunicorn.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )


def register_extensions(app: Flask) -> None:
    from . import models
    from .mail import outbox

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    # CSRF is checked by our own hook (below) so a malformed body is a 400, not an error.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    csrf.init_app(app)

    @app.before_request
    def check_csrf():
        try:
            csrf.protect(apply_exemptions=True)
        except (AttributeError, TypeError) as exc:
            # A multipart part without a name reaches Flask-WTF as a None key.
            from werkzeug.exceptions import BadRequest

            message = "That form could not be read. Go back, reload it and try again."
            raise BadRequest(message) from exc

    cache.init_app(app)
    limiter.init_app(app)
    task_queues.init_app(app)
    outbox.init_app(app)

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(session_id: str):
        return models.User.from_session_id(session_id)


def register_blueprints(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .alerts import bp as alerts_bp
    from .auth import bp as auth_bp
    from .jobs import applications_bp, site_bp
    from .jobs import bp as jobs_bp
    from .main import bp as main_bp
    from .messages import bp as messages_bp
    from .notifications import bp as notifications_bp
    from .settings import bp as settings_bp
    from .social import bp as social_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(jobs_bp, url_prefix="/jobs")
    app.register_blueprint(applications_bp, url_prefix="/applications")
    app.register_blueprint(site_bp)
    app.register_blueprint(social_bp)  # /u/<username>, /people, /posts/..., /comments/...
    app.register_blueprint(messages_bp, url_prefix="/messages")
    app.register_blueprint(notifications_bp, url_prefix="/notifications")
    app.register_blueprint(settings_bp, url_prefix="/settings")
    app.register_blueprint(alerts_bp, url_prefix="/alerts")
    app.register_blueprint(admin_bp, url_prefix="/admin")


def register_errorhandlers(app: Flask) -> None:
    from .compression import register as register_compression
    from .main.errors import register
    from .security import register as register_security_headers

    register(app)
    register_security_headers(app)
    register_compression(app)


def register_template_helpers(app: Flask) -> None:
    from .static_files import register as register_static_files
    from .templating import register

    register(app)
    register_static_files(app)


def register_commands(app: Flask) -> None:
    from .cli import register

    register(app)
