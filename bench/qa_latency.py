"""Answer time on synthetic corpora of 1,000, 10,000 and 100,000 articles, on SQLite and on PostgreSQL: p50 and p95
of `answer_question` in-process. First, timed apart as "start-up", the names questions look up are read into their
cache, as `newsbot serve` does when it starts (store.search.read_names); then the first question of each size is
timed apart as "cold". By default no question is asked before the timed ones, so the first run after building a
corpus, or after other work pushed it out of memory, reads from disk; --warm-up N first asks N other dev questions,
untimed (none of those timed), as a bot that has been answering for a while would have. Beside wall time, the p50
and p95 of this process's CPU time: on a busy machine it moves far less than wall time, and for SQLite, which runs
in-process, it is the whole cost but disk waits (for PostgreSQL, only the client's share). For SQLite it also prints
how much the timed questions read from disk (Linux): what makes a first run slow is the OS page cache not holding
the corpus (the 100,000 file is 5.4 GB; on a machine whose memory other work fills, 300-700 MB are read again in a
new process, and CPU p95 rises from about 30 to 45-50 ms), not SQLite's own cache starting empty nor the name
cache (read at start-up). Each size lists its questions of most CPU.

The corpus is the stored facts of the PolNeAR dev articles (extracted once into a SQLite file, reused with --source)
copied in bulk, so nothing is re-parsed: one `INSERT ... SELECT` per table adds up to 100 copies at once (a join
with a small table of the copies), foreign-key checks off and plain indexes rebuilt once afterwards. Each copy gets
its entities renamed (one of 40 syllables glued to the end of every name, alias and key: "Erdoganalda", so names
repeat across copies as in a real newsroom, yet no renamed person fuzzily matches another) and its digits changed,
so answers differ from copy to copy. Questions are made as in bench/qa_eval.py (who-says from gold contents,
what-said from gold sources) plus what-said for renamed sources.

    .venv/bin/python bench/qa_latency.py [--source dev.db] [--sizes 1000 10000 100000] [--backends sqlite postgresql]
        [--keep DIR] [--warm-up N]

Building costs what the full-text indexes cost (SQLite's FTS5 tables tokenise each copied claim and sentence,
store.db.index_full_text; PostgreSQL's GIN indexes are rebuilt after the copy): on the busy 2-core machine about 160 articles a second, so the
100,000 corpus takes about 20 minutes per backend; --keep saves the corpora (SQLite files in DIR, PostgreSQL schemas
qa_latency_kept_<size> of the database, each built whole) so later runs only measure.
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
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select, text  # noqa: E402

from bench import polnear, qa_eval  # noqa: E402
from store.db import index_full_text, make_engine, migrate, open_session, refresh_statistics  # noqa: E402
from store.search import read_names  # noqa: E402
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
RENAMED = {  # column -> SQL expression for the copy, over the copies table k (k.suffix ends every name)
    ("article", "slug"): "slug || k.tag",
    ("article", "title"): "title || k.tag",
    ("article", "content_hash"): "content_hash || k.tag",
    ("article", "raw_text"): "replace(raw_text, '1', k.digit)",
    ("sentence", "text"): "replace(text, '1', k.digit)",
    ("entity", "name"): "name || k.suffix",
    ("entity", "key"): "key || k.suffix",
    ("alias", "text"): "text || k.suffix",
    ("alias", "folded"): "folded || k.suffix",
    ("mention", "text"): "text || k.suffix",
    ("claim", "content_text"): "replace(content_text, '1', k.digit)",
    ("claim", "source_text"): "CASE WHEN source_entity_id IS NULL THEN source_text ELSE source_text || k.suffix END",
    ("figure", "text"): "replace(text, '1', k.digit)",
    ("figure", "value"): "value + k.copy",
}
SUFFIXES = ("Alda Bram Cato Dara Eero Fenn Gala Hugo Ines Jory Kaia Lior Mira Nils Odra Pavo Quin Rhea Sami Tova "
            "Ulla Vito Wren Xena Yuri Zola Arlo Bodi Cira Dov Elke Faro Gita Hale Ilsa Jules Kirby Lotte Maro Nev"
            ).split()
SLOWEST_SHOWN = 3                # questions listed per size, most CPU first
COPIES_PER_STATEMENT = 100       # copies one INSERT ... SELECT adds: big enough to be bulk, small enough to show progress


def copy_statements() -> list[str]:
    """One INSERT ... SELECT per table, copying the base rows (ids up to :limit_<table>) once per row of the copies
    table k, with ids shifted by k.copy times the base's largest id."""
    statements = []
    for name in TABLES:
        columns, values = [], []
        for column in SQLModel.metadata.tables[name].columns:
            columns.append(f'"{column.name}"')
            parent = PARENTS.get(name, {}).get(column.name)
            if column.name == "id":
                values.append(f"id + k.copy * :limit_{name}")
            elif parent:
                values.append(f'"{column.name}" + k.copy * :limit_{parent}')
            else:
                values.append(RENAMED.get((name, column.name), f'"{column.name}"'))
        statements.append(f'INSERT INTO "{name}" ({", ".join(columns)}) SELECT {", ".join(values)} '
                          f'FROM "{name}" CROSS JOIN latency_copy k WHERE "{name}".id <= :limit_{name} '
                          f'ORDER BY k.copy, "{name}".id')
    return statements


