"""Attributions (who said what): cue, source and content spans over the parsed article.

First version: rules over the dependency parse. A reporting verb (or a phrase such as "according to",
"claims by") is a cue; its subject is the source; its clausal complement, or the clause it trails
("..., state TV says."), is the content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.extract.sentences import sentence_at
from bot.extract.types import Quote, Sentence, Span
from bot.text import NormalisedText

CUE_LEMMAS = {
    "speech": frozenset(
        "say tell add claim deny urge state report announce insist warn argue explain note admit acknowledge "
        "allege confirm accuse blame promise vow declare predict describe ask write testify reply respond "
        "repeat stress emphasise emphasize concede complain".split()),
    "belief": frozenset("believe think feel hope fear expect suspect doubt understand know worry".split()),
    "intention": frozenset("plan intend want aim seek".split()),
    "endorsement": frozenset("back endorse support oppose criticise criticize condemn praise".split()),
    "finding": frozenset("show find reveal indicate suggest estimate".split()),
}
_EDGE = " \t\n,.;:-\u2013\u2014"
_COMPLEMENTS = ("ccomp", "xcomp")


def cue_kind_of(lemma: str) -> str | None:
    return next((kind for kind, words in CUE_LEMMAS.items() if lemma in words), None)


def find_quotes(doc: Doc, norm: NormalisedText, sentences: list[Sentence]) -> list[Quote]:
    """Every attribution in the body sentences, offsets into the original text; speaker left to coref."""
    quotes: list[Quote] = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        index = sentence_at(sentences, norm.span(words[0].idx, words[0].idx + 1).start)
        if index is None:
            continue
        for token in words:
            quote = _quote_at(token, norm, index)
            if quote is not None:
                quotes.append(quote)
    return quotes


def _quote_at(token: Token, norm: NormalisedText, index: int) -> Quote | None:
    doc = token.doc
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        to = doc[token.i + 1]
        sources = [c for c in to.children if c.dep_ == "pobj"]
        head = token.head if token.head.i != token.i else None
        content = _clause_without(head, token) if head is not None else None
        return _quote(norm, doc, (token.i, to.i + 1), "according_to", sources, [content] if content else [], index)
    if token.pos_ == "NOUN" and token.lemma_ == "claim":
        by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is None:
            return None
        agents = [c for c in by.children if c.dep_ == "pobj"]
        clauses = [c for a in agents for c in a.children if c.dep_ in ("acl", "relcl", "ccomp")]
        clauses += [c for c in token.children if c.dep_ in ("acl", "ccomp")]
        return _quote(norm, doc, (token.i, by.i + 1), "speech", agents, [_subtree(c) for c in clauses], index)
    if token.pos_ not in ("VERB", "AUX"):
        return None
    kind = cue_kind_of(token.lemma_)
    if kind is None:
        return None
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    complements = [c for c in token.children if c.dep_ in _COMPLEMENTS]
    if token.lemma_ in ("urge", "tell", "accuse", "blame", "deny", "back", "endorse", "support", "oppose"):
        complements += [c for c in token.children if c.dep_ in ("dobj", "prep") and c not in complements]
    contents = [_subtree(c) for c in complements if c.i > token.i or c.dep_ == "ccomp"]
    if not contents and token.dep_ in ("parataxis", "ccomp", "advcl") and token.head.i < token.i:
        contents = [_clause_without(token.head, token)]
    if not contents:
        return None
    return _quote(norm, doc, (token.i, token.i + 1), kind, subjects, contents, index)


def _subtree(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _clause_without(head: Token, cue: Token) -> tuple[int, int] | None:
    """The clause of `head` up to where the trailing cue's own subtree starts."""
    start, end = _subtree(head)
    cue_start, cue_end = _subtree(cue)
    if cue_start > start:
        end = min(end, cue_start)
    else:
        start = max(start, cue_end)
    return (start, end) if end > start else None


def _quote(norm: NormalisedText, doc: Doc, cue: tuple[int, int], cue_kind: str, sources: list[Token],
           contents: list[tuple[int, int] | None], index: int) -> Quote | None:
    content_spans = [s for s in (_span(norm, doc, c) for c in contents if c) if s.text]
    if not content_spans:
        return None
    source_spans = [s for s in (_span(norm, doc, _subtree(t)) for t in sources) if s.text]
    return Quote(cue=_span(norm, doc, cue), cue_kind=cue_kind, sources=source_spans, contents=content_spans,
                 kind=_kind(norm, doc, [c for c in contents if c]), sentence=index)


def _kind(norm: NormalisedText, doc: Doc, contents: list[tuple[int, int]]) -> str:
    """direct: every content sits inside quotation marks; mixed: some quoted words; else indirect."""
    quoted = [sum(1 for t in doc[a:b] if t.text == '"') for a, b in contents]
    if not any(quoted):
        return "indirect"
    whole = all(_enclosed(doc, a, b) for a, b in contents)
    return "direct" if whole else "mixed"


def _enclosed(doc: Doc, start: int, end: int) -> bool:
    inside = [t for t in doc[start:end] if not t.is_punct or t.text == '"']
    before = doc[start - 1].text == '"' if start > 0 else False
    after = doc[end].text == '"' if end < len(doc) else False
    return bool(inside) and (before or inside[0].text == '"') and (after or inside[-1].text == '"' or
                                                                 doc[end - 1].text == '"')


def _span(norm: NormalisedText, doc: Doc, rng: tuple[int, int]) -> Span:
    """Token range [start, end) as an original span, edge punctuation and spaces trimmed."""
    start, end = rng
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    text = norm.text
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in _EDGE:
        b -= 1
    return norm.span(a, b)
