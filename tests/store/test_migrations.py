"""Migrations and engines on SQLite and PostgreSQL: the migrated schema is the models' schema, full-text search
follows indexed inserts and cascaded deletes, downgrade/upgrade round-trips, and bad URLs are one-line StoreErrors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel, select

import store.models  # noqa: F401  (tables on SQLModel.metadata)
from bot.errors import StoreError
from store.db import ALEMBIC_INI, index_full_text, make_engine, migrate
from store.models import Article, Claim, Sentence
from tests.conftest import postgres_schema

FACT_TABLES = {"article", "sentence", "entity", "alias", "mention", "claim", "hedge", "figure"}
FTS_INDEXES = {"ix_claim_content_fts", "ix_sentence_text_fts"}
FTS_COLUMNS = {("claim", "content_tsv"), ("sentence", "text_tsv")}     # PostgreSQL's stored tsvectors
SENTENCE_ON_CLAIM = ("claim", "sentence_tsv", "ix_claim_sentence_fts")  # PostgreSQL: the cue sentence's, copied


def models_only(obj, name, type_, reflected, compare_to) -> bool:
    """Compare what the models declare; FTS tables/columns/indexes and slack-sdk's tables are migration-only."""
    if type_ == "table":
        return name in SQLModel.metadata.tables
    if type_ == "index":
        return name not in FTS_INDEXES | {SENTENCE_ON_CLAIM[2]} and obj.table.name in SQLModel.metadata.tables
    if type_ == "column":
        return (obj.table.name, name) not in FTS_COLUMNS | {SENTENCE_ON_CLAIM[:2]}
    return True


def test_migrated_schema_is_the_models_schema(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": models_only,
                                                               "compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
        assert context.get_current_revision() == "0008_full_text_per_article"


def test_migrate_again_changes_nothing(engine):
    before = sorted(inspect(engine).get_table_names())
    migrate(engine)
    assert sorted(inspect(engine).get_table_names()) == before
    assert FACT_TABLES <= set(before)


def add_claim(session: Session, sentence_text: str, content: str) -> int:
    article = Article(slug="a", title="A", content_hash="h", raw_text=sentence_text)
    session.add(article)
    session.flush()
    sentence = Sentence(article_id=article.id, position=0, paragraph=0, start=0, end=len(sentence_text),
                        text=sentence_text)
    session.add(sentence)
    session.flush()
    session.add(Claim(article_id=article.id, sentence_id=sentence.id, position=0, attributed=True, kind="indirect",
                      content_text=content, content_start=0, content_end=len(content),
                      content_spans=json.dumps([[0, len(content)]])))
    session.flush()
    index_full_text(session.connection(), article.id, article.id)       # as save_article does
    session.commit()
    return article.id


def full_text_hits(connection, word: str) -> tuple[list, list]:
    """(claim ids, sentence ids) matching `word` through each dialect's full-text structures."""
    if connection.dialect.name == "sqlite":
        claims = connection.execute(text("SELECT rowid FROM claim_fts WHERE claim_fts MATCH :q"), {"q": word})
        sentences = connection.execute(text("SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH :q"), {"q": word})
    else:
        claims = connection.execute(text("SELECT id FROM claim WHERE content_tsv "
                                         "@@ websearch_to_tsquery('english', :q)"), {"q": word})
        sentences = connection.execute(text("SELECT id FROM sentence WHERE text_tsv "
                                            "@@ websearch_to_tsquery('english', :q)"), {"q": word})
    return [r[0] for r in claims], [r[0] for r in sentences]


def claims_by_cue_sentence(connection, word: str) -> list:
    """Claims whose cue sentence (not content) holds the word: SQLite's claim_fts sentence_text column, PostgreSQL's
    claim.sentence_tsv copied from the sentence."""
    if connection.dialect.name == "sqlite":
        hits = connection.execute(text("SELECT rowid FROM claim_fts WHERE claim_fts MATCH :q"),
                                  {"q": f"sentence_text:{word}"})
    else:
        hits = connection.execute(text("SELECT id FROM claim WHERE sentence_tsv @@ websearch_to_tsquery('english', :q)"),
                                  {"q": word})
    return [r[0] for r in hits]


def test_full_text_follows_indexed_inserts_and_cascaded_deletes(engine):
    with Session(engine) as session:
        article_id = add_claim(session, "Residents requested the army, state TV said.", "residents requested the army")
        claim_id = session.exec(select(Claim.id)).one()
        sentence_id = session.exec(select(Sentence.id)).one()
    with engine.connect() as connection:
        # stemmed on both dialects: "requests" finds "requested"
        assert full_text_hits(connection, "requests") == ([claim_id], [sentence_id])
        assert full_text_hits(connection, "refugees") == ([], [])
        assert claims_by_cue_sentence(connection, "state") == [claim_id]     # the claim holds its cue's sentence
    with Session(engine) as session:
        session.delete(session.get(Article, article_id))
        session.commit()
    with engine.connect() as connection:
        assert full_text_hits(connection, "requests") == ([], [])
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("SELECT count(*) FROM claim_fts")).scalar() == 0


