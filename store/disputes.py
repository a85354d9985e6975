"""Queries over disputes and the digest tables: stored disputes for the digest, `/disputed`, the question engine's
"what is disputed?" and App Home; digest settings per channel; the one-post-per-channel-per-day record."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import delete, exists
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from store.models import (
    Article,
    Claim,
    Correction,
    DigestPost,
    DigestSetting,
    Dispute,
    DisputeClaim,
    Entity,
    Figure,
    Hedge,
    Sentence,
)


@dataclass
class DisputedClaim:
    """One claim in a dispute, with everything needed to quote it and trace it back to the article."""

    claim_id: int
    article_id: int
    article_slug: str
    article_title: str
    article_url: str | None
    attributed: bool
    source_text: str | None         # as written: "Activists", "he"
    source_name: str | None         # the resolved entity: "Syrian government"
    cue_text: str | None
    content_text: str
    sentence_text: str              # the sentence as printed
    sentence_start: int
    sentence_end: int
    markers: list[str] = field(default_factory=list)   # unverified hedges on the claim or its sentence: "alleged",
    #                                                    "cannot be verified", "reports of" (not "may", "denied")

    @property
    def source(self) -> str:
        """The source as written plus its resolved identity; unattributed sentences are the outlet's own."""
        if not self.attributed:
            return "the article (no source named)"
        cue = self.cue_text or "no source"
        written = self.source_text or ("unnamed reports" if cue.lower().startswith("report") else f"unnamed ({cue})")
        if self.source_name and self.source_name.lower() != written.lower():
            return f"{written} ({self.source_name})"
        return written


@dataclass
class DisputeView:
    id: int
    topic: str
    confidence: float
    signals: list[dict]
    created_at: datetime
    updated_at: datetime
    sides: list[list[DisputedClaim]]
    notes: list[DisputedClaim]

    @property
    def article_ids(self) -> list[int]:
        return sorted({c.article_id for side in self.sides for c in side})


def latest_corrections(session: Session, team_id: str, claim_ids: list[int]) -> dict[int, Correction]:
    """The editor's latest correction per claim: disputes are found and shown with the corrected source."""
    if not claim_ids:
        return {}
    rows = session.exec(select(Correction).where(Correction.team_id == team_id, Correction.claim_id.in_(claim_ids))
                        .order_by(Correction.created_at, Correction.id)).all()
    return {c.claim_id: c for c in rows}


def corrected_source(claim: Claim, correction: Correction | None) -> tuple[bool, str | None, int | None]:
    """(attributed, source text, source entity id) after the correction; a correction naming no source says the
    sentence is the outlet's own."""
    if correction is None:
        return claim.attributed, claim.source_text, claim.source_entity_id
    if correction.source_text is None and correction.source_entity_id is None:
        return False, None, None
    return True, correction.source_text, correction.source_entity_id


def fingerprint(claim_ids: list[int]) -> str:
    return ",".join(str(i) for i in sorted(claim_ids))


def replace_disputes(session: Session, team_id: str, article_ids: list[int], found: list) -> list[Dispute]:
    """Replace the team's disputes touching `article_ids` by `found` (FoundDispute-like: topic, confidence, signals,
    sides, notes, claim_ids). A dispute found again unchanged keeps its dates, so the digest shows only news."""
    touching = select(DisputeClaim.dispute_id).join(Claim, Claim.id == DisputeClaim.claim_id).where(
        Claim.article_id.in_(article_ids))
    old = session.exec(select(Dispute).where(Dispute.team_id == team_id, Dispute.id.in_(touching))).all()
    orphans = session.exec(select(Dispute).where(
        Dispute.team_id == team_id, ~exists().where(DisputeClaim.dispute_id == Dispute.id))).all()
    previous = {d.fingerprint: d for d in old}
    for d in [*old, *orphans]:
        session.exec(delete(DisputeClaim).where(DisputeClaim.dispute_id == d.id))
        session.delete(d)
    session.flush()
    now = datetime.now(timezone.utc)
    saved = []
    for f in found:
        signals = json.dumps([{"name": s.name, "weight": s.weight, "detail": s.detail} for s in f.signals])
        key = fingerprint(f.claim_ids)
        before = previous.get(key)
        unchanged = before and (before.topic, before.signals, before.confidence) == (f.topic, signals, f.confidence)
        dispute = Dispute(team_id=team_id, topic=f.topic, signals=signals, confidence=f.confidence, fingerprint=key,
                          created_at=before.created_at if before else now,
                          updated_at=before.updated_at if unchanged else now)
        session.add(dispute)
        session.flush()
        for side, claim_ids in enumerate(f.sides):
            session.add_all(DisputeClaim(dispute_id=dispute.id, claim_id=c, side=side) for c in claim_ids)
        session.add_all(DisputeClaim(dispute_id=dispute.id, claim_id=c, side=None) for c in f.notes
                        if c not in f.claim_ids)
        saved.append(dispute)
    session.flush()
    return saved


