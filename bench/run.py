"""The load benchmark (`make bench`): HireMeBahamas under wrk, next to a hello-world Flask app.

For each scale (0.01, then 1): a fresh PostgreSQL database, migrated and loaded with
`flask seed-bench`; SQL statements per request counted through the test client; the app started
with gunicorn.conf.py (4 workers x 4 threads) on PostgreSQL + Redis; a few users signed in with
a real POST of the sign-in form; then wrk at 16 connections on each page, and the same on a
hello-world app under the same Gunicorn settings. Writes bench/RESULTS.md and bench/results.png.

Every duration is bounded and the servers it starts are stopped on exit, Ctrl-C included.
Traffic goes to 127.0.0.1 only.

    python bench/run.py [--scales 0.01,1] [--duration 10] [--warmup 2]
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
APP_PORT = 8100
HELLO_PORT = 8101
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "hiremebahamas_bench"
DATABASE_URL = f"postgresql://postgres@127.0.0.1:5432/{DATABASE}"
REDIS_URL = "redis://127.0.0.1:6379/5"
SECRET_KEY = "bench-secret-key-not-for-production"
PASSWORD = "bahamas-bench-2026"  # hiremebahamas/seed/bench.py BENCH_PASSWORD
SIGN_INS = ("bench_seeker_1", "bench_seeker_2", "bench_seeker_3", "bench_seeker_4")
CONNECTIONS, THREADS = 16, 2

started_servers: list[subprocess.Popen] = []


def log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


# --- Processes --------------------------------------------------------------------------------


def run(command: list[str], env: dict | None = None, timeout: int = 600, **kwargs):
    """Run a command to completion (bounded); raise with its output if it fails."""
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        timeout=timeout,
        capture_output=True,
        text=True,
        **kwargs,
    )
    if result.returncode != 0:
        raise SystemExit(
            f"bench: {' '.join(command)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result


def start_server(name: str, command: list[str], env: dict, port: int) -> subprocess.Popen:
    """Start a server in its own process group (so stopping it stops its workers)."""
    logfile = open(OUT / f"{name}.log", "a")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.logfile = logfile
    started_servers.append(process)
    deadline = time.monotonic() + 60
    path = "/health" if name.startswith("app") else "/"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: {name} exited at start; see {logfile.name}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=2) as response:
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"bench: {name} did not answer on port {port} within 60 s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)  # the group of the server we started
            process.wait(timeout=35)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
    process.logfile.close()
    if process in started_servers:
        started_servers.remove(process)


def stop_all(*_args) -> None:
    for process in list(started_servers):
        stop_server(process)


def on_signal(signum, _frame) -> None:
    stop_all()
    raise SystemExit(f"bench: stopped by signal {signum}")


# --- Set-up -----------------------------------------------------------------------------------


def ensure_tools() -> None:
    if shutil.which("wrk") is None:
        log("installing wrk (apt-get)")
        subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=600)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            timeout=600,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        log("installing matplotlib into this venv (for the chart only; not an app dependency)")
        run([sys.executable, "-m", "pip", "install", "--quiet", "matplotlib"], timeout=600)


def ensure_services() -> None:
    """PostgreSQL and Redis on 127.0.0.1, started as .ci/run starts them if they are down."""
    if subprocess.run(["pg_isready", "-h", HOST, "-p", "5432", "-q"]).returncode != 0:
        versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
        if versions:
            log("starting PostgreSQL")
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"],
                timeout=60,
            )
        for _ in range(30):
            if subprocess.run(["pg_isready", "-h", HOST, "-p", "5432", "-q"]).returncode == 0:
                break
            time.sleep(1)
        else:
            raise SystemExit("bench: PostgreSQL is not answering on 127.0.0.1:5432")
    redis_up = ["redis-cli", "-h", HOST, "-p", "6379", "ping"]
    if subprocess.run(redis_up, capture_output=True).returncode != 0:
        log("starting Redis")
        os.makedirs("/var/lib/redis", exist_ok=True)
        subprocess.run(
            [
                *("redis-server", "--daemonize", "yes", "--bind", HOST, "--port", "6379"),
                *("--save", "", "--appendonly", "no", "--dir", "/var/lib/redis"),
            ],
            timeout=30,
        )
        for _ in range(30):
            if subprocess.run(redis_up, capture_output=True).returncode == 0:
                break
            time.sleep(1)
        else:
            raise SystemExit("bench: Redis is not answering on 127.0.0.1:6379")


def app_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MAIL_", "TEST_")) and key not in ("SITE_URL",)
    }
    env.update(
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        SECRET_KEY=SECRET_KEY,
        WEB_CONCURRENCY="4",
        WEB_THREADS="4",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def flush_cache() -> None:
    from redis import Redis

    Redis.from_url(REDIS_URL).flushdb()  # database 5 only: the bench's own


def seed(scale: float) -> dict:
    env = app_env()
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    run([*flask, "db", "upgrade"], env=env, timeout=300)
    log(f"seeding scale {scale:g}")
    started = time.perf_counter()
    # Streamed, so the seed's progress lines show as they come (the big scale takes minutes).
    process = subprocess.Popen(
        [*flask, "seed-bench", "--scale", str(scale)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    deadline = time.monotonic() + 3600
    for line in process.stdout:
        if line.strip():
            lines.append(line.rstrip())
            print("   ", line.rstrip(), flush=True)
        if time.monotonic() > deadline:
            process.kill()
    if process.wait(timeout=60) != 0:
        raise SystemExit("bench: flask seed-bench failed:\n" + "\n".join(lines[-30:]))
    seconds = time.perf_counter() - started
    summary = next((line for line in reversed(lines) if line.startswith("seed-bench:")), "")
    rows = int(re.search(r"seed-bench: ([\d,]+) rows", summary).group(1).replace(",", ""))
    return {
        "seconds": round(seconds, 1),
        "rows": rows,
        "rate": round(rows / seconds),
        "tables": [line.strip() for line in lines[1:-1]],
    }


def pick_targets() -> dict:
    """The job, search and profile the load asks for: real rows of this data set."""
    import psycopg

    with psycopg.connect(DATABASE_URL) as connection:
        job_id = connection.execute(
            "SELECT id FROM jobs WHERE status = 'open' AND closes_on >= CURRENT_DATE"
            " ORDER BY created_at DESC LIMIT 1"
        ).fetchone()[0]
    return {
        "health": ("/health", False),
        "login": ("/auth/login", False),
        "jobs_list": ("/jobs/list", False),
        "jobs_search": ("/jobs/list?q=cook&island=new-providence", False),
        "job": (f"/jobs/{job_id}", False),
        "feed": ("/posts/feed", True),
        "messages": ("/messages/list", True),
        "notifications": ("/notifications/list", True),
        "profile": ("/u/bench_employer_1", False),
    }


def count_sql(targets: dict) -> dict:
    flush_cache()
    paths = [("@" if signed_in else "") + path for path, signed_in in targets.values()]
    result = run(
        [
            sys.executable,
            str(BENCH / "sqlcount.py"),
            f"{SIGN_INS[0]}@example.com",
            PASSWORD,
            *paths,
        ],
        env=app_env(),
        timeout=300,
    )
    by_path = json.loads(result.stdout.strip().splitlines()[-1])
    sql = {name: by_path[path] for name, (path, _) in targets.items()}
    return sql, by_path["/hello"]


# --- Signing in and loading ------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def cookies_of(response) -> dict[str, str]:
    cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, value = header.split(";", 1)[0].partition("=")
        cookies[name.strip()] = value.strip()
    return cookies


def sign_in(username: str) -> str:
    """Sign in through the real form (GET for the CSRF token, then POST); the Cookie header."""
    opener = urllib.request.build_opener(NoRedirect)
    base = f"http://{HOST}:{APP_PORT}"
    with opener.open(f"{base}/auth/login", timeout=10) as response:
        html = response.read().decode()
        cookies = cookies_of(response)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode(
        {"email": f"{username}@example.com", "password": PASSWORD, "csrf_token": token}
    ).encode()
    request = urllib.request.Request(
        f"{base}/auth/login",
        data=form,
        headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
    )
    try:
        opener.open(request, timeout=10)
        raise SystemExit(f"bench: signing in as {username} did not redirect")
    except urllib.error.HTTPError as answer:  # the 303 after a successful sign-in
        if answer.code not in (302, 303):
            raise SystemExit(f"bench: signing in as {username} answered {answer.code}") from None
        cookies.update(cookies_of(answer))
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def check_page(port: int, path: str, cookie: str | None) -> int:
    """One request before the load: the page must answer 200 (not a redirect to sign in)."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(f"http://{HOST}:{port}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as answer:
        return answer.code