def test_postgresql_full_text_uses_gin_indexes_on_stored_tsvectors(engine):
    if engine.dialect.name != "postgresql":
        assert {"claim_fts", "sentence_fts"} <= set(inspect(engine).get_table_names())
        assert not any(column in {c["name"] for c in inspect(engine).get_columns(table)} for table, column in FTS_COLUMNS)
        return
    with engine.connect() as connection:
        found = dict(connection.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN ('ix_claim_content_fts', "
            "'ix_sentence_text_fts') AND schemaname = current_schema()")).all())
        generated = set(connection.execute(text(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND is_generated = 'ALWAYS' AND generation_expression LIKE 'to_tsvector(''english''::regconfig, %'")))
    assert found["ix_claim_content_fts"].endswith("USING gin (content_tsv)")
    assert found["ix_sentence_text_fts"].endswith("USING gin (text_tsv)")
    assert generated == FTS_COLUMNS
    with engine.connect() as connection:       # rare words estimated as rare (migration 0007)
        targets = dict(connection.execute(text(
            "SELECT attname, attstattarget FROM pg_attribute WHERE attrelid = 'claim'::regclass "
            "AND attname IN ('content_tsv', 'sentence_tsv')")).all())
    assert targets == {"content_tsv": 1000, "sentence_tsv": 1000}


def test_postgresql_downgrade_restores_the_expression_indexes_and_upgrade_fills_the_columns():
    """Back to 0004: the stored tsvectors go, 0001_facts' expression indexes return; up again, the columns are
    computed for the rows already stored."""
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(ALEMBIC_INI.parent / "migrations"))
    with postgres_schema() as url:
        engine = make_engine(url)
        migrate(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0004_entity_description")
        with engine.connect() as connection:
            found = dict(connection.execute(text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN ('ix_claim_content_fts', "
                "'ix_sentence_text_fts') AND schemaname = current_schema()")).all())
        assert set(found) == FTS_INDEXES
        assert all("USING gin (to_tsvector('english'::regconfig" in d for d in found.values())
        assert "content_tsv" not in {c["name"] for c in inspect(engine).get_columns("claim")}
        with Session(engine) as session:
            add_claim(session, "Residents requested the army, state TV said.", "residents requested the army")
        migrate(engine)
        with engine.connect() as connection:
            assert [len(ids) for ids in full_text_hits(connection, "requests")] == [1, 1]
            assert len(claims_by_cue_sentence(connection, "state")) == 1
        engine.dispose()


def test_downgrade_to_base_and_upgrade_again(engine):
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(ALEMBIC_INI.parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    left = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert left == set()
    migrate(engine)
    assert FACT_TABLES <= set(inspect(engine).get_table_names())


def test_sqlite_engine_creates_its_folder_and_enforces_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'dir' / 'newsbot.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert (tmp_path / "new" / "dir" / "newsbot.db").exists()


@pytest.mark.parametrize("url", ["postgres://postgres@127.0.0.1:5432/test",
                                 "postgresql://postgres@127.0.0.1:5432/test"])
def test_postgresql_urls_are_routed_to_psycopg(url):
    engine = make_engine(url)
    assert engine.dialect.driver == "psycopg"
    engine.dispose()


@pytest.mark.parametrize("url, message", [
    ("mysql://root@localhost/news", "unsupported DATABASE_URL scheme 'mysql'"),
    ("newsbot.db", "unsupported DATABASE_URL scheme 'newsbot.db'"),
    ("postgresql://postgres@127.0.0.1:1/test", "cannot connect to the database"),
    ("postgresql://postgres@127.0.0.1:5432/no_such_database_here", "cannot connect to the database"),
    ("postgresql://postgres@127.0.0.1:port/test", "invalid DATABASE_URL"),
    (f"sqlite:///{__file__}/under/a/file.db", "cannot create the data directory"),
])
def test_bad_urls_are_one_line_store_errors(url, message):
    with pytest.raises(StoreError) as error:
        make_engine(url)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_concurrent_migrations_of_a_fresh_database_both_succeed():
    """Two processes starting at once (a web dyno and a CLI) on a fresh PostgreSQL schema: one migrates, the
    other waits for it and finds the schema current (without the lock the second fails on duplicate tables)."""
    script = "import sys; from store.db import make_engine, migrate; migrate(make_engine(sys.argv[1]))"
    with postgres_schema() as url:
        runs = [subprocess.Popen([sys.executable, "-c", script, url], stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
        errors = [run.communicate(timeout=120)[1] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], errors
        engine = make_engine(url)
        assert FACT_TABLES <= set(inspect(engine).get_table_names())
        engine.dispose()


def test_sqlite_full_text_insert_triggers_leave_with_0008_and_come_back_on_downgrade(engine):
    """Rows enter SQLite's full-text tables through index_full_text, one statement per article; a downgrade
    restores the per-row insert triggers."""
    if engine.dialect.name != "sqlite":
        return
    triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts_insert' ORDER BY name"
    with engine.connect() as connection:
        assert connection.execute(text(triggers)).scalars().all() == []
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(ALEMBIC_INI.parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007_tsvector_statistics")
        assert connection.execute(text(triggers)).scalars().all() == ["claim_fts_insert", "sentence_fts_insert"]
