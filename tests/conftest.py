"""Fixtures: a real database (SQLite, or PostgreSQL when TEST_DATABASE_URL is set), a real
Redis when TEST_REDIS_URL is set, a real SMTP server (aiosmtpd) and CSRF-aware helpers.

When TEST_DATABASE_URL or TEST_REDIS_URL is set and the service does not answer, the run
fails at once: a missing service is never a skip.
"""

import html
import os
import re
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient
from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import make_url

from hiremebahamas import create_app
from hiremebahamas.auth.passwords import hash_password
from hiremebahamas.caching import clear_job_pages
from hiremebahamas.config import engine_options, normalise_database_url
from hiremebahamas.extensions import cache, limiter, task_queues
from hiremebahamas.extensions import db as _db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")
PASSWORD = "correct horse battery"

CSRF_PATTERN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def pytest_report_header(config):
    database = TEST_DATABASE_URL or "SQLite (temporary file)"
    redis = TEST_REDIS_URL or "none (embedded mode)"
    return [f"database: {database}", f"redis: {redis}"]


# --- services ---------------------------------------------------------------------------


def prepare_postgres(url: str) -> str:
    """Create the test database if needed and empty it; fail the run if PostgreSQL is down."""
    url = normalise_database_url(url)
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            )
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    except Exception as exc:
        pytest.exit(f"TEST_DATABASE_URL is set but PostgreSQL does not answer: {exc}", 3)
    finally:
        admin.dispose()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def prepare_redis(url: str) -> str:
    from redis import Redis

    try:
        Redis.from_url(url, socket_timeout=2).flushdb()
    except Exception as exc:
        pytest.exit(f"TEST_REDIS_URL is set but Redis does not answer: {exc}", 3)
    return url


def test_engine_options(database_url: str) -> dict:
    """The app's own pool settings; on PostgreSQL commits skip the disk flush (a test
    database need not survive a power cut, and fsync per commit dominates the run time)."""
    options = engine_options(database_url, threads=4)
    if database_url.startswith("postgresql"):
        connect_args = dict(options["connect_args"])
        connect_args["options"] += " -c synchronous_commit=off"
        options["connect_args"] = connect_args
    return options


class Mailbox:
    """Messages received by the real SMTP server the app delivers to."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address in m["To"]]

    def wait_for(self, address: str, subject: str = "", timeout: float = 5.0) -> EmailMessage:
        """The newest mail to `address` whose subject contains `subject`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            deliver_queued_mail()
            found = [m for m in self.to(address) if subject in m["Subject"]]
            if found:
                return found[-1]
            time.sleep(0.05)
        raise AssertionError(f"no mail to {address} with {subject!r} in its subject")


def mail_text(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message: EmailMessage, path_prefix: str) -> str:
    """The site path of the first link in the mail's text that starts with path_prefix."""
    match = re.search(
        r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[^\s]*)", mail_text(message)
    )
    assert match, f"no {path_prefix} link in the mail"
    return match.group(1)


def deliver_queued_mail() -> None:
    """In Redis mode, run a real RQ worker in burst mode over the mail queue."""
    if task_queues.enabled:
        from flask import current_app

        from hiremebahamas.mail.worker import run_worker

        run_worker(current_app._get_current_object(), ["mail"], burst=True)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, mailbox
    controller.stop()


