"""Unbound Flask extensions, bound to the app in create_app."""

import sqlite3

from flask import Flask, current_app
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from redis import Redis
from rq import Queue
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations stable and let SQLite batch mode alter tables.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
cache = Cache()
limiter = Limiter(key_func=get_remote_address)


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record):
    """WAL lets readers and one writer share the file across Gunicorn workers."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


class TaskQueues:
    """RQ queues on Redis when REDIS_URL is set; absent in the embedded default."""

    # Web requests must never hang on Redis: short timeouts, then the caller falls back.
    SOCKET_TIMEOUT = 0.5

    def init_app(self, app: Flask) -> None:
        url = app.config.get("REDIS_URL")
        redis = None
        if url:
            redis = Redis.from_url(
                url,
                socket_timeout=self.SOCKET_TIMEOUT,
                socket_connect_timeout=self.SOCKET_TIMEOUT,
            )
        app.extensions["task_queues"] = redis

    @property
    def redis(self) -> Redis | None:
        """The Redis client of the current app, or None in embedded mode."""
        return current_app.extensions.get("task_queues")

    @property
    def enabled(self) -> bool:
        return self.redis is not None

    def queue(self, name: str) -> Queue:
        """The named RQ queue (e.g. "mail"); only valid when Redis is configured."""
        if self.redis is None:
            raise RuntimeError("No REDIS_URL configured: there are no RQ queues")
        return Queue(name, connection=self.redis)


task_queues = TaskQueues()