def wrk(port: int, path: str, seconds: int, cookies: list[str] | None = None) -> dict:
    env = {**os.environ, "BENCH_COOKIES": "|".join(cookies or [])}
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "-s",
        str(BENCH / "wrk.lua"),
        f"http://{HOST}:{port}{path}",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60)
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if result.returncode != 0 or line is None:
        raise SystemExit(f"bench: wrk failed on {path}:\n{result.stdout}\n{result.stderr}")
    raw = json.loads(line[len("BENCH_JSON ") :])
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "requests": raw["requests"],
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p90_ms": round(raw["p90_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": errors,
        "error_detail": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
    }


def measure(port: int, path: str, cookies: list[str] | None, args) -> dict:
    if args.warmup:
        wrk(port, path, args.warmup, cookies)  # warm the caches, pools and connections
    load = os.getloadavg()[0]  # what else this machine was doing (other work shares it)
    figures = wrk(port, path, args.duration, cookies)
    figures["load_before"] = round(load, 2)
    figures["load_after"] = round(os.getloadavg()[0], 2)
    return figures


def wait_for_quiet(args) -> float:
    """Other work on this machine skews every figure: wait (bounded) for the load to settle."""
    cores = os.cpu_count() or 1
    deadline = time.monotonic() + args.quiet_wait
    load = os.getloadavg()[0]
    while load > cores * args.quiet_load and time.monotonic() < deadline:
        log(f"load average {load:.1f} on {cores} cores: waiting for other work to settle")
        time.sleep(15)
        load = os.getloadavg()[0]
    if load > cores * args.quiet_load:
        log(f"load average still {load:.1f} after {args.quiet_wait} s; measuring anyway")
    return load


