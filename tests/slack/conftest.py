"""The Slack app under test: served by a real uvicorn server on a loopback port, talking to the fake Slack Web API,
with a migrated database (SQLite and PostgreSQL, from the shared `engine` fixture); requests are signed as Slack
signs them."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlencode

import httpx
import pytest
import uvicorn

from bot.app import HttpApp, build_app
from bot.settings import Settings
from store.db import open_session
from store.ingest import save_article
from tests.slack.fake_slack import FakeSlack

SECRET = "test-signing-secret-0123456789"
TEAM = "T1"
OTHER_TEAM = "T2"
TOKEN = "xoxb-111-test-token-T1"


@pytest.fixture
async def fake():
    slack = await FakeSlack(tokens={TOKEN: TEAM}).start()
    yield slack
    await slack.stop()


def slack_settings(engine, fake: FakeSlack, **changes) -> Settings:
    base = Settings(database_url=engine.url.render_as_string(hide_password=False), spacy_model="unused",
                    log_level="WARNING", slack_bot_token=TOKEN, slack_app_token=None, slack_signing_secret=SECRET,
                    slack_client_id=None, slack_client_secret=None, slack_api_url=fake.api_url, port=0,
                    fetch_private_urls=True)    # the fake Slack and its pages live on loopback
    return replace(base, **changes)


class Served:
    """The app on a real uvicorn server; `post_*` send signed requests like Slack does."""

    def __init__(self, server: uvicorn.Server, port: int, fake: FakeSlack, engine):
        self.server, self.port, self.fake, self.engine = server, port, fake, engine
        self.http = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30)

    async def post_signed(self, body: str, content_type: str, *, timestamp: int | None = None,
                          secret: str = SECRET, headers: dict | None = None) -> httpx.Response:
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        signature = "v0=" + hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
        return await self.http.post("/slack/events", content=body.encode(), headers={
            "Content-Type": content_type, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature,
            **(headers or {})})

    async def event(self, event: dict, *, team: str = TEAM, event_id: str = "Ev1", **kw) -> httpx.Response:
        body = {"token": "legacy", "team_id": team, "api_app_id": "A1", "type": "event_callback",
                "event_id": event_id, "event_time": int(time.time()), "event": event,
                "authorizations": [{"team_id": team, "user_id": "UBOT", "is_bot": True}]}
        return await self.post_signed(json.dumps(body), "application/json", **kw)

    async def command(self, command: str, text: str, *, team: str = TEAM, channel: str = "C1",
                      user: str = "U1", name: str = "cmd") -> httpx.Response:
        form = {"token": "legacy", "team_id": team, "team_domain": team.lower(), "channel_id": channel,
                "channel_name": "news", "user_id": user, "user_name": "editor", "command": command, "text": text,
                "api_app_id": "A1", "response_url": self.fake.response_url_for(name), "trigger_id": "trig.1"}
        return await self.post_signed(urlencode(form), "application/x-www-form-urlencoded")

    async def interaction(self, payload: dict, **kw) -> httpx.Response:
        return await self.post_signed(urlencode({"payload": json.dumps(payload)}),
                                      "application/x-www-form-urlencoded", **kw)

    async def close(self) -> None:
        await self.http.aclose()
        self.server.should_exit = True


async def eventually(check: Callable[[], object], timeout: float = 20.0) -> None:
    """Wait until `check()` holds: for listeners whose only effect is in the database, done after the ack."""
    async def holds():
        while not check():
            await asyncio.sleep(0.02)
    try:
        await asyncio.wait_for(holds(), timeout)
    except TimeoutError:
        raise AssertionError(f"still false after {timeout}s: {check.__doc__ or check}") from None


async def serve_app(engine, fake: FakeSlack, nlp=None, **changes) -> Served:
    """build_app + HttpApp under uvicorn on 127.0.0.1 (a free port), started in this event loop."""
    app = build_app(slack_settings(engine, fake, **changes), engine, nlp=(lambda: nlp) if nlp else None)
    server = uvicorn.Server(uvicorn.Config(HttpApp(app), host="127.0.0.1", port=0, log_level="warning",
                                           lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    served = Served(server, port, fake, engine)
    served.task = task
    return served


@pytest.fixture
async def served(engine, fake, nlp):
    app = await serve_app(engine, fake, nlp)
    yield app
    await app.close()
    await app.task


@pytest.fixture
def indexed(engine, sample_facts):
    """The sample article indexed in workspace T1 only."""
    with open_session(engine) as session:
        article, _ = save_article(session, sample_facts, TEAM)
        return article.id
