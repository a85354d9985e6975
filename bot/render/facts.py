"""Extracted facts for people and programs: `extract --json` (quotes in BBC Citron's format) and the
who-said-what table `facts`, `extract` and the demo print."""

from __future__ import annotations

from dataclasses import dataclass

from rich.markup import escape
from rich.table import Table

from bot.answer import readable
from bot.extract.types import ArticleFacts, Span
from store.queries import ClaimListing

OUTLET_SOURCE = "the article"     # how an unattributed sentence's source is shown when the outlet is unknown


@dataclass
class WhoSaidWhat:
    source: str | None            # as written
    speaker: str | None           # the entity it resolves to
    cue: str | None
    content: str
    kind: str
    hedged: bool


def facts_as_dict(facts: ArticleFacts) -> dict:
    """Everything extracted, offsets into the text as read. Each quote's cue, sources and contents are lists of
    {start, end, text} as in BBC Citron's annotations."""
    return {
        "title": _span(facts.title) if facts.title else None,
        "headings": [_span(h) for h in facts.headings],
        "sentences": [{"index": s.index, "paragraph": s.paragraph, **_span(s.span)} for s in facts.sentences],
        "quotes": [{
            "cue": [_span(q.cue)],
            "sources": [_span(s) for s in q.sources],
            "contents": [_span(c) for c in q.contents],
            "speaker": facts.entities[q.speaker].name if q.speaker is not None else None,
            "speaker_entity": q.speaker,
            "kind": q.kind,
            "cue_kind": q.cue_kind,
            "hedges": [{"kind": facts.hedges[h].kind, **_span(facts.hedges[h].span)} for h in q.hedges],
            "sentence": q.sentence,
            "parent": q.parent,
        } for q in facts.quotes],
        "statements": [{"sentence": s.sentence, **_span(s.span)} for s in facts.statements],
        "entities": [{"name": e.name, "type": e.type, "aliases": e.aliases, "description": e.description}
                     for e in facts.entities],
        "mentions": [{"entity": m.entity, "sentence": m.sentence, **_span(m.span)} for m in facts.mentions],
        "figures": [{**_span(f.span), "value": f.value, "low": f.low, "high": f.high, "hedge": f.hedge,
                     "counts": f.counts, "sentence": f.sentence, "quote": f.quote} for f in facts.figures],
        "hedges": [{"kind": h.kind, **_span(h.span), "sentence": h.sentence, "quote": h.quote}
                   for h in facts.hedges],
    }


def rows_from_facts(facts: ArticleFacts) -> list[WhoSaidWhat]:
    return [WhoSaidWhat(
        source=" … ".join(s.text for s in q.sources) or None,
        speaker=facts.entities[q.speaker].name if q.speaker is not None else None,
        cue=q.cue.text, content=" … ".join(c.text for c in q.contents), kind=q.kind, hedged=bool(q.hedges),
    ) for q in facts.quotes]


def rows_from_store(claims: list[ClaimListing], outlet: str | None) -> list[WhoSaidWhat]:
    return [WhoSaidWhat(
        source=c.claim.source_text if c.claim.attributed else (outlet or OUTLET_SOURCE),
        speaker=c.speaker, cue=c.claim.cue_text, content=c.claim.content_text, kind=c.claim.kind,
        hedged=c.claim.hedged,
    ) for c in claims]


def who_said_what_table(title: str, rows: list[WhoSaidWhat]) -> Table:
    table = Table(title=title, show_lines=True, title_justify="left")
    table.add_column("#", justify="right", style="dim")
    table.add_column("source as written → resolved", style="bold", max_width=32)
    table.add_column("cue", style="cyan", max_width=20)
    table.add_column("content", ratio=1)
    table.add_column("kind", style="dim")
    for number, row in enumerate(rows, 1):
        source = readable(row.source or "(not named)")
        if row.speaker and row.speaker != row.source:
            source = f"{source} → {readable(row.speaker)}"
        content = escape(readable(row.content)) + (" [yellow](hedged)[/]" if row.hedged else "")
        table.add_row(str(number), escape(source), escape(readable(row.cue or "")), content, row.kind)
    return table


def _span(span: Span) -> dict:
    return {"start": span.start, "end": span.end, "text": span.text}
