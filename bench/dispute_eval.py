"""Disputes flagged on PolNeAR dev: prints disputes per article (mean, distribution), the signals that fired, and a
sample of disputes to read and judge by hand.

Default: every dev text goes through the real extraction and `store.ingest.save_article` (which recomputes the
disputes) into a temporary SQLite database. `--gold`: the annotators' attributions stand in for the extractor
(sentences, hedges and figures still come from the pipeline's stages), so the dispute signals are judged apart
from extraction errors.

    .venv/bin/python bench/dispute_eval.py [--split dev] [--gold] [--sample 20] [--seed 7]
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session  # noqa: E402

from bench import polnear  # noqa: E402
from bot.disputes import lexicon  # noqa: E402
from bot.disputes.group import group_disputes  # noqa: E402
from bot.disputes.signals import ClaimView, FigureView  # noqa: E402
from bot.nlp import load_nlp  # noqa: E402
from bot.settings import load_settings  # noqa: E402


@dataclass
class Row:
    """One dispute as printed: the same shape for stored disputes and gold-attribution ones."""

    articles: list[str]
    topic: str
    confidence: float
    signals: list[tuple[str, str]]          # (name, detail)
    sides: list[list[tuple[str, str]]]      # per side: (source, quoted sentence)
    notes: list[str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=polnear.SPLITS)
    parser.add_argument("--gold", action="store_true", help="gold attributions instead of the extractor's")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    articles = polnear.load_split(args.split)
    nlp = load_nlp(load_settings().spacy_model)
    started = time.perf_counter()
    rows = gold_disputes(articles, nlp) if args.gold else stored_disputes(articles, nlp)
    report(args, [a.name for a in articles], rows, time.perf_counter() - started)


def stored_disputes(articles: list[polnear.Article], nlp) -> list[Row]:
    from bot.extract.pipeline import extract_article
    from store.db import make_engine, migrate
    from store.disputes import list_disputes
    from store.ingest import save_article, slugify
    from store.models import LOCAL_TEAM

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/disputes.db")
        migrate(engine)
        with Session(engine) as session:
            for article in articles:
                save_article(session, extract_article(article.text, nlp), LOCAL_TEAM, slug=article.name,
                             outlet=article.name.split("_")[0])
            disputes = list_disputes(session, LOCAL_TEAM)
        engine.dispose()
    names = {slugify(a.name): a.name for a in articles}
    return [Row(sorted({names[c.article_slug] for side in d.sides for c in side}), d.topic, d.confidence,
                [(s["name"], s["detail"]) for s in d.signals],
                [[(c.source, c.sentence_text) for c in side] for side in d.sides],
                [c.sentence_text for c in d.notes]) for d in disputes]


# --- gold attributions -------------------------------------------------------------------------------------------

INTENTION = re.compile(r"\b(plan|hope|want|intend|expect|promise|aim|seek|vow|pledge|will|going to)\w*", re.I)
PRONOUNS = {"he", "she", "they", "we", "i", "it"}
BELIEF = re.compile(r"\b(believ|think|thought|feel|felt|suspect|assum|fear|doubt|convinc|sure)\w*", re.I)


def gold_disputes(articles: list[polnear.Article], nlp) -> list[Row]:
    """All articles' gold claims as one workspace, so disputes across articles are found too."""
    from bot.extract.figures import find_figures
    from bot.extract.hedges import find_hedges
    from bot.extract.sentences import parse, sentence_at, split_sentences
    from bot.text import normalise

    claims: list[ClaimView] = []
    for number, article in enumerate(articles):
        norm = normalise(article.text)
        doc = parse(norm, nlp)
        sentences = split_sentences(doc, norm)
        hedges, figures = find_hedges(doc, norm, sentences), find_figures(doc, norm, sentences)
        covered: set[int] = set()
        speaker = ("", "")                      # the last named source: "he", "she" refer back to it
        for gold in sorted(article.attributions, key=lambda g: g.cue[0][0]):
            cue = _joined(article.text, [gold.cue])
            content = _joined(article.text, gold.contents)
            index = sentence_at(sentences, cue[0])
            if index is None or not content[2]:
                continue
            covered.add(index)
            source = _joined(article.text, gold.sources)[2] if gold.sources else ""
            key = _source_key(source)
            if source.lower() in PRONOUNS and speaker[0]:
                key, source = speaker
            elif key:
                speaker = (key, source)
            kind = "according_to" if "accord" in cue[2].lower() else "intention" if INTENTION.search(cue[2]) \
                else "belief" if BELIEF.search(cue[2]) else "speech"
            claims.append(_view(len(claims), number, sentences[index], content, hedges, figures,
                                source_key=key or f"unnamed:{len(claims)}",
                                source_label=source, cue=cue[2], cue_kind=kind, attributed=True))
        for s in sentences:
            if s.index not in covered:
                claims.append(_view(len(claims), number, s, (s.span.start, s.span.end, s.span.text), hedges,
                                    figures, source_key=f"outlet:{number}", source_label="the article",
                                    attributed=False))
    found = group_disputes(claims, set(range(len(articles))))
    by_id = {c.claim_id: c for c in claims}
    names = [a.name for a in articles]
    return [Row(sorted({names[by_id[i].article_id] for i in d.claim_ids}), d.topic, d.confidence,
                [(s.name, s.detail) for s in d.signals],
                [[(by_id[i].source_label if by_id[i].attributed else "the article (no source named)",
                   by_id[i].sentence) for i in side] for side in d.sides],
                [by_id[i].sentence for i in d.notes]) for d in found]


