"""Engine, migrations and sessions for SQLite (the default) and PostgreSQL (psycopg 3).

`make_engine(url)` checks the database is reachable at once, so a wrong DATABASE_URL is a one-line StoreError
rather than a traceback later. `migrate(engine)` brings the schema to the newest Alembic revision.

Full-text search (created by migration 0001_facts, PostgreSQL's replaced by 0005; store/search.py queries it):

SQLite (FTS5, tokenizer `porter unicode61 remove_diacritics 2`: English stemming, accents folded)
- `claim_fts(content_text, sentence_text)`, rowid = claim.id: the claim's content and the text of its cue's
  sentence. It keeps its own copy of the text (an external-content table would need the sentence row when a
  cascade deletes the claim, and SQLite 3.40 has no contentless delete).
  Query: `SELECT rowid, bm25(claim_fts) FROM claim_fts WHERE claim_fts MATCH :q ORDER BY bm25(claim_fts)`.
- `sentence_fts(text)`, external content over sentence (content_rowid = sentence.id).
  Query: `SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH :q`.
- Both are filled by `index_full_text` once an article's rows are written (migration 0008: one statement per
  article costs half what a trigger per row did); triggers on delete and update keep them in step afterwards.

PostgreSQL (stored tsvector columns, absent from the models, with GIN indexes: read, never re-parsed)
- `claim.content_tsv`  = to_tsvector('english', content_text), index `ix_claim_content_fts` (generated)
- `sentence.text_tsv`  = to_tsvector('english', text),         index `ix_sentence_text_fts` (generated)
- `claim.sentence_tsv` = its cue sentence's text_tsv,          index `ix_claim_sentence_fts` (copied by a trigger
  when the claim is written, migration 0006: content or sentence match on one row, like SQLite's claim_fts)
  Query: `WHERE claim.content_tsv @@ websearch_to_tsquery('english', :q)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import Session, create_engine

from bot.errors import StoreError

ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"
CONNECT_TIMEOUT_SECONDS = 5
SQLITE_BUSY_TIMEOUT_SECONDS = 30
SQLITE_ANALYSIS_ROWS = 1000          # rows ANALYZE samples per index (refresh_statistics)
MIGRATION_LOCK_KEY = 0x6E657773      # "news": the advisory lock serialising migrations on one PostgreSQL database
_POSTGRES_PREFIXES = ("postgresql+psycopg://", "postgresql://", "postgres://")


def make_engine(url: str) -> Engine:
    """An engine for `url`, connected once to prove it works. Raises StoreError with a one-line message."""
    url = _driver_url(url)
    try:
        if url.startswith("sqlite"):
            engine = _sqlite_engine(url)
        else:
            engine = create_engine(url, pool_pre_ping=True,
                                   connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS})
            event.listen(engine, "connect", _postgres_settings)
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        raise StoreError(f"invalid DATABASE_URL: {error}") from None
    try:
        with engine.connect():
            pass
    except DBAPIError as error:
        engine.dispose()
        raise StoreError(f"cannot connect to the database {_safe(url)}: {error_reason(error)}") from None
    return engine


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest revision (Alembic `upgrade head`), on the engine's own connection so a
    PostgreSQL search_path set on the engine (tests use a schema each) is honoured."""
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(ALEMBIC_INI.parent / "migrations"))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":   # two processes starting at once migrate one after the other
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except DBAPIError as error:
        raise StoreError(f"cannot migrate the database: {error_reason(error)}") from None


def open_database(url: str) -> Engine:
    """make_engine, then migrate: how commands that read or write facts start."""
    engine = make_engine(url)
    migrate(engine)
    return engine


@contextmanager
def open_session(engine: Engine, *, expire_on_commit: bool = True) -> Iterator[Session]:
    """A session that rolls back whatever the caller left uncommitted when it leaves, error or not.
    expire_on_commit=False keeps objects' values after a commit instead of reading them again on next use."""
    with Session(engine, expire_on_commit=expire_on_commit) as session:
        yield session


def index_full_text(connection: Connection, first_article_id: int, last_article_id: int) -> None:
    """Add the claims and sentences of the articles first_article_id..last_article_id to SQLite's full-text tables,
    after writing them: whatever inserts claims or sentences calls this. PostgreSQL indexes its own rows."""
    if connection.dialect.name != "sqlite":
        return
    articles = {"first": first_article_id, "last": last_article_id}
    connection.execute(text("INSERT INTO sentence_fts (rowid, text) SELECT id, text FROM sentence "
                            "WHERE article_id BETWEEN :first AND :last ORDER BY id"), articles)
    connection.execute(text("INSERT INTO claim_fts (rowid, content_text, sentence_text) "
                            "SELECT c.id, c.content_text, s.text FROM claim c JOIN sentence s ON s.id = c.sentence_id "
                            "WHERE c.article_id BETWEEN :first AND :last ORDER BY c.id"), articles)


def refresh_statistics(engine: Engine) -> None:
    """SQLite's planner chooses among indexes by the statistics ANALYZE gathers, and without them it chose badly as
    the store grew (a synthetic 10,000-article corpus: what-said p95 340 ms without, 20 ms with); analysis_limit
    samples each index instead of reading it whole (40 ms at 10,000 articles against 280 for a full ANALYZE).
    Whatever adds articles calls this after its last one. PostgreSQL's autovacuum gathers its own."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_ROWS}")
        connection.exec_driver_sql("ANALYZE")


def error_reason(error: DBAPIError) -> str:
    """The driver's own message, first line only: what a one-line StoreError says after its context."""
    lines = str(error.orig).strip().splitlines() if error.orig is not None else []
    return lines[0] if lines else type(error).__name__


def _driver_url(url: str) -> str:
    """Accept the usual PostgreSQL spellings (Heroku gives `postgres://`) and route them to psycopg 3."""
    url = url.strip()
    for prefix in _POSTGRES_PREFIXES:
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if url.startswith("sqlite:///") or url == "sqlite://":
        return url
    scheme = url.split(":", 1)[0] if ":" in url else url
    raise StoreError(
        f"unsupported DATABASE_URL scheme {scheme!r}: use sqlite:///path/to/file.db or postgresql://user@host/db"
    )


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the data directory for {database}: {error.strerror}") from None
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys are off by default in SQLite (cascades need them); WAL lets readers run beside one writer."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _postgres_settings(dbapi_connection, _record) -> None:
    """Every statement planned for its own parameters: psycopg prepares a statement run five times, and PostgreSQL
    then switches to a generic plan, blind to how rare a full-text query's words are (a rare name's claims were
    then found by walking a window of 320,000 claim ids: 240 ms instead of 2 at 10,000 articles)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("SET plan_cache_mode = force_custom_plan")
    cursor.close()
    dbapi_connection.commit()           # a SET in a transaction rolled back (as the pool does) would be undone


def _safe(url: str) -> str:
    """The URL without its password, fit for an error message."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unparsable URL)"
