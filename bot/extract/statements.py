"""The outlet's own statements: what the article says without attributing it to anyone.

Each sentence no attribution covers is one, and so is a clause of an attributed sentence that lies outside every
attribution and has a subject and a verb of its own: in "Human rights groups say more than 1,100 people have been
killed ..., and it now appears several hundred security forces may also have died" the second clause is the
article's, not the rights groups'. Phrases left over without a clause of their own ("in remarks quoted by
Turkish media") are not statements.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import islice

import numpy as np
from spacy.attrs import DEP, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Token

from bot.extract.sentences import sentence_at
from bot.extract.types import Quote, Sentence, Span, Statement
from bot.text import NormalisedText

_SUBORDINATORS = frozenset("that how what why whether which who whom whose when where if".split())
_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass", "expl", "csubj"))
_LINKS = frozenset(("cc", "punct"))       # ", and" / ", but" joining a clause to the one before
MIN_CLAUSE_WORDS = 4
_EDGE = " \t\n,;:-\u2013\u2014.\"'\u201c\u201d"


def find_statements(doc: Doc, norm: NormalisedText, sentences: list[Sentence], quotes: list[Quote]
                    ) -> list[Statement]:
    """The outlet's statements in text order: whole sentences no attribution touches, then clauses outside every
    attribution in the sentences one does."""
    attributed = _attributed_spans(sentences, quotes)
    statements = [Statement(s.span, s.index) for s in sentences if s.index not in attributed]
    for token in _clause_heads(doc):
        if not _main_clause(token):
            continue
        clause = _clause(doc, norm, token)
        index = sentence_at(sentences, clause.start) if clause is not None else None
        if index not in attributed or clause.end > sentences[index].span.end:
            continue
        if not any(a < clause.end and clause.start < b for a, b in attributed[index]):
            statements.append(Statement(clause, index))
    return sorted(statements, key=lambda s: s.span.start)


def _clause_heads(doc: Doc) -> list[Token]:
    """The verbs _main_clause may accept (a root or a conjunct, tagged VERB or AUX), found from the Doc's arrays:
    a Token object for every word cost more than the tests on the few that qualify."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    deps, pos = doc.to_array([DEP, POS]).T
    heads = np.isin(deps, [strings["ROOT"], strings["conj"]]) & np.isin(pos, [VERB, AUX])
    return [doc[i] for i in np.flatnonzero(heads).tolist()]


def _main_clause(verb: Token) -> bool:
    """A verb heading a main clause of its own: the sentence's root, or a clause coordinated with it ("..., and it
    now appears ..."), with a subject; not a clause opening with "that", "how", "what" ... (the object of a verb)."""
    main = verb.dep_ == "ROOT" or verb.dep_ == "conj" and _main_clause_head(verb.head)
    return main and verb.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECT_DEPS for c in verb.children) \
        and verb.left_edge.lower_ not in _SUBORDINATORS


def _main_clause_head(token: Token) -> bool:
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ == "ROOT" and token.pos_ in ("VERB", "AUX")


def _attributed_spans(sentences: list[Sentence], quotes: list[Quote]) -> dict[int, list[tuple[int, int]]]:
    """Per sentence index: the cue, source and content spans of the attributions touching it."""
    starts = [s.span.start for s in sentences]
    out: dict[int, list[tuple[int, int]]] = {}
    for quote in quotes:
        out.setdefault(quote.sentence, [])
        for span in (quote.cue, *quote.sources, *quote.contents):
            first = max(bisect_right(starts, span.start) - 1, 0)
            for sentence in sentences[first:bisect_left(starts, span.end)]:
                if sentence.span.start < span.end and span.start < sentence.span.end:
                    out.setdefault(sentence.index, []).append((span.start, span.end))
    return out


def _clause(doc: Doc, norm: NormalisedText, verb: Token) -> Span | None:
    """The verb's clause without the clauses joined to it ("A, and B": A's ends before ", and B"), trimmed of
    edge punctuation; None when it has fewer than MIN_CLAUSE_WORDS words."""
    start, end = verb.left_edge.i, verb.right_edge.i + 1
    joined = [c.left_edge.i for c in verb.children if c.dep_ == "conj" and c.i > verb.i]
    if joined:
        end = min(joined)
        while end > start and doc[end - 1].dep_ in _LINKS and doc[end - 1].head.i == verb.i:
            end -= 1
    while start < end and doc[start].dep_ in _LINKS:
        start += 1
    words = (t for t in doc[start:end] if not t.is_punct and not t.is_space)
    if len(list(islice(words, MIN_CLAUSE_WORDS))) < MIN_CLAUSE_WORDS:      # counted no further than needed
        return None
    return norm.trimmed_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), _EDGE, _EDGE)
