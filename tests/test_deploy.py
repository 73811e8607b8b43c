"""Deployment: the Gunicorn settings, Procfile and Render blueprint the spec describes, a real
Gunicorn serving the app, production configuration and what /health tells the platform.
"""

import json
import os
import re
import runpy
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import text
from werkzeug.middleware.proxy_fix import ProxyFix

from hiremebahamas import create_app
from hiremebahamas.config import engine_options, normalise_database_url
from hiremebahamas.extensions import db as _db
from hiremebahamas.extensions import limiter

from .conftest import free_port

ROOT = Path(__file__).resolve().parent.parent


# --- gunicorn.conf.py -------------------------------------------------------------------


def gunicorn_settings(monkeypatch, **env: str) -> dict:
    """gunicorn.conf.py as Gunicorn reads it, under the given environment."""
    for name in ("WEB_CONCURRENCY", "WEB_THREADS", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_defaults_are_the_specs(monkeypatch):
    settings = gunicorn_settings(monkeypatch)
    assert settings["worker_class"] == "gthread"
    assert (settings["workers"], settings["threads"]) == (4, 4)
    assert settings["timeout"] == 60
    assert settings["graceful_timeout"] == 30
    assert settings["keepalive"] == 5
    assert settings["preload_app"] is False
    assert settings["bind"] == "0.0.0.0:8000"


def test_gunicorn_is_sized_and_bound_from_the_environment(monkeypatch):
    settings = gunicorn_settings(monkeypatch, WEB_CONCURRENCY="2", WEB_THREADS="8", PORT="10000")
    assert (settings["workers"], settings["threads"]) == (2, 8)
    assert settings["bind"] == "0.0.0.0:10000"


def test_gunicorn_treats_empty_variables_as_unset(monkeypatch):
    settings = gunicorn_settings(monkeypatch, WEB_CONCURRENCY="", WEB_THREADS="", PORT="")
    assert (settings["workers"], settings["threads"], settings["bind"]) == (4, 4, "0.0.0.0:8000")


# --- Procfile and render.yaml -----------------------------------------------------------


def procfile() -> dict[str, str]:
    """Process type -> command."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    pairs = (line.split(":", 1) for line in lines if line.strip())
    return {name.strip(): command.strip() for name, command in pairs}


def test_procfile_migrates_on_release_and_runs_web_and_worker():
    assert procfile() == {
        "release": "flask --app wsgi db upgrade",
        "web": "gunicorn -c gunicorn.conf.py wsgi:app",
        "worker": "flask --app wsgi worker",
    }


def test_procfile_flask_commands_exist(runner):
    """The release and worker lines name commands the app really has."""
    for name in ("release", "worker"):
        command = procfile()[name].split()
        assert command[:3] == ["flask", "--app", "wsgi"]
        result = runner.invoke(args=[*command[3:], "--help"])
        assert result.exit_code == 0, f"{name}: {result.output}"


def render_service(blueprint: str, service_type: str) -> str:
    """The text of the one `- type: <service_type>` entry under services:."""
    services = blueprint.split("\nservices:\n", 1)[1].split("\ndatabases:\n", 1)[0]
    blocks = [b for b in re.split(r"\n(?=  - type: )", services) if b.strip()]
    matching = [b for b in blocks if b.lstrip().startswith(f"- type: {service_type}\n")]
    assert len(matching) == 1, f"expected one {service_type} service in render.yaml"
    return matching[0]


def yaml_value(block: str, key: str) -> str:
    match = re.search(rf"^\s*{key}:\s*(.+?)\s*(#.*)?$", block, re.MULTILINE)
    assert match, f"no {key} in\n{block}"
    return match.group(1).strip("\"'")


def test_render_blueprint_has_web_worker_redis_and_database():
    blueprint = (ROOT / "render.yaml").read_text()

    web = render_service(blueprint, "web")
    assert yaml_value(web, "healthCheckPath") == "/health"
    assert yaml_value(web, "preDeployCommand") == "flask --app wsgi db upgrade"
    assert yaml_value(web, "startCommand") == "gunicorn -c gunicorn.conf.py wsgi:app"
    assert yaml_value(web, "minInstances") == "1"
    assert yaml_value(web, "maxInstances") == "3"

    worker = render_service(blueprint, "worker")
    assert yaml_value(worker, "startCommand") == "flask --app wsgi worker"

    redis = render_service(blueprint, "keyvalue")
    assert yaml_value(redis, "maxmemoryPolicy") == "noeviction"
    redis_name = yaml_value(redis, "name")

    databases = blueprint.split("\ndatabases:\n", 1)[1]
    database_name = yaml_value(databases, "- name")

    # Both processes reach the same database and Redis, and share one generated SECRET_KEY.
    for service in (web, worker):
        assert re.search(rf"key: DATABASE_URL\s+fromDatabase:\s+name: {database_name}\b", service)
        assert re.search(
            rf"key: REDIS_URL\s+fromService:\s+type: keyvalue\s+name: {redis_name}\b", service
        )
        assert "fromGroup: hiremebahamas-shared" in service
    assert re.search(r"key: SECRET_KEY\s+generateValue: true", blueprint)
    assert re.search(r"key: APP_ENV\s+value: production", blueprint)


# --- a real Gunicorn --------------------------------------------------------------------


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read()


def test_gunicorn_serves_the_app(app, db, tmp_path):
    """`gunicorn -c gunicorn.conf.py wsgi:app` (the Procfile's web line) answers /health and /
    with the same database (and Redis) as the tests."""
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "WEB_THREADS": "2",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "x",
    }
    env.pop("REDIS_URL", None)
    env.pop("APP_ENV", None)
    if app.config.get("REDIS_URL"):
        env["REDIS_URL"] = app.config["REDIS_URL"]
    log_path = tmp_path / "gunicorn.log"
    base = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 20
            status, body = None, b""
            while time.monotonic() < deadline and server.poll() is None:
                try:
                    status, body = get(f"{base}/health")
                except OSError:
                    status = None
                if status == 200:
                    break
                time.sleep(0.2)
            assert status == 200, f"no healthy answer:\n{log_path.read_text()}"
            expected_redis = "ok" if app.config.get("REDIS_URL") else "not configured"
            assert json.loads(body) == {"status": "ok", "database": "ok", "redis": expected_redis}

            status, body = get(f"{base}/")
            assert status == 200
            assert "HireMeBahamas" in body.decode()

            # Two worker processes of the gthread kind, as WEB_CONCURRENCY asked.
            while time.monotonic() < deadline and log_path.read_text().count("Booting worker") < 2:
                time.sleep(0.1)
            startup = log_path.read_text()
            assert "Using worker: gthread" in startup
            assert startup.count("Booting worker") == 2, startup
            assert f"Listening at: http://0.0.0.0:{port}" in startup
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    assert server.returncode == 0, log_path.read_text()  # a clean, graceful shutdown


# --- configuration ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@db:5432/hmb", "postgresql+psycopg://u:p@db:5432/hmb"),
        ("postgresql://u:p@db/hmb", "postgresql+psycopg://u:p@db/hmb"),
        ("postgresql+psycopg://u@h/hmb", "postgresql+psycopg://u@h/hmb"),
        ("sqlite:////srv/hmb.sqlite3", "sqlite:////srv/hmb.sqlite3"),
    ],
)
def test_platform_database_urls_use_psycopg_3(url, expected):
    assert normalise_database_url(url) == expected


@pytest.fixture
def separate_apps(tmp_path):
    """Build extra apps beside the session's one, and leave the session's app as it was.

    The Flask-Limiter instance is shared by every app in the process and takes its storage
    from the last app built, so its state is put back afterwards; each extra app's engine
    is disposed of.
    """
    limiter_state = vars(limiter).copy()
    built = []

    def build(config: dict):
        config = {"CACHE_DIR": str(tmp_path / "cache"), **config}
        built.append(create_app(config))
        return built[-1]

    yield build
    for extra in built:
        with extra.app_context():
            _db.engine.dispose()
            redis = extra.extensions.get("task_queues")
            if redis is not None:
                redis.close()
    vars(limiter).clear()
    vars(limiter).update(limiter_state)


@pytest.mark.parametrize("app_env_from", ["environment", "overrides"])
def test_production_requires_a_secret_key(separate_apps, monkeypatch, tmp_path, app_env_from):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}
    if app_env_from == "environment":
        monkeypatch.setenv("APP_ENV", "production")
    else:
        config["APP_ENV"] = "production"
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        separate_apps(config)


@pytest.mark.parametrize("app_env_from", ["environment", "overrides"])
def test_production_app_has_secure_cookies_behind_the_proxy(
    separate_apps, monkeypatch, tmp_path, app_env_from
):
    """The platform sets APP_ENV in the environment; a dict override must mean the same."""
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-the-platform")
    config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}
    if app_env_from == "environment":
        monkeypatch.setenv("APP_ENV", "production")
    else:
        monkeypatch.delenv("APP_ENV", raising=False)
        config["APP_ENV"] = "production"

    production = separate_apps(config)

    assert production.config["APP_ENV"] == "production"
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["REMEMBER_COOKIE_SECURE"] is True
    assert isinstance(production.wsgi_app, ProxyFix)
    assert (production.wsgi_app.x_for, production.wsgi_app.x_proto) == (1, 1)
    # Behind the platform's router: the session cookie only ever travels over https.
    response = production.test_client().get(
        "/auth/register", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "1.2.3.4"}
    )
    assert response.status_code == 200
    cookie = response.headers.get("Set-Cookie", "")
    assert "Secure" in cookie and "HttpOnly" in cookie, cookie


def test_postgresql_pool_fits_the_gunicorn_threads():
    options = engine_options("postgresql+psycopg://u@h/hmb", threads=6)
    assert options["pool_pre_ping"] is True
    assert options["pool_size"] == 6
    assert options["pool_recycle"] == 300
    assert "statement_timeout" in options["connect_args"]["options"]


def test_database_connections_are_tuned_for_the_dialect(app, db):
    """What the live test database really reports, per dialect."""
    if db.engine.dialect.name == "postgresql":
        assert db.engine.pool.size() == app.config["WEB_THREADS"]
        assert db.session.scalar(text("SHOW statement_timeout")) == "15s"
    else:
        assert db.engine.dialect.name == "sqlite"
        assert db.session.scalar(text("PRAGMA journal_mode")) == "wal"
        assert db.session.scalar(text("PRAGMA busy_timeout")) == 15000
        assert db.session.scalar(text("PRAGMA foreign_keys")) == 1


# --- /health ----------------------------------------------------------------------------


def test_health_reports_ok(app, client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    expected_redis = "ok" if app.config.get("REDIS_URL") else "not configured"
    assert response.get_json() == {"status": "ok", "database": "ok", "redis": expected_redis}


def test_health_is_503_when_the_database_is_unreachable(separate_apps):
    broken = separate_apps(
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1:1/none",
            "TESTING": True,
            "SECRET_KEY": "x",
            "REDIS_URL": None,
        }
    )
    response = broken.test_client().get("/health")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "down",
        "database": "down",
        "redis": "not configured",
    }


def test_health_is_degraded_but_up_when_redis_is_down(app, db, separate_apps):
    no_redis = separate_apps(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "TESTING": True,
            "SECRET_KEY": "x",
            "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        }
    )
    client = no_redis.test_client()
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "degraded", "database": "ok", "redis": "down"}
    # The site itself keeps answering.
    assert client.get("/").status_code == 200
