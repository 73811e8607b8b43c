"""Operator commands: seed-demo and create-admin."""

from sqlalchemy import func, select

from hiremebahamas.models import Conversation, Follow, Job, Post, User
from hiremebahamas.timezone import nassau_today

from .conftest import text_of


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_loads_a_believable_data_set_once(runner, db, client):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "seed-demo:" in first.output.splitlines()[-1]
    today = nassau_today()
    open_jobs = db.session.scalar(
        select(func.count()).select_from(Job).where(Job.status == "open", Job.closes_on >= today)
    )
    islands = db.session.scalar(
        select(func.count(func.distinct(Job.island))).where(Job.status == "open")
    )
    employers = db.session.scalar(
        select(func.count()).select_from(User).where(User.account_type == "employer")
    )
    assert open_jobs >= 60
    assert islands >= 8
    assert employers >= 8
    assert count(db, Post) >= 20 and count(db, Follow) >= 20 and count(db, Conversation) >= 3
    totals = [count(db, model) for model in (User, Job, Post, Follow, Conversation)]

    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert [count(db, model) for model in (User, Job, Post, Follow, Conversation)] == totals

    page = text_of(client.get("/"))
    assert "Latest jobs" in page and "No jobs are open right now" not in page


def test_seed_demo_if_empty_leaves_a_used_database_alone(runner, db, make_user):
    make_user()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0
    assert "left as it is" in result.output
    assert count(db, User) == 1


def test_demo_accounts_can_sign_in(runner, auth, db):
    from hiremebahamas.seed.demo import DEMO_PASSWORD

    runner.invoke(args=["seed-demo"])
    assert auth.login("seeker@example.com", DEMO_PASSWORD).status_code == 303


def test_create_admin_makes_a_new_administrator(runner, db, auth):
    result = runner.invoke(
        args=[
            "create-admin",
            "--email",
            "Boss@Example.com",
            "--username",
            "boss",
            "--name",
            "The Boss",
            "--password",
            "a long admin secret",
        ]
    )
    assert result.exit_code == 0, result.output
    admin = User.by_email("boss@example.com")
    assert admin.is_admin and admin.is_verified
    assert auth.login("boss@example.com", "a long admin secret").status_code == 303


def test_create_admin_promotes_an_existing_account(runner, db, make_user):
    user = make_user(email="staff@example.com")
    result = runner.invoke(
        args=[
            "create-admin",
            "--email",
            "staff@example.com",
            "--username",
            "x",
            "--name",
            "x",
            "--password",
            "irrelevant-here",
        ]
    )
    assert result.exit_code == 0, result.output
    db.session.refresh(user)
    assert user.is_admin


def test_create_admin_refuses_a_weak_password(runner, db):
    result = runner.invoke(
        args=[
            "create-admin",
            "--email",
            "a@example.com",
            "--username",
            "adm",
            "--name",
            "A",
            "--password",
            "password",
        ]
    )
    assert result.exit_code != 0
    assert "Use at least 8 characters" in result.output or "too common" in result.output
    assert count(db, User) == 0
