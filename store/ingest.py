"""ArticleFacts → rows, one transaction per article: all of it is stored or none of it.

Ingest is idempotent on the sha256 of the raw text within a workspace: the same text again returns the stored
article untouched; `force=True` replaces its facts in place (same id, same slug). After the facts are written,
the disputes of the article are recomputed in the same transaction.

Claims: one row per Quote, and one per Statement, a sentence or clause no quote covers (the outlet's own: attributed=False,
kind "statement", no cue, no source text, no source entity — never an invented person; readers show the
article's outlet, or "the article", as its source).
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlmodel import Session, select

from bot.errors import StoreError
from bot.extract.entities import fold_name
from bot.extract.types import ArticleFacts, Quote
from bot.extract.types import Span as SpanFact
from store.db import error_reason, index_full_text
from store.models import Alias, Article, Claim, Entity, Figure, Hedge, Mention, Sentence, utcnow

CONTENT_JOINER = " … "
SLUG_MAX_CHARS = 60
TITLE_MAX_CHARS = 120


class SavedArticle(NamedTuple):
    article: Article
    created: bool            # False: the same text was already stored (and not forced)

    @property
    def article_id(self) -> int:
        return self.article.id


def content_hash(raw_text: str) -> str:
    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


def save_article(
    session: Session,
    facts: ArticleFacts,
    team_id: str,
    *,
    title: str | None = None,
    slug: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    force: bool = False,
    disputes: bool = True,
) -> SavedArticle:
    """Store `facts` for `team_id` and commit; on any error roll back so nothing of the article remains.

    disputes=False leaves the disputes to the caller: a batch ingest recomputes them once for all its articles
    (recompute_disputes), as each recompute reads every related article again."""
    digest = content_hash(facts.text)
    try:
        article = session.exec(
            select(Article).where(Article.team_id == team_id, Article.content_hash == digest)
        ).first()
        if article is not None and not force:
            return SavedArticle(article, False)
        title = title or (facts.title.text if facts.title else None) or _title_from_text(facts)
        if article is None:
            article = Article(team_id=team_id, content_hash=digest, raw_text=facts.text, title=title,
                              slug=_free_slug(session, team_id, slug or title), url=url, outlet=outlet)
            session.add(article)
        else:
            _clear_facts(session, article.id)
            article.title, article.url, article.outlet, article.ingested_at = title, url, outlet, utcnow()
        session.flush()
        _write_facts(session, article, facts)
        if disputes:
            _recompute_disputes(session, team_id, [article.id])
        session.commit()
    except DBAPIError as error:   # a constraint, a lost connection, a locked file: nothing stored, one line
        session.rollback()
        if isinstance(error, IntegrityError) and not force:   # another process stored the same text meanwhile
            stored = session.exec(
                select(Article).where(Article.team_id == team_id, Article.content_hash == digest)).first()
            if stored is not None:
                return SavedArticle(stored, False)
        raise StoreError(f"could not store the article: {error_reason(error)}") from None
    except BaseException:
        session.rollback()
        raise
    return SavedArticle(article, True)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SLUG_MAX_CHARS].rstrip("-")
    return slug or "article"


def _free_slug(session: Session, team_id: str, wanted: str) -> str:
    """`wanted` as a slug, or with -2, -3, ... when the workspace already has it."""
    base = slugify(wanted)
    taken = set(session.exec(
        select(Article.slug).where(Article.team_id == team_id, Article.slug.startswith(base, autoescape=True))
    ).all())
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _title_from_text(facts: ArticleFacts) -> str:
    first = facts.sentences[0].span.text if facts.sentences else facts.text.strip()
    first = " ".join(first.split())
    return first if len(first) <= TITLE_MAX_CHARS else first[: TITLE_MAX_CHARS - 1].rstrip() + "…"


def _clear_facts(session: Session, article_id: int) -> None:
    """Remove an article's facts before --force writes them again; hedges, figures and mentions cascade."""
    session.execute(delete(Claim).where(Claim.article_id == article_id))
    session.execute(delete(Sentence).where(Sentence.article_id == article_id))
    session.execute(delete(Entity).where(Entity.article_id == article_id))


