"""The HTTP app itself: health check, Slack's URL verification, signature and timestamp checks, rate limits, logs
without secrets, and a clear error when Slack is not configured."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime, timezone

import httpx
import pytest
from slack_sdk.oauth.installation_store import Installation
from sqlmodel import select

from bot.app import RedactSecrets, SlackConfigError, build_app, digest_poster, web_client
from bot.digest import set_digest
from bot.scheduler import DigestScheduler
from store.db import open_session
from store.models import SlackEvent
from store.slack import InstallationStore
from tests.slack.conftest import SECRET, TEAM, TOKEN, slack_settings


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


async def test_the_daily_digest_is_posted_through_the_web_api_once(engine, fake, indexed):
    settings = slack_settings(engine, fake)
    scheduler = DigestScheduler(engine, digest_poster(build_app(settings, engine), settings, engine))
    with open_session(engine) as session:
        set_digest(session, TEAM, "C5", "08:00", "Europe/London", now=datetime(2026, 1, 1, tzinfo=timezone.utc))
    morning = datetime(2026, 1, 2, 8, 30, tzinfo=timezone.utc)
    assert await scheduler.tick(now=morning) == ["C5"]
    assert await scheduler.tick(now=morning) == []
    [post] = fake.called("chat.postMessage")
    assert (post.params["channel"], post.token) == ("C5", TOKEN)
    assert post.params["blocks"][0]["type"] == "header" and "security" in json.dumps(post.params).lower()
    assert fake.errors == []


async def test_under_oauth_the_digest_uses_the_installed_workspaces_token(engine, fake):
    settings = replace(slack_settings(engine, fake), slack_bot_token=None, slack_client_id="111.222",
                       slack_client_secret="client-secret-xyz")
    fake.tokens["xoxb-T2-installed"] = "T2"
    await InstallationStore("111.222", engine).async_save(Installation(
        app_id="A1", team_id="T2", bot_token="xoxb-T2-installed", bot_id="B2", bot_user_id="UBOT", user_id="U1"))
    post = digest_poster(build_app(settings, engine), settings, engine)
    assert await post("T2", "C8", "digest", [{"type": "divider"}]) is not None
    [call] = fake.called("chat.postMessage")
    assert (call.params["channel"], call.token) == ("C8", "xoxb-T2-installed")
    with pytest.raises(SlackConfigError, match="no installation"):
        await post("T3", "C9", "digest", [{"type": "divider"}])


def test_newsbot_serve_runs_http_mode_until_stopped(engine, fake, tmp_path):
    """The real command in its own process: migrates, serves /healthz and signed requests, stops on SIGTERM."""
    database = f"sqlite:///{tmp_path / 'serve.db'}"
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database, "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET,
           "SLACK_API_URL": fake.api_url, "PORT": str(port), "SLACK_APP_TOKEN": "", "SLACK_CLIENT_ID": "",
           "SLACK_CLIENT_SECRET": ""}
    process = subprocess.Popen([sys.executable, "-c", "from bot.cli import app; app()", "serve"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").text == "ok":
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        body = json.dumps({"type": "url_verification", "challenge": "from-slack", "token": "legacy"})
        stamp = str(int(time.time()))
        signature = "v0=" + hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
        response = httpx.post(f"http://127.0.0.1:{port}/slack/events", content=body, headers={
            "Content-Type": "application/json", "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature})
        assert "from-slack" in response.text
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert process.returncode in (0, -signal.SIGTERM), output      # uvicorn re-raises SIGTERM after a clean shutdown
    assert "Traceback" not in output
    assert f"listening on port {port}" in output
    assert TOKEN not in output and SECRET not in output


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
