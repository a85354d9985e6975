"""Shared fixtures: one spaCy model and one copy of the sample article per test session."""

from __future__ import annotations

import pytest

from bot.nlp import load_nlp
from bot.settings import SAMPLE_ARTICLE, load_settings


@pytest.fixture(scope="session")
def nlp():
    return load_nlp(load_settings().spacy_model)


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")