# Words that ask for a figure of what a topic names, not for another subject: "the death toll", "the reading".
_FIGURE_WORDS = ("number numbers count total tally toll amount figure figures estimate estimates reading readings "
                 "level levels concentration concentrations measurement measurements")
# An amount as a question writes it: "$9 million", "$9m", "1.2 million", "5,000".
_AMOUNT = re.compile(r"[$£€]?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:([a-z]+)\b)?", re.IGNORECASE)


def list_disputes(session: Session, team_id: str, *, topic: str | None = None, since: datetime | None = None,
                  article_id: int | None = None, limit: int | None = None) -> list[DisputeView]:
    """The team's stored disputes, strongest first: what the digest, `/disputed [topic]`, App Home and the question
    engine's "what is disputed?" / "is the death toll disputed?" / "who disputes ...?" answer from.

    Each DisputeView has `topic` (a short label), `confidence` (0..1), `signals` ([{"name", "weight", "detail"}],
    names: culprit, polarity, figures, dissent, contrast, parties, unverified), `sides` (lists of claims that agree) and
    `notes` (claims that qualify it, e.g. "cannot be independently verified"). Each DisputedClaim carries the
    source as written and resolved (editor corrections applied; `.source` for display), the quoted sentence and
    its offsets into the article's raw text, the claim's content, unverified markers, and the article's id, slug,
    title and url.

    `topic` keeps disputes whose label, sources, quoted sentences or figures tell of every content word of it
    (inflections match: "killings" finds "killed"; so do other words for the same: "the death toll" finds "12 people
    had been killed", "the number of strikers" finds "4,500 teachers were on strike"; a topic of stopwords alone
    keeps all), words asking for a figure of it aside ("the number of refugees": whether there were refugees
    fleeing is disputed; see _searchable); a topic asking for a figure alone ("the reading") keeps the disputes over
    one. An amount in it ("$9m") keeps the disputes whose sentences give that amount, however written. When no
    dispute's own sentences hold the words, what their sources said in the rest of those paragraphs and then the
    articles' headlines are looked in ("He said poll workers ..." continues Haskell's claim of "illegal ballots";
    "fraud claims rejected" heads the article). `since` keeps those found or changed since then; `article_id`
    those involving that article; `limit` the strongest n."""
    query = select(Dispute).where(Dispute.team_id == team_id)
    if since is not None:
        query = query.where(Dispute.updated_at >= since)
    if article_id is not None:
        query = query.where(Dispute.id.in_(
            select(DisputeClaim.dispute_id).join(Claim, Claim.id == DisputeClaim.claim_id)
            .where(Claim.article_id == article_id)))
    disputes = session.exec(query.order_by(Dispute.confidence.desc(), Dispute.id)).all()
    views = [v for v in (_view(session, d) for d in disputes) if v.sides]
    if topic:
        views = _about_topic(session, views, topic)
    return views[:limit] if limit else views


def _about_topic(session: Session, views: list[DisputeView], topic: str) -> list[DisputeView]:
    from bot.disputes.lexicon import content_stems  # here: bot.disputes imports this module

    amounts = _amounts(topic)
    words = content_stems(_AMOUNT.sub(" ", topic))
    asked = set(words)
    figure_stems = set(content_stems(_FIGURE_WORDS))
    wanted = asked - figure_stems
    if not wanted and not amounts:
        if asked:   # "who disputed the figure?": the disputes over figures, or that call something one
            return [v for v in views if any(s["name"] == "figures" for s in v.signals)
                    or asked & set(content_stems(_searchable(v)))]
        named = _plain_words(topic)     # "the report": words the stems leave out as too common, still asked
        return [v for v in views if named <= _plain_words(_searchable(v))] if named else views
    figures = _figures(session, views)
    if amounts:
        views = [v for v in views if any(abs(value - amount) <= amount / 100 for value, _ in figures[v.id]
                                         for amount in amounts)]
    figure = bool(asked & figure_stems) or bool(amounts)
    holding = [v for v in views if _holds(wanted, _searchable(v, figure, figures[v.id]), _counted(figures[v.id]))]
    if holding or not wanted:
        return holding
    if figure:      # "the number of striking workers": only a dispute over a figure is one over its number
        views = [v for v in views if figures[v.id] or any(s["name"] == "figures" for s in v.signals)]
        counted = [w for w in words if w in wanted][-1]     # "the number of affected customers": customers
        holding = [v for v in views if counted in _counted(figures[v.id])]
        if holding:
            return holding
    for context in (_continued(session, views), _headlines(views)):
        holding = [v for v in views if _holds(wanted, context[v.id])]
        if holding:
            return holding
    return []


