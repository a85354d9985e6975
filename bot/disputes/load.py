"""Read stored claims into `ClaimView`s: everything the signals need, from the store only (no re-parsing)."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.disputes import lexicon
from bot.disputes.signals import ClaimView, FigureView, counted_stems
from store.disputes import corrected_source, latest_corrections
from store.models import Article, Claim, Entity, Figure, Hedge, Mention, Sentence

MAX_RELATED_ARTICLES = 200      # cross-article candidates: the most recent articles sharing an entity


def related_article_ids(session: Session, team_id: str, article_ids: list[int]) -> list[int]:
    """The team's most recent other articles sharing an entity with `article_ids`."""
    keys = select(Entity.key).where(Entity.article_id.in_(article_ids))
    return list(session.exec(
        select(Article.id).where(Article.team_id == team_id, Article.id.not_in(article_ids),
                                 Article.id.in_(select(Entity.article_id).where(Entity.key.in_(keys))))
        .order_by(Article.ingested_at.desc()).limit(MAX_RELATED_ARTICLES)
    ).all())


def load_claims(session: Session, team_id: str, focus: list[int], others: list[int] = ()
                ) -> list[ClaimView]:
    """Every claim of the `focus` articles, and of the `others` only those in sentences mentioning an entity of
    the focus articles: a dispute across articles needs one, so the rest would be read for nothing.

    Rows are read as plain tuples (not ORM objects, several times dearer to build), and the sentences' hedges,
    mentions and figures through the sentence query itself rather than lists of thousands of ids."""
    session.flush()         # plain table reads do not autoflush: the caller's pending changes must be seen
    articles = {a.id: a for a in _rows(session, select(Article.__table__).where(
        Article.team_id == team_id, Article.id.in_([*focus, *others])))}
    if not articles:
        return []
    ids = list(articles)
    focus_keys = select(Entity.key).where(Entity.article_id.in_(focus))
    shared = select(Mention.sentence_id).join(Entity, Entity.id == Mention.entity_id).where(
        Entity.article_id.in_(list(others)), Entity.key.in_(focus_keys))
    wanted = select(Sentence.id).where(Sentence.article_id.in_(ids)).where(
        Sentence.article_id.in_(focus) | Sentence.id.in_(shared))
    sentences = _rows(session, select(Sentence.__table__).where(Sentence.id.in_(wanted))
                      .order_by(Sentence.article_id, Sentence.position))
    by_sentence = {s.id: s for s in sentences}
    focus_set = set(focus)
    headings = _headings(articles, [s for s in sentences if s.article_id in focus_set])
    entities = {e.id: e for e in _rows(session, select(Entity.__table__).where(Entity.article_id.in_(ids)))}
    mentions, hedges, figures = (
        _by_sentence(_rows(session, select(t.__table__).where(t.sentence_id.in_(wanted)).order_by(t.id)))
        for t in (Mention, Hedge, Figure))
    claims = _rows(session, select(Claim.__table__).where(Claim.article_id.in_(ids)).where(
        Claim.article_id.in_(focus) | Claim.sentence_id.in_(shared)).order_by(Claim.article_id, Claim.position))
    corrections = latest_corrections(session, team_id, [c.id for c in claims])
    missing = {c.source_entity_id for c in corrections.values()} - set(entities) - {None}
    if missing:
        entities.update({e.id: e for e in _rows(session, select(Entity.__table__).where(Entity.id.in_(missing)))})
    # a quotation may run over several sentences, its figures in any of them ('"... above 150," he said')
    figures_of_article: dict[int, list] = {}
    for sentence_id, rows in figures.items():
        figures_of_article.setdefault(by_sentence[sentence_id].article_id, []).extend(rows)
    views = []
    for c in claims:
        sentence = by_sentence[c.sentence_id]
        article = articles[c.article_id]
        inside = lambda start, end: c.content_start <= start and end <= c.content_end  # noqa: E731
        attributed, source_text, source_entity_id = corrected_source(c, corrections.get(c.id))
        source = entities.get(source_entity_id) if source_entity_id else None
        views.append(ClaimView(
            claim_id=c.id, article_id=c.article_id, sentence_position=sentence.position,
            paragraph=sentence.paragraph, source_key=_source_key(c.id, attributed, source_text, source, article),
            source_label=source_text or (source.name if source else article.outlet or "the article"),
            content=c.content_text, sentence=sentence.text, cue=c.cue_text, cue_kind=c.cue_kind, attributed=attributed,
            parent_id=c.parent_id, content_start=c.content_start, content_end=c.content_end,
            heading=headings.get(c.sentence_id),
            entity_keys=frozenset(entities[m.entity_id].key for m in mentions.get(c.sentence_id, [])
                                  if inside(m.start, m.end) and m.entity_id in entities),
            hedges=tuple((h.kind, h.text) for h in hedges.get(c.sentence_id, [])
                         if h.claim_id == c.id or h.claim_id is None and inside(h.start, h.end)),
            figures=tuple(FigureView(f.text, f.low if f.low is not None else f.value,
                                     f.high if f.high is not None else (f.value if f.low is None else None),
                                     counted_stems(f.text, f.counts, c.content_text))
                          for f in figures_of_article.get(c.article_id, []) if inside(f.start, f.end)),
        ))
    return views


def _rows(session: Session, query) -> list:
    return list(session.execute(query).all())


def _by_sentence(rows: list) -> dict[int, list]:
    out: dict[int, list] = {}
    for row in rows:
        out.setdefault(row.sentence_id, []).append(row)
    return out


def _source_key(claim_id: int, attributed: bool, source_text: str | None, source: Entity | None,
                article: Article) -> str:
    """Who is speaking, comparable across claims and articles: the resolved entity, else the words as written;
    an unattributed sentence is the outlet's own statement; a cue without any source speaks for no one else."""
    if not attributed:
        return f"outlet:{article.outlet or article.id}"
    if source is not None:
        return f"entity:{source.key}"
    words = " ".join(lexicon.content_stems(source_text or ""))
    return f"text:{words}" if words else f"unnamed:{claim_id}"


def _headings(articles: dict[int, Article], sentences: list[Sentence]) -> dict[int, str]:
    """The sub-heading ("Conflicting accounts") right over a paragraph: the lines between the paragraph's first
    sentence and the sentence before it, read from the stored raw text."""
    out: dict[int, str] = {}
    previous: Sentence | None = None
    current = ""
    for s in sentences:
        if previous is not None and previous.article_id != s.article_id:
            previous = None
        if previous is not None and s.paragraph != previous.paragraph:
            gap = articles[s.article_id].raw_text[previous.end:s.start]
            lines = [line.strip() for line in gap.splitlines() if line.strip()]
            if _heading_like(previous.text):
                lines.insert(0, previous.text.strip())
            current = " / ".join(lines)
        if current:
            out[s.id] = current
        previous = s
    return out


def _heading_like(text: str) -> bool:
    """A short line without final punctuation: a sub-heading stored as its own sentence."""
    stripped = text.strip()
    return 0 < len(stripped.split()) <= 6 and stripped[-1] not in ".!?\"'\u201d:"
