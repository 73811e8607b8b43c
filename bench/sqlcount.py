"""SQL statements per request, for each benchmarked page, on the benchmark's own database.

Run by bench/run.py after the seed and before the load, with DATABASE_URL and REDIS_URL set
and the cache empty: each page is requested twice through Flask's test client, with a
`before_cursor_execute` listener counting statements; the first request meets a cold cache,
the second a warm one. Then 20 more requests measure what a warm request costs: this
process's CPU time (the app's own work, not inflated by other work on the machine) and the time
spent waiting on the database. Prints one JSON object:
{path: {"cold": n, "warm": m, "status": code, "app_cpu_ms": c, "db_ms": d}, "/hello": {...}}.

    python bench/sqlcount.py EMAIL PASSWORD PATH [PATH ...]   (signed-in paths start with "@")
"""

import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hello import app as hello_app  # bench/hello.py: the baseline's cost
from sqlalchemy import event

from hiremebahamas import create_app
from hiremebahamas.extensions import db

SAMPLES = 20

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if match is None:
        raise SystemExit("sqlcount: no csrf_token in the sign-in form")
    return match.group(1) or match.group(2)


def sign_in(client, email: str, password: str) -> None:
    token = csrf_token(client.get("/auth/login").get_data(as_text=True))
    response = client.post(
        "/auth/login", data={"email": email, "password": password, "csrf_token": token}
    )
    if response.status_code not in (302, 303):
        raise SystemExit(f"sqlcount: signing in as {email} answered {response.status_code}")


def main(email: str, password: str, paths: list[str]) -> dict:
    app = create_app()
    statements = [0]

    def count(*_args) -> None:
        statements[0] += 1

    waited = [0.0, 0.0]  # [when the statement started, seconds spent waiting on the database]

    def started(*_args) -> None:
        waited[0] = time.perf_counter()

    def finished(*_args) -> None:
        waited[1] += time.perf_counter() - waited[0]

    results: dict[str, dict] = {}
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
        event.listen(db.engine, "before_cursor_execute", started)
        event.listen(db.engine, "after_cursor_execute", finished)
    visitor, member = app.test_client(), app.test_client()
    hello_client = hello_app.test_client()
    sign_in(member, email, password)
    for spec in paths:
        signed_in = spec.startswith("@")
        path = spec.lstrip("@")
        client = member if signed_in else visitor
        figures = {}
        for attempt in ("cold", "warm"):
            statements[0] = 0
            response = client.get(path)
            figures[attempt] = statements[0]
            figures["status"] = response.status_code
        figures.update(cost(client, path, waited))
        results[path] = figures
    results["/hello"] = cost(hello_client, "/", [0.0, 0.0])
    return results


def cost(client, path: str, waited: list[float]) -> dict:
    """CPU this process spends on one warm request (whatever else the machine is doing), and
    the wall time it waits on the database, averaged over SAMPLES requests."""
    waited[1] = 0.0
    cpu = time.process_time()
    for _ in range(SAMPLES):
        client.get(path)
    return {
        "app_cpu_ms": round((time.process_time() - cpu) / SAMPLES * 1000, 2),
        "db_ms": round(waited[1] / SAMPLES * 1000, 2),
    }


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    print(json.dumps(main(sys.argv[1], sys.argv[2], sys.argv[3:])))