def measure_hello(gunicorn: list[str], scale: float, args) -> dict:
    hello = start_server(
        f"hello-{scale:g}",
        [*gunicorn, "--chdir", str(BENCH), "hello:app"],
        app_env(PORT=str(HELLO_PORT)),
        HELLO_PORT,
    )
    try:
        figures = measure(HELLO_PORT, "/", None, args)
    finally:
        stop_server(hello)
    log(
        f"{'hello world /':<45} {figures['rps']:>8,.0f} req/s"
        f"  p50 {figures['p50_ms']:>7.2f} ms  p99 {figures['p99_ms']:>7.2f} ms"
        f"  errors {figures['errors']}"
    )
    return figures


def bench_scale(scale: float, args) -> dict:
    log(f"=== scale {scale:g}: fresh database {DATABASE}")
    fresh_database()
    seeded = seed(scale)
    log(f"seeded {seeded['rows']:,} rows in {seeded['seconds']} s ({seeded['rate']:,} rows/s)")
    targets = pick_targets()
    sql, hello_cost = count_sql(targets)
    log(
        "SQL per request (cold, warm): "
        + ", ".join(f"{name} {v['cold']}/{v['warm']}" for name, v in sql.items())
    )
    log(
        "app CPU ms per warm request: "
        + ", ".join(f"{name} {v['app_cpu_ms']}" for name, v in sql.items())
        + f", hello {hello_cost['app_cpu_ms']}"
    )
    flush_cache()
    quiet = wait_for_quiet(args)
    gunicorn = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"]
    hello_runs = [measure_hello(gunicorn, scale, args)]  # before the app, and again after
    app = start_server(
        f"app-{scale:g}", [*gunicorn, "wsgi:app"], app_env(PORT=str(APP_PORT)), APP_PORT
    )
    endpoints = {}
    try:
        cookies = [sign_in(username) for username in SIGN_INS]
        log(f"signed in {len(cookies)} users: {', '.join(SIGN_INS)}")
        for name, (path, signed_in) in targets.items():
            jar = cookies if signed_in else None
            status = check_page(APP_PORT, path, jar[0] if jar else None)
            if status != 200:
                raise SystemExit(f"bench: {path} answered {status} before the load")
            figures = measure(APP_PORT, path, jar, args)
            figures.update(path=path, signed_in=signed_in, sql=sql[name])
            endpoints[name] = figures
            log(
                f"{path:<45} {figures['rps']:>8,.0f} req/s  p50 {figures['p50_ms']:>7.2f} ms"
                f"  p99 {figures['p99_ms']:>7.2f} ms  errors {figures['errors']}"
            )
    finally:
        stop_server(app)
    hello_runs.append(measure_hello(gunicorn, scale, args))
    # The ratios use the mean of the two hello-world runs that bracket the app's.
    hello_figures = {
        key: round(sum(run[key] for run in hello_runs) / len(hello_runs), 2)
        for key in ("rps", "p50_ms", "p90_ms", "p99_ms", "max_ms", "load_before", "load_after")
    }
    hello_figures["errors"] = sum(run["errors"] for run in hello_runs)
    hello_figures["requests"] = sum(run["requests"] for run in hello_runs)
    hello_figures["runs"] = hello_runs
    hello_figures["cost"] = hello_cost
    for figures in endpoints.values():
        figures["ratio"] = round(figures["rps"] / hello_figures["rps"], 3)
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "scale": scale,
        "commit": head,  # the tree may change during a long run on a shared checkout
        "seed": seeded,
        "endpoints": endpoints,
        "hello": hello_figures,
        "load_at_start": round(quiet, 2),
    }


