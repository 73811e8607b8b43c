"""users: an index on lower(username), for profile and message-thread look-ups

Revision ID: f3a9c1d2b7e4
Revises: e91b2c7d4a10
Create Date: 2026-12-03 18:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "f3a9c1d2b7e4"
down_revision = "e91b2c7d4a10"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_users_username_lower", "users", [sa.text("lower(username)")])


def downgrade():
    op.drop_index("ix_users_username_lower", table_name="users")
