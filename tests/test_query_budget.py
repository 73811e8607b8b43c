"""The query budget: each page runs a fixed number of SQL statements, the same with 10 rows
behind it as with 1,000, and no more than its budget."""

from datetime import timedelta

import pytest
from sqlalchemy import event, insert

from hiremebahamas.extensions import cache
from hiremebahamas.extensions import db as _db
from hiremebahamas.models import (
    Application,
    Comment,
    Conversation,
    Follow,
    Job,
    Message,
    Notification,
    Post,
    PostLike,
    SavedJob,
    User,
)
from hiremebahamas.models._base import utcnow
from hiremebahamas.timezone import nassau_today

from .conftest import AuthActions

# Page -> (who looks, the most statements it may run). Signed-in pages include loading the
# person and (with a cold cache) the header counts.
BUDGET = {
    "/": ("visitor", 2),
    "/jobs/list": ("visitor", 3),
    "/jobs/list?q=cook&island=exuma&sort=salary": ("visitor", 4),
    "/jobs/{job}": ("visitor", 1),
    "/u/{employer}": ("visitor", 5),
    "/people?q=a": ("visitor", 2),
    "/posts/{post}": ("visitor", 2),
    "/posts/feed": ("seeker", 4),
    "/posts/feed?scope=everyone": ("seeker", 4),
    "/messages/list": ("seeker", 6),
    "/notifications/list": ("seeker", 4),
    "/applications": ("seeker", 5),
    "/jobs/saved": ("seeker", 3),
    "/jobs/mine": ("employer", 5),
    "/jobs/{job}/applications": ("employer", 4),
}


def fill(rows: int) -> dict:
    """`rows` jobs, applications, posts, likes, comments, follows, messages, notifications."""
    now = utcnow()
    users = [
        {
            "email": f"user{n}@example.com",
            "username": f"user{n}",
            "name": f"Person {n}",
            "password_hash": "x",
            "account_type": "employer" if n == 0 else "seeker",
            "company_name": "Big Employer Ltd" if n == 0 else None,
        }
        for n in range(max(rows // 10, 3) + 2)
    ]
    _db.session.execute(insert(User), users)
    ids = [u.id for u in _db.session.query(User.id).order_by(User.id)]
    employer, seeker, others = ids[0], ids[1], ids[2:]
    closes = nassau_today() + timedelta(days=30)
    _db.session.execute(
        insert(Job),
        [
            {
                "employer_id": employer,
                "title": f"Line Cook {n}",
                "description": "Cook conch fritters and grouper for a busy kitchen.",
                "island": "exuma" if n % 2 else "new-providence",
                "location": "George Town",
                "category": "hospitality-tourism",
                "employment_type": "full-time",
                "workplace": "on-site",
                "salary_min": 1000 + n,
                "salary_max": 2000 + n,
                "salary_period": "month",
                "closes_on": closes,
                "permit": "bahamians",
                "created_at": now - timedelta(minutes=n),
                "updated_at": now,
            }
            for n in range(rows)
        ],
    )
    job_ids = [j.id for j in _db.session.query(Job.id).order_by(Job.id)]
    applicants = [seeker, *others]
    _db.session.execute(
        insert(Application),
        [
            {"job_id": job_ids[0], "applicant_id": a, "cover_letter": "Hire me, please."}
            for a in applicants
        ]
        + [
            {"job_id": j, "applicant_id": seeker, "cover_letter": "Me again."}
            for j in job_ids[1 : rows // 2]
        ],
    )
    _db.session.execute(
        insert(SavedJob), [{"user_id": seeker, "job_id": j} for j in job_ids[: rows // 2]]
    )
    authors = [employer, seeker, *others]
    _db.session.execute(
        insert(Post),
        [
            {
                "author_id": authors[n % len(authors)],
                "body": f"Post number {n} https://example.com/{n}",
                "created_at": now - timedelta(minutes=n),
                "like_count": len(others),
                "comment_count": 2,
            }
            for n in range(rows)
        ],
    )
    post_ids = [p.id for p in _db.session.query(Post.id).order_by(Post.id)]
    _db.session.execute(insert(PostLike), [{"post_id": post_ids[0], "user_id": u} for u in others])
    _db.session.execute(
        insert(Comment),
        [
            {"post_id": post_ids[0], "author_id": authors[n % len(authors)], "body": f"c{n}"}
            for n in range(rows)
        ],
    )
    _db.session.execute(
        insert(Follow),
        [{"follower_id": seeker, "followed_id": u} for u in [employer, *others]]
        + [{"follower_id": u, "followed_id": employer} for u in others],
    )
    for partner in others:
        low, high = sorted((seeker, partner))
        conversation = Conversation(user_low_id=low, user_high_id=high, last_message_at=now)
        _db.session.add(conversation)
        _db.session.flush()
        _db.session.execute(
            insert(Message),
            [
                {
                    "conversation_id": conversation.id,
                    "sender_id": partner,
                    "recipient_id": seeker,
                    "body": f"Message {n}",
                    "created_at": now - timedelta(seconds=n),
                }
                for n in range(10)
            ],
        )
    _db.session.execute(
        insert(Notification),
        [
            {
                "user_id": seeker,
                "kind": "new_follower",
                "actor_id": others[n % len(others)],
                "text": "Someone followed you",
                "link": "/",
                "created_at": now - timedelta(seconds=n),
            }
            for n in range(rows)
        ],
    )
    _db.session.commit()
    return {"job": job_ids[0], "post": post_ids[0], "employer": "user0"}


def statements_for(app, who: str, path: str) -> int:
    client = app.test_client()
    if who != "visitor":
        email = "user0@example.com" if who == "employer" else "user1@example.com"
        client.get("/")  # no statements of the sign-in itself are counted
        from hiremebahamas.auth.passwords import hash_password

        _db.session.query(User).filter(User.email == email).update(
            {"password_hash": hash_password("correct horse battery")}
        )
        _db.session.commit()
        assert AuthActions(client).login(email).status_code == 303
    cache.clear()  # a cold cache: the worst case
    seen = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(_db.engine, "before_cursor_execute", count)
    try:
        response = client.get(path)
    finally:
        event.remove(_db.engine, "before_cursor_execute", count)
    assert response.status_code == 200, (path, response.status_code)
    return len(seen)


@pytest.mark.parametrize("page", list(BUDGET))
def test_a_page_runs_the_same_few_statements_with_10_or_1000_rows(app, db, page):
    who, budget = BUDGET[page]
    counts = []
    for rows in (10, 1000):
        _db.session.remove()
        from .conftest import empty_database

        empty_database()
        cache.clear()
        names = fill(rows)
        counts.append(statements_for(app, who, page.format(**names)))
    assert counts[0] == counts[1], (
        f"{page}: {counts[0]} statements with 10 rows, {counts[1]} with 1000"
    )
    assert counts[0] <= budget, f"{page}: {counts[0]} statements, budget {budget}"