class BrowserClient(FlaskClient):
    """Each request runs in its own app context (own `g`, own DB session), as under Gunicorn,
    even while the test itself holds an app context to look at the database."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory, smtp_server):
    controller, _ = smtp_server
    root = tmp_path_factory.mktemp("instance")
    database_url = (
        prepare_postgres(TEST_DATABASE_URL)
        if TEST_DATABASE_URL
        else f"sqlite:///{root / 'test.sqlite3'}"
    )
    config = {
        "APP_ENV": "testing",
        "TESTING": True,
        "SECRET_KEY": "testing-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": test_engine_options(database_url),
        "REDIS_URL": prepare_redis(TEST_REDIS_URL) if TEST_REDIS_URL else None,
        "CACHE_DIR": str(root / "cache"),
        "OUTBOX_DIR": str(root / "outbox"),
        "MAIL_SERVER": controller.hostname,
        "MAIL_PORT": controller.port,
        "SITE_URL": "http://hiremebahamas.test",
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 8 * 1024,
    }
    app = create_app(config)
    app.test_client_class = BrowserClient
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()  # the real migration tree builds the test schema
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """The database, emptied after each test."""
    with app.app_context():
        yield _db
        _db.session.remove()
        empty_database()
        cache.clear()
        limiter.reset()


def empty_database() -> None:
    """Delete every row, children first (faster than TRUNCATE on tables this small)."""
    with _db.engine.begin() as conn:
        for table in reversed(_db.metadata.sorted_tables):
            conn.execute(delete(table))


@pytest.fixture
def mailbox(smtp_server):
    _, box = smtp_server
    box.clear()
    yield box
    box.clear()


@pytest.fixture(autouse=True)
def fresh_redis(app):
    yield
    if app.config.get("REDIS_URL"):
        with app.app_context():
            task_queues.redis.flushdb()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


# --- factories --------------------------------------------------------------------------


@pytest.fixture
def make_user(db):
    """Create a user straight in the database (password: PASSWORD)."""
    from hiremebahamas.models import User

    counter = iter(range(1, 10_000))
    password_hash = hash_password(PASSWORD)

    def factory(account_type: str = "seeker", **fields) -> User:
        n = next(counter)
        fields.setdefault("username", f"{account_type}{n}")
        fields.setdefault("email", f"{fields['username']}@example.com")
        fields.setdefault("name", f"Test {account_type.title()} {n}")
        if account_type == "employer":
            fields.setdefault("company_name", f"Company {n} Ltd")
        user = User(account_type=account_type, password_hash=password_hash, **fields)
        _db.session.add(user)
        _db.session.commit()
        return user

    return factory


@pytest.fixture
def make_job(db):
    from datetime import timedelta

    from hiremebahamas.models import Job
    from hiremebahamas.timezone import nassau_today

    def factory(employer, **fields) -> Job:
        fields.setdefault("title", "Front Desk Agent")
        fields.setdefault("description", "Greet guests.\n\nCheck them in and out.")
        fields.setdefault("island", "new-providence")
        fields.setdefault("location", "Nassau")
        fields.setdefault("category", "hospitality-tourism")
        fields.setdefault("employment_type", "full-time")
        fields.setdefault("workplace", "on-site")
        fields.setdefault("salary_min", 1800)
        fields.setdefault("salary_max", 2400)
        fields.setdefault("salary_period", "month")
        fields.setdefault("closes_on", nassau_today() + timedelta(days=30))
        fields.setdefault("permit", "bahamians")
        job = Job(employer_id=employer.id, **fields)
        _db.session.add(job)
        _db.session.commit()
        clear_job_pages()  # as the job services do after every job write
        return job

    return factory


# --- browsing helpers -------------------------------------------------------------------


def text_of(response) -> str:
    """The page as a person reads it: entities such as &#39; turned back into characters."""
    return html.unescape(response.get_data(as_text=True))


def csrf_token(client, path: str) -> str:
    """The CSRF token of the form on a page, as a browser would have it."""
    page = client.get(path)
    match = CSRF_PATTERN.search(page.get_data(as_text=True))
    assert match, f"no CSRF token in the form at {path} (status {page.status_code})"
    return match.group(1)


def submit(client, path: str, data: dict, form_page: str | None = None, **kwargs):
    """POST a form the way a browser does: fetch the form's page, send its token along."""
    token = csrf_token(client, form_page or path)
    return client.post(path, data={"csrf_token": token, **data}, **kwargs)


class AuthActions:
    def __init__(self, client):
        self.client = client

    def register(self, account_type="seeker", **fields):
        data = {
            "account_type": account_type,
            "name": "Keisha Rolle",
            "username": "keisha",
            "email": "keisha@example.com",
            "password": PASSWORD,
            "company_name": "",
            **fields,
        }
        return submit(self.client, "/auth/register", data)

    def login(self, email="keisha@example.com", password=PASSWORD, **extra):
        return submit(self.client, "/auth/login", {"email": email, "password": password, **extra})

    def logout(self):
        return submit(self.client, "/auth/logout", {}, form_page="/")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def outbox_dir(app) -> Path:
    return Path(app.config["OUTBOX_DIR"])
