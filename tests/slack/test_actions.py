"""Buttons over HTTP: Show context (the paragraph, to the clicker only), Wrong attribution? (opens the modal),
Share in channel (the private reply posted for everyone), and a button value from another workspace."""

from __future__ import annotations

import json

from tests.slack.conftest import TEAM

QUESTION = "who says residents requested the army?"


def click(action_id: str, value: str, *, team: str = TEAM, response_url: str = "", channel: str = "C1") -> dict:
    return {"type": "block_actions", "team": {"id": team, "domain": team.lower()},
            "user": {"id": "U1", "team_id": team}, "api_app_id": "A1", "token": "legacy",
            "container": {"type": "message", "message_ts": "1.1", "channel_id": channel, "is_ephemeral": True},
            "trigger_id": "trig.2", "channel": {"id": channel, "name": "news"},
            "message": {"type": "message", "ts": "1.1", "text": "answer"}, "response_url": response_url,
            "actions": [{"action_id": action_id, "block_id": "b1", "value": value, "type": "button",
                         "action_ts": "1.2"}]}


async def first_claim_id(served) -> str:
    await served.command("/fact", QUESTION, name="fact")
    [call] = await served.fake.wait_for("response_url")
    buttons = [e for b in call.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    return next(b["value"] for b in buttons if b["action_id"] == "show_context")


async def test_show_context_posts_the_paragraph_to_the_clicker_only(served, indexed):
    claim = await first_claim_id(served)
    response = await served.interaction(click("show_context", claim))
    assert response.status_code == 200
    [call] = await served.fake.wait_for("chat.postEphemeral")
    assert (call.params["channel"], call.params["user"]) == ("C1", "U1")
    text = json.dumps(call.params["blocks"])
    assert "residents" in text.lower() and "*" in text       # the sentence in bold inside its paragraph
    assert served.fake.called("chat.postMessage") == []


async def test_wrong_attribution_opens_the_correction_modal(served, indexed):
    claim = await first_claim_id(served)
    await served.interaction(click("wrong_attribution", claim))
    [call] = await served.fake.wait_for("views.open")
    assert call.params["trigger_id"] == "trig.2"
    view = call.params["view"]
    assert view["callback_id"] == "correction_modal"
    assert json.loads(view["private_metadata"]) == {"claim_id": int(claim), "channel_id": "C1"}
    assert served.fake.errors == []


async def test_a_claim_of_another_workspace_is_not_shown(served, indexed):
    claim = await first_claim_id(served)
    await served.interaction(click("show_context", claim, team="T2"))
    [call] = await served.fake.wait_for("chat.postEphemeral")
    assert "not indexed in this workspace" in call.params["text"]
    assert "residents" not in json.dumps(call.params).lower()
    await served.interaction(click("wrong_attribution", claim, team="T2"))
    await served.fake.wait_for("chat.postEphemeral", 2)
    assert served.fake.called("views.open") == []


async def test_share_in_channel_posts_the_reply_for_everyone(served, indexed):
    await served.command("/fact", QUESTION, name="fact")
    [private] = await served.fake.wait_for("response_url")
    share = private.params["blocks"][-1]["elements"][0]
    await served.interaction(click("share_in_channel", share["value"],
                                   response_url=served.fake.response_url_for("share")))
    [post] = await served.fake.wait_for("chat.postMessage")
    assert post.params["channel"] == "C1"
    assert post.params["blocks"][0]["text"]["text"].startswith("<@U1> asked `/fact who says residents")
    assert "share_in_channel" not in json.dumps(post.params["blocks"])
    calls = await served.fake.wait_for("response_url", 2)
    assert calls[1].params.get("delete_original") is True
    assert served.fake.errors == []


async def test_digest_article_button_without_a_link_shows_the_article(served, indexed):
    await served.interaction(click(f"digest_open_article:1:{indexed}", str(indexed)))
    [call] = await served.fake.wait_for("chat.postEphemeral")
    assert "Jisr" in call.params["text"] and "claims from" in call.params["text"]
    await served.interaction(click(f"digest_open_article:1:{indexed}", str(indexed), team="T2"))
    calls = await served.fake.wait_for("chat.postEphemeral", 2)
    assert "not indexed in this workspace" in calls[1].params["text"]
