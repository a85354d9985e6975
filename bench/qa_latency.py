"""Answer time on synthetic corpora of 1,000, 10,000 and 100,000 articles, on SQLite and on PostgreSQL: p50 and p95
of `answer_question` in-process, warm (the first question of each size, which builds the alias cache, is timed
apart as "cold").

The corpus is the stored facts of the PolNeAR dev articles (extracted once into a SQLite file, reused with --source)
copied with bulk `INSERT ... SELECT` statements, one per table and copy, so nothing is re-parsed: each copy gets its
entities renamed (one of 40 syllables glued to the end of every name, alias and key: "Erdoganalda", so names
repeat across copies as in a real newsroom, yet no renamed person fuzzily matches another) and its digits changed, so answers differ from copy to copy. Questions are made as in
bench/qa_eval.py (who-says from gold contents, what-said from gold sources) plus what-said for renamed sources.

    .venv/bin/python bench/qa_latency.py [--source dev.db] [--sizes 1000 10000 100000] [--backends sqlite postgresql]
        [--keep DIR]

Building is the slow part (full-text indexing: about 20 articles a second on a busy 2-core machine, so the 100,000
corpus takes over an hour); --keep saves the SQLite corpora so later runs only measure.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select, text  # noqa: E402

from bench import polnear, qa_eval  # noqa: E402
from store.db import make_engine, migrate, open_session  # noqa: E402
from store.models import SQLModel  # noqa: E402

POSTGRES_URL = os.environ.get("NEWSBOT_TEST_POSTGRES_URL") or "postgresql://postgres@127.0.0.1:5432/test"
TABLES = ("article", "sentence", "entity", "alias", "mention", "claim", "hedge", "figure")
PARENTS = {  # foreign keys shifted with their parent table's offset
    "sentence": {"article_id": "article"},
    "entity": {"article_id": "article"},
    "alias": {"entity_id": "entity"},
    "mention": {"entity_id": "entity", "sentence_id": "sentence"},
    "claim": {"article_id": "article", "sentence_id": "sentence", "source_entity_id": "entity", "parent_id": "claim"},
    "hedge": {"sentence_id": "sentence", "claim_id": "claim"},
    "figure": {"sentence_id": "sentence", "claim_id": "claim"},
}
RENAMED = {  # column -> SQL expression for the copy (":suffix" ends every name, ":digit" replaces the digit 1)
    ("article", "slug"): "slug || :tag",
    ("article", "title"): "title || :tag",
    ("article", "content_hash"): "content_hash || :tag",
    ("article", "raw_text"): "replace(raw_text, '1', :digit)",
    ("sentence", "text"): "replace(text, '1', :digit)",
    ("entity", "name"): "name || :suffix",
    ("entity", "key"): "key || :suffix",
    ("alias", "text"): "text || :suffix",
    ("alias", "folded"): "folded || :suffix",
    ("mention", "text"): "text || :suffix",
    ("claim", "content_text"): "replace(content_text, '1', :digit)",
    ("claim", "source_text"): "CASE WHEN source_entity_id IS NULL THEN source_text ELSE source_text || :suffix END",
    ("figure", "text"): "replace(text, '1', :digit)",
    ("figure", "value"): "value + :copy",
}
SUFFIXES = ("Alda Bram Cato Dara Eero Fenn Gala Hugo Ines Jory Kaia Lior Mira Nils Odra Pavo Quin Rhea Sami Tova "
               "Ulla Vito Wren Xena Yuri Zola Arlo Bodi Cira Dov Elke Faro Gita Hale Ilsa Jules Kirby Lotte Maro Nev"
               ).split()


def copy_statements(engine) -> list[tuple[str, str]]:
    """One INSERT ... SELECT per table, copying the base rows (ids up to :limit_<table>) with shifted ids."""
    statements = []
    for name in TABLES:
        table = SQLModel.metadata.tables[name]
        columns, values = [], []
        for column in table.columns:
            columns.append(f'"{column.name}"')
            parent = PARENTS.get(name, {}).get(column.name)
            if column.name == "id":
                values.append(f"id + :off_{name}")
            elif parent:
                values.append(f'"{column.name}" + :off_{parent}')
            else:
                values.append(RENAMED.get((name, column.name), f'"{column.name}"'))
        statements.append((name, f'INSERT INTO "{name}" ({", ".join(columns)}) SELECT {", ".join(values)} '
                                 f'FROM "{name}" WHERE id <= :limit_{name}'))
    return statements


def base_counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: connection.execute(text(f'SELECT coalesce(max(id), 0) FROM "{name}"')).scalar()
                for name in TABLES}


def grow(engine, base: dict[str, int], first_copy: int, last_copy: int) -> None:
    """Add copies first_copy..last_copy (copy 0 is the base itself)."""
    statements = copy_statements(engine)
    for copy in range(first_copy, last_copy + 1):       # a transaction per copy: huge ones make FTS5 crawl
        params = {"tag": f"-c{copy}", "digit": str(2 + copy % 8), "suffix": SUFFIXES[copy % len(SUFFIXES)].lower(),
                  "copy": copy, **{f"off_{t}": base[t] * copy for t in TABLES},
                  **{f"limit_{t}": base[t] for t in TABLES}}
        with engine.begin() as connection:
            for _, statement in statements:
                connection.execute(text(statement), params)


def load_base(source: Path, engine) -> None:
    """The source database's facts copied row by row (same ids) into an empty migrated PostgreSQL database."""
    source_engine = make_engine(f"sqlite:///{source}")
    with source_engine.connect() as reader, engine.begin() as writer:
        writer.execute(text("SET LOCAL session_replication_role = replica"))   # claim.parent_id points forward too
        for name in TABLES:
            table = SQLModel.metadata.tables[name]
            rows = [dict(r._mapping) for r in reader.execute(select(table))]
            if rows:
                writer.execute(table.insert(), rows)
    source_engine.dispose()


