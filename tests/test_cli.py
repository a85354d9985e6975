"""The command line on SQLite and PostgreSQL: every bad input is one line on stderr, a non-zero exit and nothing
stored; folders ingest with a summary; `extract --json` gives Citron-format quotes without any database."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import func
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app
from bot.extract.types import CUE_KINDS, KINDS
from bot.settings import SAMPLE_ARTICLE
from store.models import Article, Claim, Dispute, Sentence

SECOND_ARTICLE = """Harbour strike ends

Dock workers in Felixstowe returned to work on Monday after a two-week strike, the union said.
"We have won a fair deal," said Sharon Graham, the general secretary of Unite.
The port operator said about 1,900 workers would receive a 7% pay rise.
The strike had closed both container terminals.
"""


def run(engine, *args: str):
    """Invoke `newsbot` in-process with DATABASE_URL pointing at the test database, on a wide terminal (tables
    fold long cells at 80 columns)."""
    url = engine.url.render_as_string(hide_password=False)
    return CliRunner().invoke(app, list(args), env={"DATABASE_URL": url, "COLUMNS": "200"})


def stored(engine) -> tuple[int, int]:
    with Session(engine) as session:
        return (session.exec(select(func.count()).select_from(Article)).one(),
                session.exec(select(func.count()).select_from(Sentence)).one())


# file name → (content, what its one-line error must say)
BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n \t\n", "empty"),
    "binary.txt": (bytes(range(256)) * 8, "binary"),
    "latin1.txt": ("Le ministre a déclaré que l'armée était partie.".encode("latin-1"), "not UTF-8"),
    "huge.txt": ((b"The minister said the army had left the town. " * 120_000)[:5 * 1024 * 1024],
                 "5.0 MB is over the 2 MB limit"),
    "headings.txt": (b"Syria crisis\n\nLatest news\n\nMore headlines\n", "only headings"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_each_bad_input_is_one_line_non_zero_and_nothing_stored(engine, tmp_path, name):
    content, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    result = run(engine, "ingest", str(path))
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and message in errors[0] and name in errors[0], result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert stored(engine) == (0, 0)


def test_a_missing_path_is_one_line(engine, tmp_path):
    result = run(engine, "ingest", str(tmp_path / "nowhere.txt"))
    assert result.exit_code == 1 and result.stderr.strip().endswith("nowhere.txt: no such file")
    assert stored(engine) == (0, 0)


def test_a_folder_is_ingested_good_files_stored_bad_ones_reported(engine, tmp_path):
    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    (folder / "jisr.txt").write_text(SAMPLE_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "more" / "harbour-strike.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    (folder / "notes.md").write_text("not an article: ignored")
    result = run(engine, "ingest", str(folder), "--workers", "2")
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "2 stored, 0 already stored, 0 failed"
    with Session(engine) as session:
        assert sorted(session.exec(select(Article.slug)).all()) == ["harbour-strike", "jisr"]
        # a batch recomputes disputes once at the end: the sample's disputes are there
        assert session.exec(select(func.count()).select_from(Dispute)).one() > 0

    (folder / "empty.txt").write_bytes(b"")
    again = run(engine, "ingest", str(folder))
    assert again.exit_code == 1
    assert again.stdout.strip().splitlines()[-1] == "0 stored, 2 already stored, 1 failed"
    assert stored(engine)[0] == 2


def test_a_worker_killed_mid_ingest_loses_no_article(engine, tmp_path, worker_dies_on):
    deaths = worker_dies_on("Felixstowe")      # its batch is extracted again in this process
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "jisr.txt").write_text(SAMPLE_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "harbour-strike.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    result = run(engine, "ingest", str(folder), "--workers", "2")
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "2 stored, 0 already stored, 0 failed"
    assert "Felixstowe" in deaths.read_text()       # a worker did die: the articles survived it


def test_force_reingests(engine, tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(SECOND_ARTICLE, encoding="utf-8")
    assert run(engine, "ingest", str(path)).exit_code == 0
    before = stored(engine)
    forced = run(engine, "ingest", str(path), "--force")
    assert forced.exit_code == 0 and "1 stored, 0 already stored" in forced.stdout
    assert stored(engine) == before


@pytest.mark.parametrize("files", [1, 2])
def test_ingest_leaves_sqlite_the_planners_statistics(tmp_path, files):
    """Without ANALYZE's statistics SQLite chose badly among the indexes as the store grew (what-said p95 340 ms at
    10,000 articles instead of 20): one article stored alone, or a batch, leaves them gathered."""
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'news.db'}"
    paths = [tmp_path / f"{n}.txt" for n in range(files)]
    for n, path in enumerate(paths):
        path.write_text(SECOND_ARTICLE.replace("Monday", f"day {n}"), encoding="utf-8")
    engine = create_engine(url)
    assert run(engine, "ingest", *map(str, paths)).exit_code == 0
    with engine.connect() as connection:
        analysed = connection.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1")).scalars().all()
    assert {"claim", "sentence", "entity", "alias"} <= set(analysed)


@pytest.mark.parametrize("url, message", [
    ("mysql://root@localhost/news", "unsupported DATABASE_URL scheme 'mysql'"),
    ("postgresql://postgres@127.0.0.1:1/test", "cannot connect to the database"),
])
@pytest.mark.parametrize("command", [["ingest", str(SAMPLE_ARTICLE)], ["articles"], ["facts"], ["digest"]])
def test_an_unusable_database_is_one_line(url, message, command):
    result = CliRunner().invoke(app, command, env={"DATABASE_URL": url})
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["articles"], ["facts"], ["digest"], ["ask", "who said it?"]])
def test_read_commands_on_a_fresh_database_create_the_schema(tmp_path, command):
    """A user's first command may be a read: it must find an empty, migrated store rather than missing tables."""
    result = CliRunner().invoke(app, command, env={"DATABASE_URL": f"sqlite:///{tmp_path}/new.db", "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_the_installed_entry_point_prints_no_traceback(tmp_path):
    """The same error through the real console-script path (typer's own exception display included)."""
    result = subprocess.run([sys.executable, "-c", "from bot.cli import app; app()", "articles"],
                            capture_output=True, text=True, env={"DATABASE_URL": "oracle://x", "PATH": ""},
                            cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: unsupported DATABASE_URL scheme 'oracle': use sqlite:///path/to/file.db or postgresql://user@host/db"]


def test_extract_json_follows_citron_and_needs_no_database(tmp_path):
    raw = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(SAMPLE_ARTICLE), "--json"],
                                env={"DATABASE_URL": "nosuchdb://anywhere"})
    assert result.exit_code == 0, result.stderr
    facts = json.loads(result.stdout)
    assert {"quotes", "sentences", "entities", "figures"} <= set(facts)
    assert facts["quotes"]
    names = {e["name"] for e in facts["entities"]}
    for quote in facts["quotes"]:
        assert quote["cue"] and quote["contents"]
        for span in quote["cue"] + quote["sources"] + quote["contents"]:
            assert set(span) == {"start", "end", "text"} and raw[span["start"]:span["end"]] == span["text"]
        assert quote["kind"] in KINDS and quote["cue_kind"] in CUE_KINDS
        assert quote["speaker"] is None or quote["speaker"] in names
        assert 0 <= quote["sentence"] < len(facts["sentences"])
        assert all(raw[h["start"]:h["end"]] == h["text"] for h in quote["hedges"])
    for entity in facts["entities"]:
        assert set(entity) == {"name", "type", "aliases", "description"} and entity["name"] in entity["aliases"]
    for sentence in facts["sentences"]:
        assert raw[sentence["start"]:sentence["end"]] == sentence["text"]
    for figure in facts["figures"]:
        assert raw[figure["start"]:figure["end"]] == figure["text"]


def test_extract_of_a_bad_file_is_one_line(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"error: {path}: the file is empty\n"


def test_facts_and_articles_show_what_is_stored(engine, tmp_path):
    path = tmp_path / "harbour-strike.txt"
    path.write_text(SECOND_ARTICLE, encoding="utf-8")
    stored = run(engine, "ingest", str(path))
    assert stored.exit_code == 0
    with Session(engine) as session:
        quoted = session.exec(select(Claim).where(Claim.attributed)).all()
        own = session.exec(select(Claim).where(~Claim.attributed)).all()
    assert quoted and own
    assert f"({len(quoted)} claims, {len(own)} of the outlet's own statements)" in stored.stdout
    listing = run(engine, "articles")
    assert listing.exit_code == 0 and "harbour-strike" in listing.stdout
    table = run(engine, "facts", "harbour-strike")
    assert table.exit_code == 0
    flat = " ".join(table.stdout.replace("│", " ").split())
    for claim in quoted:
        assert claim.cue_text in flat
    assert "terminals" not in flat            # the outlet's own statements only with --all
    assert "terminals" in run(engine, "facts", "harbour-strike", "--all").stdout
    missing = run(engine, "facts", "no-such-article")
    assert missing.exit_code == 1 and "no article 'no-such-article'" in missing.stderr


HTML_PAGE = """<html><head><title>Harbour strike ends | Coast News</title>
<meta property="og:site_name" content="Coast News"></head>
<body><nav>Home | World | Sport</nav><article><h1>Harbour strike ends</h1>
<p>Dock workers in Felixstowe returned to work on Monday after a two-week strike, the union said.</p>
<p>"We have won a fair deal," said Sharon Graham, the general secretary of Unite. She added that members had
voted overwhelmingly to accept the offer.</p>
<p>The port operator said about 1,900 workers would receive a 7% pay rise. The strike had closed both container
terminals for fourteen days.</p></article><footer>Copyright Coast News</footer></body></html>"""


def test_a_web_page_is_stored_as_its_article_text_with_its_outlet(engine, tmp_path):
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    result = run(engine, "ingest", str(tmp_path / "page.html"))
    assert result.exit_code == 0, result.stderr
    with Session(engine) as session:
        article = session.exec(select(Article)).one()
        statements = session.exec(select(Claim).where(~Claim.attributed)).all()
    assert (article.title, article.outlet) == ("Harbour strike ends", "Coast News")
    assert "<p>" not in article.raw_text and "Copyright" not in article.raw_text
    assert "terminals" in " ".join(c.content_text for c in statements)
    assert "Coast News" in run(engine, "facts", article.slug, "--all").stdout


def test_a_text_file_takes_its_outlet_from_the_wire_dateline(engine, tmp_path):
    (tmp_path / "dam.txt").write_text("Dam bursts\nKAVALA, Nov 14 (Reuters) - At least 37 people were killed, officials "
                                      "said. The dam was built in 1978.\n", encoding="utf-8")
    assert run(engine, "ingest", str(tmp_path / "dam.txt")).exit_code == 0
    with Session(engine) as session:
        assert session.exec(select(Article)).one().outlet == "Reuters"


def test_an_empty_folder_is_reported(engine, tmp_path):
    (tmp_path / "nothing").mkdir()
    result = run(engine, "ingest", str(tmp_path / "nothing"))
    assert result.exit_code == 1 and "no .txt or .html files" in result.stderr


def test_an_extractor_failing_on_one_article_does_not_stop_the_others(engine, tmp_path, monkeypatch):
    import bot.extract.attributions as attributions

    real = attributions.find_quotes

    def fails_on_one(doc, norm, sentences):
        if "Felixstowe" in norm.text:
            raise RuntimeError("cue tagger crashed")
        return real(doc, norm, sentences)

    monkeypatch.setattr(attributions, "find_quotes", fails_on_one)
    (tmp_path / "a-harbour.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    (tmp_path / "b-jisr.txt").write_text(SAMPLE_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run(engine, "ingest", str(tmp_path))
    assert result.exit_code == 1
    assert "a-harbour.txt: extraction failed (RuntimeError: cue tagger crashed)" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1 stored, 0 already stored, 1 failed"
    with Session(engine) as session:
        assert session.exec(select(Article.slug)).all() == ["b-jisr"]
    single = run(engine, "extract", str(tmp_path / "a-harbour.txt"))
    assert single.exit_code == 1 and single.stderr.count("\n") == 1 and "extraction failed" in single.stderr


def test_demo_indexes_the_sample_once_and_shows_who_said_what(engine):
    first = run(engine, "demo")     # no input: the question prompt ends at once
    assert first.exit_code == 0, first.stderr
    assert "indexed as jisr-al-shughour" in first.stdout and "Who said what in jisr-al-shughour" in first.stdout
    again = run(engine, "demo")
    assert again.exit_code == 0 and "already indexed as jisr-al-shughour" in again.stdout
    with Session(engine) as session:
        article = session.exec(select(Article)).one()
        assert article.raw_text == SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("command, shows", [("ingest", ["PATH...", "--workers N", "--force"]),
                                            ("ask", ["QUESTION", "--article ID", "--json"]),
                                            ("digest", ["--since AGE", "--json"])])
def test_help_shows_a_value_only_for_options_that_take_one(command, shows):
    """A flag such as --json takes no value: help must not print one beside it (typer 0.29 printed '<bool>')."""
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "<bool>" not in result.output
    flat = " ".join(result.output.replace("│", " ").split())
    assert all(part in flat for part in shows)
