"""A real browser (Debian's Chromium driven by Playwright, JavaScript off) against the app served
by Gunicorn with gunicorn.conf.py, on the test database (SQLite, or PostgreSQL + Redis with a
real RQ worker), delivering mail to the suite's real SMTP server.

Without Chromium these tests skip on a developer's machine and fail in CI (CI=true).
"""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from hiremebahamas.config import INSTANCE_DIR

from ..conftest import empty_database, free_port
from .support import CHROMIUM, CHROMIUM_ARGS, FINDINGS, ROOT, SCREENSHOTS, require

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "e2e: drives a real browser (Chromium) against the app under Gunicorn"
    )


# --- the app under Gunicorn -------------------------------------------------------------


@dataclass
class LiveServer:
    url: str
    env: dict
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.2)
    return False


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM (graceful for Gunicorn and the RQ worker), then SIGKILL if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_environment(app, smtp_port: int, port: int, cache_dir: Path) -> dict:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"REDIS_URL", "APP_ENV", "DATABASE_URL", "SITE_URL", "CACHE_DIR"}
        and not name.startswith("MAIL_")
    }
    env.update(
        PORT=str(port),
        WEB_CONCURRENCY="2",
        WEB_THREADS="2",
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(smtp_port),
        SECRET_KEY="e2e-secret-key",
        SITE_URL=f"http://127.0.0.1:{port}",
        # Honoured once config.py reads CACHE_DIR from the environment (see the issue note);
        # until then the server's file cache is instance/cache, cleared before each journey.
        CACHE_DIR=str(cache_dir),
    )
    if app.config.get("REDIS_URL"):
        env["REDIS_URL"] = app.config["REDIS_URL"]
    return env


@pytest.fixture(scope="package")
def live_server(app, smtp_server, tmp_path_factory):
    """`gunicorn -c gunicorn.conf.py wsgi:app` (2 workers x 2 threads) on the test database."""
    controller, _ = smtp_server
    root = tmp_path_factory.mktemp("live-server")
    port = free_port()
    env = server_environment(app, controller.port, port, root / "cache")
    log = root / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", env, log)
    try:
        if not wait_until_healthy(server.url, process):
            pytest.fail(f"Gunicorn did not come up:\n{server.log_tail()}")
        yield server
    finally:
        stop(process)


def clear_server_cache(server: LiveServer) -> None:
    """The server's page cache: Redis (emptied by the suite's fixtures) or a folder of files."""
    from cachelib import FileSystemCache

    if "REDIS_URL" in server.env:
        return
    for folder in {Path(server.env["CACHE_DIR"]), INSTANCE_DIR / "cache"}:
        if folder.is_dir():
            FileSystemCache(str(folder)).clear()


@pytest.fixture
def site(db, live_server):
    """A journey starts on an empty site: no rows, no cached pages."""
    db.session.remove()
    empty_database()
    clear_server_cache(live_server)
    yield live_server


@pytest.fixture
def mail_worker(app, live_server, tmp_path):
    """With Redis, a real `flask --app wsgi worker` delivers the mail, as in production.
    It is stopped before the suite empties Redis after the test."""
    if "REDIS_URL" not in live_server.env:
        yield None  # the embedded default sends mail in-process after each commit
        return
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "worker"],
            cwd=ROOT,
            env=live_server.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield worker
    finally:
        stop(worker)
        assert worker.returncode == 0, log.read_text(errors="replace")[-3000:]


def wait_for_mail(mailbox, address: str, subject: str, timeout: float = 30):
    """The newest mail to `address` with `subject` in its subject, delivered by the server or
    the worker process (nothing here sends it on their behalf)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in mailbox.to(address) if subject in m["Subject"]]
        if found:
            return found[-1]
        time.sleep(0.1)
    subjects = [m["Subject"] for m in mailbox.to(address)]
    raise AssertionError(f"no mail to {address} about {subject!r}; got {subjects}")


# --- the browser ------------------------------------------------------------------------


@pytest.fixture(scope="package")
def playwright():
    require(Path(CHROMIUM).exists(), "Chromium", "apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright for Python", "pip install -r requirements-dev.txt")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright):
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def person(browser, site):
    """A new person at the keyboard: their own browser context (cookies), JavaScript off."""
    contexts = []

    def open_browser():
        context = browser.new_context(
            java_script_enabled=False, base_url=site.url, viewport=DESKTOP
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_browser
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    """The whole page at a phone's and a desktop's width, under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.screenshot(path=SCREENSHOTS / f"{name}-{viewport['width']}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def pytest_terminal_summary(terminalreporter):
    for section, lines in FINDINGS.items():
        terminalreporter.write_sep("-", section)
        for line in lines:
            terminalreporter.write_line(line)
