"""Question answering on PolNeAR dev: accuracy at 1 and at 3 for who-says and what-said questions made from the
gold attributions, side by side with a plain BM25 top-sentence baseline (rank-bm25, no attribution).

Every dev article goes through the real extraction into one database (a temporary SQLite file unless --database-url
or --db is given). Questions come from gold attributions whose source is named (has a capitalised word that is not
a pronoun, e.g. "Trump", "The Post"; not "he", "sources"):
- who-says: "who says <first seven words of the content>?" is right at k when one of the first k answers (k
  different sentences: the claims of one sentence are one answer) names the gold source and quotes the sentence
  holding the content;
- what-said: "what did <source> say?" (each distinct source once) is right at k when one of the first k answers
  names that source and quotes a sentence holding the content of a gold claim by it.
"reachable" is the share some stored claim would answer right (the extraction's ceiling for us).
The baseline ranks every stored sentence with BM25 against the question; a sentence "names the source" when the
source's words are in it.

    .venv/bin/python bench/qa_eval.py [--split dev] [--limit N] [--db PATH (reused when it exists)]
                                      [--database-url URL] [--show-misses N]
"""

from __future__ import annotations

import argparse
import functools
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy  # noqa: E402
from rank_bm25 import BM25Okapi  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402
from sqlmodel import select  # noqa: E402

from bench import polnear  # noqa: E402
from bot.extract.entities import fold_name  # noqa: E402
from store import search  # noqa: E402
from store.db import make_engine, migrate, open_session  # noqa: E402
from store.models import LOCAL_TEAM, Article, Sentence  # noqa: E402

PRONOUNS = frozenset("i he she it we they you who this that these those his her their its one".split())
CONTENT_WORDS = 7
KS = (1, 3)


@dataclass(frozen=True)
class GoldClaim:
    article: str
    source: str
    content: tuple[int, int]          # first content fragment, offsets into the article text


@dataclass
class Question:
    kind: str
    text: str
    article: str                      # the article the question came from
    source: str
    content: tuple[int, int] | None   # who-says: the content to quote


def named(source: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’.-]*", source)
    return any(w[0].isupper() and w.lower() not in PRONOUNS for w in words)


def gold_claims(articles: list[polnear.Article]) -> list[GoldClaim]:
    claims = []
    for article in articles:
        for a in article.attributions:
            if not a.sources:
                continue
            source = " ".join(article.text[s:e] for s, e in a.sources[0])
            source = " ".join(source.split())
            if named(source):
                claims.append(GoldClaim(article.name, source, a.contents[0][0]))
    return claims


def make_questions(articles: list[polnear.Article], claims: list[GoldClaim]) -> list[Question]:
    texts = {a.name: a.text for a in articles}
    questions, seen_sources = [], set()
    for claim in claims:
        words = texts[claim.article][claim.content[0]:claim.content[1]].split()[:CONTENT_WORDS]
        if words:
            questions.append(Question("who_says", f"who says {' '.join(words)}?", claim.article, claim.source,
                                      claim.content))
        key = fold_name(claim.source)
        if key and key not in seen_sources:
            seen_sources.add(key)
            questions.append(Question("what_said", f"what did {claim.source} say?", claim.article, claim.source,
                                      None))
    return questions


def same_source(gold: str, *given: str | None) -> bool:
    """The answer names the gold source: its resolved name or its words as written hold the gold source's words
    or the other way round ("Trump" and "Donald Trump"; typos allowed), after folding."""
    wanted = " ".join(search.name_tokens(fold_name(gold)))
    return bool(wanted) and any(
        fuzz.token_set_ratio(wanted, " ".join(search.name_tokens(fold_name(name or "")))) >= 85 for name in given)


def holds(span: tuple[int, int], content: tuple[int, int]) -> bool:
    return span[0] <= content[0] < span[1]


class Judge:
    """Whether an answer (our item or a baseline sentence) is right for a question."""

    def __init__(self, claims: list[GoldClaim]):
        self.by_source: dict[str, list[GoldClaim]] = defaultdict(list)
        for c in claims:
            self.by_source[fold_name(c.source)].append(c)

    @functools.lru_cache(maxsize=None)
    def claims_of(self, source: str) -> list[GoldClaim]:
        wanted = fold_name(source)
        return [c for key, found in self.by_source.items() if same_source(wanted, key) for c in found]

    def right(self, q: Question, article: str, span: tuple[int, int], *names: str | None) -> bool:
        if not same_source(q.source, *names):
            return False
        if q.kind == "who_says":
            return article == q.article and holds(span, q.content)
        return any(c.article == article and holds(span, c.content) for c in self.claims_of(q.source))


