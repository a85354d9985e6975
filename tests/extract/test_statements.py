"""The outlet's own statements: whole unattributed sentences, and clauses of their own in attributed ones."""

from __future__ import annotations

import pytest

from bot.extract.attributions import find_quotes
from bot.extract.sentences import parse, split_sentences
from bot.extract.statements import find_statements
from bot.text import normalise


@pytest.fixture(scope="module")
def statements_of(nlp):
    def run(text: str) -> list[str]:
        norm = normalise(text)
        doc = parse(norm, nlp)
        sentences = split_sentences(doc, norm)
        return [s.span.text for s in find_statements(doc, norm, sentences, find_quotes(doc, norm, sentences))]
    return run


@pytest.fixture(scope="module")
def sample_statements(sample_doc, sample_norm, sample_sentences):
    return find_statements(sample_doc, sample_norm, sample_sentences,
                           find_quotes(sample_doc, sample_norm, sample_sentences))


def test_unattributed_sentences_and_clauses_are_the_articles(sample_statements, sample_text):
    texts = [s.span.text for s in sample_statements]
    assert "The alleged killings cannot be independently verified." in texts
    assert "it now appears several hundred security forces may also have died" in texts
    assert not any("Human rights groups" in t or "remarks quoted" in t for t in texts)
    for statement in sample_statements:
        assert sample_text[statement.span.start:statement.span.end] == statement.span.text
    assert [s.span.start for s in sample_statements] == sorted(s.span.start for s in sample_statements)


def test_a_clause_joined_to_a_claim_is_a_statement_of_its_own(statements_of):
    assert statements_of("Police said two men were arrested on Friday, but the motive remains unclear to everyone.\n") \
        == ["the motive remains unclear to everyone"]


@pytest.mark.parametrize("text", [
    "The minister said the bridge would reopen, in remarks broadcast on state radio.\n",   # no clause of its own
    "The minister said the bridge would reopen and that the road would follow.\n",          # her second claim
    "Activists said the crowd, which had gathered at dawn, was peaceful.\n",
])
def test_what_belongs_to_the_claim_is_no_statement(statements_of, text):
    assert statements_of(text) == []
