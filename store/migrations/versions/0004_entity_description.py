"""Entities by description: a partial index over the few entities an article describes ("the UN human rights
chief"), so a question naming a role finds them without scanning every entity.

Revision ID: 0004_entity_description
Revises: 0003_disputes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_entity_description"
down_revision = "0003_disputes"
branch_labels = None
depends_on = None

DESCRIBED = sa.text("description IS NOT NULL")


def upgrade() -> None:
    op.create_index("ix_entity_description", "entity", ["description", "key"],
                    sqlite_where=DESCRIBED, postgresql_where=DESCRIBED)


def downgrade() -> None:
    op.drop_index("ix_entity_description", table_name="entity")
