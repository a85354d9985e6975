"""The sample article stored in a real database (SQLite and PostgreSQL) for question tests."""

from __future__ import annotations

import pytest

from store.db import open_session
from store.ingest import save_article
from store.models import LOCAL_TEAM


@pytest.fixture
def sample_db(engine, sample_facts):
    """The engine with the sample article indexed for the local workspace under the slug jisr-al-shughour."""
    with open_session(engine) as session:
        save_article(session, sample_facts, LOCAL_TEAM, slug="jisr-al-shughour")
    return engine


@pytest.fixture
def ask(sample_db):
    """Ask the local workspace a question: ask(text, team_id=..., article=...) -> Answer."""
    from bot.qa import answer_question

    def run(text: str, **options):
        with open_session(sample_db) as session:
            return answer_question(session, text, **options)

    return run


@pytest.fixture
def index_text(sample_db, nlp):
    """Index another article beside the sample: index_text(text, slug)."""
    from bot.extract.pipeline import extract_article

    def run(text: str, slug: str) -> None:
        with open_session(sample_db) as session:
            save_article(session, extract_article(text, nlp), LOCAL_TEAM, slug=slug)

    return run
