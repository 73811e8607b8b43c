"""Fault drills: break PostgreSQL, Redis and the load level under a running site, and measure.

    .venv/bin/python scripts/fault_drills.py [--soak-seconds 600] [--connections 64]

It runs its own PostgreSQL cluster (port 5440) and Redis (port 6390) in a temporary folder,
so the machine's own services are never touched, plus Gunicorn (gunicorn.conf.py), an RQ
worker and an SMTP server on loopback. All traffic goes to 127.0.0.1. It prints its figures
and writes them to bench/DRILLS.md. Needs root (to run PostgreSQL as the postgres user) and
`wrk` for the soak (apt-get install wrk).
"""

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_PORT, REDIS_PORT = 5440, 6390
PG_BIN = Path("/usr/lib/postgresql") / sorted(os.listdir("/usr/lib/postgresql"))[-1] / "bin"
PAGES = ["/", "/jobs/list", "/jobs/list?q=cook", "/people", "/health"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def as_postgres(command: str) -> None:
    run("su", "postgres", "-s", "/bin/sh", "-c", command)


class Services:
    """A private PostgreSQL and Redis, started and stopped by the drills."""

    def __init__(self, folder: Path):
        self.pg_data = folder / "pg"
        self.redis_folder = folder / "redis"
        self.redis_folder.mkdir()
        self.redis: subprocess.Popen | None = None
        os.chmod(folder, 0o777)

    def start_postgres(self) -> None:
        if not self.pg_data.exists():
            as_postgres(f"{PG_BIN}/initdb -D {self.pg_data} -A trust -U postgres >/dev/null")
        as_postgres(
            f"{PG_BIN}/pg_ctl -D {self.pg_data} -w -l {self.pg_data}.log "
            f"-o '-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1' start >/dev/null"
        )

    def stop_postgres(self, mode: str = "fast") -> None:
        as_postgres(f"{PG_BIN}/pg_ctl -D {self.pg_data} -w -m {mode} stop >/dev/null")

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.redis_folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: redis_answers(), 10, "Redis")

    def stop_redis(self) -> None:
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(10)


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wait_for(check, seconds: float, what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if check():
            return time.monotonic() - start
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {seconds} s")


def get(url: str, timeout: float = 5) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


@dataclass
class Load:
    """Threads requesting pages in a loop; every answer is recorded with its time."""

    base: str
    threads: int = 8
    results: list[tuple[float, int]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self):
        self.workers = [threading.Thread(target=self.loop, args=(n,)) for n in range(self.threads)]
        for worker in self.workers:
            worker.start()
        return self

    def loop(self, n: int) -> None:
        i = n
        while not self.stop.is_set():
            status, _ = get(self.base + PAGES[i % len(PAGES)])
            self.results.append((time.monotonic(), status))
            i += 1

    def __exit__(self, *exc):
        self.stop.set()
        for worker in self.workers:
            worker.join()

    def failures(self, since: float = 0.0) -> int:
        return sum(1 for at, status in self.results if at >= since and not 200 <= status < 400)


class Site:
    def __init__(self, env: dict):
        self.port = free_port()
        self.env = {**env, "PORT": str(self.port), "WEB_CONCURRENCY": "2", "WEB_THREADS": "4"}
        self.base = f"http://127.0.0.1:{self.port}"
        self.processes: list[subprocess.Popen] = []

    def flask(self, *args) -> str:
        return run(
            sys.executable, "-m", "flask", "--app", "wsgi", *args, cwd=ROOT, env=self.env
        ).stdout

    def start(self) -> None:
        log = open(ROOT / "bench" / "out" / "drill-gunicorn.log", "ab")  # noqa: SIM115
        self.processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        self.processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "wsgi", "worker"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        wait_for(lambda: get(self.base + "/health")[0] == 200, 30, "the site")

    def worker_pids(self) -> list[int]:
        out = run("pgrep", "-P", str(self.processes[0].pid)).stdout
        return [int(pid) for pid in out.split()]

    def stop(self) -> None:
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def drill_postgres_restart(site: Site, services: Services) -> dict:
    with Load(site.base) as load:
        time.sleep(3)
        stopped_at = time.monotonic()
        services.stop_postgres()
        time.sleep(2)
        services.start_postgres()
        back_at = time.monotonic()
        time.sleep(8)
    served_again = next(
        (at for at, status in load.results if at >= back_at and status == 200), None
    )
    return {
        "requests": len(load.results),
        "failed": load.failures(),
        "failed before the stop": sum(
            1 for at, s in load.results if at < stopped_at and not 200 <= s < 400
        ),
        "seconds until served again after PostgreSQL was back": (
            round(served_again - back_at, 2) if served_again else None
        ),
    }


def register_someone(base: str, email: str) -> int:
    """Sign up through the form, as a browser would; returns the final status."""
    import http.cookiejar
    import re
    import urllib.parse

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page = opener.open(base + "/auth/register", timeout=10).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    fields = {
        "csrf_token": token,
        "account_type": "seeker",
        "name": "Drill Person",
        "username": "drill_" + email.split("@")[0].replace("-", "_"),
        "email": email,
        "password": "a long drill password",
    }
    data = urllib.parse.urlencode(fields).encode()
    try:
        with opener.open(base + "/auth/register", data=data, timeout=10) as response:
            signed_up = "Welcome to HireMeBahamas" in response.read().decode()
            return response.status if signed_up else -response.status  # negative: form refused
    except urllib.error.HTTPError as error:
        return error.code


def drill_redis_stop(site: Site, services: Services, mailbox: list) -> dict:
    mailbox.clear()
    with Load(site.base) as load:
        time.sleep(2)
        services.stop_redis()
        time.sleep(1)
        health_during = json.loads(get(site.base + "/health")[1] or b"{}")
        signup_status = register_someone(site.base, "during-outage@example.com")
        time.sleep(3)
        services.start_redis()
        time.sleep(2)
    # The worker's maintenance sweeps every minute; run the same sweep now rather than wait.
    env = {**site.env, "MAIL_SWEEP_AFTER": "0"}
    sweep = run(sys.executable, "-m", "flask", "--app", "wsgi", "mail", "sweep", cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not mailbox:
        time.sleep(0.5)
    time.sleep(5)  # anything sent twice would arrive by now
    return {
        "requests": len(load.results),
        "failed": load.failures(),
        "/health while Redis was down": health_during,
        "sign-up while Redis was down (final status)": signup_status,
        "mails delivered after Redis returned (expected 1)": len(mailbox),
        "sweep": sweep.stdout.strip(),
    }


def drill_soak(site: Site, seconds: int, connections: int) -> dict:
    if not shutil.which("wrk"):
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    pids = site.worker_pids()
    for _ in range(200):  # warm up every worker before measuring its memory
        get(site.base + "/jobs/list")
    before = {pid: rss_kib(pid) for pid in pids}
    out = run(
        "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", site.base + "/jobs/list"
    ).stdout
    after = {pid: rss_kib(pid) for pid in pids}
    non_2xx = 0
    for line in out.splitlines():
        if "Non-2xx or 3xx responses" in line:
            non_2xx = int(line.split(":")[1])
    growth = {pid: round(100 * (after[pid] - before[pid]) / before[pid], 1) for pid in pids}
    requests = next((line.split()[0] for line in out.splitlines() if "requests in" in line), "?")
    return {
        "seconds": seconds,
        "connections": connections,
        "requests": requests,
        "non-2xx/3xx": non_2xx,
        "memory growth per worker %": growth,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--soak-seconds", type=int, default=600)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)

    from aiosmtpd.controller import Controller

    mailbox: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            mailbox.append(envelope.content)
            return "250 OK"

    smtp_port = free_port()
    smtp = Controller(Handler(), hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    folder = Path(tempfile.mkdtemp(prefix="hmb-drills-"))
    services = Services(folder)
    site = None
    figures: dict = {}
    try:
        services.start_postgres()
        run(f"{PG_BIN}/createdb", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "drill")
        services.start_redis()
        env = {
            **os.environ,
            "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{PG_PORT}/drill",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(smtp_port),
            "SECRET_KEY": "drills",
            "APP_ENV": "development",
        }
        site = Site(env)
        print("drills: migrating and seeding the drill database...", flush=True)
        site.flask("db", "upgrade")
        site.flask("seed-demo")
        site.start()
        print("drills: PostgreSQL restarted under load...", flush=True)
        figures["postgres restart"] = drill_postgres_restart(site, services)
        print(f"  {figures['postgres restart']}", flush=True)
        print("drills: Redis stopped under load...", flush=True)
        figures["redis stop"] = drill_redis_stop(site, services, mailbox)
        print(f"  {figures['redis stop']}", flush=True)
        print(
            f"drills: soak, {args.soak_seconds} s at {args.connections} connections...", flush=True
        )
        figures["soak"] = drill_soak(site, args.soak_seconds, args.connections)
        print(f"  {figures['soak']}", flush=True)
    finally:
        if site:
            site.stop()
        services.stop_redis()
        with contextlib.suppress(Exception):
            services.stop_postgres("immediate")
        smtp.stop()
        shutil.rmtree(folder, ignore_errors=True)
    report = [
        "# Fault drills",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} "
        f"on {os.cpu_count()} cores (scripts/fault_drills.py).",
        "",
    ]
    for name, values in figures.items():
        report.append(f"## {name}")
        report.extend(f"- {key}: {value}" for key, value in values.items())
        report.append("")
    (ROOT / "bench" / "DRILLS.md").write_text("\n".join(report))
    print("drills: done; figures in bench/DRILLS.md")


if __name__ == "__main__":
    main()
