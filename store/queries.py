"""Listings for the CLI: what is indexed (`newsbot articles`) and who said what in an article (`newsbot facts`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from store.models import Article, Claim, Entity, Sentence


@dataclass
class ArticleListing:
    id: int
    slug: str
    title: str
    outlet: str | None
    ingested_at: datetime
    sentences: int
    claims: int                 # attributed claims only: who said what
    entities: int


@dataclass
class ClaimListing:
    """A stored claim with its resolved source's name (None when unresolved or the outlet's own statement)."""

    claim: Claim
    sentence_position: int
    speaker: str | None


def list_articles(session: Session, team_id: str) -> list[ArticleListing]:
    """The workspace's articles, newest first, with how many facts each holds."""
    def count(column, *where):
        return select(func.count()).where(column == Article.id, *where).correlate(Article).scalar_subquery()

    rows = session.exec(
        select(Article.id, Article.slug, Article.title, Article.outlet, Article.ingested_at,
               count(Sentence.article_id), count(Claim.article_id, Claim.attributed),
               count(Entity.article_id))
        .where(Article.team_id == team_id).order_by(Article.ingested_at.desc(), Article.id.desc())
    ).all()
    return [ArticleListing(*row) for row in rows]


def recent_articles(session: Session, team_id: str) -> list[Article]:
    return list(session.exec(select(Article).where(Article.team_id == team_id)
                             .order_by(Article.ingested_at.desc(), Article.id.desc())).all())


def article_claims(session: Session, article_id: int, *, attributed_only: bool = True) -> list[ClaimListing]:
    """The article's claims in reading order."""
    query = (select(Claim, Sentence.position, Entity.name)
             .join(Sentence, Sentence.id == Claim.sentence_id)
             .outerjoin(Entity, Entity.id == Claim.source_entity_id)
             .where(Claim.article_id == article_id).order_by(Claim.position))
    if attributed_only:
        query = query.where(Claim.attributed)
    return [ClaimListing(claim, position, speaker) for claim, position, speaker in session.exec(query).all()]