def _holds(wanted: set[str], text: str, counted: frozenset[str] = frozenset()) -> bool:
    """Whether the text, or what its figures count, tells of every word asked, in that word or another naming the
    same (lexicon.tells_of): "Nwosu's dismissal" is in "Nwosu had been dismissed", "the denial" in "she denied",
    "the number of strikers" in "on strike", "the death toll" in "12 people had been killed"."""
    from bot.disputes.lexicon import content_stems, tells_of, verb_stems

    stems = frozenset(content_stems(text)) | counted
    missing = wanted - stems
    return not missing or all(tells_of(s, stems, verb_stems(text) | counted) for s in missing)


def _counted(figures: list[tuple[float, frozenset[str]]]) -> frozenset[str]:
    """The stems naming what a dispute's figures count."""
    return frozenset().union(*(words for _, words in figures))


def _plain_words(text: str) -> set[str]:
    from bot.disputes.lexicon import words

    return {w.lower() for w in words(text)} - _ARTICLES


_ARTICLES = frozenset("a an the this that these those its their".split())


def _amounts(topic: str) -> set[float]:
    """The amounts a topic names, as values: "$9 million" and "$9m" are both 9,000,000; "the 2022 turnout" names a
    year, no amount."""
    from bot.extract.figures import ABBREVIATED, MULTIPLIERS, YEAR

    return {float(number.replace(",", "")) * MULTIPLIERS.get(unit.lower(), ABBREVIATED.get(unit.lower(), 1))
            for match in _AMOUNT.finditer(topic) for number, unit in [match.groups("")]
            if not (YEAR.fullmatch(match.group(1)) and match.group()[0].isdigit()
                    and unit.lower() not in MULTIPLIERS and unit.lower() not in ABBREVIATED)}



def _claims(view: DisputeView) -> list[DisputedClaim]:
    return [c for side in view.sides for c in side] + view.notes


def _figures(session: Session, views: list[DisputeView]) -> dict[int, list[tuple[float, frozenset[str]]]]:
    """Per dispute, the figures of its claims' sentences: (value, the stems naming what it counts, see
    signals.figure_words)."""
    from bot.disputes.signals import figure_words  # here: bot.disputes imports this module

    by_sentence: dict[tuple[int, int], list[int]] = {}
    for v in views:
        for c in _claims(v):
            by_sentence.setdefault((c.article_id, c.sentence_start), []).append(v.id)
    out: dict[int, list[tuple[float, frozenset[str]]]] = {v.id: [] for v in views}
    if not by_sentence:
        return out
    rows = session.exec(select(Sentence.article_id, Sentence.start, Sentence.text, Figure.text, Figure.value,
                               Figure.counts)
                        .join(Figure, Figure.sentence_id == Sentence.id)
                        .where(Sentence.article_id.in_({a for a, _ in by_sentence}))).all()
    for article, start, sentence, text, value, counts in rows:
        for view_id in dict.fromkeys(by_sentence.get((article, start), [])):
            if value is not None:
                out[view_id].append((value, figure_words(text, counts, sentence)))
    return out


def _continued(session: Session, views: list[DisputeView]) -> dict[int, str]:
    """Per dispute, what its sources said in the rest of their claims' paragraphs: "Haskell had claimed that
    'thousands of illegal ballots' had been counted ... He said poll workers ..." is one claim told in two
    sentences."""
    claim_ids = [c.claim_id for v in views for c in _claims(v)]
    if not claim_ids:
        return {}
    disputed = {claim.id: (claim.source_entity_id, sentence.article_id, sentence.paragraph) for claim, sentence in
                session.exec(select(Claim, Sentence).join(Sentence, Sentence.id == Claim.sentence_id)
                             .where(Claim.id.in_(claim_ids))).all()}
    told = session.exec(select(Claim.source_entity_id, Sentence.article_id, Sentence.paragraph, Sentence.text)
                        .join(Sentence, Sentence.id == Claim.sentence_id)
                        .where(Sentence.article_id.in_({a for _, a, _ in disputed.values()}),
                               Claim.source_entity_id.is_not(None))).all()
    out = {}
    for v in views:
        keys = {disputed[c.claim_id] for c in _claims(v) if c.claim_id in disputed}
        out[v.id] = " ".join(dict.fromkeys(text for *key, text in told if tuple(key) in keys))
    return out


def _headlines(views: list[DisputeView]) -> dict[int, str]:
    return {v.id: " ".join(dict.fromkeys(c.article_title or "" for c in _claims(v))) for v in views}


def _searchable(view: DisputeView, figure: bool = False, figures: list | None = None) -> str:
    """What a topic is looked for in: the dispute's label, sources and sentences; only its label when the topic
    asks for a figure and the dispute is over none, neither by its signals nor in its sentences ("the death toll"
    is not "who shot security forces?", though its sentences tell of deaths)."""
    if figure and not figures and not any(signal["name"] == "figures" for signal in view.signals):
        return view.topic
    return " ".join([view.topic, *(f"{c.source} {c.sentence_text}" for c in _claims(view))])


