"""Slack: editors' corrections, answered event ids, and slack-sdk's OAuth installation and state tables.

The installation tables are built from slack-sdk's own definitions so its SQLAlchemy stores read them unchanged.

Revision ID: 0002_slack
Revises: 0001_facts
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

revision = "0002_slack"
down_revision = "0001_facts"
branch_labels = None
depends_on = None


def slack_sdk_metadata() -> sa.MetaData:
    """slack-sdk's installation, bot and OAuth state tables under their default names."""
    metadata = sa.MetaData()
    SQLAlchemyInstallationStore.build_installations_table(
        metadata, SQLAlchemyInstallationStore.default_installations_table_name
    )
    SQLAlchemyInstallationStore.build_bots_table(metadata, SQLAlchemyInstallationStore.default_bots_table_name)
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, SQLAlchemyOAuthStateStore.default_table_name)
    return metadata


def upgrade() -> None:
    op.create_table(
        "correction",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("claim.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source_text", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_entity_id", sa.Integer(), sa.ForeignKey("entity.id", ondelete="SET NULL"), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_correction_team_id", "correction", ["team_id"])
    op.create_index("ix_correction_claim_id", "correction", ["claim_id"])

    op.create_table(
        "slackevent",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("team_id", "event_id"),
    )

    slack_sdk_metadata().create_all(op.get_bind())


def downgrade() -> None:
    slack_sdk_metadata().drop_all(op.get_bind())
    op.drop_table("slackevent")
    op.drop_index("ix_correction_claim_id", table_name="correction")
    op.drop_index("ix_correction_team_id", table_name="correction")
    op.drop_table("correction")