def base_counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: connection.execute(text(f'SELECT coalesce(max(id), 0) FROM "{name}"')).scalar()
                for name in TABLES}


def secondary_indexes(connection) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the fact tables' plain indexes: dropped while bulk copying, built again after
    (one sorted build is far cheaper than millions of scattered inserts). Unique keys stay."""
    tables = list(TABLES)
    if connection.dialect.name == "sqlite":
        rows = connection.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE "
            "'CREATE UNIQUE%' AND tbl_name IN (" + ", ".join(f"'{t}'" for t in tables) + ")")).all()
    else:
        rows = connection.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexdef NOT LIKE "
            "'CREATE UNIQUE%' AND tablename IN (" + ", ".join(f"'{t}'" for t in tables) + ")")).all()
    return [(name, sql) for name, sql in rows]


def grow(engine, base: dict[str, int], first_copy: int, last_copy: int) -> None:
    """Add copies first_copy..last_copy (copy 0 is the base itself) in bulk: foreign-key checks off (the copies
    point inside themselves by construction), plain indexes rebuilt once at the end, then the copies' claims and
    sentences added to SQLite's full-text tables (ids grow with the copy number, so the copies' articles are one
    range of ids)."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        indexes = secondary_indexes(connection)
        connection.commit()
        with connection.begin():
            if not sqlite:
                connection.execute(text("SET LOCAL session_replication_role = replica"))
                connection.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
            for name, _ in indexes:
                connection.execute(text(f'DROP INDEX "{name}"'))
            connection.execute(text("CREATE TEMPORARY TABLE latency_copy "
                                    "(copy INTEGER PRIMARY KEY, tag TEXT, digit TEXT, suffix TEXT)"))
            statements = copy_statements()
            params = {f"limit_{t}": base[t] for t in TABLES}
            for start in range(first_copy, last_copy + 1, COPIES_PER_STATEMENT):
                copies = range(start, min(start + COPIES_PER_STATEMENT, last_copy + 1))
                connection.execute(text("DELETE FROM latency_copy"))
                connection.execute(text("INSERT INTO latency_copy VALUES (:copy, :tag, :digit, :suffix)"),
                                   [{"copy": c, "tag": f"-c{c}", "digit": str(2 + c % 8),
                                     "suffix": SUFFIXES[c % len(SUFFIXES)].lower()} for c in copies])
                for statement in statements:
                    connection.execute(text(statement), params)
            for _, sql in indexes:
                connection.execute(text(sql))
            index_full_text(connection, first_copy * base["article"] + 1, (last_copy + 1) * base["article"])
            connection.execute(text("DROP TABLE latency_copy"))
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


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


@dataclass
class Questions:
    timed: list[str]
    warm_up: list[str]          # other questions, asked first and not timed