def _source_key(source: str) -> str:
    """A person or body by the last capitalised word of its name ("Mr. Biden" = "Joseph R. Biden Jr."), else by
    its words; a stand-in for the resolution coref does on extracted sources."""
    names = [w for w in re.findall(r"[A-Z][\w'’-]+", re.sub(r"\(.*?\)", "", source)) if w not in {"Jr", "Sr"}]
    if names:
        return f"text:{names[-1].lower()}"
    words = " ".join(lexicon.content_stems(source))
    return f"text:{words}" if words else ""


def _joined(text: str, roles) -> tuple[int, int, str]:
    """(start, end, text) of a role's fragments, the pieces joined with " … " as the store joins contents."""
    pieces = sorted(piece for fragments in roles for piece in fragments)
    return pieces[0][0], pieces[-1][1], " \u2026 ".join(text[a:b].strip() for a, b in pieces)


def _view(claim_id: int, article: int, sentence, content: tuple[int, int, str], hedges, figures, **source
          ) -> ClaimView:
    start, end, text = content
    inside = lambda span: start <= span.start and span.end <= end  # noqa: E731
    return ClaimView(
        claim_id=claim_id, article_id=article, sentence_position=sentence.index, paragraph=sentence.paragraph,
        content=text, sentence=sentence.span.text, content_start=start, content_end=end,
        hedges=tuple((h.kind, h.span.text) for h in hedges if h.sentence == sentence.index and inside(h.span)),
        figures=tuple(FigureView(f.span.text, f.low if f.low is not None else f.value,
                                 f.high if f.high is not None else (f.value if f.low is None else None),
                                 frozenset(lexicon.content_stems(f.counts or "")))
                      for f in figures if f.sentence == sentence.index and inside(f.span)),
        **source,
    )


# --- report ------------------------------------------------------------------------------------------------------

def report(args, names: list[str], rows: list[Row], elapsed: float) -> None:
    per_article = collections.Counter({name: 0 for name in names})
    for row in rows:
        per_article.update(row.articles)
    counts = list(per_article.values())
    cross = sum(1 for row in rows if len(row.articles) > 1)
    mode = "gold attributions" if args.gold else "extractor + store"
    print(f"PolNeAR {args.split} ({mode}): {len(names)} articles in {elapsed:.0f} s")
    print(f"disputes: {len(rows)} ({cross} across articles)")
    print(f"disputes per article: mean {statistics.mean(counts):.2f}, median {statistics.median(counts):.0f}, "
          f"max {max(counts)}; articles with none {counts.count(0)}/{len(counts)}")
    print("distribution (disputes: articles):",
          ", ".join(f"{k}: {v}" for k, v in sorted(collections.Counter(counts).items())))
    signals = collections.Counter(name for row in rows for name, _ in row.signals)
    print("signals:", ", ".join(f"{k} {v}" for k, v in signals.most_common()))
    sides = collections.Counter(len(row.sides) for row in rows)
    print("sides per dispute:", ", ".join(f"{k}: {v}" for k, v in sorted(sides.items())))
    if rows:
        confidences = sorted(row.confidence for row in rows)
        print(f"confidence: min {confidences[0]:.2f}, median {statistics.median(confidences):.2f}, "
              f"max {confidences[-1]:.2f}")
    print(f"\n--- a sample of {args.sample} (seed {args.seed}) to read ---")
    for n, row in enumerate(random.Random(args.seed).sample(rows, min(args.sample, len(rows))), 1):
        print(f"\n{n}. [{', '.join(row.articles)}] {row.topic}  (confidence {row.confidence:.2f}; "
              + "; ".join(f"{name}: {detail}" for name, detail in row.signals) + ")")
        for k, side in enumerate(row.sides):
            for source, sentence in side:
                print(f"   {chr(65 + k)} {source}: {sentence[:220]}")
        for sentence in row.notes:
            print(f"   note: {sentence[:220]}")


if __name__ == "__main__":
    main()
