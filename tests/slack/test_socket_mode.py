"""Socket Mode against the fake Slack's websocket: apps.connections.open gives the socket URL, an event envelope
is acknowledged by its envelope id and answered through the Web API, and a redelivered envelope is answered once."""

from __future__ import annotations

import asyncio
import os
import sys
import time

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bot.app import build_app
from tests.slack.conftest import TEAM, TOKEN, slack_settings


def envelope(envelope_id: str, event_id: str, retry: int = 0) -> dict:
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> who says residents requested the army?",
             "channel": "C1", "ts": "1700000000.000100"}
    return {"envelope_id": envelope_id, "type": "events_api", "accepts_response_payload": False,
            "retry_attempt": retry, "retry_reason": "timeout" if retry else "",
            "payload": {"token": "legacy", "team_id": TEAM, "api_app_id": "A1", "type": "event_callback",
                        "event_id": event_id, "event_time": int(time.time()), "event": event,
                        "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}]}}


async def test_socket_mode_event_is_acked_and_answered_once(engine, fake, nlp, indexed):
    settings = slack_settings(engine, fake, slack_app_token="xapp-1-A1-test", slack_signing_secret=None)
    handler = AsyncSocketModeHandler(build_app(settings, engine, nlp=lambda: nlp), settings.slack_app_token)
    await handler.connect_async()
    try:
        await fake.wait_connected()
        await fake.push(envelope("env-1", "EvSock"))
        await fake.push(envelope("env-2", "EvSock", retry=1))
        [post] = await fake.wait_for("chat.postMessage")
        assert post.params["thread_ts"] == "1700000000.000100"
        assert "residents" in str(post.params).lower()
        for _ in range(100):
            if {"env-1", "env-2"} <= {a.get("envelope_id") for a in fake.acks}:
                break
            await asyncio.sleep(0.05)
        assert {"env-1", "env-2"} <= {a.get("envelope_id") for a in fake.acks}
        await asyncio.sleep(0.5)
        assert len(fake.called("chat.postMessage")) == 1
        assert fake.called("apps.connections.open")[0].token == "xapp-1-A1-test"
    finally:
        await handler.close_async()


async def test_newsbot_serve_picks_socket_mode_when_an_app_token_is_set(fake, tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'socket.db'}", "SLACK_BOT_TOKEN": TOKEN,
           "SLACK_APP_TOKEN": "xapp-1-A1-serve", "SLACK_SIGNING_SECRET": "", "SLACK_API_URL": fake.api_url,
           "SLACK_CLIENT_ID": "", "SLACK_CLIENT_SECRET": ""}
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", "from bot.cli import app; app()", "serve",
                                                   env=env, stdout=asyncio.subprocess.PIPE,
                                                   stderr=asyncio.subprocess.STDOUT)
    try:
        await fake.wait_connected(timeout=60)
        [opened] = fake.called("apps.connections.open")
        assert opened.token == "xapp-1-A1-serve"
    finally:
        process.terminate()
        output = (await process.communicate())[0].decode()
    assert "Socket Mode" in output
    assert TOKEN not in output and "xapp-1-A1-serve" not in output
