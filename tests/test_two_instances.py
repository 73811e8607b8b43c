"""Two app instances (two Gunicorn servers on different ports, one database, one Redis),
as the platform runs them behind its load balancer: a person signed in on one is signed in
on the other, and an edit made on one is visible on the other at once."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from hiremebahamas.timezone import nassau_today

from .conftest import PASSWORD, free_port

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class Browser:
    """A cookie-keeping browser (no JavaScript) talking to any instance."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def submit(self, form_url: str, action_url: str, fields: dict) -> tuple[int, str]:
        """Fetch the form (for its CSRF token) and post it, following the redirect."""
        _, page = self.get(form_url)
        data = urllib.parse.urlencode({"csrf_token": TOKEN.search(page).group(1), **fields})
        try:
            with self.opener.open(action_url, data=data.encode(), timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.fixture
def two_instances(app, db, tmp_path):
    servers, bases = [], []
    env = {
        **os.environ,
        "WEB_CONCURRENCY": "1",
        "WEB_THREADS": "2",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "shared-by-every-instance",
        "APP_ENV": "development",
    }
    env.pop("REDIS_URL", None)
    if app.config.get("REDIS_URL"):
        env["REDIS_URL"] = app.config["REDIS_URL"]
    for n in range(2):
        port = free_port()
        log = (tmp_path / f"instance{n}.log").open("wb")
        servers.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                cwd=ROOT,
                env={**env, "PORT": str(port)},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base in bases:
            wait_until_healthy(base)
        yield bases
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()


def wait_until_healthy(base: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} never became healthy")


def test_signed_in_on_one_instance_is_signed_in_on_the_other(two_instances, make_user):
    first, second = two_instances
    make_user(email="keisha@example.com", name="Keisha Rolle")
    browser = Browser()
    status, page = browser.submit(
        f"{first}/auth/login",
        f"{first}/auth/login",
        {"email": "keisha@example.com", "password": PASSWORD},
    )
    assert status == 200 and "Signed in as Keisha Rolle" in page
    status, page = browser.get(f"{second}/settings/profile")
    assert status == 200 and "Your profile" in page  # not sent to sign in


def test_an_edit_on_one_instance_shows_on_the_other_at_once(two_instances, make_user, make_job):
    first, second = two_instances
    employer = make_user("employer", email="boss@example.com")
    job = make_job(employer, title="Dock Master", closes_on=nassau_today() + timedelta(days=20))
    visitor = Browser()
    for _ in range(2):  # warm both instances' page caches
        assert "Dock Master" in visitor.get(f"{second}/jobs/{job.id}")[1]
        assert "Dock Master" in visitor.get(f"{first}/jobs/list")[1]

    boss = Browser()
    boss.submit(
        f"{first}/auth/login",
        f"{first}/auth/login",
        {"email": "boss@example.com", "password": PASSWORD},
    )
    fields = {
        "title": "Harbour Master",
        "description": "Run the harbour: berths, fuel dock, safety and the night watch.",
        "island": "exuma",
        "location": "George Town",
        "category": "maritime-fishing",
        "employment_type": "full-time",
        "workplace": "on-site",
        "salary_min": "3000",
        "salary_max": "3600",
        "salary_period": "month",
        "closes_on": (nassau_today() + timedelta(days=30)).isoformat(),
        "permit": "bahamians",
    }
    status, _ = boss.submit(f"{first}/jobs/{job.id}/edit", f"{first}/jobs/{job.id}/edit", fields)
    assert status == 200

    page = visitor.get(f"{second}/jobs/{job.id}")[1]
    assert "Harbour Master" in page and "Dock Master" not in page
    assert "Harbour Master" in visitor.get(f"{second}/jobs/list")[1]
