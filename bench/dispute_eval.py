"""Disputes flagged on PolNeAR dev: every dev text goes through the real extraction and ingest (which recomputes
disputes) into a temporary SQLite database; prints disputes per article (mean, distribution), the signals that
fired, and a sample of disputes to read and judge by hand.

    .venv/bin/python bench/dispute_eval.py [--split dev] [--sample 20] [--seed 7]
"""

from __future__ import annotations

import argparse
import collections
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, select  # noqa: E402

from bot.ingest import ingest_texts  # noqa: E402
from bot.nlp import load_nlp  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from store.db import make_engine, migrate  # noqa: E402
from store.disputes import list_disputes  # noqa: E402
from store.models import LOCAL_TEAM, Article  # noqa: E402

POLNEAR = Path("/work/shared/polnear")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    paths = sorted((POLNEAR / args.split / "text").glob("*.txt"))
    nlp = load_nlp(load_settings().spacy_model)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/disputes.db")
        migrate(engine)
        started = time.perf_counter()
        ingest_texts(engine, [(p.stem, p.read_text(encoding="utf-8")) for p in paths], nlp, team_id=LOCAL_TEAM)
        elapsed = time.perf_counter() - started
        with Session(engine) as session:
            articles = session.exec(select(Article).where(Article.team_id == LOCAL_TEAM)).all()
            disputes = list_disputes(session, LOCAL_TEAM)
        report(args, paths, articles, disputes, elapsed)


def report(args, paths, articles, disputes, elapsed: float) -> None:
    per_article = collections.Counter({a.id: 0 for a in articles})
    for d in disputes:
        for article_id in d.article_ids:
            per_article[article_id] += 1
    counts = list(per_article.values())
    cross = sum(1 for d in disputes if len(d.article_ids) > 1)
    print(f"PolNeAR {args.split}: {len(paths)} texts, {len(articles)} articles indexed in {elapsed:.0f} s")
    print(f"disputes: {len(disputes)} ({cross} across articles)")
    print(f"disputes per article: mean {statistics.mean(counts):.2f}, median {statistics.median(counts):.0f}, "
          f"max {max(counts)}; articles with none {counts.count(0)}/{len(counts)}")
    print("distribution (disputes: articles):",
          ", ".join(f"{k}: {v}" for k, v in sorted(collections.Counter(counts).items())))
    signals = collections.Counter(s["name"] for d in disputes for s in d.signals)
    print("signals:", ", ".join(f"{k} {v}" for k, v in signals.most_common()))
    sides = collections.Counter(len(d.sides) for d in disputes)
    print("sides per dispute:", ", ".join(f"{k}: {v}" for k, v in sorted(sides.items())))
    if disputes:
        confidences = sorted(d.confidence for d in disputes)
        print(f"confidence: min {confidences[0]:.2f}, median {statistics.median(confidences):.2f}, "
              f"max {confidences[-1]:.2f}")
    titles = {a.id: a.slug for a in articles}
    print(f"\n--- a sample of {args.sample} (seed {args.seed}) to read ---")
    for n, d in enumerate(random.Random(args.seed).sample(disputes, min(args.sample, len(disputes))), 1):
        print(f"\n{n}. [{', '.join(titles[a] for a in d.article_ids)}] {d.topic}  (confidence {d.confidence:.2f}; "
              + "; ".join(f"{s['name']}: {s['detail']}" for s in d.signals) + ")")
        for k, side in enumerate(d.sides):
            for c in side:
                print(f"   {chr(65 + k)} {c.source}: {c.sentence_text[:220]}")
        for c in d.notes:
            print(f"   note: {c.sentence_text[:220]}")


if __name__ == "__main__":
    main()