def _view(session: Session, dispute: Dispute) -> DisputeView:
    rows = session.exec(
        select(DisputeClaim, Claim, Sentence, Article)
        .join(Claim, Claim.id == DisputeClaim.claim_id)
        .join(Sentence, Sentence.id == Claim.sentence_id)
        .join(Article, Article.id == Claim.article_id)
        .where(DisputeClaim.dispute_id == dispute.id)
        .order_by(Article.id, Claim.position)
    ).all()
    corrections = latest_corrections(session, dispute.team_id, [claim.id for _, claim, _, _ in rows])
    sources = {claim.id: corrected_source(claim, corrections.get(claim.id)) for _, claim, _, _ in rows}
    entity_ids = {entity_id for _, _, entity_id in sources.values() if entity_id is not None}
    names = dict(session.exec(select(Entity.id, Entity.name).where(Entity.id.in_(entity_ids))).all()) \
        if entity_ids else {}
    hedges = _markers(session, [claim.id for _, claim, _, _ in rows], [s.id for _, _, s, _ in rows])
    sides: dict[int, list[DisputedClaim]] = {}
    notes: list[DisputedClaim] = []
    for link, claim, sentence, article in rows:
        attributed, source_text, entity_id = sources[claim.id]
        item = DisputedClaim(
            claim_id=claim.id, article_id=article.id, article_slug=article.slug, article_title=article.title,
            article_url=article.url, attributed=attributed, source_text=source_text,
            source_name=names.get(entity_id), cue_text=claim.cue_text, content_text=claim.content_text,
            sentence_text=sentence.text, sentence_start=sentence.start, sentence_end=sentence.end,
            markers=hedges.get((claim.id, sentence.id), []))
        (notes if link.side is None else sides.setdefault(link.side, [])).append(item)
    return DisputeView(dispute.id, dispute.topic, dispute.confidence, json.loads(dispute.signals),
                       dispute.created_at, dispute.updated_at, [sides[k] for k in sorted(sides)], notes)


def _markers(session: Session, claim_ids: list[int], sentence_ids: list[int]) -> dict[tuple[int, int], list[str]]:
    """Unverified-hedge texts per (claim, sentence): the claim's own, and its sentence's unattached ones. A "may"
    or a "dissenting accounts" says nothing about whether the claim is verified."""
    if not claim_ids:
        return {}
    from bot.disputes.lexicon import unverified_hedge  # here: bot.disputes imports this module

    rows = [h for h in session.exec(select(Hedge).where(
        Hedge.sentence_id.in_(sentence_ids), (Hedge.claim_id.in_(claim_ids)) | (Hedge.claim_id.is_(None))
    )).all() if unverified_hedge(h.kind, h.text, second_hand=True)]
    out: dict[tuple[int, int], list[str]] = {}
    for claim_id, sentence_id in zip(claim_ids, sentence_ids):
        texts = [h.text for h in rows if h.sentence_id == sentence_id and h.claim_id in (claim_id, None)]
        out[(claim_id, sentence_id)] = list(dict.fromkeys(texts))
    return out


# --- digest settings and posts ------------------------------------------------------------------------------------

def digest_setting(session: Session, team_id: str, channel_id: str) -> DigestSetting | None:
    return session.exec(select(DigestSetting).where(
        DigestSetting.team_id == team_id, DigestSetting.channel_id == channel_id)).first()


def digest_settings(session: Session, team_id: str | None = None, *, enabled_only: bool = False
                    ) -> list[DigestSetting]:
    """One team's channel settings (App Home), or every team's (the scheduler)."""
    query = select(DigestSetting)
    if team_id is not None:
        query = query.where(DigestSetting.team_id == team_id)
    if enabled_only:
        query = query.where(DigestSetting.enabled.is_(True))
    return list(session.exec(query.order_by(DigestSetting.team_id, DigestSetting.channel_id)).all())


def digest_post(session: Session, team_id: str, channel_id: str, local_date: date) -> DigestPost | None:
    return session.exec(select(DigestPost).where(
        DigestPost.team_id == team_id, DigestPost.channel_id == channel_id, DigestPost.local_date == local_date
    )).first()


def claim_digest_post(session: Session, team_id: str, channel_id: str, local_date: date) -> DigestPost | None:
    """Insert the day's post record and commit BEFORE posting: the unique key lets exactly one process (or one
    restart) win; the others get None and post nothing."""
    post = DigestPost(team_id=team_id, channel_id=channel_id, local_date=local_date)
    session.add(post)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    session.refresh(post)
    return post
