"""job keyword search: a GIN index over the weighted title and description (PostgreSQL)

Revision ID: b7c41f0e9a21
Revises: 6d24ff7416e5
Create Date: 2026-12-03 17:00:00

"""

from alembic import op

revision = "b7c41f0e9a21"
down_revision = "6d24ff7416e5"
branch_labels = None
depends_on = None

DOCUMENT = (
    "(setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, description), 'B'))"
)


def upgrade():
    # SQLite has no tsvector; its search uses LIKE (see hiremebahamas/jobs/search.py).
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_jobs_search_document ON jobs USING gin ({DOCUMENT})")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_jobs_search_document")