def questions(count: int, seed: int, warm_up: int = 0) -> Questions:
    articles = polnear.load_split("dev")
    made = qa_eval.make_questions(articles, qa_eval.gold_claims(articles))
    rng = random.Random(seed)
    picked = [q.text for q in rng.sample(made, min(count, len(made)))]
    sources = [q for q in made if q.kind == "what_said"]
    picked += [f"what did {q.source.rstrip(' ,')}{rng.choice(SUFFIXES).lower()} say?"
               for q in rng.sample(sources, count // 5)]
    others = sorted({q.text for q in made} - set(picked))
    return Questions(picked, random.Random(seed + 1).sample(others, min(warm_up, len(others))))


@dataclass
class Timing:
    startup: float              # ms, reading the names questions look up (store.search.read_names)
    cold: float                 # ms, the first question
    p50: float                  # ms of the timed questions, wall and CPU
    p95: float
    cpu_p50: float
    cpu_p95: float
    disk_mb: float | None       # read from disk by this process while timing (None where the OS does not say)
    slowest: list[tuple[float, str]]    # the questions of most CPU, (ms, question)


def disk_read_bytes() -> int | None:
    """Bytes this process has read from disk so far (Linux /proc/self/io read_bytes): SQLite's reads that the OS page
    cache did not hold, which is what a cold corpus costs beyond CPU. PostgreSQL's server reads are not counted."""
    try:
        with open("/proc/self/io") as io:
            return next(int(line.split()[1]) for line in io if line.startswith("read_bytes:"))
    except (OSError, StopIteration):
        return None


def measure(engine, asked: Questions) -> Timing:
    from bot.qa import answer_question

    timings, cpu = [], []
    started = time.perf_counter()
    read_names(engine)                      # as `newsbot serve` does when it starts
    startup = time.perf_counter() - started
    with open_session(engine) as session:
        started = time.perf_counter()
        answer_question(session, next(q for q in asked.timed if q.startswith("what did")))
        cold = time.perf_counter() - started
        for question in asked.warm_up:
            answer_question(session, question)
        disk_before = disk_read_bytes()
        for question in asked.timed:
            started, started_cpu = time.perf_counter(), time.process_time()
            answer_question(session, question)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        disk_after = disk_read_bytes()
    slowest = sorted(zip(cpu, asked.timed), reverse=True)[:SLOWEST_SHOWN]
    timings.sort()
    cpu.sort()
    p95 = int(len(timings) * 0.95)
    return Timing(startup * 1000, cold * 1000, statistics.median(timings) * 1000, timings[p95] * 1000,
                  statistics.median(cpu) * 1000, cpu[p95] * 1000,
                  None if disk_before is None else (disk_after - disk_before) / 1e6,
                  [(ms * 1000, question) for ms, question in slowest])


def article_count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(SQLModel.metadata.tables["article"])).scalar()


def sqlite_copy(source: Path, target: Path) -> None:
    checkpoint = make_engine(f"sqlite:///{source}")
    with checkpoint.begin() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    checkpoint.dispose()
    shutil.copy(source, target)


def run_kept_sqlite(source: Path, sizes: list[int], asked: Questions, keep: Path) -> list[tuple]:
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
            gather_statistics(engine)
            engine.dispose()
            path.with_suffix(".part").rename(path)
        built = time.perf_counter() - started
        engine = make_engine(f"sqlite:///{path}")
        migrate(engine)                                     # a corpus kept from an older schema
        rows.append(measured("sqlite", engine, built, asked))
        engine.dispose()
        previous = path
    return rows


def run_kept_postgresql(source: Path, sizes: list[int], asked: Questions) -> list[tuple]:
    """PostgreSQL corpora kept as schemas of the database (qa_latency_kept_<size>), each built whole when missing
    (under a _part name until done), reused later; drop them with DROP SCHEMA ... CASCADE when done."""
    admin = make_engine(POSTGRES_URL)
    rows = []
    for size in sizes:
        schema = f"qa_latency_kept_{size}"
        with admin.begin() as connection:
            kept = connection.execute(text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :name"),
                                      {"name": schema}).first()
            if not kept:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}_part" CASCADE'))
                connection.execute(text(f'CREATE SCHEMA "{schema}_part"'))
        started = time.perf_counter()
        if not kept:
            engine = make_engine(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}_part")
            migrate(engine)
            load_base(source, engine)
            base = base_counts(engine)
            grow(engine, base, 1, -(-size // article_count(engine)) - 1)
            gather_statistics(engine)
            engine.dispose()
            with admin.begin() as connection:
                connection.execute(text(f'ALTER SCHEMA "{schema}_part" RENAME TO "{schema}"'))
        built = time.perf_counter() - started
        engine = make_engine(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
        migrate(engine)
        rows.append(measured("postgresql", engine, built, asked))
        engine.dispose()
    admin.dispose()
    return rows


def gather_statistics(engine) -> None:
    """The planner's statistics, as a live store has them: PostgreSQL's VACUUM ANALYZE (as autovacuum would; it
    flushes the GIN pending lists too); on SQLite what ingest runs after storing (store.db.refresh_statistics)."""
    if engine.dialect.name != "postgresql":
        refresh_statistics(engine)
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def measured(backend: str, engine, built: float, asked: Questions) -> tuple:
    """(backend, articles, Timing), printed as it is measured with the slowest questions."""
    timing = measure(engine, asked)
    count = article_count(engine)
    disk = "" if timing.disk_mb is None or backend != "sqlite" else f", read {timing.disk_mb:.0f} MB from disk"
    print(f"{backend:<10} {count:>7} articles (built in {built:5.0f} s): start-up {timing.startup:7.1f} ms, "
          f"cold {timing.cold:7.1f} ms, p50 {timing.p50:6.1f} ms, p95 {timing.p95:6.1f} ms, "
          f"CPU p50 {timing.cpu_p50:6.1f} ms, CPU p95 {timing.cpu_p95:6.1f} ms{disk}", flush=True)
    for ms, question in timing.slowest:
        print(f"    CPU {ms:6.1f} ms  {question[:100]}", flush=True)
    return backend, count, timing


def run_backend(backend: str, source: Path, sizes: list[int], asked: Questions, tmp: Path) -> list[tuple]:
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
            gather_statistics(engine)
            rows.append(measured(backend, engine, time.perf_counter() - started, asked))
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
    parser.add_argument("--keep", type=Path, help="keep SQLite corpora in this folder, PostgreSQL ones as schemas "
                                                  "qa_latency_kept_<size>, and reuse them")
    parser.add_argument("--warm-up", type=int, default=0, help="other dev questions asked first, untimed")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or Path(tmp) / "dev.db"
        if not source.exists():
            engine = make_engine(f"sqlite:///{source}")
            migrate(engine)
            qa_eval.ingest(engine, polnear.load_split("dev"))
            engine.dispose()
        asked = questions(args.questions, args.seed, args.warm_up)
        results = []
        for backend in args.backends:
            if backend == "sqlite" and args.keep:
                results += run_kept_sqlite(source, sorted(args.sizes), asked, args.keep)
            elif args.keep:
                results += run_kept_postgresql(source, sorted(args.sizes), asked)
            else:
                results += run_backend(backend, source, sorted(args.sizes), asked, Path(tmp))
    print(f"\n{len(asked.timed)} questions per size, after {len(asked.warm_up)} others untimed; times in ms")
    print(f"{'backend':<10} {'articles':>8} {'start-up':>8} {'cold':>8} {'p50':>7} {'p95':>7} {'CPU p50':>8} "
          f"{'CPU p95':>8} {'disk MB':>8}")
    for backend, count, t in results:
        disk = f"{t.disk_mb:>8.0f}" if t.disk_mb is not None and backend == "sqlite" else f"{'-':>8}"
        print(f"{backend:<10} {count:>8} {t.startup:>8.1f} {t.cold:>8.1f} {t.p50:>7.1f} {t.p95:>7.1f} "
              f"{t.cpu_p50:>8.1f} {t.cpu_p95:>8.1f} {disk}")
    for backend in args.backends:
        mine = [r for r in results if r[0] == backend]
        if len(mine) > 1:
            print(f"{backend}: p95 ratio {mine[-1][1]:,}/{mine[0][1]:,} articles = "
                  f"{mine[-1][2].p95 / mine[0][2].p95:.2f} (CPU {mine[-1][2].cpu_p95 / mine[0][2].cpu_p95:.2f})")


if __name__ == "__main__":
    main()
