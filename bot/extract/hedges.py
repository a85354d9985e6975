"""Hedges and verification status on sentences: the words that tell a fact-checker a statement is not settled.

Kinds (a fixed vocabulary, also read by the dispute finder):
- allegation: "alleged", "allegedly", "claims by", "claimed": asserted by someone, not established;
- unverified: "cannot be independently verified", "unconfirmed", "difficult to verify";
- report: "reports of", "reportedly", "it is reported": second-hand;
- appearance: "it now appears", "apparently", "seems to": an inference;
- uncertainty: "may", "might", "could", "possibly", "likely";
- dissent: "dissenting accounts", "conflicting accounts", "denied", "disputed": another account disagrees.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc
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
        "not|n't|never have? be ADV? verify|confirm|verified|confirmed",
        "difficult|impossible|hard|unable not? to ADV? verify|confirm",
        "unverified|unconfirmed|unsubstantiated",
        "without evidence",
    ),
    "report": (
        "report|reports:NOUN of|that",
        "reportedly",
        "it be report|reported",
        "according to report|reports",
    ),
    "appearance": (
        "it ADV? appear|seem",
        "appear|seem to|that",
        "apparently|seemingly|apparent",
    ),
    "uncertainty": (
        "may:AUX",
        "might:AUX",
        "could:AUX",
        "possibly|perhaps|probably|likely|unlikely",
    ),
    "dissent": (
        "dissent|dissenting ADJ? account|report|version|claim|voice",
        "conflicting|contradictory|differing|competing ADJ? account|report|version|claim",
        "deny|denied|denial|dispute|disputed|contradict|refute|rebut",
    ),
}
_POS_TAGS = {"ADJ", "ADP", "ADV", "AUX", "DET", "NOUN", "PRON", "PROPN", "VERB"}


def find_hedges(doc: Doc, norm: NormalisedText, sentences: list[Sentence]) -> list[Hedge]:
    """Every hedge inside a body sentence, longest match first where two overlap, in text order."""
    matches = _matches(doc)
    hedges: list[Hedge] = []
    for match in sorted(filter_spans(matches), key=lambda s: s.start):
        span = norm.span(match.start_char, match.end_char)
        sentence = sentence_at(sentences, span.start)
        if sentence is not None:
            hedges.append(Hedge(span=span, kind=doc.vocab.strings[match.label], sentence=sentence))
    return hedges


def _matches(doc: Doc) -> list:
    """The matcher's spans, run only over windows starting at a possible first word: matching the whole Doc
    tries every pattern at every token and cost more than all other hedge work; the matches are the same."""
    matcher = _matcher(doc.vocab)
    if not len(doc):
        return []
    firsts = _first_word_ids(doc.vocab)
    words = doc.to_array([LOWER, LEMMA])
    starts = numpy.flatnonzero(numpy.isin(words, firsts).any(axis=1)).tolist()
    matches: list = []
    window_start = window_end = None
    for i in starts + [None]:
        if i is not None and window_end is not None and i < window_end:
            window_end = i + MAX_PATTERN_TOKENS
            continue
        if window_end is not None:
            matches += matcher(doc[window_start:min(window_end, len(doc))], as_spans=True)
        if i is not None:
            window_start, window_end = i, i + MAX_PATTERN_TOKENS
    return matches


def _first_items() -> set[str]:
    return {p.split()[0] for patterns in HEDGE_PATTERNS.values() for p in patterns}


# Every pattern opens with a required word test (no bare part of speech, nothing optional): matches start there.
assert not any(item.endswith("?") or item.partition(":")[0] in _POS_TAGS for item in _first_items())
FIRST_WORDS = frozenset(w for item in _first_items() for w in item.partition(":")[0].split("|"))
MAX_PATTERN_TOKENS = max(len(p.split()) for patterns in HEDGE_PATTERNS.values() for p in patterns)


@lru_cache(maxsize=4)
def _first_word_ids(vocab: Vocab) -> numpy.ndarray:
    return numpy.array([vocab.strings.add(w) for w in FIRST_WORDS], dtype="uint64")


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for kind, patterns in HEDGE_PATTERNS.items():
        matcher.add(kind, [_token_pattern(p, attr) for p in patterns for attr in ("LEMMA", "LOWER")])
    return matcher


def _token_pattern(pattern: str, attr: str) -> list[dict]:
    """Compile one HEDGE_PATTERNS entry into a Matcher pattern testing words on `attr` (LEMMA or LOWER):
    both are added, so listing either the lemma or the written form of a word is enough."""
    tokens = []
    for item in pattern.split():
        words, _, pos = item.rstrip("?").partition(":")
        test: dict = {"POS": words} if words in _POS_TAGS else {attr: {"IN": words.split("|")}}
        if pos:
            test["POS"] = pos
        if item.endswith("?"):
            test["OP"] = "?"
        tokens.append(test)
    return tokens
