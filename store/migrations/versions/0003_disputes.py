"""Disputes and the daily digest: disputed claims, per-channel digest settings, one post per channel and day.

Revision ID: 0003_disputes
Revises: 0002_slack
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003_disputes"
down_revision = "0002_slack"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dispute",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("signals", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_dispute_team_id", "dispute", ["team_id"])
    op.create_index("ix_dispute_fingerprint", "dispute", ["fingerprint"])
    op.create_index("ix_dispute_updated_at", "dispute", ["updated_at"])

    op.create_table(
        "disputeclaim",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dispute_id", sa.Integer(), sa.ForeignKey("dispute.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("claim.id", ondelete="CASCADE"), nullable=False),
        sa.Column("side", sa.Integer(), nullable=True),
        sa.UniqueConstraint("dispute_id", "claim_id"),
    )
    op.create_index("ix_disputeclaim_dispute_id", "disputeclaim", ["dispute_id"])
    op.create_index("ix_disputeclaim_claim_id", "disputeclaim", ["claim_id"])

    op.create_table(
        "digestsetting",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("local_time", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("tz", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("post_when_empty", sa.Boolean(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("team_id", "channel_id"),
    )
    op.create_index("ix_digestsetting_team_id", "digestsetting", ["team_id"])

    op.create_table(
        "digestpost",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("posted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("message_ts", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.UniqueConstraint("team_id", "channel_id", "local_date"),
    )


def downgrade() -> None:
    op.drop_table("digestpost")
    op.drop_index("ix_digestsetting_team_id", table_name="digestsetting")
    op.drop_table("digestsetting")
    op.drop_index("ix_disputeclaim_claim_id", table_name="disputeclaim")
    op.drop_index("ix_disputeclaim_dispute_id", table_name="disputeclaim")
    op.drop_table("disputeclaim")
    op.drop_index("ix_dispute_updated_at", table_name="dispute")
    op.drop_index("ix_dispute_fingerprint", table_name="dispute")
    op.drop_index("ix_dispute_team_id", table_name="dispute")
    op.drop_table("dispute")
