"""Shared fixtures: one spaCy model and one copy of the sample article per test session; a migrated database
per test, on SQLite and on PostgreSQL (127.0.0.1:5432, database "test", a schema of its own, dropped after).

PostgreSQL is never skipped: when it is down, the PostgreSQL half of every store test fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from uuid import uuid4

import pytest
from sqlalchemy import text

from bot.nlp import load_nlp
from bot.settings import SAMPLE_ARTICLE, load_settings
from store.db import make_engine, migrate

POSTGRES_URL = os.environ.get("NEWSBOT_TEST_POSTGRES_URL") or "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="session")
def nlp():
    return load_nlp(load_settings().spacy_model)


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_facts(sample_text, nlp):
    from bot.extract.pipeline import extract_article

    return extract_article(sample_text, nlp)


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose connections use a new, uniquely named schema of the test database; the schema is dropped after."""
    admin = make_engine(POSTGRES_URL)
    schema = f"test_{uuid4().hex[:12]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """A freshly migrated database; its URL (`engine.url`) can be handed to the CLI as DATABASE_URL."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'newsbot.db'}")
        migrate(engine)
        yield engine
        engine.dispose()
        return
    with postgres_schema() as url:
        engine = make_engine(url)
        try:
            migrate(engine)
            yield engine
        finally:
            engine.dispose()


@pytest.fixture
def worker_dies_on(monkeypatch, tmp_path):
    """A function making an extraction worker process (never this one) exit at once, as if killed, when it
    extracts a text holding the marker given; it returns the file each death is noted in, so a test can tell the
    worker really died."""
    from bot.extract import pipeline

    parent, extract, deaths = os.getpid(), pipeline.facts_from_doc, tmp_path / "worker-deaths"

    def facts_or_death(marker, doc, norm):
        if os.getpid() != parent and marker in norm.text:
            with deaths.open("a") as noted:
                noted.write(marker + "\n")
            os._exit(9)
        return extract(doc, norm)

    def dies_on(marker):
        monkeypatch.setattr(pipeline, "facts_from_doc", partial(facts_or_death, marker))
        return deaths
    return dies_on
