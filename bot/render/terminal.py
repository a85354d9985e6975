"""An Answer for the terminal (rich): each source in bold, its sentences quoted beneath with article and place.

Article text is put in `Text` objects, never parsed as rich markup, so brackets in an article print as written."""

from __future__ import annotations

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from bot.answer import ANSWERED, BAD_QUESTION, Answer, Item, readable


def _heading(item: Item) -> Text:
    if item.own_statement:
        return Text.assemble((item.speaker, "bold"), " (the article's own statement, no source named):")
    line = Text.assemble((item.speaker, "bold"))
    if item.written_differently:
        line.append(f' (as "{readable(item.written_differently)}")')
    line.append(f" {item.verb}")
    if item.reported_by:
        line.append(", according to ").append(readable(item.reported_by), "bold")
    line.append(":")
    return line


def _item(item: Item) -> RenderableType:
    label = Text(f"{item.near_miss_label}: ", style="yellow") if item.near_miss else Text()
    lines = [label + _heading(item), Padding(Text(f"\u201c{readable(item.sentence)}\u201d", style="italic"),
                                             (0, 0, 0, 2))]
    details = [f"{item.article_title} (#{item.article_id}, {item.article_slug}), sentence {item.sentence_position + 1}"]
    if item.kind not in ("statement",):
        details.append(item.kind)
    if item.figures:
        details.append("figures: " + "; ".join(item.figures))
    if item.hedges:
        details.append("hedged: " + "; ".join(item.hedges))
    if item.disputes:
        details.append("disputed: " + "; ".join(d.topic for d in item.disputes))
    if item.corrected:
        details.append("attribution corrected by an editor")
    lines.append(Padding(Text(" \u00b7 ".join(details), style="dim"), (0, 0, 0, 2)))
    return RichGroup(*lines)


def render(answer: Answer) -> RenderableType:
    """One renderable for `Console.print`."""
    style = {ANSWERED: "green", BAD_QUESTION: "red"}.get(answer.status, "yellow")
    parts: list[RenderableType] = [Text(readable(answer.message), style=style)]
    for group in answer.groups:
        title_differs = any(group.title != i.speaker for i in group.items) or group.description
        if (title_differs or answer.intent.kind == "sources") and not answer.states_heading_of(group):
            header = Text(group.title, style="bold underline")
            if group.description:
                header.append(f": {readable(group.description)}", style="bold")
            if answer.intent.kind == "sources":
                header.append(f" \u2014 {group.count} claim{'s' if group.count != 1 else ''}")
            parts.append(header)
        parts.extend(_item(i) for i in group.items)
    parts.extend(_item(i) for i in answer.near_misses)
    return RichGroup(*parts)