def machine() -> dict:
    import psycopg
    from redis import Redis

    with psycopg.connect(PG_ADMIN_URL) as connection:
        pg = connection.execute("SHOW server_version").fetchone()[0]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "cores": int(subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "python": sys.version.split()[0],
        "postgresql": pg,
        "redis": Redis.from_url(REDIS_URL).info("server")["redis_version"],
        "wrk": wrk_version.split()[1] if wrk_version else "?",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="0.01,1", help="comma-separated (default 0.01,1)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument(
        "--quiet-load",
        type=float,
        default=0.75,
        help="before each scale's load, wait while the load average is above this many per core",
    )
    parser.add_argument(
        "--quiet-wait", type=int, default=180, help="wait at most this long for that (seconds)"
    )
    args = parser.parse_args()
    scales = [float(s) for s in args.scales.split(",") if s.strip()]
    if not 1 <= args.duration <= 120 or not 0 <= args.warmup <= 30:
        parser.error("--duration must be 1-120 s and --warmup 0-30 s")
    if not 0 <= args.quiet_wait <= 1800:
        parser.error("--quiet-wait must be 0-1800 s")

    signal.signal(signal.SIGINT, on_signal)  # Ctrl-C (also when started in the background)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    OUT.mkdir(exist_ok=True)
    for old_log in OUT.glob("*.log"):  # the servers' logs of this run only (appended per scale)
        old_log.unlink()
    try:
        ensure_tools()
        ensure_services()
        results = {
            "machine": machine(),
            "settings": {
                "workers": 4,
                "threads": 4,
                "connections": CONNECTIONS,
                "wrk_threads": THREADS,
                "duration": args.duration,
                "warmup": args.warmup,
            },
            "scales": [bench_scale(scale, args) for scale in scales],
        }
    except KeyboardInterrupt:
        raise SystemExit("bench: interrupted; servers stopped") from None
    finally:
        stop_all()
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    from report import write_report  # bench/report.py, beside this file

    write_report(results, BENCH)
    log(f"wrote {BENCH / 'RESULTS.md'} and {BENCH / 'results.png'}")
    print((BENCH / "RESULTS.md").read_text())


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    main()
