"""PolNeAR articles normalised and parsed the way the pipeline does it, with gold spans mapped onto tokens.

Parsing the train split takes a few minutes, so `parsed(split, cache)` can keep the Docs in a DocBin file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin

from bench.polnear import Article, Fragments, load_split
from bot.extract.pipeline import BATCH_SIZE
from bot.extract.sentences import add_paragraph_boundaries
from bot.nlp import load_nlp
from bot.settings import load_settings
from bot.text import INSERTED, NormalisedText, UnusableText, normalise


@dataclass
class Parsed:
    article: Article
    norm: NormalisedText
    doc: Doc
    token_starts: list[int]   # original offset of each token's first character

    def tokens_in(self, fragments: Fragments) -> list[int]:
        """Indexes of the tokens whose first character lies inside the (original-offset) fragments."""
        found: list[int] = []
        for start, end in fragments:
            lo = bisect.bisect_left(self.token_starts, start)
            hi = bisect.bisect_left(self.token_starts, end)
            found.extend(i for i in range(lo, hi) if not self.doc[i].is_space)
        return sorted(set(found))


def parsed(split: str, cache: Path | None = None, n_process: int = 1, limit: int | None = None) -> list[Parsed]:
    nlp = load_nlp(load_settings().spacy_model)
    add_paragraph_boundaries(nlp)
    articles, norms = [], []
    for article in load_split(split, limit):
        try:
            norms.append(normalise(article.text))
            articles.append(article)
        except UnusableText:
            continue
    cache_file = cache / f"polnear-{split}-{len(articles)}.spacy" if cache else None
    if cache_file is not None and cache_file.exists():
        # DocBin keeps no tensors: the token vectors are recomputed (cheap) for the learned cue scorer, in the
        # batches nlp.pipe made (the pipeline's), since a matrix product's rounding depends on the batch.
        docs = list(nlp.get_pipe("tok2vec").pipe(DocBin().from_disk(cache_file).get_docs(nlp.vocab),
                                                 batch_size=BATCH_SIZE))
    else:
        docs = list(nlp.pipe((n.text for n in norms), batch_size=BATCH_SIZE, n_process=n_process))
        if cache_file is not None:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(cache_file)
    return [Parsed(a, n, d, _token_starts(n, d)) for a, n, d in zip(articles, norms, docs)]


def _token_starts(norm: NormalisedText, doc: Doc) -> list[int]:
    starts, last = [], 0
    for token in doc:
        source = norm.sources[token.idx] if token.idx < len(norm.sources) else INSERTED
        last = source if source != INSERTED else last
        starts.append(last)
    return starts
