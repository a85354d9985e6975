"""Ingest speed: spaCy's nlp.pipe alone against the full ingest into SQLite, on the same texts in one run.

The full ingest is everything `newsbot ingest` does: read and check the files, normalise, parse, extract,
store each article in its own transaction and recompute disputes. Prints articles/s, words/s, the ratio
full/parse-only (target at least 0.8) and the speed-up of --workers 2 over 1 (target close to 2 on two cores).
Reference: the Citron architecture runs at 4.2 articles/s (about 3,200 words/s) on one core.

    .venv/bin/python bench/ingest_speed.py [--texts DIR] [--limit N] [--workers 1 2] [--rounds N]

With --rounds N the parse-only and full ingest runs alternate N times and each keeps its best wall and best CPU
time: on a machine other work loads unevenly, one pass of each can land on a busy and a quiet minute.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from spacy.language import Language  # noqa: E402

from bot.disputes.lexicon import asserted_stems  # noqa: E402
from bot.disputes.signals import derived_fields  # noqa: E402
from bot.extract import attributions, coref, entities, pipeline  # noqa: E402
from bot.extract.pipeline import BATCH_SIZE, facts_from_doc  # noqa: E402
from bot.extract.sentences import add_paragraph_boundaries, parse  # noqa: E402
from bot.ingest import check_files, ingest_documents, load_model, store_facts  # noqa: E402
from bot.nlp import load_pipeline  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from store.db import open_database, open_session  # noqa: E402
from store.ingest import recompute_disputes  # noqa: E402

POLNEAR_DEV = REPO.parent / "shared" / "polnear" / "dev" / "text"
CITRON_ARTICLES_PER_SECOND = 4.2


@dataclass
class Timing:
    wall: float
    cpu: float                  # user + system seconds of this process and its finished workers


def best(timings: list[Timing]) -> Timing:
    """The least wall and the least CPU time over several runs of the same work (each is its own minimum)."""
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


@contextmanager
def timed(into: list[Timing]) -> Iterator[None]:
    """Append the wall and CPU time of the block: on a shared machine CPU time shows the work, wall the wait."""
    def cpu() -> float:           # process_time: os.times() counts in ticks, too coarse for per-article stages
        t = os.times()
        return time.process_time() + t.children_user + t.children_system

    wall, used = time.perf_counter(), cpu()
    yield
    into.append(Timing(time.perf_counter() - wall, cpu() - used))


def parse_only(texts: list[str], nlp: Language) -> Timing:
    """spaCy alone, in the configuration ingest parses with: `nlp` is a separate copy of the same pipeline, kept
    over the rounds as the full ingest keeps its own, so both parse with the vocabulary and lemma cache of the
    rounds before (a fresh copy each round would charge parse-only alone for filling them)."""
    list(nlp.pipe(texts[:2]))                       # warm-up: lazy initialisation
    measured: list[Timing] = []
    with timed(measured):
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
    return measured[0]


def forget_disputes_work() -> None:
    """Empty the caches the disputes fill per claim text: a later round, or the stage table, would otherwise be
    timed on work an earlier one did (stems, being the same words in every corpus, may stay)."""
    asserted_stems.cache_clear()
    derived_fields.cache_clear()


def full_ingest(paths: list[Path], workers: int) -> Timing:
    """Ingest `paths` into a fresh SQLite database with `workers` parsing processes."""
    nlp = load_model()
    measured: list[Timing] = []
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{folder}/bench.db")
        documents, failures = check_files(paths[:2])
        list(ingest_documents(documents, engine, nlp))          # warm-up, then a fresh database for the timing
        engine.dispose()
        engine = open_database(f"sqlite:///{folder}/timed.db")
        forget_disputes_work()              # a round after the first must not find the disputes' work done
        with timed(measured):
            documents, failures = check_files(paths)
            results = list(ingest_documents(documents, engine, nlp, workers=workers))
        engine.dispose()
    failed = failures + [r for r in results if r.error]
    if failed:
        print(f"  {len(failed)} files failed, e.g. {failed[0].error}")
    return measured[0]


def stages(paths: list[Path]) -> dict[str, Timing]:
    """Each stage of one sequential ingest (article by article, so parsing is a little slower than in batches):
    where the time after parsing goes."""
    nlp = load_model()
    forget_disputes_work()
    measured: list[Timing] = []
    with timed(measured):
        documents, _ = check_files(paths)
    with timed(measured):
        docs = [parse(d.norm, nlp) for d in documents]
    with timed(measured), timed_extractors() as extractors:
        facts = [facts_from_doc(doc, d.norm) for doc, d in zip(docs, documents)]
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{folder}/stages.db")
        with timed(measured):
            stored = [store_facts(engine, d, f, disputes=False).article_id for d, f in zip(documents, facts)]
        with timed(measured):
            with open_session(engine) as session:
                recompute_disputes(session, "local", stored)
        engine.dispose()
    names = ("read, check, normalise", "parse (spaCy)", "extract (after parse)", "store (SQLite)", "disputes (once)")
    out = dict(zip(names, measured))
    ordered = [*names[:3], *(f"  {name}" for name in extractors), *names[3:]]
    out.update((f"  {name}", timing) for name, timing in extractors.items())
    return {name: out[name] for name in ordered}


EXTRACTORS = {"sentences": (pipeline, "split_sentences"), "attributions": (attributions, "find_quotes"),
              "entities": (entities, "find_entities"), "coref": (coref, "resolve_speakers"),
              "figures": (pipeline, "find_figures"), "hedges": (pipeline, "find_hedges"),
              "statements": (pipeline, "find_statements")}


@contextmanager
def timed_extractors() -> Iterator[dict[str, Timing]]:
    """Time each extraction stage inside facts_from_doc (its functions wrapped while the block runs), so the
    extract line splits into the stages that make it up."""
    totals = {name: Timing(0.0, 0.0) for name in EXTRACTORS}

    def wrapped(name: str, function):
        def run(*args):
            measured: list[Timing] = []
            with timed(measured):
                result = function(*args)
            totals[name] = Timing(totals[name].wall + measured[0].wall, totals[name].cpu + measured[0].cpu)
            return result
        return run

    originals = {name: getattr(module, attribute) for name, (module, attribute) in EXTRACTORS.items()}
    for name, (module, attribute) in EXTRACTORS.items():
        setattr(module, attribute, wrapped(name, originals[name]))
    try:
        yield totals
    finally:
        for name, (module, attribute) in EXTRACTORS.items():
            setattr(module, attribute, originals[name])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=POLNEAR_DEV, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts for the full ingest")
    parser.add_argument("--rounds", type=int, default=1, help="alternate parse-only and full ingest N times, keep the best")
    args = parser.parse_args()

    paths = sorted(args.texts.glob("*.txt"))[: args.limit]
    if not paths:
        raise SystemExit(f"no .txt files in {args.texts}")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    model = load_settings().spacy_model
    print(f"{len(paths)} articles, {words:,} words from {args.texts}; model {model}; {os.cpu_count()} CPUs")
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"warning: load average {load:.1f} before starting: other work shares the CPUs, so wall-clock "
              "figures (the workers' speed-up above all) are lower than on an idle machine; CPU seconds are not")

    def line(label: str, timing: Timing) -> None:
        print(f"  {label:<26} {timing.wall:7.2f} s wall {len(paths) / timing.wall:6.1f} articles/s "
              f"{words / timing.wall:7,.0f} words/s | {timing.cpu:7.2f} s CPU {len(paths) / timing.cpu:6.1f} "
              f"articles/CPU-s {words / timing.cpu:7,.0f} words/CPU-s")

    runs: dict[int | None, list[Timing]] = {None: [], **{workers: [] for workers in args.workers}}
    parse_nlp = load_pipeline(model)
    add_paragraph_boundaries(parse_nlp)
    normalised = [document.norm.text for document in check_files(paths)[0]]     # what ingest parses
    for _ in range(max(args.rounds, 1)):
        runs[None].append(parse_only(normalised, parse_nlp))
        for workers in args.workers:
            runs[workers].append(full_ingest(paths, workers))
    if args.rounds > 1:
        print(f"best of {args.rounds} alternating rounds:")
    parsing = best(runs.pop(None))
    line("spaCy nlp.pipe alone", parsing)
    timings = {workers: best(measured) for workers, measured in runs.items()}
    for workers, timing in timings.items():
        line(f"full ingest, {workers} worker{'s' if workers > 1 else ''}", timing)
    print("stages, one article at a time:")
    stage_timings = stages(paths)
    total = sum(t.cpu for stage, t in stage_timings.items() if not stage.startswith(" "))
    for stage, timing in stage_timings.items():
        print(f"  {stage:<26} {timing.cpu:7.2f} CPU-s {1000 * timing.cpu / len(paths):7.1f} ms/article "
              f"{100 * timing.cpu / total:5.1f}%")
    if 1 in timings:
        one = timings[1]
        print(f"ratio full/parse-only, 1 worker: {parsing.wall / one.wall:.2f} wall, {parsing.cpu / one.cpu:.2f} CPU "
              "(target >= 0.80)")
        print(f"against Citron ({CITRON_ARTICLES_PER_SECOND} articles/s on one core): "
              f"{len(paths) / one.wall / CITRON_ARTICLES_PER_SECOND:.1f}x wall, "
              f"{len(paths) / one.cpu / CITRON_ARTICLES_PER_SECOND:.1f}x per CPU-second (target >= 2x)")
        for workers, timing in timings.items():
            if workers > 1:
                print(f"speed-up of {workers} workers over 1 (wall): {one.wall / timing.wall:.2f}x")


if __name__ == "__main__":
    main()
