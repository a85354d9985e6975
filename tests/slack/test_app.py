"""The HTTP app itself: health check, Slack's URL verification, signature and timestamp checks, rate limits, logs
without secrets, and a clear error when Slack is not configured."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import replace

import pytest
from sqlmodel import select

from bot.app import RedactSecrets, SlackConfigError, build_app, web_client
from store.db import open_session
from store.models import SlackEvent
from tests.slack.conftest import SECRET, TOKEN, slack_settings


async def test_healthz(served):
    response = await served.http.get("/healthz")
    assert (response.status_code, response.text) == (200, "ok")


async def test_url_verification_echoes_the_challenge(served):
    body = json.dumps({"token": "legacy", "challenge": "c-123", "type": "url_verification"})
    response = await served.post_signed(body, "application/json")
    assert response.status_code == 200
    assert "c-123" in response.text


async def test_bad_signature_is_401_and_changes_nothing(served, engine):
    response = await served.event({"type": "app_mention", "text": "<@UBOT> hi", "channel": "C1", "ts": "1.1",
                                   "user": "U1"}, secret="not-the-secret", event_id="EvBad")
    assert response.status_code == 401
    missing = await served.http.post("/slack/events", content=b"{}", headers={"Content-Type": "application/json"})
    assert missing.status_code == 401
    with open_session(engine) as session:
        assert session.exec(select(SlackEvent)).all() == []
    assert served.fake.called("chat.postMessage") == []


async def test_replayed_old_timestamp_is_401(served, engine):
    response = await served.event({"type": "app_mention", "text": "<@UBOT> hi", "channel": "C1", "ts": "1.1",
                                   "user": "U1"}, timestamp=int(time.time()) - 6 * 60, event_id="EvOld")
    assert response.status_code == 401
    with open_session(engine) as session:
        assert session.exec(select(SlackEvent)).all() == []


async def test_unknown_path_is_404(served):
    assert (await served.http.get("/nowhere")).status_code == 404


async def test_web_api_429_is_retried_after_retry_after(engine, fake):
    fake.rate_limited["chat.postMessage"] = 1
    client = web_client(slack_settings(engine, fake), TOKEN)
    started = time.monotonic()
    response = await client.chat_postMessage(channel="C1", text="hello")
    assert response["ok"]
    assert time.monotonic() - started >= 0.9          # waited out Retry-After: 1
    assert [c.method for c in fake.calls] == ["chat.postMessage:429", "chat.postMessage"]


def test_no_token_and_no_oauth_is_a_clear_error(engine, fake):
    with pytest.raises(SlackConfigError, match="SLACK_BOT_TOKEN"):
        build_app(slack_settings(engine, fake, slack_bot_token=None), engine)
    with pytest.raises(SlackConfigError, match="SLACK_SIGNING_SECRET"):
        build_app(slack_settings(engine, fake, slack_signing_secret=None), engine)


def test_logs_never_show_tokens_or_the_signing_secret(caplog):
    redact = RedactSecrets([SECRET])
    logger = logging.getLogger("newsbot.test")
    caplog.handler.addFilter(redact)
    with caplog.at_level(logging.INFO):
        logger.info("token %s and secret %s", TOKEN, SECRET)
        try:
            raise RuntimeError(f"bad xapp-1-A111-222-abc and {SECRET}")
        except RuntimeError:
            logger.exception("failed")
    text = caplog.text
    assert TOKEN not in text and SECRET not in text and "xapp-1-A111" not in text
    assert "xoxb-***" in text and "xapp-***" in text


def test_settings_with_oauth_build_an_oauth_app(engine, fake):
    settings = replace(slack_settings(engine, fake), slack_bot_token=None, slack_client_id="111.222",
                       slack_client_secret="client-secret-xyz")
    app = build_app(settings, engine)
    assert app.oauth_flow is not None
    assert app.oauth_flow.install_path == "/slack/install"