def _write_facts(session: Session, article: Article, facts: ArticleFacts) -> None:
    """Bulk inserts, one executemany per table: ORM objects would cost more than the rest of the ingest after
    parsing."""
    sentence_ids = _insert_ids(session, Sentence, [
        {"article_id": article.id, "position": s.index, "paragraph": s.paragraph, "start": s.span.start,
         "end": s.span.end, "text": s.span.text} for s in facts.sentences], article.id)
    folded: dict[str, str] = {}     # an entity's name is among its aliases: fold each text once

    def fold(text: str) -> str:
        if text not in folded:
            folded[text] = fold_name(text)
        return folded[text]

    entity_ids = _insert_ids(session, Entity, [
        {"article_id": article.id, "name": e.name, "key": fold(e.name), "type": e.type,
         "description": e.description,
         "description_start": e.description_span.start if e.description_span else None,
         "description_end": e.description_span.end if e.description_span else None} for e in facts.entities],
        article.id)
    _insert(session, Alias, [{"entity_id": entity_id, "text": text, "folded": fold(text)}
                             for entity_id, e in zip(entity_ids, facts.entities) for text in dict.fromkeys(e.aliases)])
    _insert(session, Mention, [{"entity_id": entity_ids[m.entity], "sentence_id": sentence_ids[m.sentence],
                                "start": m.span.start, "end": m.span.end, "text": m.span.text}
                               for m in facts.mentions])

    # Claims: the quotes first (index = quote index), then the outlet's statements; hedged before inserting.
    claims = [_quote_claim(article.id, q, sentence_ids, entity_ids) for q in facts.quotes]
    claims += [_outlet_claim(article.id, s.span, sentence_ids[s.sentence]) for s in facts.statements]

    def claim_for(quote: int | None, span: SpanFact) -> int | None:
        """The claim a hedge or figure belongs to: its quote, else the outlet's statement holding it."""
        if quote is not None:
            return quote
        return next((len(facts.quotes) + n for n, s in enumerate(facts.statements)
                     if s.span.start <= span.start and span.end <= s.span.end), None)

    for h in facts.hedges:
        if (n := claim_for(h.quote, h.span)) is not None:
            claims[n]["hedged"] = True
    for claim, quote in zip(claims, facts.quotes):
        claim["hedged"] = claim["hedged"] or bool(quote.hedges)
    for position, claim in enumerate(sorted(claims, key=_reading_order)):
        claim["position"] = position
    claim_ids = _insert_ids(session, Claim, claims, article.id)
    nested = [{"claim_id": claim_ids[n], "parent_id": claim_ids[q.parent]}
              for n, q in enumerate(facts.quotes) if q.parent is not None]
    if nested:
        _execute_many(session, _parent_statement, nested)

    def claim_id(quote: int | None, span: SpanFact) -> int | None:
        n = claim_for(quote, span)
        return claim_ids[n] if n is not None else None

    _insert(session, Hedge, [{"sentence_id": sentence_ids[h.sentence], "claim_id": claim_id(h.quote, h.span),
                              "kind": h.kind, "start": h.span.start, "end": h.span.end, "text": h.span.text}
                             for h in facts.hedges])
    _insert(session, Figure, [{"sentence_id": sentence_ids[f.sentence], "claim_id": claim_id(f.quote, f.span),
                               "start": f.span.start, "end": f.span.end, "text": f.span.text, "value": f.value,
                               "low": f.low, "high": f.high, "hedge": f.hedge, "counts": f.counts}
                              for f in facts.figures])
    index_full_text(session.connection(), article.id, article.id)


def _insert(session: Session, table: type, rows: list[dict]) -> None:
    if rows:
        _execute_many(session, functools.partial(_insert_statement, table=table, columns=tuple(rows[0])), rows)


def _execute_many(session: Session, compiled: Callable[[Dialect], SQLCompiler], rows: list[dict]) -> None:
    """One executemany of the statement as the driver takes it: SQLAlchemy's processing of each row's parameters
    cost more than the insert itself, and these values (numbers, strings, booleans, None) need none."""
    connection = session.connection()
    statement = compiled(connection.dialect)
    connection.exec_driver_sql(statement.string, list(map(_parameter_reader(statement), rows)))


