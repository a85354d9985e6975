"""Slack's rows: answered event ids (exactly-once answers), editors' corrections, what App Home lists, and
slack-sdk's installation and OAuth state stores over the app's own database.

Every query takes the workspace (`team_id`) and returns only that workspace's rows."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from store.models import Article, Claim, Correction, Entity, Sentence, SlackEvent


def record_event(session: Session, team_id: str, event_id: str) -> bool:
    """Claim the right to answer this event: True for the first caller, False for a retry or a second process."""
    session.add(SlackEvent(team_id=team_id, event_id=event_id))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def forget_events(session: Session, before: datetime) -> int:
    """Drop answered-event records older than Slack's retry window (minutes): the table stays small."""
    removed = session.exec(delete(SlackEvent).where(SlackEvent.received_at < before)).rowcount
    session.commit()
    return removed


# --- claims, context and corrections ---------------------------------------------------------------------------------

@dataclass
class ClaimContext:
    claim_id: int
    article_title: str
    sentence_text: str
    paragraph_text: str             # every sentence of the claim's paragraph, in order


def team_claim(session: Session, team_id: str, claim_id: int) -> Claim | None:
    """The claim if it belongs to one of the team's articles: a button value from another workspace finds nothing."""
    return session.exec(select(Claim).join(Article, Article.id == Claim.article_id)
                        .where(Claim.id == claim_id, Article.team_id == team_id)).first()


def claim_context(session: Session, team_id: str, claim_id: int) -> ClaimContext | None:
    """The paragraph around the claim's sentence, for "Show context"."""
    claim = team_claim(session, team_id, claim_id)
    if claim is None:
        return None
    sentence = session.get(Sentence, claim.sentence_id)
    article = session.get(Article, claim.article_id)
    paragraph = session.exec(select(Sentence).where(
        Sentence.article_id == claim.article_id, Sentence.paragraph == sentence.paragraph).order_by(Sentence.position))
    return ClaimContext(claim.id, article.title, sentence.text, " ".join(s.text for s in paragraph))


def add_correction(session: Session, team_id: str, claim_id: int, source_text: str | None, note: str | None,
                   user_id: str) -> Correction | None:
    """Record an editor's fix (None when the claim is not the team's). The source is linked to an entity of the same
    article when one has that name; the caller commits, so the disputes can be recomputed in the same transaction."""
    claim = team_claim(session, team_id, claim_id)
    if claim is None:
        return None
    entity = None
    if source_text:
        entity = session.exec(select(Entity).where(
            Entity.article_id == claim.article_id, func.lower(Entity.name) == source_text.lower())).first()
    correction = Correction(team_id=team_id, claim_id=claim_id, source_text=source_text or None,
                            source_entity_id=entity.id if entity else None, note=note or None, user_id=user_id)
    session.add(correction)
    session.flush()
    return correction


@dataclass
class CorrectionRow:
    claim_id: int
    article_title: str
    was: str | None                 # the source as extracted
    now: str | None                 # the editor's source; None: the outlet's own statement
    user_id: str
    created_at: datetime


def recent_corrections(session: Session, team_id: str, limit: int = 10) -> list[CorrectionRow]:
    rows = session.exec(
        select(Correction, Claim, Article).join(Claim, Claim.id == Correction.claim_id)
        .join(Article, Article.id == Claim.article_id)
        .where(Correction.team_id == team_id, Article.team_id == team_id)
        .order_by(Correction.created_at.desc(), Correction.id.desc()).limit(limit)).all()
    return [CorrectionRow(c.id, a.title, claim.source_text, c.source_text, c.user_id, c.created_at)
            for c, claim, a in rows]


# --- App Home ------------------------------------------------------------------------------------------------------

@dataclass
class ArticleRow:
    id: int
    slug: str
    title: str
    ingested_at: datetime
    claims: int
    sources: int


def team_articles(session: Session, team_id: str, limit: int = 20, article_id: int | None = None
                  ) -> list[ArticleRow]:
    """The team's newest articles (or the one `article_id`) with their attributed claims and named sources."""
    claims = func.count(Claim.id)
    sources = func.count(func.distinct(Claim.source_entity_id))
    query = (select(Article.id, Article.slug, Article.title, Article.ingested_at, claims, sources)
             .outerjoin(Claim, (Claim.article_id == Article.id) & Claim.attributed.is_(True))
             .where(Article.team_id == team_id))
    if article_id is not None:
        query = query.where(Article.id == article_id)
    rows = session.exec(query.group_by(Article.id, Article.slug, Article.title, Article.ingested_at)
                        .order_by(Article.ingested_at.desc(), Article.id.desc()).limit(limit)).all()
    return [ArticleRow(*row) for row in rows]


# --- OAuth installations -------------------------------------------------------------------------------------------

class InstallationStore(AsyncInstallationStore):
    """slack-sdk's SQLAlchemy installation store on the app's (synchronous) engine, its calls run in threads so
    the event loop never waits on the database. Tables come from migration 0002_slack."""

    def __init__(self, client_id: str, engine: Engine):
        self.sync = SQLAlchemyInstallationStore(client_id=client_id, engine=engine)

    @property
    def logger(self):
        return self.sync.logger

    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self.sync.save, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        await asyncio.to_thread(self.sync.save_bot, bot)

    async def async_find_bot(self, *, enterprise_id: str | None, team_id: str | None,
                             is_enterprise_install: bool | None = False) -> Bot | None:
        return await asyncio.to_thread(self.sync.find_bot, enterprise_id=enterprise_id, team_id=team_id,
                                       is_enterprise_install=is_enterprise_install)

    async def async_find_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                      user_id: str | None = None, is_enterprise_install: bool | None = False
                                      ) -> Installation | None:
        return await asyncio.to_thread(self.sync.find_installation, enterprise_id=enterprise_id, team_id=team_id,
                                       user_id=user_id, is_enterprise_install=is_enterprise_install)

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await asyncio.to_thread(self.sync.delete_bot, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                        user_id: str | None = None) -> None:
        await asyncio.to_thread(self.sync.delete_installation, enterprise_id=enterprise_id, team_id=team_id,
                                user_id=user_id)


class OAuthStateStore(AsyncOAuthStateStore):
    """slack-sdk's SQLAlchemy OAuth state store (one-time `state` values), so any app process can finish an install
    another one started."""

    def __init__(self, engine: Engine, expiration_seconds: int = 600):
        self.sync = SQLAlchemyOAuthStateStore(expiration_seconds=expiration_seconds, engine=engine)

    @property
    def logger(self):
        return self.sync.logger

    async def async_issue(self, *args, **kwargs) -> str:
        return await asyncio.to_thread(self.sync.issue)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.sync.consume, state)