def ingest(engine, articles: list[polnear.Article]) -> float:
    from bot.extract.pipeline import extract_articles
    from bot.nlp import load_nlp
    from bot.settings import load_settings
    from store.ingest import save_article

    started = time.perf_counter()
    nlp = load_nlp(load_settings().spacy_model)
    with open_session(engine) as session:
        for article, facts in zip(articles, extract_articles((a.text for a in articles), nlp)):
            save_article(session, facts, LOCAL_TEAM, slug=article.name, title=article.name,
                         outlet=article.name.split("_")[0])
    return time.perf_counter() - started


def evaluate(engine, questions: list[Question], judge: Judge, misses: dict[int, str]
             ) -> tuple[dict, dict, list[float]]:
    """Per kind, per question: [right at 1, right at 3] for ours and for the baseline; answer times. `misses`
    gets, per question we got wrong at 1 (by its number in `questions`), what we answered instead."""
    from bot.qa import answer_question

    ours: dict[str, list[list[bool]]] = defaultdict(list)
    baseline: dict[str, list[list[bool]]] = defaultdict(list)
    timings = []
    with open_session(engine) as session:
        slug_of = dict(session.execute(select(Article.id, Article.title)).all())   # titles are the names
        rows = session.execute(select(Sentence.article_id, Sentence.start, Sentence.end, Sentence.text)).all()
        tokenised = [tokens(text) for *_, text in rows]
        bm25 = BM25Okapi(tokenised)
        for number, q in enumerate(questions):
            started = time.perf_counter()
            answer = answer_question(session, q.text)
            timings.append(time.perf_counter() - started)
            items = answer.items
            ours[q.kind].append([any(judge.right(q, slug_of[i.article_id], (i.sentence_start, i.sentence_end),
                                                 i.source_name, i.source_text) for i in items if i.slot < k)
                                 for k in KS])
            scores = bm25.get_scores(tokens(q.text))
            top = [int(n) for n in numpy.argsort(-scores, kind="stable")[:max(KS)]]
            marks = [judge.right(q, slug_of[rows[n][0]], (rows[n][1], rows[n][2]), *name_in(q.source, rows[n][3]))
                     for n in top]
            baseline[q.kind].append([any(marks[:k]) for k in KS])
            if not ours[q.kind][-1][0]:
                misses[number] = describe_miss(q, answer, slug_of, ours[q.kind][-1])
                right = next((n for n, mark in zip(top, marks) if mark), None)
                if right is not None:
                    misses[number] += (f"\n    the baseline is right with {slug_of[rows[right][0]]} @{rows[right][1]}: "
                                       f"{' '.join(rows[right][3].split())[:150]!r}")
    return ours, baseline, timings


def describe_miss(q: Question, answer, slug_of: dict[int, str], marks: list[bool]) -> str:
    """The question, its gold source (and content for who-says), where we got it right and our first three
    answers, for reading misses."""
    gold = f"[gold: {q.source!r}" + (f" in {q.article} @{q.content[0]}]" if q.content else "]")
    right_at = next((f"right at {k}" for k, mark in zip(KS, marks) if mark), f"wrong at {max(KS)}")
    lines = [f"{q.kind}: {q.text}  {gold} {right_at}", f"    -> {answer.status}: {answer.message}"]
    for item in [i for i in answer.items if i.slot < max(KS)] or answer.near_misses[:max(KS)]:
        lines.append(f"    {'near ' if item.near_miss else ''}#{item.slot} {item.score:.3f} "
                     f"{item.speaker!r} ({item.source_text!r}) {slug_of[item.article_id]} @{item.sentence_start}: "
                     f"{' '.join(item.sentence.split())[:150]!r}")
    return "\n".join(lines)


def ceiling(engine, questions: list[Question], judge: Judge, witnesses: dict[int, str] | None = None
            ) -> dict[str, list[bool]]:
    """Per kind, per question: whether some stored claim answers it right (what extraction leaves reachable).
    `witnesses` gets, per question by its number, the first such claim (for reading misses)."""
    from store.models import Claim

    with open_session(engine) as session:
        title_of = dict(session.execute(select(Article.id, Article.title)).all())
        ids = session.execute(select(Claim.id).where(Claim.attributed.is_(True))).scalars().all()
        records = list(search.load_claims(session, ids, LOCAL_TEAM).values())
    by_article: dict[str, list] = defaultdict(list)
    for r in records:
        by_article[title_of[r.article_id]].append(r)
    reached: dict[str, list[bool]] = defaultdict(list)
    for number, q in enumerate(questions):
        pool = by_article[q.article] if q.kind == "who_says" else records
        right = next((r for r in pool if judge.right(q, title_of[r.article_id], (r.passage_start, r.passage_end),
                                                     r.source_name, r.source_text)), None)
        reached[q.kind].append(right is not None)
        if right is not None and witnesses is not None:
            witnesses[number] = (f"    right would be: {right.source_name!r} ({right.source_text!r}) "
                                 f"{title_of[right.article_id]} @{right.passage_start}: "
                                 f"{' '.join(right.passage.split())[:150]!r}")
    return reached


