"""The `newsbot` command line (typer + rich). Each command is a thin shell over a core function."""

from __future__ import annotations

import typer

app = typer.Typer(help="newsbot: who said what in the news, and where sources disagree.", no_args_is_help=True)


@app.command()
def digest(
    since: str = typer.Option("24h", "--since", help="How far back: 90m, 24h, 7d, 2w."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """The disputed claims found or changed in the window, strongest first, each with its sides."""
    import json

    from bot.digest import DigestSettingError, build_digest, digest_as_dict, digest_as_text, parse_since
    from bot.settings import load_settings
    from store.db import make_engine, open_session
    from store.models import LOCAL_TEAM

    try:
        window = parse_since(since)
    except DigestSettingError as error:
        raise typer.BadParameter(str(error), param_hint="--since") from None
    with open_session(make_engine(load_settings().database_url)) as session:
        found = build_digest(session, LOCAL_TEAM, window)
    typer.echo(json.dumps(digest_as_dict(found), indent=2, ensure_ascii=False) if as_json else digest_as_text(found))
