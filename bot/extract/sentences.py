"""Sentences of the article body, with paragraph index and original offsets.

Paragraph breaks, the title, headings and datelines are hard sentence boundaries: in the normalised text every
block ends with a newline, and the `paragraph_boundaries` component (run before the parser) starts a sentence
at the first token after a newline. Sentences outside body paragraphs (title, headings, datelines) are dropped.
"""

from __future__ import annotations

import bisect

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from bot.extract.types import Sentence
from bot.text import NormalisedText

PARAGRAPH_BOUNDARIES = "newsbot_paragraph_boundaries"


@Language.component(PARAGRAPH_BOUNDARIES)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every newline, and never at a quotation mark closing the sentence before it ('... did
    not have before."' left the mark a sentence of its own, so the quotation ran on into the next speaker's
    sentence), but always at one opening a quotation after a finished sentence (the parser left the "''" of
    "... the edges. ''It's more tinkering" at the end of the sentence before, so the quote was not the sentence it
    opens); the parser keeps boundaries already set."""
    after_newline = False
    opening = -1        # index of the paragraph's first word
    for token in doc:
        if token.is_space:
            after_newline = after_newline or "\n" in token.text
            continue
        starts = after_newline and token.i > 0
        if starts:
            token.is_sent_start = True
            opening = token.i
        elif token.i - opening < _NAME_CHAIN and _capitalised_word(doc[token.i - 1]) and token.text[:1].isupper() \
                and not _opening_mark(doc, token):
            token.is_sent_start = False     # "Rescuer Tomas Brandt said": a paragraph's opening name is no sentence
        elif token.text in _CLOSING_MARKS and token.i > 0 and doc[token.i - 1].text in _SENTENCE_ENDS \
                and not doc[token.i - 1].whitespace_:
            token.is_sent_start = False
        elif _opening_mark(doc, token) and doc[token.i - 1].whitespace_ and doc[token.i - 1].text in _SENTENCE_ENDS:
            token.is_sent_start = starts = True
        if starts and _opening_mark(doc, token):
            doc[token.i + 1].is_sent_start = False       # the parser would start the sentence again at the word
        after_newline = "\n" in token.whitespace_
    return doc


# The first words of a paragraph within which no sentence starts after a capitalised word: given a paragraph start,
# the parser cut "Rescuer | Tomas | Brandt said ..." and "Ohio | Gov. John Kasich scored ..." into sentences.
_NAME_CHAIN = 5


def _capitalised_word(token) -> bool:
    return token.is_alpha and token.text[:1].isupper()


_CLOSING_MARKS = frozenset(('"', "\u201d"))
_OPENING_MARKS = frozenset(('"', "''", "\u201c", "``"))
_SENTENCE_ENDS = frozenset((".", "?", "!", "...", "\u2026"))


def _opening_mark(doc: Doc, token) -> bool:
    """A quotation mark glued to the word after it, as one opening a quotation is."""
    return (token.text in _OPENING_MARKS and not token.whitespace_ and 0 < token.i < len(doc) - 1
            and not doc[token.i + 1].is_space)


def add_paragraph_boundaries(nlp: Language) -> None:
    """Put the boundary component into `nlp` once, before whatever sets sentence boundaries."""
    if PARAGRAPH_BOUNDARIES in nlp.pipe_names:
        return
    before = next((name for name in ("parser", "senter", "sentencizer") if name in nlp.pipe_names), None)
    if before is None:
        nlp.add_pipe("sentencizer")
        before = "sentencizer"
    nlp.add_pipe(PARAGRAPH_BOUNDARIES, before=before)


def parse(norm: NormalisedText, nlp: Language) -> Doc:
    """Parse the normalised text with paragraph breaks and headings as hard sentence boundaries."""
    add_paragraph_boundaries(nlp)
    return nlp(norm.text)


def split_sentences(doc: Doc, norm: NormalisedText) -> list[Sentence]:
    """Body sentences in order, spans in original offsets; title, heading and dateline sentences excluded."""
    sentences: list[Sentence] = []
    spaces = doc.to_array(IS_SPACE).tolist() if len(doc) else []     # no Token object for every word
    lone_word, lone_start = None, 0     # a sentence that is one word: its block, which the next sentence joins
    for sent in doc.sents:
        words = [i for i in range(sent.start, sent.end) if not spaces[i]]
        if not words:
            continue
        first, last = doc[words[0]], doc[words[-1]]
        start, end = first.idx, last.idx + len(last)
        block = norm.block_at(start)
        if block is None or block.kind != "body":
            continue
        if block is lone_word:      # the parser made "Knife" of "Knife crime rose ..." a sentence after a title
            sentences[-1].span = norm.span(lone_start, end)
            lone_word = None
            continue
        span = norm.span(start, end)
        if span.text:
            sentences.append(Sentence(index=len(sentences), paragraph=block.paragraph, span=span))
            lone_word, lone_start = (block if len(words) == 1 and first.is_alpha else None), start
    return sentences


def sentence_at(sentences: list[Sentence], original_offset: int) -> int | None:
    """Index of the sentence holding an original offset (None outside every sentence: title, headings)."""
    i = bisect.bisect_right(sentences, original_offset, key=_start) - 1
    if i >= 0 and original_offset < sentences[i].span.end:
        return i
    return None


def _start(sentence: Sentence) -> int:
    return sentence.span.start


def closing_bracket(doc: Doc, start: int, end: int) -> int:
    """The end of tokens [start, end) taking in the bracket that closes one they open: a span cut at "(ICRC" or
    "(LSHTM" reads as a typo in an answer ("the International Committee of the Red Cross (ICRC)")."""
    opened = sum(t.text == "(" for t in doc[start:end]) - sum(t.text == ")" for t in doc[start:end])
    return end + 1 if opened > 0 and end < len(doc) and doc[end].text == ")" else end

