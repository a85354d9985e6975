"""Every table, declared once. Offsets (`*_start`, `*_end`) index the article's raw text as read.

Everything a user can see belongs to a workspace (`team_id`); the CLI and the demo use the workspace "local".
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

LOCAL_TEAM = "local"


def utcnow() -> datetime:
    """Aware: sqlmodel's UTCDateTime columns refuse naive datetimes."""
    return datetime.now(timezone.utc)


class Article(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("team_id", "content_hash"), UniqueConstraint("team_id", "slug"))

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(default=LOCAL_TEAM, index=True)
    slug: str                                   # short readable id, e.g. "jisr-al-shughour"
    title: str
    outlet: str | None = None                   # the publisher, when known: unattributed sentences are its statements
    url: str | None = None
    content_hash: str                           # sha256 of the raw text: ingest is idempotent on it
    raw_text: str = Field(sa_column=Column(Text, nullable=False))
    ingested_at: datetime = Field(default_factory=utcnow, index=True)


class Sentence(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    position: int                               # 0-based order in the article
    paragraph: int
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))


class Entity(SQLModel, table=True):
    # described entities only (few): a question naming a role finds them by description (migration 0004)
    __table_args__ = (Index("ix_entity_description", "description", "key", sqlite_where=text("description IS NOT NULL"),
                            postgresql_where=text("description IS NOT NULL")),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    name: str                                   # canonical name
    key: str = Field(index=True)                # folded canonical name: joins the same entity across articles
    type: str
    description: str | None = None              # from an appositive ("the UN human rights chief")
    description_start: int | None = None
    description_end: int | None = None


class Alias(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(foreign_key="entity.id", ondelete="CASCADE", index=True)
    text: str                                   # as written
    folded: str = Field(index=True)             # lower-cased, accents and determiners stripped: what lookups match


class Mention(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(foreign_key="entity.id", ondelete="CASCADE", index=True)
    sentence_id: int = Field(foreign_key="sentence.id", ondelete="CASCADE", index=True)
    start: int
    end: int
    text: str


class Claim(SQLModel, table=True):
    """An attribution (who said what), or an unattributed sentence as the outlet's own statement."""

    __table_args__ = (Index("ix_claim_article_source", "article_id", "source_entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    sentence_id: int = Field(foreign_key="sentence.id", ondelete="CASCADE", index=True)  # the cue's sentence
    position: int                               # order within the article
    attributed: bool                            # False: the outlet's own statement (no cue, no source)
    kind: str                                   # direct, indirect, mixed; "statement" when unattributed
    cue_kind: str | None = None
    cue_text: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    source_text: str | None = None              # the source as written ("he", "state TV")
    source_start: int | None = None
    source_end: int | None = None
    source_entity_id: int | None = Field(default=None, foreign_key="entity.id", ondelete="SET NULL", index=True)
    content_text: str = Field(sa_column=Column(Text, nullable=False))  # contents joined with " … "
    content_start: int                          # first content span start
    content_end: int                            # last content span end
    content_spans: str                          # JSON list of [start, end] pairs, one per content span
    parent_id: int | None = Field(default=None, foreign_key="claim.id", ondelete="CASCADE")
    hedged: bool = False


class Hedge(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    sentence_id: int = Field(foreign_key="sentence.id", ondelete="CASCADE", index=True)
    claim_id: int | None = Field(default=None, foreign_key="claim.id", ondelete="CASCADE", index=True)
    kind: str
    start: int
    end: int
    text: str


class Figure(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    sentence_id: int = Field(foreign_key="sentence.id", ondelete="CASCADE", index=True)
    claim_id: int | None = Field(default=None, foreign_key="claim.id", ondelete="CASCADE", index=True)
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    hedge: str | None = None
    counts: str | None = Field(default=None, index=True)


class Dispute(SQLModel, table=True):
    """Claims by different sources that cannot all be true (recomputed on ingest)."""

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(default=LOCAL_TEAM, index=True)
    topic: str                                  # short label: "who killed the security forces?"
    signals: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of {"name", "weight", "detail"}
    confidence: float
    fingerprint: str = Field(index=True)        # sorted claim ids: an unchanged dispute keeps its dates on recompute
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class DisputeClaim(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("dispute_id", "claim_id"),)

    id: int | None = Field(default=None, primary_key=True)
    dispute_id: int = Field(foreign_key="dispute.id", ondelete="CASCADE", index=True)
    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE", index=True)
    side: int | None = None                     # 0, 1, ...: claims on one side agree; None: a note (e.g. "cannot be verified")


class DigestSetting(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(index=True)
    channel_id: str
    local_time: str                             # "08:00" in the channel's time zone
    tz: str                                     # IANA zone name, e.g. "Europe/London"
    post_when_empty: bool = True                # a quiet day: a one-line note (True) or no post (False)
    enabled: bool = True
    updated_at: datetime = Field(default_factory=utcnow)  # a time set today first posts at its next occurrence


class DigestPost(SQLModel, table=True):
    """One row per channel and local day, inserted BEFORE posting: the unique key makes posting happen once."""

    __table_args__ = (UniqueConstraint("team_id", "channel_id", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str
    channel_id: str
    local_date: date
    posted_at: datetime | None = None           # None while the post is in flight
    message_ts: str | None = None


class Correction(SQLModel, table=True):
    """An editor's "Wrong attribution?" fix: answers use the corrected source from then on."""

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(index=True)
    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE", index=True)
    source_text: str | None = None              # the right source as the editor names it; None: the outlet's own
    source_entity_id: int | None = Field(default=None, foreign_key="entity.id", ondelete="SET NULL")
    note: str | None = None
    user_id: str                                # who corrected it (Slack user id, or "cli")
    created_at: datetime = Field(default_factory=utcnow)


class SlackEvent(SQLModel, table=True):
    """Event ids already answered: the unique key makes retries and a second process answer nothing twice."""

    __table_args__ = (UniqueConstraint("team_id", "event_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str
    event_id: str
    received_at: datetime = Field(default_factory=utcnow)
