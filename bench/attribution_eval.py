"""Score bot.extract.attributions on PolNeAR: EXACT and OVERLAP precision, recall and F1 per role and whole.

    .venv/bin/python -m bench.attribution_eval            # dev split
    .venv/bin/python -m bench.attribution_eval --split train

Every role (source, cue, content) of an attribution is one element made of its fragments (a quote's several
content spans, a discontinuous gold span), each trimmed of edge whitespace and punctuation. EXACT: same extent
(first to last trimmed character); OVERLAP: they share a character. Gold and predicted elements are matched
one-to-one (maximum matching) per article. A whole attribution matches when the contents match and, where the
gold names a source, the sources match too.
"""

from __future__ import annotations

import argparse
import string
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable as bench/NAME.py too

from bench.polnear import Article, Fragments, load_split  # noqa: E402
from bot.extract.attributions import find_quotes  # noqa: E402
from bot.extract.sentences import add_paragraph_boundaries, split_sentences  # noqa: E402
from bot.extract.types import Quote  # noqa: E402
from bot.nlp import load_nlp  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.text import UnusableText, normalise  # noqa: E402

ROLES = ("source", "cue", "content")
_EDGE = set(string.whitespace + string.punctuation + "\u201c\u201d\u2018\u2019\u2014\u2013\u2026")


@dataclass(frozen=True)
class Element:
    """One attribution seen for scoring: each role as trimmed fragments (empty: role absent)."""
    source: Fragments
    cue: Fragments
    content: Fragments


@dataclass
class Counts:
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.matched += matched
        self.predicted += predicted
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def trimmed(text: str, fragments: Iterable[tuple[int, int]]) -> Fragments:
    out = []
    for start, end in fragments:
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(sorted(out))


def gold_elements(article: Article) -> list[Element]:
    text = article.text
    return [Element(trimmed(text, (f for s in a.sources for f in s)), trimmed(text, a.cue),
                    trimmed(text, (f for c in a.contents for f in c))) for a in article.attributions]


def predicted_elements(text: str, quotes: list[Quote]) -> list[Element]:
    return [Element(trimmed(text, ((s.start, s.end) for s in q.sources)), trimmed(text, [(q.cue.start, q.cue.end)]),
                    trimmed(text, ((c.start, c.end) for c in q.contents))) for q in quotes]


def exact(a: Fragments, b: Fragments) -> bool:
    return bool(a) and bool(b) and (a[0][0], a[-1][1]) == (b[0][0], b[-1][1])


def overlap(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def max_matching(gold: list, predicted: list, fits: Callable[[object, object], bool]) -> int:
    """Size of a maximum one-to-one matching (augmenting paths; articles hold a few dozen elements)."""
    options = [[j for j, p in enumerate(predicted) if fits(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(gold)))


def whole_fits(same: Callable[[Fragments, Fragments], bool]) -> Callable[[Element, Element], bool]:
    return lambda g, p: same(g.content, p.content) and (not g.source or same(g.source, p.source))


def score_article(gold: list[Element], predicted: list[Element], scores: dict[tuple[str, str], Counts]) -> None:
    for mode, same in (("EXACT", exact), ("OVERLAP", overlap)):
        for role in ROLES:
            g = [getattr(e, role) for e in gold if getattr(e, role)]
            p = [getattr(e, role) for e in predicted if getattr(e, role)]
            scores[mode, role].add(max_matching(g, p, same), len(p), len(g))
        scores[mode, "whole"].add(max_matching(gold, predicted, whole_fits(same)), len(predicted), len(gold))


def predict(articles: list[Article], n_process: int = 1) -> Iterable[list[Quote]]:
    """Quotes per article through the real path: normalise, parse, sentences, find_quotes."""
    nlp = load_nlp(load_settings().spacy_model)
    add_paragraph_boundaries(nlp)
    norms = []
    for article in articles:
        try:
            norms.append(normalise(article.text))
        except UnusableText:
            norms.append(None)
    docs = nlp.pipe((n.text if n else "" for n in norms), batch_size=16, n_process=n_process)
    for norm, doc in zip(norms, docs):
        yield find_quotes(doc, norm, split_sentences(doc, norm)) if norm else []


def evaluate(split: str, n_process: int = 1, limit: int | None = None) -> dict[tuple[str, str], Counts]:
    articles = load_split(split, limit)
    scores = {(mode, role): Counts() for mode in ("EXACT", "OVERLAP") for role in (*ROLES, "whole")}
    for article, quotes in zip(articles, predict(articles, n_process)):
        score_article(gold_elements(article), predicted_elements(article.text, quotes), scores)
    return scores


def table(split: str, scores: dict[tuple[str, str], Counts]) -> str:
    lines = [f"PolNeAR {split}", f"{'mode':8} {'element':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for (mode, role), counts in scores.items():
        p, r, f = counts.prf()
        lines.append(f"{mode:8} {role:8} {p:6.3f} {r:6.3f} {f:6.3f} {counts.gold:6d} {counts.predicted:6d}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--workers", type=int, default=1, help="spaCy processes")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    args = parser.parse_args()
    started = time.perf_counter()
    scores = evaluate(args.split, args.workers, args.limit)
    print(table(args.split, scores))
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
