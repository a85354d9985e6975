"""The sample article normalised and parsed once per session, for tests of single extraction stages."""

from __future__ import annotations

import pytest

from bot.extract.sentences import parse, split_sentences
from bot.text import normalise


@pytest.fixture(scope="session")
def sample_norm(sample_text):
    return normalise(sample_text)


@pytest.fixture(scope="session")
def sample_doc(sample_norm, nlp):
    return parse(sample_norm, nlp)


@pytest.fixture(scope="session")
def sample_sentences(sample_doc, sample_norm):
    return split_sentences(sample_doc, sample_norm)
