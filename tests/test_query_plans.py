"""The hot pages' queries use indexes: over the S=0.01 benchmark data set, no statement a hot
page runs may read a large table from end to end (PostgreSQL: a Seq Scan; SQLite: a SCAN
without an index)."""

import pytest
from sqlalchemy import event, func, select, text

from hiremebahamas.extensions import cache
from hiremebahamas.extensions import db as _db
from hiremebahamas.models import Job
from hiremebahamas.seed.bench import BENCH_PASSWORD, seed_bench

from .conftest import AuthActions, empty_database

# Tables with thousands of rows at S=0.01 (and millions at S=1).
LARGE_TABLES = {"posts", "post_likes", "post_comments", "messages", "notifications"}
HOT_PAGES = [
    ("visitor", "/jobs/list"),
    ("visitor", "/jobs/list?q=cook&island=new-providence&sort=salary"),
    ("visitor", "/jobs/{job}"),
    ("visitor", "/u/bench_employer_1"),
    ("seeker", "/posts/feed"),
    ("seeker", "/posts/feed?scope=everyone"),
    ("seeker", "/messages/list"),
    ("seeker", "/notifications/list"),
]


@pytest.fixture(scope="module")
def bench_data(app):
    with app.app_context():
        _db.session.remove()
        empty_database()
        seed_bench(0.01, progress=lambda line: None)
        if _db.engine.dialect.name == "sqlite":
            with _db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        job = _db.session.scalar(select(func.min(Job.id)).where(Job.status == "open"))
        _db.session.remove()
    yield {"job": job}
    with app.app_context():
        _db.session.remove()
        empty_database()


def statements_of(app, who: str, path: str) -> list[tuple[str, object]]:
    client = app.test_client()
    if who == "seeker":
        assert (
            AuthActions(client).login("bench_seeker_1@example.com", BENCH_PASSWORD).status_code
            == 303
        )
    cache.clear()
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(_db.engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(_db.engine, "before_cursor_execute", record)
    return seen


def full_scans(statement: str, parameters) -> list[str]:
    """The large tables this statement reads from end to end."""
    with _db.engine.connect() as conn:
        raw = conn.connection.cursor()
        if conn.dialect.name == "postgresql":
            raw.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
            plan = raw.fetchone()[0][0]["Plan"]
            found, nodes = [], [plan]
            while nodes:
                node = nodes.pop()
                if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in LARGE_TABLES:
                    found.append(node["Relation Name"])
                nodes.extend(node.get("Plans", []))
            return found
        raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        found = []
        for row in raw.fetchall():
            detail = row[-1]
            words = detail.split()
            if words[:1] == ["SCAN"] and words[1] in LARGE_TABLES and "INDEX" not in detail:
                found.append(words[1])
        return found


@pytest.mark.parametrize(("who", "page"), HOT_PAGES)
def test_hot_pages_never_scan_a_large_table(app, bench_data, who, page):
    with app.app_context():
        problems = []
        for statement, parameters in statements_of(app, who, page.format(**bench_data)):
            for table in full_scans(statement, parameters):
                problems.append(f"{table} read end to end by:\n{statement}")
        assert not problems, "\n\n".join(problems)


def test_the_plan_check_spots_a_full_scan(app, bench_data):
    """The check itself works: a query no index can serve is reported."""
    with app.app_context():
        no_parameters = {} if _db.engine.dialect.name == "postgresql" else ()
        query = "SELECT id FROM posts WHERE like_count + 0 = 5"
        assert full_scans(query, no_parameters) == ["posts"]
