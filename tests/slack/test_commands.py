"""Slash commands over HTTP: each acknowledged at once, answered through the response URL to the asker only,
with a Share button; /newsbot help, articles, ingest <url>, digest here/off."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from bot.app import download
from bot.errors import BadArticle
from store.db import open_session
from store.models import Article, DigestSetting
from tests.slack.conftest import TEAM, serve_app


def reply_text(call) -> str:
    return call.params.get("text", "") + json.dumps(call.params.get("blocks") or [])


async def ask(served, command: str, text: str, **kw):
    response = await served.command(command, text, **kw)
    assert response.status_code == 200
    [call] = await served.fake.wait_for("response_url")
    assert call.params["response_type"] == "ephemeral"
    assert served.fake.errors == []
    return call


async def test_fact_answers_privately_with_a_share_button(served, indexed):
    call = await ask(served, "/fact", "who says residents requested the army?")
    assert "residents" in reply_text(call).lower()
    share = call.params["blocks"][-1]
    assert share["elements"][0]["action_id"] == "share_in_channel"
    assert json.loads(share["elements"][0]["value"]) == {"command": "/fact",
                                                         "text": "who says residents requested the army?"}


async def test_whosays(served, indexed):
    call = await ask(served, "/whosays", "armed gangs killed the security forces")
    assert "gang" in reply_text(call).lower()


async def test_said_with_a_topic(served, indexed):
    call = await ask(served, "/said", "Erdogan about the refugees")
    assert "refugee" in reply_text(call).lower()


async def test_sources_of_an_article(served, indexed):
    call = await ask(served, "/sources", "")
    assert "activists" in reply_text(call).lower()


async def test_disputed(served, indexed):
    call = await ask(served, "/disputed", "")
    assert call.params["blocks"][0]["type"] == "header"
    assert "security" in reply_text(call).lower()         # the sample's "who killed the security forces?"
    narrowed = await served.command("/disputed", "nothing-like-this", name="narrowed")
    assert narrowed.status_code == 200
    calls = await served.fake.wait_for("response_url", 2)
    assert "Nothing disputed about" in reply_text(calls[1])


async def test_a_command_without_text_explains_its_usage(served):
    call = await ask(served, "/fact", "")
    assert "Usage: `/fact <question>`" in call.params["text"]


async def test_newsbot_help_lists_every_command(served):
    call = await ask(served, "/newsbot", "help")
    for name in ("/fact", "/whosays", "/said", "/disputed", "/sources", "/newsbot ingest", "digest here"):
        assert name in reply_text(call)


async def test_newsbot_unknown_subcommand_says_so(served):
    call = await ask(served, "/newsbot", "frobnicate <!here>")
    assert "I don't know `frobnicate`" in call.params["text"]
    assert "<!here>" not in reply_text(call)


async def test_newsbot_articles_lists_only_this_workspace(served, indexed):
    call = await ask(served, "/newsbot", "articles")
    assert "1 article indexed" in reply_text(call)
    other = await served.command("/newsbot", "articles", team="T2", name="other")
    assert other.status_code == 200
    calls = await served.fake.wait_for("response_url", 2)
    assert "No articles indexed" in calls[1].params["text"]


async def test_newsbot_ingest_url_fetches_and_indexes_the_page(served, engine, sample_text):
    title, *paragraphs = sample_text.strip().split("\n\n")
    served.fake.pages["story.html"] = (
        f"<html><head><title>{title}</title></head><body><nav>Home | World</nav><article><h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article><footer>Cookies</footer></body></html>")
    url = f"{served.fake.url}/pages/story.html"
    response = await served.command("/newsbot", f"ingest <{url}>")
    assert response.status_code == 200
    assert "Fetching" in response.text                  # the immediate acknowledgement
    [call] = await served.fake.wait_for("response_url", timeout=60)
    assert call.params["text"].startswith("Indexed \u2018"), call.params["text"]
    with open_session(engine) as session:
        [article] = session.exec(select(Article)).all()
    assert (article.team_id, article.url) == (TEAM, url)


async def test_newsbot_ingest_refuses_links_to_private_addresses(engine, fake, nlp):
    """By default a pasted link cannot make the server fetch its own network (here: a page on loopback)."""
    fake.pages["story.html"] = "<html><body><article><p>The minister said the army had left.</p></article></body>"
    served = await serve_app(engine, fake, nlp, fetch_private_urls=False)
    try:
        await served.command("/newsbot", f"ingest {fake.url}/pages/story.html")
        [call] = await fake.wait_for("response_url")
    finally:
        await served.close()
        await served.task
    assert "Could not index" in call.params["text"] and "private or local address" in call.params["text"]
    with open_session(engine) as session:
        assert session.exec(select(Article)).all() == []


async def test_newsbot_ingest_of_a_missing_page_is_a_friendly_error(served, engine):
    await served.command("/newsbot", f"ingest {served.fake.url}/pages/nothing.html")
    [call] = await served.fake.wait_for("response_url")
    assert "Could not index" in call.params["text"] and "HTTP 404" in call.params["text"]
    assert "Traceback" not in call.params["text"]
    with open_session(engine) as session:
        assert session.exec(select(Article)).all() == []


async def test_newsbot_digest_here_and_off(served, engine):
    call = await ask(served, "/newsbot", "digest here 08:00 Europe/London", channel="C7")
    assert "08:00 Europe/London" in call.params["text"]
    await served.command("/newsbot", "digest off", channel="C7", name="off")
    calls = await served.fake.wait_for("response_url", 2)
    assert "now off" in calls[1].params["text"]
    with open_session(engine) as session:
        [setting] = session.exec(select(DigestSetting)).all()
    assert (setting.team_id, setting.channel_id, setting.local_time, setting.tz, setting.enabled) == (
        TEAM, "C7", "08:00", "Europe/London", False)


async def test_newsbot_digest_with_a_bad_zone_changes_nothing(served, engine):
    call = await ask(served, "/newsbot", "digest here 08:00 Mars/Olympus")
    assert "not a time zone" in call.params["text"]
    with open_session(engine) as session:
        assert session.exec(select(DigestSetting)).all() == []


async def test_an_internal_error_is_a_short_apology_not_a_traceback(served, indexed, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database exploded xoxb-999-leaked-token")

    monkeypatch.setattr("bot.slack_service.answer_question", broken)
    call = await ask(served, "/fact", "who says residents requested the army?")
    assert call.params["text"].startswith("Sorry, something went wrong while answering /fact")
    posted = served.fake.posted_text()
    assert "exploded" not in posted and "Traceback" not in posted and "xoxb-999" not in posted
    assert "failed while answering /fact" in caplog.text          # logged with its context for the operators


@pytest.mark.parametrize("link", ["http://localhost:9/page", "http://[::1]:9/page", "http://10.0.0.8/admin",
                                  "http://169.254.169.254/latest/meta-data/"])
async def test_links_to_private_addresses_are_refused_before_connecting(link):
    with pytest.raises(BadArticle, match="private or local address"):
        await download(link)
