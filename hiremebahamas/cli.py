"""Operator commands: flask seed-demo, flask create-admin, flask worker, flask mail ..."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from .extensions import db, task_queues
from .models import OutboundEmail, User

mail_cli = AppGroup("mail", help="The mail outbox.")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
def seed_demo_command(if_empty: bool) -> None:
    """Load the demo data set (idempotent: running it again adds nothing twice)."""
    from .seed.demo import seed_demo

    if if_empty and db.session.scalar(select(User.id).limit(1)) is not None:
        click.echo("seed-demo: the database already has users; left as it is.")
        return
    summary = seed_demo(progress=click.echo)
    click.echo(f"seed-demo: {summary}")


@click.command("seed-bench")
@click.option(
    "--scale",
    type=click.FloatRange(min=0.0001),
    default=0.01,
    show_default=True,
    help="1 = 20,000 users, 100,000 jobs, 1,000,000 posts, 3,000,000 likes, ...",
)
@click.option("--force", is_flag=True, help="Empty every table first if the database has data.")
def seed_bench_command(scale: float, force: bool) -> None:
    """Load the benchmark data set, in bulk (COPY on PostgreSQL), at the given scale."""
    from .seed.bench import seed_bench

    try:
        summary = seed_bench(scale, force=force, progress=click.echo)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"seed-bench: {summary}")


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--username", prompt=True)
@click.option("--name", prompt=True)
@click.password_option(help="At least 8 characters, not a common password.")
def create_admin_command(email: str, username: str, name: str, password: str) -> None:
    """Create an administrator, or make an existing account (same email) one."""
    from .auth.passwords import hash_password, password_problem

    email = email.strip().lower()
    user = User.by_email(email)
    if user is not None:
        user.is_admin = True
        db.session.commit()
        click.echo(f"create-admin: {user.username} <{email}> is now an administrator.")
        return
    problem = password_problem(password, name, username, email)
    if problem:
        raise click.BadParameter(problem, param_hint="--password")
    if User.by_username(username) is not None:
        raise click.BadParameter("that username is taken", param_hint="--username")
    user = User(
        email=email,
        username=username.strip(),
        name=name.strip(),
        account_type="seeker",
        password_hash=hash_password(password),
        is_admin=True,
    )
    user.mark_email_verified()
    db.session.add(user)
    db.session.commit()
    click.echo(f"create-admin: created administrator {user.username} <{email}>.")


@click.command("worker")
@click.option("--queue", "queues", multiple=True, default=("mail", "default"), show_default=True)
@click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
def worker_command(queues: tuple[str, ...], burst: bool) -> None:
    """Run an RQ worker (with the scheduler) inside the app; SIGTERM finishes the job in hand."""
    from .mail.worker import run_worker

    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException(
            "REDIS_URL is not set: the worker needs Redis. In the embedded default (no"
            " REDIS_URL) mail is sent in-process after each request and no worker is needed."
        )
    run_worker(current_app._get_current_object(), list(queues), burst=burst)


@mail_cli.command("status")
def mail_status_command() -> None:
    """Count outbox rows by status, and (with Redis) the queue depth and the workers seen."""
    rows = db.session.execute(
        select(OutboundEmail.status, db.func.count()).group_by(OutboundEmail.status)
    ).all()
    counts = dict(rows)
    click.echo(
        ", ".join(f"{status}: {counts.get(status, 0)}" for status in ("pending", "sent", "failed"))
    )
    if not task_queues.enabled:
        click.echo("queue: none (embedded mode: mail is sent in-process after each request)")
        return
    from rq import Worker

    try:
        depth = task_queues.queue("mail").count
        workers = Worker.all(connection=task_queues.redis)
    except Exception as exc:
        raise click.ClickException(f"Redis did not answer: {exc}") from exc
    click.echo(f"queue mail: {depth} waiting; workers seen: {len(workers)}")
    for worker in workers:
        click.echo(f"  {worker.name}: {worker.get_state()} on {', '.join(worker.queue_names())}")


@mail_cli.command("sweep")
def mail_sweep_command() -> None:
    """Hand on mail still unsent after a few minutes (lost jobs); the worker does this too."""
    from .mail.sweeper import sweep_outbox

    click.echo(f"mail sweep: {sweep_outbox()}")


@mail_cli.command("retry-failed")
def mail_retry_failed_command() -> None:
    """Give every failed mail a fresh set of attempts."""
    from .mail.outbox import dispatch

    failed = list(db.session.scalars(select(OutboundEmail).where(OutboundEmail.status == "failed")))
    for email in failed:
        email.status = "pending"
        email.attempts = 0
    db.session.commit()
    dispatch([email.id for email in failed])
    click.echo(f"mail retry-failed: {len(failed)} failed mails handed on again")


@click.command("send-alerts")
def send_alerts_command() -> None:
    """Mail the job alerts that are due now (the worker does this every minute)."""
    from .alerts.digests import send_due_alerts

    click.echo(f"send-alerts: {send_due_alerts()}")


@click.command("send-message-reminders")
def send_message_reminders_command() -> None:
    """Mail people about messages unread for 10 minutes (the worker does this every minute)."""
    from .messages.reminders import send_message_reminders

    click.echo(f"send-message-reminders: {send_message_reminders()}")


def register(app: Flask) -> None:
    for command in (
        seed_demo_command,
        seed_bench_command,
        create_admin_command,
        worker_command,
        send_alerts_command,
        send_message_reminders_command,
    ):
        app.cli.add_command(command)
    app.cli.add_command(mail_cli)