def tokens(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", text.lower()) if w not in search.STOPWORDS]


def name_in(source: str, sentence: str) -> tuple[str | None]:
    """The baseline names a source only by having its words in the sentence."""
    words = [w for w in search.name_tokens(fold_name(source)) if w not in search.STOPWORDS]
    folded = set(search.name_tokens(fold_name(sentence)))
    return (source,) if words and all(w in folded or max(fuzz.ratio(w, f) for f in folded) >= 90
                                      for w in words) else (None,)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=polnear.SPLITS)
    parser.add_argument("--db", type=Path, help="SQLite file to build, or to reuse when it exists")
    parser.add_argument("--database-url", help="a database to build into (e.g. PostgreSQL); must be empty")
    parser.add_argument("--limit", type=int, help="only the split's first LIMIT articles (a train subset)")
    parser.add_argument("--show-misses", type=int, default=0,
                        help="print this many questions we got wrong at 1 although a stored claim answers them")
    args = parser.parse_args()

    articles = polnear.load_split(args.split, args.limit)
    claims = gold_claims(articles)
    questions = make_questions(articles, claims)
    with tempfile.TemporaryDirectory() as tmp:
        reuse = args.db is not None and args.db.exists()
        url = args.database_url or f"sqlite:///{args.db or Path(tmp) / 'qa.db'}"
        engine = make_engine(url)
        migrate(engine)
        if not reuse:
            seconds = ingest(engine, articles)
            print(f"ingested {len(articles)} {args.split} articles in {seconds:.0f} s into {engine.url.drivername}")
        misses: dict[int, str] = {}
        judge = Judge(claims)
        ours, baseline, timings = evaluate(engine, questions, judge, misses)
        witnesses: dict[int, str] = {}
        reachable = ceiling(engine, questions, judge, witnesses)
        engine.dispose()
    print(f"{len(questions)} questions from {len(claims)} gold attributions with a named source")
    print(f"{'kind':<10} {'n':>5}  {'ours@1':>7} {'ours@3':>7}  {'bm25@1':>7} {'bm25@3':>7}  {'reachable':>9}")
    for kind in ("who_says", "what_said"):
        n = len(ours[kind])
        if not n:
            continue
        acc = [sum(r[j] for r in ours[kind]) / n for j in range(len(KS))]
        base = [sum(r[j] for r in baseline[kind]) / n for j in range(len(KS))]
        print(f"{kind:<10} {n:>5}  {acc[0]:>7.3f} {acc[1]:>7.3f}  {base[0]:>7.3f} {base[1]:>7.3f}  "
              f"{sum(reachable[kind]) / n:>9.3f}")
    print("the same on the questions some stored claim answers (ranking, without extraction's misses):")
    for kind in ("who_says", "what_said"):
        kept = [n for n, ok in enumerate(reachable.get(kind, [])) if ok]
        if kept:
            acc = [sum(ours[kind][n][j] for n in kept) / len(kept) for j in range(len(KS))]
            base = [sum(baseline[kind][n][j] for n in kept) / len(kept) for j in range(len(KS))]
            print(f"{kind:<10} {len(kept):>5}  {acc[0]:>7.3f} {acc[1]:>7.3f}  {base[0]:>7.3f} {base[1]:>7.3f}")
    print("of those, how many the baseline gets right and we do not, at 1 and at 3:")
    for kind in ("who_says", "what_said"):
        kept = [n for n, ok in enumerate(reachable.get(kind, [])) if ok]
        worse = [sum(baseline[kind][n][j] and not ours[kind][n][j] for n in kept) for j in range(len(KS))]
        print(f"{kind:<10} {worse[0]:>5} {worse[1]:>5}")
    reached = {kind: iter(marks) for kind, marks in reachable.items()}
    shown = [f"{misses[n]}\n{witnesses[n]}" for n, q in enumerate(questions) if next(reached[q.kind]) and n in misses]
    for miss in shown[:args.show_misses]:
        print(miss)
    timings.sort()
    print(f"answer time: p50 {statistics.median(timings) * 1000:.1f} ms, "
          f"p95 {timings[int(len(timings) * 0.95)] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
