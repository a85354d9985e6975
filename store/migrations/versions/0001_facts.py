"""Facts: articles, sentences, entities and aliases, mentions, claims, hedges, figures, and full-text search.

Full-text differs by dialect (names documented in store/db.py): SQLite gets FTS5 tables kept in sync by
triggers, PostgreSQL gets GIN indexes over to_tsvector('english', ...) expressions.

Revision ID: 0001_facts
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001_facts"
down_revision = None
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString


def _fk(target: str, ondelete: str = "CASCADE") -> sa.ForeignKey:
    return sa.ForeignKey(target, ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", STR(), nullable=False),
        sa.Column("slug", STR(), nullable=False),
        sa.Column("title", STR(), nullable=False),
        sa.Column("outlet", STR(), nullable=True),
        sa.Column("url", STR(), nullable=True),
        sa.Column("content_hash", STR(), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("team_id", "content_hash"),
        sa.UniqueConstraint("team_id", "slug"),
    )
    op.create_index("ix_article_team_id", "article", ["team_id"])
    op.create_index("ix_article_ingested_at", "article", ["ingested_at"])

    op.create_table(
        "sentence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), _fk("article.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.UniqueConstraint("article_id", "position"),
    )
    op.create_index("ix_sentence_article_id", "sentence", ["article_id"])

    op.create_table(
        "entity",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), _fk("article.id"), nullable=False),
        sa.Column("name", STR(), nullable=False),
        sa.Column("key", STR(), nullable=False),
        sa.Column("type", STR(), nullable=False),
        sa.Column("description", STR(), nullable=True),
        sa.Column("description_start", sa.Integer(), nullable=True),
        sa.Column("description_end", sa.Integer(), nullable=True),
    )
    op.create_index("ix_entity_article_id", "entity", ["article_id"])
    op.create_index("ix_entity_key", "entity", ["key"])

    op.create_table(
        "alias",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_id", sa.Integer(), _fk("entity.id"), nullable=False),
        sa.Column("text", STR(), nullable=False),
        sa.Column("folded", STR(), nullable=False),
    )
    op.create_index("ix_alias_entity_id", "alias", ["entity_id"])
    op.create_index("ix_alias_folded", "alias", ["folded"])

    op.create_table(
        "mention",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_id", sa.Integer(), _fk("entity.id"), nullable=False),
        sa.Column("sentence_id", sa.Integer(), _fk("sentence.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", STR(), nullable=False),
    )
    op.create_index("ix_mention_entity_id", "mention", ["entity_id"])
    op.create_index("ix_mention_sentence_id", "mention", ["sentence_id"])

    op.create_table(
        "claim",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), _fk("article.id"), nullable=False),
        sa.Column("sentence_id", sa.Integer(), _fk("sentence.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attributed", sa.Boolean(), nullable=False),
        sa.Column("kind", STR(), nullable=False),
        sa.Column("cue_kind", STR(), nullable=True),
        sa.Column("cue_text", STR(), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("source_text", STR(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("source_entity_id", sa.Integer(), _fk("entity.id", "SET NULL"), nullable=True),
        sa.Column("content_text", sa.Text(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("content_spans", STR(), nullable=False),
        sa.Column("parent_id", sa.Integer(), _fk("claim.id"), nullable=True),
        sa.Column("hedged", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_claim_article_id", "claim", ["article_id"])
    op.create_index("ix_claim_sentence_id", "claim", ["sentence_id"])
    op.create_index("ix_claim_source_entity_id", "claim", ["source_entity_id"])
    op.create_index("ix_claim_article_source", "claim", ["article_id", "source_entity_id"])

    op.create_table(
        "hedge",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sentence_id", sa.Integer(), _fk("sentence.id"), nullable=False),
        sa.Column("claim_id", sa.Integer(), _fk("claim.id"), nullable=True),
        sa.Column("kind", STR(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", STR(), nullable=False),
    )
    op.create_index("ix_hedge_sentence_id", "hedge", ["sentence_id"])
    op.create_index("ix_hedge_claim_id", "hedge", ["claim_id"])

    op.create_table(
        "figure",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sentence_id", sa.Integer(), _fk("sentence.id"), nullable=False),
        sa.Column("claim_id", sa.Integer(), _fk("claim.id"), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", STR(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("hedge", STR(), nullable=True),
        sa.Column("counts", STR(), nullable=True),
    )
    op.create_index("ix_figure_sentence_id", "figure", ["sentence_id"])
    op.create_index("ix_figure_claim_id", "figure", ["claim_id"])
    op.create_index("ix_figure_counts", "figure", ["counts"])

    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute("CREATE INDEX ix_claim_content_fts ON claim USING gin (to_tsvector('english', content_text))")
        op.execute("CREATE INDEX ix_sentence_text_fts ON sentence USING gin (to_tsvector('english', text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS claim_fts")
        op.execute("DROP TABLE IF EXISTS sentence_fts")
    for table in ("figure", "hedge", "claim", "mention", "alias", "entity", "sentence", "article"):
        op.drop_table(table)   # indexes go with their table


_TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"
_CLAIM_SENTENCE = "(SELECT text FROM sentence WHERE id = new.sentence_id)"
SQLITE_TRIGGERS = ("sentence_fts_insert", "sentence_fts_delete", "sentence_fts_update",
                   "claim_fts_insert", "claim_fts_delete", "claim_fts_update")
SQLITE_FTS = (
    # Sentences: external content, the index reads the text from sentence itself.
    f"CREATE VIRTUAL TABLE sentence_fts USING fts5(text, content = 'sentence', content_rowid = 'id', {_TOKENIZE})",
    """CREATE TRIGGER sentence_fts_insert AFTER INSERT ON sentence BEGIN
         INSERT INTO sentence_fts (rowid, text) VALUES (new.id, new.text);
       END""",
    """CREATE TRIGGER sentence_fts_delete AFTER DELETE ON sentence BEGIN
         INSERT INTO sentence_fts (sentence_fts, rowid, text) VALUES ('delete', old.id, old.text);
       END""",
    """CREATE TRIGGER sentence_fts_update AFTER UPDATE OF text ON sentence BEGIN
         INSERT INTO sentence_fts (sentence_fts, rowid, text) VALUES ('delete', old.id, old.text);
         INSERT INTO sentence_fts (rowid, text) VALUES (new.id, new.text);
       END""",
    # Claims: content plus the cue's sentence, a copy of its own (see store/db.py for why).
    f"CREATE VIRTUAL TABLE claim_fts USING fts5(content_text, sentence_text, {_TOKENIZE})",
    f"""CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim BEGIN
         INSERT INTO claim_fts (rowid, content_text, sentence_text) VALUES (new.id, new.content_text, {_CLAIM_SENTENCE});
       END""",
    """CREATE TRIGGER claim_fts_delete AFTER DELETE ON claim BEGIN
         DELETE FROM claim_fts WHERE rowid = old.id;
       END""",
    f"""CREATE TRIGGER claim_fts_update AFTER UPDATE OF content_text, sentence_id ON claim BEGIN
         DELETE FROM claim_fts WHERE rowid = old.id;
         INSERT INTO claim_fts (rowid, content_text, sentence_text) VALUES (new.id, new.content_text, {_CLAIM_SENTENCE});
       END""",
)
