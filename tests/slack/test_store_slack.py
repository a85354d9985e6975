"""store/slack.py on SQLite and PostgreSQL: event ids claimed once, old ones forgotten, and every lookup scoped to
its workspace."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlmodel import select

from store.db import open_session
from store.models import Claim, SlackEvent
from store.slack import (
    add_correction,
    claim_context,
    forget_events,
    recent_corrections,
    record_event,
    team_articles,
)


def test_an_event_id_is_claimed_once_per_workspace(engine):
    with open_session(engine) as session:
        assert record_event(session, "T1", "Ev1") is True
        assert record_event(session, "T1", "Ev1") is False
        assert record_event(session, "T2", "Ev1") is True      # another workspace's event with the same id


def test_old_event_ids_are_forgotten(engine):
    now = datetime.now(timezone.utc)
    with open_session(engine) as session:
        session.add(SlackEvent(team_id="T1", event_id="old", received_at=now - timedelta(days=2)))
        session.add(SlackEvent(team_id="T1", event_id="new", received_at=now))
        session.commit()
        assert forget_events(session, now - timedelta(days=1)) == 1
        assert session.exec(select(SlackEvent.event_id)).all() == ["new"]


def test_lookups_stay_inside_their_workspace(engine, indexed):
    with open_session(engine) as session:
        claim = session.exec(select(Claim).where(Claim.attributed.is_(True))).first()
        [row] = team_articles(session, "T1")
        assert row.id == indexed and row.claims > 10 and 0 < row.sources <= row.claims
        assert team_articles(session, "T2") == []
        context = claim_context(session, "T1", claim.id)
        assert context.sentence_text in context.paragraph_text
        assert claim_context(session, "T2", claim.id) is None
        assert add_correction(session, "T2", claim.id, "Someone", None, "U9") is None
        assert add_correction(session, "T1", claim.id, "Syrian state TV", "note", "U1") is not None
        session.commit()
        assert [c.now for c in recent_corrections(session, "T1")] == ["Syrian state TV"]
        assert recent_corrections(session, "T2") == []
