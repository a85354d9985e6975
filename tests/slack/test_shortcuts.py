"""The message shortcut "Index this article" over HTTP: on pasted text, on a link, on an attached file; an article
holding `<!channel>` is indexed and quoted back as text that pings no one."""

from __future__ import annotations

import json

from sqlmodel import select

from store.db import open_session
from store.models import Article
from tests.slack.conftest import TEAM

PINGING_ARTICLE = """Town hall meeting ends in uproar

"Tell <!channel> and <@U123> the budget will be cut, see <https://evil.example|click here>," the mayor said.

Opposition councillors said the cuts would close three libraries, according to a statement released on Monday.
"""


def shortcut(message: dict, *, team: str = TEAM) -> dict:
    return {"type": "message_action", "callback_id": "index_article", "trigger_id": "t.4",
            "team": {"id": team, "domain": team.lower()}, "user": {"id": "U1", "team_id": team},
            "channel": {"id": "C1", "name": "news"}, "message_ts": "1.1", "token": "legacy",
            "response_url": "", "message": {"type": "message", "user": "U2", "ts": "1.1", **message}}


async def index(served, message: dict) -> str:
    response = await served.interaction(shortcut(message))
    assert response.status_code == 200
    calls = await served.fake.wait_for("chat.postEphemeral", 2, timeout=60)
    assert calls[0].params["text"].startswith("Indexing")
    return calls[1].params["text"]


async def test_index_pasted_text(served, engine, sample_text):
    text = sample_text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")   # as Slack sends it
    result = await index(served, {"text": text})
    assert result.startswith("Indexed \u2018"), result
    with open_session(engine) as session:
        [article] = session.exec(select(Article)).all()
    assert article.team_id == TEAM and article.raw_text.strip() == sample_text.strip()


async def test_index_a_link(served, engine, sample_text):
    paragraphs = sample_text.strip().split("\n\n")
    served.fake.pages["a.html"] = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + \
        "</article></body></html>"
    result = await index(served, {"text": f"<{served.fake.url}/pages/a.html>"})
    assert result.startswith("Indexed \u2018"), result


async def test_index_an_attached_file(served, engine, sample_text):
    served.fake.files["F2"] = ("story.txt", sample_text.encode("utf-8"))
    result = await index(served, {"text": "", "files": [
        {"id": "F2", "name": "story.txt", "url_private_download": f"{served.fake.url}/files/F2"}]})
    assert result.startswith("Indexed \u2018"), result


async def test_an_unsupported_file_is_refused(served, engine):
    await served.interaction(shortcut({"text": "", "files": [{"id": "F3", "name": "photo.png"}]}))
    [call] = await served.fake.wait_for("chat.postEphemeral")
    assert "only .txt and .html files" in call.params["text"]
    with open_session(engine) as session:
        assert session.exec(select(Article)).all() == []


async def test_article_pinging_channel_is_quoted_as_text(served, engine):
    text = PINGING_ARTICLE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert (await index(served, {"text": text})).startswith("Indexed")
    await served.command("/whosays", "the budget will be cut", name="fact")
    [answer] = await served.fake.wait_for("response_url")
    posted = served.fake.posted_text()
    assert "budget" in json.dumps(answer.params).lower()
    for ping in ("<!channel>", "<@U123>", "<https://evil"):
        assert ping not in posted
    assert "&lt;!channel&gt;" in posted
