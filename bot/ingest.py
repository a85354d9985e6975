"""Files and folders → ArticleFacts → the store, one transaction per article.

Every file is read and checked before anything is parsed or stored, so a bad file is one clear line in the
summary and leaves nothing behind: empty, binary, not UTF-8, over MAX_BYTES, or only headings. `.html` files
go through trafilatura first (the stored text, and so every offset, is the extracted article text).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from bot.errors import BadArticle, NewsbotError
from bot.extract.pipeline import extract_article, extract_articles, frozen_heap
from bot.extract.types import ArticleFacts
from bot.nlp import ModelNotInstalled, load_nlp
from bot.settings import load_settings
from bot.text import NormalisedText, UnusableText, normalise
from store.db import error_reason, open_session, refresh_statistics
from store.ingest import recompute_disputes, save_article, slugify
from store.models import LOCAL_TEAM

logger = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024          # far above any news article; a bigger file is not one article
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")


@dataclass
class Document:
    """A checked input file, ready to parse."""

    path: Path
    norm: NormalisedText
    title: str | None = None         # from HTML metadata; plain text files carry theirs as a first line
    outlet: str | None = None
    url: str | None = None


@dataclass
class IngestResult:
    path: Path
    error: str | None = None         # one line; None: stored (or already stored)
    created: bool = False
    article_id: int | None = None
    slug: str | None = None
    claims: int = 0                  # attributed claims, as `newsbot articles` counts them
    statements: int = 0              # sentences stored as the outlet's own statements


def load_model() -> Language:
    """The configured spaCy pipeline; a missing model package is a one-line error."""
    try:
        return load_nlp(load_settings().spacy_model)
    except ModelNotInstalled as error:
        raise NewsbotError(str(error)) from None


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the .txt/.html files under the folders named (sorted), each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES)
            found += files or [path]      # an empty folder is reported, not silently skipped
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def read_document(path: Path) -> Document:
    """Read and check one file. Raises BadArticle with a one-line reason naming the file."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise BadArticle(f"{path}: is a folder with no .txt or .html files")
        if size > MAX_BYTES:
            raise BadArticle(f"{path}: {size / 1_048_576:.1f} MB is over the {MAX_BYTES // 1_048_576} MB limit "
                             "for one article")
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadArticle(f"{path}: no such file") from None
    except OSError as error:
        raise BadArticle(f"{path}: cannot read it ({error.strerror})") from None
    if not data.strip():
        raise BadArticle(f"{path}: the file is empty")
    if b"\x00" in data:
        raise BadArticle(f"{path}: a binary file, not article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadArticle(f"{path}: not UTF-8 text (invalid byte at offset {error.start}); save it as UTF-8") from None
    title = outlet = url = None
    if path.suffix.lower() in HTML_SUFFIXES:
        text, title, outlet, url = _from_html(path, text)
    try:
        norm = normalise(text)
    except UnusableText as error:
        raise BadArticle(f"{path}: {error}") from None
    return Document(path, norm, title=title, outlet=outlet or norm.outlet, url=url)


def check_files(paths: Iterable[Path]) -> tuple[list[Document], list[IngestResult]]:
    """Read and check every file before any parsing: the good documents, and one failed result per bad file."""
    documents, failures = [], []
    for path in article_files(paths):
        try:
            documents.append(read_document(path))
        except BadArticle as error:
            failures.append(IngestResult(path, error=str(error)))
    return documents, failures


def ingest_documents(
    documents: list[Document],
    engine: Engine,
    nlp: Language,
    *,
    team_id: str = LOCAL_TEAM,
    workers: int = 1,
    force: bool = False,
) -> Iterator[IngestResult]:
    """Parse the documents (in `workers` processes) and store each in its own transaction, yielding as it goes.
    Disputes are recomputed once at the end for every article stored (one pass instead of one per article). The
    heap is frozen meanwhile: full collections then skip the loaded model."""
    with frozen_heap():
        stored = []
        for document, facts in zip(documents, _extract_each(documents, nlp, workers)):
            if isinstance(facts, NewsbotError):
                yield IngestResult(document.path, error=str(facts))
                continue
            result = store_facts(engine, document, facts, team_id=team_id, force=force,
                                 disputes=len(documents) == 1)
            if result.created:
                stored.append(result.article_id)
            yield result
        if len(documents) > 1 and stored:
            try:
                with open_session(engine) as session:
                    recompute_disputes(session, team_id, stored)
            except Exception as error:  # noqa: BLE001  (the facts are stored; say so in one line)
                raise NewsbotError(f"articles stored, but recomputing disputes failed: {error}") from error
            _refresh_statistics(engine, f"{len(stored)} articles")


def extract_document(document: Document, nlp: Language) -> ArticleFacts:
    """The facts of one checked document; an extractor failing on it is a one-line NewsbotError."""
    try:
        return extract_article(document.norm, nlp)
    except Exception as error:  # noqa: BLE001  (a bug on one article: say which, never a traceback)
        raise NewsbotError(f"{document.path}: extraction failed ({type(error).__name__}: {error})") from error


def store_facts(engine: Engine, document: Document, facts: ArticleFacts, *, team_id: str = LOCAL_TEAM,
                force: bool = False, disputes: bool = True) -> IngestResult:
    """Save one document's facts in its own transaction; any failure is the result's one-line error. The article's
    id and slug are read after the commit from the object itself: this session wrote them, reading the row again
    would cost a query per article. A lone article (`disputes`: its disputes recomputed at once) also refreshes the
    planner's statistics; a batch does both once at its end (ingest_documents)."""
    try:
        with open_session(engine, expire_on_commit=False) as session:
            article, created = save_article(session, facts, team_id, title=document.title,
                                            slug=slugify(document.path.stem), url=document.url,
                                            outlet=document.outlet, force=force, disputes=disputes)
            result = IngestResult(document.path, created=created, article_id=article.id, slug=article.slug,
                                  claims=len(facts.quotes), statements=len(facts.statements))
    except NewsbotError as error:
        return IngestResult(document.path, error=f"{document.path}: {error}")
    except Exception as error:  # noqa: BLE001  (rolled back by save_article; one line, the next file goes on)
        return IngestResult(document.path, error=f"{document.path}: not stored ({type(error).__name__}: {error})")
    if disputes and created:
        _refresh_statistics(engine, str(document.path))
    return result


def _refresh_statistics(engine: Engine, stored: str) -> None:
    """refresh_statistics, a failure only logged: the articles are stored, and the next ingest gathers them."""
    try:
        refresh_statistics(engine)
    except DBAPIError as error:
        logger.warning("statistics not refreshed after storing %s: %s", stored, error_reason(error))


def _extract_each(documents: list[Document], nlp: Language, workers: int) -> Iterator[ArticleFacts | NewsbotError]:
    """Facts per document in order, or the error for a document the extractors fail on: the batch stream
    restarts after it, so one bad article does not stop the others."""
    done = 0
    while done < len(documents):
        try:
            for facts in extract_articles((d.norm for d in documents[done:]), nlp, n_process=workers):
                done += 1
                yield facts
        except Exception:   # noqa: BLE001  (find out alone whether this article is the one failing)
            try:
                facts = extract_document(documents[done], nlp)
            except NewsbotError as error:
                facts = error
            done += 1
            yield facts


def _from_html(path: Path, html: str) -> tuple[str, str | None, str | None, str | None]:
    """The article text of a web page, with its title, site name and URL when the page gives them."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise BadArticle(f"{path}: no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    return text, meta.title if meta else None, meta.sitename if meta else None, meta.url if meta else None
