"""Disputed claims: found from stored facts on each ingest and after an editor's correction, stored as Dispute rows.

Modules: `lexicon` (word lists, light stemmer), `signals` (each signal a small function), `group` (pairs →
disputes → sides), `load` (store → claim views). Read stored disputes through `store.disputes.list_disputes`.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.disputes.group import FoundDispute, group_disputes
from bot.disputes.load import load_claims, related_article_ids
from store.disputes import replace_disputes
from store.models import Claim, Dispute

__all__ = ["FoundDispute", "find_disputes", "recompute_for_claim"]


def find_disputes(session: Session, team_id: str, article_ids: list[int]) -> list[Dispute]:
    """Recompute the team's disputes involving `article_ids` (within them and against related articles) and store
    them in the caller's transaction. Returns the stored disputes touching these articles."""
    article_ids = sorted(set(article_ids))
    scope = related_article_ids(session, team_id, article_ids)
    found = group_disputes(load_claims(session, team_id, scope), set(article_ids))
    return replace_disputes(session, team_id, article_ids, found)


def recompute_for_claim(session: Session, team_id: str, claim_id: int) -> list[Dispute]:
    """After an editor corrects a claim's attribution: recompute the disputes of its article (a new source can
    make or unmake a dispute)."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise ValueError(f"no claim {claim_id}")
    return find_disputes(session, team_id, [claim.article_id])
