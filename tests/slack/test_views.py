"""The correction modal's submission over HTTP: the correction is stored for the workspace, the editor is thanked,
App Home lists it, and answers use the corrected source from then on."""

from __future__ import annotations

import json

from sqlmodel import select

from store.db import open_session
from store.models import Claim, Correction
from tests.slack.conftest import TEAM


def submission(claim_id: int, source: str | None, *, team: str = TEAM, note: str | None = None) -> dict:
    return {"type": "view_submission", "team": {"id": team, "domain": team.lower()},
            "user": {"id": "U1", "team_id": team}, "api_app_id": "A1", "token": "legacy", "trigger_id": "t.3",
            "view": {"id": "V1", "type": "modal", "callback_id": "correction_modal", "team_id": team, "app_id": "A1",
                     "private_metadata": json.dumps({"claim_id": claim_id, "channel_id": "C1"}), "hash": "h",
                     "state": {"values": {"source": {"source_text": {"type": "plain_text_input", "value": source}},
                                          "note": {"note_text": {"type": "plain_text_input", "value": note}}}}}}


def attributed_claim(engine, article_id: int) -> Claim:
    with open_session(engine) as session:
        return session.exec(select(Claim).where(Claim.article_id == article_id, Claim.attributed.is_(True))
                            .order_by(Claim.position)).first()


async def test_correction_is_stored_thanked_and_listed_on_app_home(served, engine, indexed):
    claim = attributed_claim(engine, indexed)
    response = await served.interaction(submission(claim.id, "Syrian state <b>TV</b>", note="see para 3"))
    assert response.status_code == 200
    [thanks] = await served.fake.wait_for("chat.postEphemeral")
    assert "now attributed to Syrian state &lt;b&gt;TV&lt;/b&gt;" in thanks.params["text"]
    [home] = await served.fake.wait_for("views.publish")
    assert "Syrian state &lt;b&gt;TV" in json.dumps(home.params["view"])
    with open_session(engine) as session:
        [correction] = session.exec(select(Correction)).all()
    assert (correction.team_id, correction.claim_id, correction.source_text, correction.note, correction.user_id) \
        == (TEAM, claim.id, "Syrian state <b>TV</b>", "see para 3", "U1")
    assert served.fake.errors == []


async def test_correction_to_the_outlets_own_statement(served, engine, indexed):
    claim = attributed_claim(engine, indexed)
    await served.interaction(submission(claim.id, None))
    [thanks] = await served.fake.wait_for("chat.postEphemeral")
    assert "the article itself" in thanks.params["text"]
    with open_session(engine) as session:
        assert session.exec(select(Correction.source_text)).all() == [None]


async def test_correction_from_another_workspace_stores_nothing(served, engine, indexed):
    claim = attributed_claim(engine, indexed)
    await served.interaction(submission(claim.id, "Someone", team="T2"))
    [reply] = await served.fake.wait_for("chat.postEphemeral")
    assert "not indexed in this workspace" in reply.params["text"]
    with open_session(engine) as session:
        assert session.exec(select(Correction)).all() == []


async def test_answers_use_the_corrected_source_from_then_on(served, engine, indexed):
    claim = attributed_claim(engine, indexed)
    await served.interaction(submission(claim.id, "Syrian state TV"))
    await served.fake.wait_for("views.publish")
    await served.command("/whosays", claim.content_text[:120], name="after")
    [answer] = await served.fake.wait_for("response_url")
    assert "Syrian state TV" in json.dumps(answer.params)
