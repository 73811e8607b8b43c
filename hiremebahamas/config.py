"""Configuration classes, read from the environment variables of the spec."""

import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


def normalise_database_url(url: str) -> str:
    """Rewrite Heroku/Render style URLs so SQLAlchemy uses psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def env_flag(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def engine_options(database_url: str, threads: int) -> dict:
    """Pool settings sized to one Gunicorn worker's threads."""
    if database_url.startswith("postgresql"):
        return {
            "pool_pre_ping": True,
            "pool_size": threads,
            "max_overflow": 2,
            "pool_recycle": 300,
            "pool_timeout": 10,
            # A runaway query must not hold a worker thread for the whole request timeout.
            "connect_args": {"options": "-c statement_timeout=15000", "connect_timeout": 5},
        }
    # SQLite: WAL mode and the busy timeout are set per connection in extensions.py.
    return {"connect_args": {"timeout": 15}}


class Config:
    """Settings shared by every environment."""

    APP_ENV = "development"
    TESTING = False
    SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)

    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'hiremebahamas.sqlite3'}"
    )
    # SQLALCHEMY_ENGINE_OPTIONS is derived from the final URL in create_app (engine_options).
    WEB_THREADS = int(os.environ.get("WEB_THREADS") or 4)
    SQLALCHEMY_RECORD_QUERIES = False

    REDIS_URL = os.environ.get("REDIS_URL") or None
    CACHE_DIR = os.environ.get("CACHE_DIR") or str(INSTANCE_DIR / "cache")

    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("MAIL_PORT") or 25)
    MAIL_USE_TLS = env_flag("MAIL_USE_TLS")
    MAIL_USE_SSL = env_flag("MAIL_USE_SSL")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get(
        "MAIL_DEFAULT_SENDER", "HireMeBahamas <no-reply@hiremebahamas.com>"
    )
    MAIL_TIMEOUT = 10
    MAIL_RETRY_INTERVALS = [30, 120, 600, 1800, 3600]  # seconds between delivery attempts
    # A pending mail this old (seconds) whose job is gone is handed on again by the sweeper.
    MAIL_SWEEP_AFTER = int(os.environ.get("MAIL_SWEEP_AFTER") or 120)
    MAIL_STARTED_TIMEOUT = 300  # a job "started" this long ago belonged to a dead worker
    OUTBOX_DIR = str(INSTANCE_DIR / "outbox")

    # The public address used for links in mails. Render sets RENDER_EXTERNAL_URL itself; when
    # neither is set, links use the address the request came in on (see mail/outbox.py).
    SITE_URL = (os.environ.get("SITE_URL") or os.environ.get("RENDER_EXTERNAL_URL") or "").rstrip(
        "/"
    ) or None

    # A résumé may be 2 MiB; the rest of a multipart body (cover letter, boundaries) fits in 1 MiB.
    MAX_CONTENT_LENGTH = 3 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 1024 * 1024

    WTF_CSRF_TIME_LIMIT = None  # a form left open overnight should still submit
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30

    # OWASP password storage cheat sheet: Argon2id, m=19 MiB, t=2, p=1.
    ARGON2_TIME_COST = 2
    ARGON2_MEMORY_COST = 19 * 1024
    ARGON2_PARALLELISM = 1

    VERIFY_TOKEN_MAX_AGE = 3 * 24 * 3600
    RESET_TOKEN_MAX_AGE = 3600

    PROXY_FIX = False


class DevelopmentConfig(Config):
    """The embedded default: SQLite, no Redis, mail to instance/outbox/."""


class TestingConfig(Config):
    """Used by the test suite; the fixtures point it at SQLite or PostgreSQL + Redis."""

    APP_ENV = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    # Cheaper Argon2id parameters keep the suite fast; production values are tested separately.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 8 * 1024


class ProductionConfig(Config):
    """PostgreSQL + Redis + SMTP behind the platform's proxy."""

    APP_ENV = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    # __Host- cookies are only accepted over HTTPS, for this host, on path / (no subdomain
    # or plain-HTTP page can set or overwrite them).
    SESSION_COOKIE_NAME = "__Host-session"
    REMEMBER_COOKIE_NAME = "__Host-remember"
    PREFERRED_URL_SCHEME = "https"
    PROXY_FIX = True


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for_environment(name: str | None = None) -> type[Config]:
    """Pick the config class named by `name`, else by APP_ENV (development when unset)."""
    name = (name or os.environ.get("APP_ENV", "")).strip().lower() or "development"
    if name not in CONFIGS:
        raise RuntimeError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    return CONFIGS[name]
