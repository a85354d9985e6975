"""Article text → ArticleFacts: normalise, parse once, run each extraction stage, link hedges and figures.

Stages are pure functions over the Doc (one module each); this module only orders them and ties their results
together, so each stage can be tested alone (`parse` lives with the sentence boundaries it depends on and is
re-exported here).
"""

from __future__ import annotations

import gc
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice, tee
from multiprocessing import get_context

from spacy.language import Language
from spacy.tokens import Doc

from bot.extract import attributions, coref, entities
from bot.extract.figures import find_figures
from bot.extract.hedges import find_hedges
from bot.extract.sentences import add_paragraph_boundaries, parse, split_sentences
from bot.extract.statements import find_statements
from bot.extract.types import ArticleFacts, Hedge, Quote, Sentence, Span
from bot.text import NormalisedText, normalise

BATCH_SIZE = 16
# Articles per task of a worker process: small tasks keep the workers evenly busy to the end (16 left one worker
# 48 of 84 articles and the other 36), and spaCy parses batches of 4 as fast per article as batches of 16.
WORKER_BATCH_SIZE = 4
# New container objects between two young garbage collections while ingesting (Python's default is 700): the
# collector's time in a full ingest of the 84 PolNeAR dev articles falls from about 1.3 to 0.2 ms per article.
YOUNG_COLLECTION_THRESHOLD = 50_000


def extract_article(raw: str | NormalisedText, nlp: Language) -> ArticleFacts:
    """Raises bot.text.UnusableText when the text holds nothing to index."""
    norm = _normalised(raw)
    return facts_from_doc(parse(norm, nlp), norm)


def extract_articles(
    raws: Iterable[str | NormalisedText], nlp: Language, n_process: int = 1
) -> Iterator[ArticleFacts]:
    """ArticleFacts in input order. Texts may be given already normalised, so a caller can reject unusable
    files one by one before parsing; otherwise the first unusable text raises UnusableText.

    With n_process > 1, worker processes (forked, sharing the loaded model) run the whole extraction, not only
    the parse, so the stages after spaCy are parallel too.
    """
    if n_process <= 1:
        yield from _extract_stream(raws, nlp)
        return
    # An executor rather than a multiprocessing Pool: a worker that dies (killed for memory, say) fails its batch
    # with BrokenProcessPool, where a Pool waited forever for the lost result. At most two batches per worker are
    # in flight, so a long list of files is read as the workers go.
    batches = _batches(raws, WORKER_BATCH_SIZE)
    with ProcessPoolExecutor(n_process, mp_context=get_context("fork"), initializer=_remember_nlp,
                             initargs=(nlp,)) as pool:
        # Frozen while the first submit forks the workers: their garbage collector then leaves the objects they
        # inherit (the model, the vocabulary) alone instead of touching each one, which copies every page they
        # sit on (about 5% of the workers' CPU time on PolNeAR dev).
        with frozen_heap():
            pending = deque(pool.submit(_extract_batch_in_worker, batch) for batch in islice(batches, 2 * n_process))
        while pending:
            facts = pending.popleft().result()
            if (batch := next(batches, None)) is not None:
                pending.append(pool.submit(_extract_batch_in_worker, batch))
            yield from facts


@contextmanager
def frozen_heap() -> Iterator[None]:
    """The objects alive now (the model, the vocabulary, the modules) left out of the garbage collector's full
    collections until the block ends: they outlive any ingest, and walking them is most of what each full collection
    costs. Young collections run every YOUNG_COLLECTION_THRESHOLD new objects meanwhile instead of every 700:
    extraction makes and drops hundreds of thousands of small objects per batch, nearly all freed by their
    reference counts before a rarer collection would look at them. A nested block freezes what is new and leaves
    unfreezing and the threshold to the outermost."""
    outermost = gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    gc.freeze()
    if outermost:
        gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        if outermost:
            gc.set_threshold(*thresholds)
            gc.unfreeze()


