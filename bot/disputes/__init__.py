"""Disputed claims: found from stored facts on each ingest and after an editor's correction, stored as Dispute rows.

Modules: `lexicon` (word lists, light stemmer), `signals` (each signal a small function), `group` (pairs →
disputes → sides), `load` (store → claim views, corrected sources applied). Read stored disputes through
`store.disputes.list_disputes`.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from bot.disputes.group import FoundDispute, group_disputes
from bot.disputes.load import load_claims, related_article_ids
from store.disputes import replace_disputes
from store.models import Dispute

__all__ = ["FoundDispute", "recompute"]


def recompute(session: Session, team_id: str, article_ids: Iterable[int]) -> list[Dispute]:
    """The hook STORE's save_article calls after each ingest, and SLACK's correction flow after an editor fixes an
    attribution (store.models.Correction): recompute the team's disputes involving `article_ids`, within them and
    against the team's other articles sharing an entity with them, with corrected sources. Runs in the caller's
    transaction (flushes, never commits). Disputes among the other articles alone are unaffected and kept.
    Returns the stored disputes touching these articles."""
    article_ids = sorted(set(article_ids))
    if not article_ids:
        return []
    others = related_article_ids(session, team_id, article_ids)
    found = group_disputes(load_claims(session, team_id, article_ids, others), set(article_ids))
    return replace_disputes(session, team_id, article_ids, found)
