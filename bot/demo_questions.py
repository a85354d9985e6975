"""The demo's question part: after the sample is indexed, answer a handful of sample questions, then keep
answering typed questions (the same Answer the Slack bot posts, shown in the terminal) until end of input."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.rule import Rule
from sqlalchemy.engine import Engine

from bot.qa import answer_question
from bot.render.terminal import render
from store.db import open_session
from store.models import LOCAL_TEAM

SAMPLE_QUESTIONS = (
    "who says residents requested the army?",
    "what did Erdogan say?",
    "how many people have been killed since protests began?",
    "who is Navi Pillay?",
    "what did Barack Obama say?",
    "what is disputed?",
)
PROMPT = "Ask a question (as you would @newsbot in Slack; Ctrl-D to quit)"


def ask_and_show(console: Console, engine: Engine, question: str) -> None:
    with open_session(engine) as session:
        answer = answer_question(session, question, team_id=LOCAL_TEAM)
    console.print(Rule(style="cyan"))
    console.print(f"[bold cyan]Q:[/] {escape(question)}")
    console.print(render(answer))


def run_questions(console: Console, engine: Engine, questions: tuple[str, ...] = SAMPLE_QUESTIONS,
                  interactive: bool = True) -> None:
    for question in questions:
        ask_and_show(console, engine, question)
    if not interactive:
        return
    console.print(Rule(style="cyan"))
    console.print(f"[bold]{PROMPT}[/]")
    while True:
        try:
            question = console.input("[bold cyan]ask>[/] ")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if question.strip():
            ask_and_show(console, engine, question)
