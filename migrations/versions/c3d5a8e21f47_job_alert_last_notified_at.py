"""job alerts: last_sent_at becomes last_notified_at; mails may carry a List-Unsubscribe link

Revision ID: c3d5a8e21f47
Revises: b7c41f0e9a21
Create Date: 2026-12-03 17:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c3d5a8e21f47"
down_revision = "b7c41f0e9a21"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_job_alerts_frequency_last_sent_at", table_name="job_alerts")
    with op.batch_alter_table("job_alerts") as batch_op:
        batch_op.alter_column("last_sent_at", new_column_name="last_notified_at")
    op.create_index(
        "ix_job_alerts_frequency_last_notified_at", "job_alerts", ["frequency", "last_notified_at"]
    )
    with op.batch_alter_table("outbound_emails") as batch_op:
        batch_op.add_column(sa.Column("unsubscribe_url", sa.String(length=500), nullable=True))


def downgrade():
    with op.batch_alter_table("outbound_emails") as batch_op:
        batch_op.drop_column("unsubscribe_url")
    op.drop_index("ix_job_alerts_frequency_last_notified_at", table_name="job_alerts")
    with op.batch_alter_table("job_alerts") as batch_op:
        batch_op.alter_column("last_notified_at", new_column_name="last_sent_at")
    op.create_index(
        "ix_job_alerts_frequency_last_sent_at", "job_alerts", ["frequency", "last_sent_at"]
    )