@functools.lru_cache(maxsize=64)
def _parameter_reader(statement: SQLCompiler) -> Callable[[dict], tuple | dict]:
    """Row -> the driver's parameters: a tuple for SQLite's positional style, read by one itemgetter (a generator
    per row cost more than the executemany itself), the dict itself for psycopg's named one."""
    if not statement.positional:
        return lambda row: row
    keys = statement.positiontup
    read = operator.itemgetter(*keys)
    return read if len(keys) > 1 else lambda row: (read(row),)


@functools.lru_cache(maxsize=64)
def _insert_statement(dialect: Dialect, table: type, columns: tuple[str, ...]) -> SQLCompiler:
    """Compiled once per database kind, table and columns: every article inserts the same few statements."""
    return insert(table.__table__).compile(dialect=dialect, column_keys=list(columns))


@functools.lru_cache(maxsize=16)
def _ids_statement(dialect: Dialect, table: type) -> SQLCompiler:
    return select(table.id).where(table.article_id == bindparam("article_id")).order_by(table.id).compile(
        dialect=dialect)


@functools.lru_cache(maxsize=4)
def _parent_statement(dialect: Dialect) -> SQLCompiler:
    claims = Claim.__table__
    return update(claims).where(claims.c.id == bindparam("claim_id")).values(
        parent_id=bindparam("parent_id")).compile(dialect=dialect)


def _insert_ids(session: Session, table: type, rows: list[dict], article_id: int) -> list[int]:
    """Insert an article's rows into `table`; their new ids in the same order. Ids grow in insertion order on
    both databases, so reading them back sorted beats RETURNING, which SQLite can only order one row at a time.
    The read goes to the driver compiled once, like the inserts: SQLAlchemy built and cached its statement anew
    for every table of every article."""
    _insert(session, table, rows)
    connection = session.connection()
    statement = _ids_statement(connection.dialect, table)
    return list(connection.exec_driver_sql(statement.string,
                                           _parameter_reader(statement)({"article_id": article_id})).scalars())


def _quote_claim(article_id: int, quote: Quote, sentence_ids: list[int], entity_ids: list[int]) -> dict:
    contents = sorted(quote.contents, key=lambda span: span.start) or [quote.cue]
    sources = sorted(quote.sources, key=lambda span: span.start)
    return {
        "article_id": article_id, "sentence_id": sentence_ids[quote.sentence], "attributed": True,
        "kind": quote.kind, "cue_kind": quote.cue_kind, "cue_text": quote.cue.text, "cue_start": quote.cue.start,
        "cue_end": quote.cue.end, "source_text": CONTENT_JOINER.join(s.text for s in sources) or None,
        "source_start": sources[0].start if sources else None, "source_end": sources[-1].end if sources else None,
        "source_entity_id": entity_ids[quote.speaker] if quote.speaker is not None else None,
        "content_text": CONTENT_JOINER.join(c.text for c in contents), "content_start": contents[0].start,
        "content_end": contents[-1].end, "content_spans": json.dumps([[c.start, c.end] for c in contents]),
        "parent_id": None, "hedged": False,
    }


def _outlet_claim(article_id: int, span: SpanFact, sentence_id: int) -> dict:
    return {
        "article_id": article_id, "sentence_id": sentence_id, "attributed": False, "kind": "statement",
        "cue_kind": None, "cue_text": None, "cue_start": None, "cue_end": None, "source_text": None,
        "source_start": None, "source_end": None, "source_entity_id": None, "content_text": span.text,
        "content_start": span.start, "content_end": span.end, "content_spans": json.dumps([[span.start, span.end]]),
        "parent_id": None, "hedged": False,
    }


def _reading_order(claim: dict) -> tuple[int, int]:
    starts = [claim["content_start"]] + ([claim["cue_start"]] if claim["cue_start"] is not None else [])
    return min(starts), claim["content_end"]


def recompute_disputes(session: Session, team_id: str, article_ids: list[int]) -> None:
    """The disputes involving `article_ids`, recomputed and committed (after a batch saved with disputes=False)."""
    try:
        _recompute_disputes(session, team_id, article_ids)
        session.commit()
    except BaseException:
        session.rollback()
        raise


def _recompute_disputes(session: Session, team_id: str, article_ids: list[int]) -> None:
    from bot.disputes import recompute   # bot.disputes reads the store: imported late to avoid a cycle

    recompute(session, team_id, article_ids)
