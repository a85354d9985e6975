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
    matcher = _matcher(doc.vocab)
    matches = matcher(doc, as_spans=True)
    hedges: list[Hedge] = []
    for match in sorted(filter_spans(matches), key=lambda s: s.start):
        span = norm.span(match.start_char, match.end_char)
        sentence = sentence_at(sentences, span.start)
        if sentence is not None:
            hedges.append(Hedge(span=span, kind=doc.vocab.strings[match.label], sentence=sentence))
    return hedges


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
