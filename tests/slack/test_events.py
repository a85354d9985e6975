"""Events over HTTP: a mention answered in its thread, a DM answered in the DM, each event answered once however
often Slack retries it, a file shared in a DM indexed, App Home published, digests stopped on uninstall."""

from __future__ import annotations

import asyncio
import json

from sqlmodel import select

from bot.digest import set_digest
from store.db import make_engine, open_session
from store.disputes import digest_settings
from store.models import Article, SlackEvent
from tests.slack.conftest import TEAM, eventually, serve_app

QUESTION = "who says residents requested the army?"


def mention(text: str, ts: str = "1700000000.000100", **extra) -> dict:
    return {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {text}", "channel": "C1", "ts": ts, **extra}


def all_text(params: dict) -> str:
    return json.dumps(params.get("blocks") or []) + params.get("text", "")


async def test_mention_is_answered_in_a_thread_under_the_question(served, indexed):
    response = await served.event(mention(QUESTION))
    assert response.status_code == 200
    [call] = await served.fake.wait_for("chat.postMessage")
    assert call.params["channel"] == "C1"
    assert call.params["thread_ts"] == "1700000000.000100"
    blocks = call.params["blocks"]
    assert "residents" in all_text(call.params).lower()
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert {"show_context", "wrong_attribution"} <= {b["action_id"] for b in buttons}
    assert served.fake.errors == []


async def test_mention_inside_a_thread_stays_in_that_thread(served, indexed):
    await served.event(mention(QUESTION, ts="1700000005.000200", thread_ts="1700000000.000100"))
    [call] = await served.fake.wait_for("chat.postMessage")
    assert call.params["thread_ts"] == "1700000000.000100"


async def test_direct_message_is_answered_in_the_dm(served, indexed):
    await served.event({"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": QUESTION,
                        "ts": "1700000001.000100"})
    [call] = await served.fake.wait_for("chat.postMessage")
    assert call.params["channel"] == "D1"
    assert "thread_ts" not in call.params
    assert "residents" in all_text(call.params).lower()


async def test_bot_messages_and_edits_get_no_answer(served, indexed):
    await served.event({"type": "message", "channel_type": "im", "channel": "D1", "bot_id": "B9", "text": QUESTION,
                        "ts": "1.1"}, event_id="EvBot")
    await served.event({"type": "message", "subtype": "message_changed", "channel_type": "im", "channel": "D1",
                        "ts": "1.2"}, event_id="EvEdit")
    await asyncio.sleep(0.5)
    assert served.fake.called("chat.postMessage") == []


async def test_retried_event_is_answered_exactly_once(served, indexed, engine):
    event = mention(QUESTION)
    first = await served.event(event, event_id="EvRetry")
    retries = await asyncio.gather(*(served.event(event, event_id="EvRetry",
                                                  headers={"X-Slack-Retry-Num": str(n),
                                                           "X-Slack-Retry-Reason": "http_timeout"})
                                     for n in (1, 2, 3)))
    assert first.status_code == 200 and all(r.status_code == 200 for r in retries)
    await served.fake.wait_for("chat.postMessage")
    await asyncio.sleep(1.0)
    assert len(served.fake.called("chat.postMessage")) == 1
    with open_session(engine) as session:
        assert len(session.exec(select(SlackEvent).where(SlackEvent.event_id == "EvRetry")).all()) == 1


async def test_question_text_pinging_channel_is_escaped(served, indexed):
    await served.event(mention("who says <!channel> and <@U123> <https://evil.example|click>?"))
    [call] = await served.fake.wait_for("chat.postMessage")
    text = all_text(call.params)
    assert "<!channel>" not in text and "<@U123>" not in text and "<https://evil" not in text


async def test_file_shared_in_a_dm_is_indexed(served, engine, sample_text):
    served.fake.files["F1"] = ("jisr.txt", sample_text.encode("utf-8"))
    await served.event({"type": "file_shared", "file_id": "F1", "user_id": "U1", "channel_id": "D1",
                        "file": {"id": "F1"}, "event_ts": "1.1"})
    posts = await served.fake.wait_for("chat.postMessage", 2, timeout=60)
    assert posts[0].params["text"].startswith("Indexing jisr.txt")
    assert posts[1].params["text"].startswith("Indexed \u2018"), posts[1].params["text"]
    assert "claims from" in posts[1].params["text"]
    with open_session(engine) as session:
        assert [a.team_id for a in session.exec(select(Article)).all()] == [TEAM]


async def test_file_shared_in_a_channel_is_ignored(served, sample_text):
    served.fake.files["F1"] = ("jisr.txt", sample_text.encode("utf-8"))
    await served.event({"type": "file_shared", "file_id": "F1", "user_id": "U1", "channel_id": "C1",
                        "file": {"id": "F1"}, "event_ts": "1.1"})
    await asyncio.sleep(0.5)
    assert served.fake.called("files.info") == []


async def test_app_home_lists_articles_and_digest_settings(served, indexed):
    await served.command("/newsbot", "digest here 08:00 Europe/London", channel="C9")
    await served.fake.wait_for("response_url")
    await served.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    [call] = await served.fake.wait_for("views.publish")
    assert call.params["user_id"] == "U1"
    view = call.params["view"]
    assert view["type"] == "home"
    text = json.dumps(view)
    assert "Jisr" in text and "claims" in text
    assert "<#C9>" in text and "08:00 Europe/London" in text
    assert served.fake.errors == []


async def test_two_app_processes_receiving_one_event_answer_it_once(served, engine, fake, nlp, indexed):
    """Two servers, each with its own engine on the one database, as two deployed processes would be."""
    other_engine = make_engine(engine.url.render_as_string(hide_password=False))
    second = await serve_app(other_engine, fake, nlp)
    try:
        event = mention(QUESTION)
        responses = await asyncio.gather(served.event(event, event_id="EvTwice"),
                                         second.event(event, event_id="EvTwice"))
        assert [r.status_code for r in responses] == [200, 200]
        await fake.wait_for("chat.postMessage")
        await asyncio.sleep(1.0)
        assert len(fake.called("chat.postMessage")) == 1
    finally:
        await second.close()
        await second.task
        other_engine.dispose()


async def test_app_home_shows_recent_disputes(served, indexed):
    await served.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    [call] = await served.fake.wait_for("views.publish")
    text = json.dumps(call.params["view"])
    assert "Recent disputes" in text and "security" in text.lower()
    assert "digest_open_article" not in text                  # no buttons on App Home: it is a summary


async def test_a_rate_limited_reply_is_retried_after_retry_after(served, indexed):
    served.fake.rate_limited["chat.postMessage"] = 1
    await served.event(mention(QUESTION), event_id="EvLimited")
    [post] = await served.fake.wait_for("chat.postMessage")
    assert [c.method for c in served.fake.calls if c.method.startswith("chat.postMessage")] == [
        "chat.postMessage:429", "chat.postMessage"]
    assert post.at - served.fake.called("chat.postMessage:429")[0].at >= 0.9


async def test_uninstalling_stops_the_workspaces_digests(served, engine):
    with open_session(engine) as session:
        set_digest(session, TEAM, "C1", "08:00", "Europe/London")
    response = await served.event({"type": "app_uninstalled"}, event_id="Ev-gone")
    assert response.status_code == 200

    def enabled() -> list[bool]:
        with open_session(engine) as session:
            return [s.enabled for s in digest_settings(session, TEAM)]
    await eventually(lambda: enabled() == [False])
