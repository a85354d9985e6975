"""The `newsbot` command line (typer + rich). Each command is a thin shell over a core function."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.core import TyperGroup

from bot.errors import NewsbotError


class _Commands(TyperGroup):
    """Errors meant for the user (bad input, unusable database) end any command as one line and exit 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NewsbotError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(cls=_Commands, help="newsbot: who said what in the news, and where sources disagree.",
                  no_args_is_help=True)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., metavar="PATH...",
                                       help="Article files (.txt, .html) or folders holding them."),
    workers: int = typer.Option(1, "--workers", min=1, metavar="N", help="Processes parsing in parallel."),
    force: bool = typer.Option(False, "--force", help="Re-extract articles already stored (same text)."),
) -> None:
    """Index articles into the database: one transaction per article; the same text twice is stored once."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from bot.ingest import check_files, ingest_documents, load_model
    from bot.settings import load_settings
    from store.db import open_database

    engine = open_database(load_settings().database_url)
    documents, failures = check_files(paths)
    for failure in failures:
        typer.echo(f"error: {failure.error}", err=True)
    results = []
    if documents:
        nlp = load_model()
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                            disable=len(documents) < 2)
        with progress:
            task = progress.add_task("Indexing", total=len(documents))
            for result in ingest_documents(documents, engine, nlp, workers=workers, force=force):
                results.append(result)
                if result.error:
                    progress.console.print(f"error: {result.error}", markup=False, highlight=False, soft_wrap=True)
                progress.advance(task)
    failed = len(failures) + sum(1 for r in results if r.error)
    created = [r for r in results if r.created]
    unchanged = [r for r in results if not r.error and not r.created]
    for result in created:
        typer.echo(f"stored {result.path} as {result.slug} ({result.claims} claims, {result.statements} of the "
                   "outlet's own statements)")
    for result in unchanged:
        typer.echo(f"already stored {result.path} as {result.slug} (use --force to re-extract)")
    typer.echo(f"{len(created)} stored, {len(unchanged)} already stored, {failed} failed")
    if failed:
        raise typer.Exit(1)


@app.command()
def extract(
    path: Path = typer.Argument(..., metavar="PATH", help="One article file (.txt or .html)."),
    as_json: bool = typer.Option(False, "--json", help="Print every fact as JSON (quotes in BBC Citron's format)."),
) -> None:
    """Extract the facts of one article without storing anything."""
    import json

    from bot.ingest import extract_document, load_model, read_document
    from bot.render.facts import facts_as_dict, rows_from_facts, who_said_what_table

    facts = extract_document(read_document(path), load_model())
    if as_json:
        typer.echo(json.dumps(facts_as_dict(facts), indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    Console().print(who_said_what_table(f"Who said what in {path.name}", rows_from_facts(facts)))


@app.command()
def facts(
    article: str | None = typer.Argument(None, metavar="[ARTICLE]",
                                         help="Article slug or id (default: every article)."),
    everything: bool = typer.Option(False, "--all", help="Include the outlet's own (unattributed) statements."),
) -> None:
    """Who said what: each claim's source as written, the entity it resolves to, the cue and the content."""
    from rich.console import Console

    from bot.render.facts import rows_from_store, who_said_what_table
    from bot.settings import load_settings
    from store.db import open_database, open_session
    from store.models import LOCAL_TEAM
    from store.queries import article_claims, recent_articles
    from store.search import find_article

    with open_session(open_database(load_settings().database_url)) as session:
        if article is None:
            chosen = recent_articles(session, LOCAL_TEAM)
            if not chosen:
                typer.echo("No articles indexed yet: run `newsbot ingest PATH` or `newsbot demo`.")
                return
        else:
            found = find_article(session, article, LOCAL_TEAM)
            if found is None:
                raise NewsbotError(f"no article {article!r}; `newsbot articles` lists them")
            chosen = [found]
        console = Console()
        for item in chosen:
            rows = rows_from_store(article_claims(session, item.id, attributed_only=not everything), item.outlet)
            console.print(who_said_what_table(f"{item.slug}: {item.title}", rows))


@app.command()
def articles() -> None:
    """What is indexed: each article with its counts of sentences, claims and entities."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from bot.settings import load_settings
    from store.db import open_database, open_session
    from store.models import LOCAL_TEAM
    from store.queries import list_articles

    with open_session(open_database(load_settings().database_url)) as session:
        listed = list_articles(session, LOCAL_TEAM)
    if not listed:
        typer.echo("No articles indexed yet: run `newsbot ingest PATH` or `newsbot demo`.")
        return
    table = Table(title="Indexed articles", title_justify="left")
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("slug", overflow="fold", min_width=12)      # folded, never cut: it is what `facts` takes
    table.add_column("title", ratio=1, min_width=10)
    table.add_column("outlet")
    for column in ("sent", "claims", "ent"):     # sentences, attributed claims, entities
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("ingested", no_wrap=True)
    for a in listed:
        table.add_row(str(a.id), escape(a.slug), escape(a.title), escape(a.outlet or ""), str(a.sentences),
                      str(a.claims), str(a.entities), a.ingested_at.strftime("%Y-%m-%d"))
    Console().print(table)


@app.command()
def ask(
    question: str = typer.Argument(..., metavar="QUESTION",
                                   help='The question, e.g. "who says residents requested the army?"; '
                                        '"-" reads one question per line from standard input.'),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text (always JSON with -)."),
    article: str = typer.Option(None, "--article", metavar="ID",
                                help="Limit the question to one article (id or slug)."),
) -> None:
    """Answer a question from the indexed articles with the quoted sentences and who said them."""
    import json
    import sys

    from rich.console import Console

    from bot.qa import answer_question
    from bot.render import json as json_render
    from bot.render.terminal import render
    from bot.settings import load_settings
    from store.db import open_database, open_session

    with open_session(open_database(load_settings().database_url)) as session:
        if question == "-":
            for line in sys.stdin:
                answer = answer_question(session, line.rstrip("\n"), article=article)
                typer.echo(json.dumps(json_render.to_dict(answer), ensure_ascii=False))
            return
        answer = answer_question(session, question, article=article)
    if as_json:
        typer.echo(json.dumps(json_render.to_dict(answer), indent=2, ensure_ascii=False))
    else:
        Console().print(render(answer))


@app.command()
def demo() -> None:
    """Index the bundled sample article, show who said what in it, answer sample questions, then any typed ones."""
    from rich.console import Console

    from bot.demo import run_demo
    from bot.demo_questions import run_questions

    console = Console()
    engine, _ = run_demo(console)
    run_questions(console, engine)


@app.command()
def digest(
    since: str = typer.Option("24h", "--since", metavar="AGE", help="How far back: 90m, 24h, 7d, 2w."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """The disputed claims found or changed in the window, strongest first, each with its sides."""
    import json

    from bot.digest import build_digest, digest_as_dict, digest_as_text, parse_since
    from bot.settings import load_settings
    from store.db import open_database, open_session
    from store.models import LOCAL_TEAM

    window = parse_since(since)             # a bad window ends as one "error: ..." line
    with open_session(open_database(load_settings().database_url)) as session:
        found = build_digest(session, LOCAL_TEAM, window)
    typer.echo(json.dumps(digest_as_dict(found), indent=2, ensure_ascii=False) if as_json else digest_as_text(found))


@app.command()
def serve() -> None:
    """Connect to Slack: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT (POST /slack/events)."""
    from bot.app import serve as serve_slack
    from bot.settings import load_settings

    serve_slack(load_settings())


if __name__ == "__main__":      # `python -m bot.cli`, as well as the `newsbot` console script
    app()
