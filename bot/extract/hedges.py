"""Hedges and verification status on sentences: the words that tell a fact-checker a statement is not settled.

Kinds (a fixed vocabulary, also read by the dispute finder):
- allegation: "alleged", "allegedly", "claims by", "claimed": asserted by someone, not established;
- unverified: "cannot be independently verified", "unconfirmed", "difficult to verify", "not peer reviewed";
- report: "reports of", "reportedly", "it is reported", "it is understood": second-hand;
- appearance: "it now appears", "apparently", "seems to", "it is believed": an inference;
- uncertainty: "may", "might", "could", "possibly", "likely", "preliminary";
- dissent: "dissenting accounts", "conflicting accounts", "the disputed figure": another account disagrees.
A denial ("The ministry denied receiving any warning") is no hedge: it is a claim of its own, its speaker's.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span as SpacySpan, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from bot.extract.sentences import sentence_at
from bot.extract.types import Hedge, Sentence
from bot.text import NormalisedText

# Each pattern is a sequence of token tests separated by spaces:
#   "allege|alleged"  the token's lemma or lower-cased form is one of these words;
#   "claim:VERB"      ... and its coarse part of speech is VERB;
#   "ADV"             any token with that part of speech;
#   a trailing "?"    the token is optional.
HEDGE_PATTERNS: dict[str, tuple[str, ...]] = {
    "allegation": (
        "alleged|allegedly|allegation|allegations",
        "purported|purportedly",
        "claim:NOUN by|of|that",
        "claim:VERB",
    ),
    "unverified": (
        "can|could|cannot not|n't be ADV? verify|confirm|verified|confirmed",
        "can|could|did|does|do not|n't ADV? verify|confirm",       # "Reuters could not independently verify"
        "not|n't|never have? be ADV? verify|confirm|verified|confirmed",
        "difficult|impossible|hard|unable not? to ADV? verify|confirm",
        "unverified|unconfirmed|unsubstantiated",
        "without evidence",
        "not|n't|never have? be? ADV? peer -? review|reviewed",        # "has not been peer reviewed"
        "yet to be ADV? peer -? review|reviewed",
    ),
    "report": (
        "report|reports:NOUN of|that",
        "reportedly",
        "it be report|reported",
        "it be ADV? understand|understood",     # "..., it is understood.": sources unnamed
        "according to report|reports",
    ),
    "appearance": (
        "it ADV? appear|seem",
        "it be ADV? believe|believed|think|thought",
        "appear|seem to|that",
        "apparently|seemingly|apparent",
    ),
    "uncertainty": (
        "may:AUX",
        "might:AUX",
        "could:AUX",
        "possibly|perhaps|probably|likely|unlikely",
        "preliminary ADJ? result|finding|data|figure|estimate|count|tally|analysis",
        "be ADV? preliminary",                  # "the findings were preliminary"; not a "preliminary hearing"
    ),
    "dissent": (
        "dissent|dissenting ADJ? account|report|version|claim|voice",
        "conflicting|contradictory|differing|competing ADJ? account|report|version|claim",
        "disputed|contested ADJ? NOUN? account|report|version|claim|figure|toll|number|estimate|result",
    ),
}
_POS_TAGS = {"ADJ", "ADP", "ADV", "AUX", "DET", "NOUN", "PRON", "PROPN", "VERB"}


def find_hedges(doc: Doc, norm: NormalisedText, sentences: list[Sentence]) -> list[Hedge]:
    """Every hedge inside a body sentence, longest match first where two overlap, in text order."""
    matches = _matches(doc)
    hedges: list[Hedge] = []
    for match in sorted(filter_spans(matches), key=lambda s: s.start):
        if match.start > 0 and doc[match.start - 1].lower_ in _COMPARATIVES and match[0].lower_ in _COMPARED:
            continue    # "23% more likely to die": a comparison of risks, not a hedge
        if match[0].lower_ == "likely" and _before_polled(doc, match.end):
            continue    # "1,412 likely voters": the pollsters' term for whom they asked, no hedge
        if match[0].lemma_ in _DENYING and match[0].dep_ != "amod":
            continue    # "the army disputed the figure": a denial, its speaker's claim; "the disputed figure" hedges
        if match[0].lemma_ == "claim" and match[0].dep_ == "dobj" and match[0].head.lemma_ in _DENYING:
            continue    # "Lopez disputed claims that ...": the claims are hedged, not Lopez's own sentence
        if match[0].lower_ == "could" and len(match) == 1 and _ability(match[0]):
            continue    # "he could not support the package", "you could hear the tanks": what was (not) done
        span = norm.span(match.start_char, match.end_char)
        sentence = sentence_at(sentences, span.start)
        if sentence is not None:
            hedges.append(Hedge(span=span, kind=doc.vocab.strings[match.label], sentence=sentence))
    return hedges


_COMPARATIVES = frozenset("more less most least as".split())
_COMPARED = frozenset(("likely", "unlikely"))
_POLLED = frozenset("voter caucusgoer electorate".split())
_DENYING = frozenset("deny dispute reject dismiss refute rebut contradict challenge".split())


def _ability(could: Token) -> bool:
    """"could" of what someone was able to do: negated ("could not support": a refusal, no guess) or with a verb of
    perceiving ("could hear", "could see")."""
    verb = could.head
    return any(c.dep_ == "neg" for c in verb.children) or verb.lemma_ in _PERCEIVED


_PERCEIVED = frozenset("hear see feel smell taste watch".split())


def _before_polled(doc: Doc, i: int) -> bool:
    """Whether the words from i name those a poll asks ("voters", "Republican primary voters"); read off the words,
    not the parse, which hangs "likely" on "voters" or not as the sentence around it goes."""
    while i < len(doc) and doc[i].lemma_ not in _POLLED and doc[i].pos_ in ("ADJ", "PROPN", "NOUN") \
            and doc[i].is_alpha:
        i += 1
    return i < len(doc) and doc[i].lemma_ in _POLLED


def _matches(doc: Doc) -> list[SpacySpan]:
    """Every match of a pattern, tried only at the tokens that can open one (each pattern opens with a required
    word) and only with the patterns that word opens: spaCy's Matcher starts every pattern at every token, and
    cost more than all other hedge work even when run over short windows around those tokens alone."""
    if not len(doc):
        return []
    opening = _patterns(doc.vocab)
    values = doc.to_array([LEMMA, LOWER, POS])
    firsts = numpy.array([word for _, word in opening], dtype="uint64")
    starts = numpy.flatnonzero(numpy.isin(values[:, :2], firsts).any(axis=1)).tolist()
    values = values.tolist()
    matches = []
    for i in starts:
        for column in (0, 1):
            for kind, tests in opening.get((column, values[i][column]), ()):
                matches += (SpacySpan(doc, i, end, label=kind) for end in _ends(tests, values, i, column))
    return matches


def _ends(tests: tuple[_Test, ...], values: list[list[int]], i: int, column: int) -> Iterator[int]:
    """Where the matches of `tests` from token i end (an optional test matched and skipped both give one), the
    words compared in `column` of `values` (lemma, lower-case form), the part of speech in the last."""
    if not tests:
        yield i
        return
    (words, pos, optional), rest = tests[0], tests[1:]
    if optional:
        yield from _ends(rest, values, i, column)
    if i < len(values) and (words is None or values[i][column] in words) and (pos is None or values[i][2] == pos):
        yield from _ends(rest, values, i + 1, column)


class _Test(NamedTuple):
    words: frozenset[int] | None      # the word's string ids; None: any word (a part-of-speech test)
    pos: int | None
    optional: bool


# Every pattern opens with a required word test (no bare part of speech, nothing optional): matches start there.
assert not any(p.split()[0].endswith("?") or p.split()[0].partition(":")[0] in _POS_TAGS
               for patterns in HEDGE_PATTERNS.values() for p in patterns)


@lru_cache(maxsize=4)
def _patterns(vocab: Vocab) -> dict[tuple[int, int], list[tuple[str, tuple[_Test, ...]]]]:
    """HEDGE_PATTERNS compiled, by what opens them: (column, first word's id) -> (kind, tests). Column 0 compares
    lemmas, 1 lower-case forms; each pattern is compiled for both, so listing either the lemma or the written form
    of a word is enough."""
    compiled: dict[tuple[int, int], list[tuple[str, tuple[_Test, ...]]]] = {}
    for kind, patterns in HEDGE_PATTERNS.items():
        for pattern in patterns:
            tests = []
            for item in pattern.split():
                words, _, pos = item.rstrip("?").partition(":")
                if words in _POS_TAGS:
                    tests.append(_Test(None, POS_IDS[words], item.endswith("?")))
                else:
                    ids = frozenset(vocab.strings.add(w) for w in words.split("|"))
                    tests.append(_Test(ids, POS_IDS[pos] if pos else None, item.endswith("?")))
            for column in (0, 1):
                for word in tests[0].words:
                    compiled.setdefault((column, word), []).append((kind, tuple(tests)))
    return compiled