def questions(count: int, seed: int) -> list[str]:
    articles = polnear.load_split("dev")
    made = qa_eval.make_questions(articles, qa_eval.gold_claims(articles))
    rng = random.Random(seed)
    picked = [q.text for q in rng.sample(made, min(count, len(made)))]
    sources = [q for q in made if q.kind == "what_said"]
    picked += [f"what did {q.source.rstrip(' ,')}{rng.choice(SUFFIXES).lower()} say?"
               for q in rng.sample(sources, count // 5)]
    return picked


def measure(engine, asked: list[str]) -> tuple[float, float, float]:
    """(cold ms, p50 ms, p95 ms)."""
    from bot.qa import answer_question

    timings = []
    with open_session(engine) as session:
        started = time.perf_counter()
        answer_question(session, next(q for q in asked if q.startswith("what did")))   # builds the alias cache
        cold = time.perf_counter() - started
        for question in asked:
            started = time.perf_counter()
            answer_question(session, question)
            timings.append(time.perf_counter() - started)
    timings.sort()
    return cold * 1000, statistics.median(timings) * 1000, timings[int(len(timings) * 0.95)] * 1000


def article_count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(SQLModel.metadata.tables["article"])).scalar()


def sqlite_copy(source: Path, target: Path) -> None:
    checkpoint = make_engine(f"sqlite:///{source}")
    with checkpoint.begin() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    checkpoint.dispose()
    shutil.copy(source, target)


def run_kept_sqlite(source: Path, sizes: list[int], asked: list[str], keep: Path) -> list[tuple]:
    """SQLite corpora kept as files (keep/sqlite-<size>.db), each grown from the next smaller one, reused later."""
    rows, previous = [], source
    keep.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        path = keep / f"sqlite-{size}.db"
        started = time.perf_counter()
        if not path.exists():
            sqlite_copy(previous, path.with_suffix(".part"))
            engine = make_engine(f"sqlite:///{path.with_suffix('.part')}")
            migrate(engine)
            source_engine = make_engine(f"sqlite:///{source}")
            base, per_copy = base_counts(source_engine), article_count(source_engine)
            source_engine.dispose()
            present = article_count(engine) // per_copy - 1
            wanted = -(-size // per_copy) - 1
            if wanted > present:
                grow(engine, base, present + 1, wanted)
            with engine.begin() as connection:
                connection.execute(text("ANALYZE"))
            engine.dispose()
            path.with_suffix(".part").rename(path)
        built = time.perf_counter() - started
        engine = make_engine(f"sqlite:///{path}")
        cold, p50, p95 = measure(engine, asked)
        rows.append(("sqlite", article_count(engine), built, cold, p50, p95))
        engine.dispose()
        print(f"sqlite     {rows[-1][1]:>7} articles (built in {built:5.0f} s): cold {cold:7.1f} ms, "
              f"p50 {p50:6.1f} ms, p95 {p95:6.1f} ms", flush=True)
        previous = path
    return rows


def run_backend(backend: str, source: Path, sizes: list[int], asked: list[str], tmp: Path) -> list[tuple]:
    schema = None
    if backend == "sqlite":
        path = tmp / "latency.db"
        sqlite_copy(source, path)
        engine = make_engine(f"sqlite:///{path}")
        migrate(engine)
    else:
        admin = make_engine(POSTGRES_URL)
        schema = f"qa_latency_{uuid4().hex[:10]}"
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = make_engine(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
    rows = []
    try:
        if schema:
            migrate(engine)
            load_base(source, engine)
        base = base_counts(engine)
        per_copy = article_count(engine)
        copies = 0
        for size in sizes:
            wanted = max(0, -(-size // per_copy) - 1)
            started = time.perf_counter()
            if wanted > copies:
                grow(engine, base, copies + 1, wanted)
                copies = wanted
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))    # PostgreSQL: flushes GIN pending lists too
            built = time.perf_counter() - started
            cold, p50, p95 = measure(engine, asked)
            rows.append((backend, article_count(engine), built, cold, p50, p95))
            print(f"{backend:<10} {rows[-1][1]:>7} articles (built in {built:5.0f} s): cold {cold:7.1f} ms, "
                  f"p50 {p50:6.1f} ms, p95 {p95:6.1f} ms", flush=True)
    finally:
        engine.dispose()
        if schema:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="SQLite file with the dev articles (built when missing)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep SQLite corpora in this folder and reuse them")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or Path(tmp) / "dev.db"
        if not source.exists():
            engine = make_engine(f"sqlite:///{source}")
            migrate(engine)
            qa_eval.ingest(engine, polnear.load_split("dev"))
            engine.dispose()
        asked = questions(args.questions, args.seed)
        results = []
        for backend in args.backends:
            if backend == "sqlite" and args.keep:
                results += run_kept_sqlite(source, sorted(args.sizes), asked, args.keep)
            else:
                results += run_backend(backend, source, sorted(args.sizes), asked, Path(tmp))
    print(f"\n{len(asked)} questions per size; times in ms")
    print(f"{'backend':<10} {'articles':>8} {'cold':>8} {'p50':>7} {'p95':>7}")
    for backend, count, _, cold, p50, p95 in results:
        print(f"{backend:<10} {count:>8} {cold:>8.1f} {p50:>7.1f} {p95:>7.1f}")
    for backend in args.backends:
        mine = [r for r in results if r[0] == backend]
        if len(mine) > 1:
            print(f"{backend}: p95 ratio {mine[-1][1]:,}/{mine[0][1]:,} articles = {mine[-1][5] / mine[0][5]:.2f}")


if __name__ == "__main__":
    main()