def facts_from_doc(doc: Doc, norm: NormalisedText) -> ArticleFacts:
    sentences = split_sentences(doc, norm)
    quotes = attributions.find_quotes(doc, norm, sentences)
    found_entities, mentions = entities.find_entities(doc, norm, sentences)
    quotes, found_entities, mentions = coref.resolve_speakers(doc, norm, sentences, quotes, found_entities, mentions)
    figures = find_figures(doc, norm, sentences)
    hedges = find_hedges(doc, norm, sentences)
    for figure in figures:
        figure.quote = _quote_stating(quotes, figure.span)
    for number, hedge in enumerate(hedges):
        hedge.quote = _quote_stating(quotes, hedge.span, include_attribution=True)
        if hedge.quote is None and hedge.kind == "unverified":
            hedge.quote = _caveated(quotes, sentences, hedge, norm.original)
        if hedge.quote is not None:
            quotes[hedge.quote].hedges.append(number)
    return ArticleFacts(
        text=norm.original,
        title=norm.title,
        headings=norm.headings,
        sentences=sentences,
        quotes=quotes,
        entities=found_entities,
        mentions=mentions,
        figures=figures,
        hedges=hedges,
        statements=find_statements(doc, norm, sentences, quotes),
    )


def _quote_stating(quotes: list[Quote], span: Span, include_attribution: bool = False) -> int | None:
    """The quote whose content holds `span` (the innermost when quotes nest).

    With include_attribution, a span inside a quote's cue or source ("dissenting accounts say", "claims by")
    qualifies that quote when no content holds it.
    """
    def inside(outer: Span) -> bool:
        return outer.start <= span.start and span.end <= outer.end

    holding = [(c.end - c.start, i) for i, q in enumerate(quotes) for c in q.contents if inside(c)]
    if holding:
        return min(holding)[1]
    if include_attribution:
        return next((i for i, q in enumerate(quotes) if inside(q.cue) or any(inside(s) for s in q.sources)), None)
    return None


def _caveated(quotes: list[Quote], sentences: list[Sentence], hedge: Hedge, text: str) -> int | None:
    """The claim a caveat qualifies from outside it: "..., although that timetable could not be independently
    verified." the claim before it in its sentence; "That figure could not be independently verified." the last
    claim of the sentence before. An answer quoting that claim must show it. A caveat naming a thing of its own
    ("The alleged killings cannot be ...") stays the outlet's remark on its sentence."""
    outer = [n for n, q in enumerate(quotes) if q.parent is None]    # "X said the league put it at 52m": X's
    same = [n for n in outer if quotes[n].sentence == hedge.sentence]
    if same:
        before = [n for n in same if max(c.end for c in quotes[n].contents) <= hedge.span.start]
        between = text[max(c.end for c in quotes[before[-1]].contents):hedge.span.start] if before else ""
        return before[-1] if _POINTING.search(between) else None
    if hedge.sentence == 0 or not _POINTING.match(sentences[hedge.sentence].span.text):
        return None
    before = [n for n in outer if quotes[n].sentence == hedge.sentence - 1]
    return before[-1] if before else None


_POINTING = re.compile(r"\b(?:that|this|these|those|such|it|which)\b", re.IGNORECASE)


def _normalised(raw: str | NormalisedText) -> NormalisedText:
    return raw if isinstance(raw, NormalisedText) else normalise(raw)


def _extract_stream(raws: Iterable[str | NormalisedText], nlp: Language) -> Iterator[ArticleFacts]:
    add_paragraph_boundaries(nlp)
    for_texts, for_facts = tee(_normalised(raw) for raw in raws)
    docs = nlp.pipe((norm.text for norm in for_texts), batch_size=BATCH_SIZE)
    for norm, doc in zip(for_facts, docs):
        yield facts_from_doc(doc, norm)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


_worker_nlp: Language | None = None


def _remember_nlp(nlp: Language) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _extract_batch_in_worker(raws: list[str | NormalisedText]) -> list[ArticleFacts]:
    return list(_extract_stream(raws, _worker_nlp))
