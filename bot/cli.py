"""The `newsbot` command line (typer + rich). Each command is a thin shell over a core function."""

from __future__ import annotations

import typer

app = typer.Typer(help="newsbot: who said what in the news, and where sources disagree.", no_args_is_help=True)
