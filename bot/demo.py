"""`newsbot demo` (what `make demo` runs): index the bundled sample article into the configured database (a
local SQLite file by default) and show who said what in it."""

from __future__ import annotations

from rich.console import Console
from sqlalchemy.engine import Engine

from bot.errors import NewsbotError
from bot.ingest import extract_document, load_model, read_document, store_facts
from bot.render.facts import rows_from_store, who_said_what_table
from bot.settings import SAMPLE_ARTICLE, load_settings
from store.db import open_database, open_session
from store.models import Article
from store.queries import article_claims


def run_demo(console: Console | None = None) -> tuple[Engine, Article]:
    """Index the sample and print its facts; returns the engine and the stored article for the next steps."""
    console = console or Console()
    engine, article = index_sample(console)
    show_facts(console, engine, article)
    return engine, article


def index_sample(console: Console) -> tuple[Engine, Article]:
    settings = load_settings()
    engine = open_database(settings.database_url)
    document = read_document(SAMPLE_ARTICLE)
    with console.status(f"Parsing {SAMPLE_ARTICLE.name} with {settings.spacy_model} ..."):
        facts = extract_document(document, load_model())
    result = store_facts(engine, document, facts)
    if result.error:
        raise NewsbotError(result.error)
    with open_session(engine) as session:
        article = session.get(Article, result.article_id)
        session.expunge(article)
    state = "indexed" if result.created else "already indexed"
    console.print(f"[bold]{article.title}[/] {state} as [cyan]{article.slug}[/] in {engine.url.render_as_string()}")
    return engine, article


def show_facts(console: Console, engine: Engine, article: Article) -> None:
    with open_session(engine) as session:
        rows = rows_from_store(article_claims(session, article.id), article.outlet)
    console.print(who_said_what_table(f"Who said what in {article.slug}", rows))
