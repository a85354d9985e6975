"""Plain dataclasses every extraction stage returns: the contract between extraction and the store.

Every `Span` holds offsets into the article text exactly as read (decoded UTF-8, before normalisation):
`original[span.start:span.end] == span.text` always holds.
Cross-references between facts are list indexes into the `ArticleFacts` lists (sentences, entities, quotes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How a claim is worded: in quotation marks, reported, or both in one attribution.
KINDS = ("direct", "indirect", "mixed")
# What the cue expresses; PolNeAR counts beliefs, intentions, endorsements and findings as attributions too.
# ACTION: a verb no reporting lexicon lists with a thing for content ("struggled openly with addiction"), which
# PolNeAR counts as an attribution but which says nothing: no answer shows it as said.
ACTION = "action"
CUE_KINDS = ("speech", "belief", "intention", "endorsement", "finding", "according_to", "report", ACTION)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Sentence:
    index: int
    paragraph: int
    span: Span


@dataclass
class Entity:
    name: str                      # canonical name, e.g. "Recep Tayyip Erdogan"
    type: str                      # PERSON, ORG, GPE, NORP, ... after voting across mentions
    aliases: list[str]             # every distinct surface form, canonical name included
    description: str | None = None  # from an appositive: "the UN human rights chief"
    description_span: Span | None = None


@dataclass
class Mention:
    span: Span
    entity: int                    # index into ArticleFacts.entities
    sentence: int                  # index into ArticleFacts.sentences


@dataclass
class Quote:
    """One attribution relation, in BBC Citron's terms a quote: cue, sources, contents."""

    cue: Span
    cue_kind: str                  # one of CUE_KINDS
    sources: list[Span]            # the source as written ("he", "state TV"); empty when the text names none
    contents: list[Span]           # one or more spans (a quote can run over sentences and paragraphs)
    kind: str                      # one of KINDS
    sentence: int                  # index of the sentence holding the cue
    speaker: int | None = None     # resolved entity (pronouns and descriptions followed back), if any
    parent: int | None = None      # index of the enclosing quote for nested attributions
    hedges: list[int] = field(default_factory=list)  # indexes into ArticleFacts.hedges


@dataclass
class Hedge:
    span: Span
    kind: str                      # allegation, unverified, report, appearance, uncertainty, dissent
    sentence: int
    quote: int | None = None       # the claim it qualifies; None: the sentence itself


@dataclass
class Figure:
    span: Span                     # "more than 2,000 Syrians"
    value: float | None            # the number as written (2000)
    low: float | None              # lower bound (2000 for "more than 2,000")
    high: float | None             # upper bound, None when open
    hedge: str | None              # "more than", "an estimated", "several", ...
    counts: str | None             # what is counted: "Syrians", "security personnel"
    sentence: int
    quote: int | None = None       # the claim that states it; None: the outlet's own statement


@dataclass
class Statement:
    """What the article says in its own voice: a sentence no attribution touches, or a clause of its own in one
    an attribution does (bot.extract.statements). Never given an invented speaker."""
    span: Span
    sentence: int


@dataclass
class ArticleFacts:
    text: str                      # the input exactly as read
    title: Span | None
    headings: list[Span]
    sentences: list[Sentence]
    quotes: list[Quote]
    entities: list[Entity]
    mentions: list[Mention]
    figures: list[Figure]
    hedges: list[Hedge]
    statements: list[Statement]
