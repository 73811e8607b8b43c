"""messages: mailed_at, when a new-message mail covering the message went out

Revision ID: e91b2c7d4a10
Revises: d688143ec35b
Create Date: 2026-12-03 17:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e91b2c7d4a10"
down_revision = "d688143ec35b"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("messages") as batch_op:
        batch_op.add_column(sa.Column("mailed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("messages") as batch_op:
        batch_op.drop_column("mailed_at")
