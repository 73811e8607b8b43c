"""The migration tree builds the schema the models describe, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from hiremebahamas.extensions import db as _db
from hiremebahamas.models import include_object_for

SPEC_TABLES = {
    "users",
    "jobs",
    "job_applications",
    "application_status_changes",
    "saved_jobs",
    "job_alerts",
    "reports",
    "posts",
    "post_likes",
    "post_comments",
    "follows",
    "conversations",
    "messages",
    "notifications",
    "outbound_emails",
}


# SQLite cannot reflect expression indexes; the PostgreSQL run compares the search index too.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_models_and_migrations_agree(db):
    """Nothing is left for autogenerate to find after `flask db upgrade` (run by the fixture)."""
    with _db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_object": include_object_for(connection.dialect.name),
            },
        )
        differences = compare_metadata(context, _db.metadata)
    assert differences == []


def test_every_table_of_the_spec_exists(db):
    tables = set(inspect(_db.engine).get_table_names())
    assert tables >= SPEC_TABLES


def test_duplicates_that_make_no_sense_are_refused_by_the_schema(db):
    inspector = inspect(_db.engine)

    def unique_sets(table):
        sets = {tuple(c["column_names"]) for c in inspector.get_unique_constraints(table)}
        sets.add(tuple(inspector.get_pk_constraint(table)["constrained_columns"]))
        return sets

    assert ("job_id", "applicant_id") in unique_sets("job_applications")
    assert ("post_id", "user_id") in unique_sets("post_likes")
    assert ("follower_id", "followed_id") in unique_sets("follows")
    assert ("user_id", "job_id") in unique_sets("saved_jobs")
    assert ("user_low_id", "user_high_id") in unique_sets("conversations")


def test_list_pages_have_indexes(db):
    inspector = inspect(_db.engine)

    def indexed(table):
        return {tuple(index["column_names"]) for index in inspector.get_indexes(table)}

    assert ("status", "closes_on", "created_at") in indexed("jobs")
    assert ("island", "status", "created_at") in indexed("jobs")
    assert ("user_id", "read_at", "created_at") in indexed("notifications")
    assert ("recipient_id", "read_at") in indexed("messages")
    assert ("conversation_id", "created_at") in indexed("messages")
    assert ("author_id", "created_at") in indexed("posts")
    assert ("followed_id", "follower_id") in indexed("follows")
    assert ("post_id", "created_at") in indexed("post_comments")
    if _db.engine.dialect.name == "postgresql":
        assert "ix_jobs_search_document" in {i["name"] for i in inspector.get_indexes("jobs")}
    assert ("job_id", "status") in indexed("job_applications")
    assert ("applicant_id", "created_at") in indexed("job_applications")
