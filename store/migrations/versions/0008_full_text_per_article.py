"""SQLite: claim_fts and sentence_fts are filled by one INSERT ... SELECT per article (store.db.index_full_text,
called by save_article) instead of a trigger per inserted row: ingesting the 84 PolNeAR dev articles spent about
3.3 ms of 8-9 ms per article storing them in the two insert triggers, one statement per article costs about 1.7.
The delete and update triggers stay, so a cascade or an edited text still keeps the indexes in step; whatever
inserts claims or sentences other than save_article calls index_full_text. PostgreSQL: nothing (its tsvectors
are generated columns and a trigger, migrations 0005 and 0006).

Revision ID: 0008_full_text_per_article
Revises: 0007_tsvector_statistics
"""

from __future__ import annotations

from alembic import op

revision = "0008_full_text_per_article"
down_revision = "0007_tsvector_statistics"
branch_labels = None
depends_on = None

INSERT_TRIGGERS = {
    "sentence_fts_insert": """CREATE TRIGGER sentence_fts_insert AFTER INSERT ON sentence BEGIN
         INSERT INTO sentence_fts (rowid, text) VALUES (new.id, new.text);
       END""",
    "claim_fts_insert": """CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim BEGIN
         INSERT INTO claim_fts (rowid, content_text, sentence_text)
         VALUES (new.id, new.content_text, (SELECT text FROM sentence WHERE id = new.sentence_id));
       END""",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in INSERT_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in INSERT_TRIGGERS.values():
        op.execute(statement)
