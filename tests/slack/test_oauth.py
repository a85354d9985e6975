"""Multi-workspace OAuth over HTTP: /slack/install → Slack → /slack/oauth_redirect stores the installation in the
app's database; two installed workspaces then each see only their own articles, answered with their own token.
Uninstalling (or revoking the bot token) deletes that workspace's stored token and stops its digests."""

from __future__ import annotations

import base64
import json
import re

import pytest
from sqlalchemy import text

from bot.digest import set_digest
from store.db import open_session
from store.disputes import digest_settings
from store.ingest import save_article
from tests.slack.conftest import eventually, serve_app

CLIENT = {"slack_bot_token": None, "slack_client_id": "111.222", "slack_client_secret": "client-secret-xyz"}


def installation(team: str) -> dict:
    return {"access_token": f"xoxb-{team}-oauth-token", "token_type": "bot", "scope": "commands,chat:write",
            "bot_user_id": "UBOT", "app_id": "A1", "team": {"id": team, "name": f"Team {team}"},
            "enterprise": None, "is_enterprise_install": False, "authed_user": {"id": "U1"}}


def installed_teams(engine, table: str) -> list[str]:
    with engine.connect() as connection:
        return connection.execute(text(f"SELECT team_id FROM {table} ORDER BY team_id")).scalars().all()


async def install(served, team: str) -> None:
    served.fake.installs[f"code-{team}"] = installation(team)
    page = await served.http.get("/slack/install")
    assert page.status_code == 200
    state = re.search(r"state=([\w-]+)", page.text).group(1)
    assert f"slack-app-oauth-state={state}" in page.headers["set-cookie"]
    # the cookie is Secure (https only): sent by hand, as a browser on the https deployment would
    done = await served.http.get("/slack/oauth_redirect", params={"code": f"code-{team}", "state": state},
                                 headers={"Cookie": f"slack-app-oauth-state={state}"})
    assert done.status_code == 200, done.text


@pytest.fixture
async def oauth_served(engine, fake, nlp):
    app = await serve_app(engine, fake, nlp, **CLIENT)
    yield app
    await app.close()
    await app.task


async def test_install_round_trip_stores_the_installation(oauth_served, engine):
    await install(oauth_served, "T1")
    [access] = oauth_served.fake.called("oauth.v2.access")
    assert access.params["code"] == "code-T1"
    assert access.token == "Basic " + base64.b64encode(b"111.222:client-secret-xyz").decode()
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT team_id, bot_token FROM slack_installations")).all()
    assert [tuple(r) for r in rows] == [("T1", "xoxb-T1-oauth-token")]


async def test_redirect_with_a_forged_state_installs_nothing(oauth_served, engine):
    oauth_served.fake.installs["code-T1"] = installation("T1")
    done = await oauth_served.http.get("/slack/oauth_redirect", params={"code": "code-T1", "state": "forged"})
    assert done.status_code == 400
    assert oauth_served.fake.called("oauth.v2.access") == []
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM slack_installations")).scalar() == 0


async def test_two_workspaces_never_see_each_others_articles(oauth_served, engine, sample_facts):
    await install(oauth_served, "T1")
    await install(oauth_served, "T2")
    with open_session(engine) as session:
        save_article(session, sample_facts, "T1")
    question = "<@UBOT> who says residents requested the army?"
    for team, event_id in (("T1", "Ev-T1"), ("T2", "Ev-T2")):
        await oauth_served.event({"type": "app_mention", "user": "U1", "text": question, "channel": f"C-{team}",
                                  "ts": "1.1"}, team=team, event_id=event_id)
    posts = {c.params["channel"]: c for c in await oauth_served.fake.wait_for("chat.postMessage", 2)}
    answered, other = json.dumps(posts["C-T1"].params), json.dumps(posts["C-T2"].params)
    assert posts["C-T1"].token == "xoxb-T1-oauth-token" and posts["C-T2"].token == "xoxb-T2-oauth-token"
    assert "residents" in answered.lower()
    assert "Jisr" in answered and "show_context" in answered
    assert "Jisr" not in other and "show_context" not in other      # no claim of T1's article reaches T2
    await oauth_served.command("/newsbot", "articles", team="T2", name="articles")
    [listing] = await oauth_served.fake.wait_for("response_url")
    assert "No articles indexed" in listing.params["text"]


async def test_a_workspace_token_is_checked_once_not_on_every_request(oauth_served):
    await install(oauth_served, "T1")
    checks = len(oauth_served.fake.called("auth.test"))
    for n in range(3):
        await oauth_served.command("/newsbot", "help", team="T1", name=f"help{n}")
    await oauth_served.fake.wait_for("response_url", 3)
    assert len(oauth_served.fake.called("auth.test")) == checks + 1


async def test_uninstalling_deletes_the_workspace_token_and_stops_its_digests(oauth_served, engine):
    await install(oauth_served, "T1")
    await install(oauth_served, "T2")
    with open_session(engine) as session:
        for team in ("T1", "T2"):
            set_digest(session, team, "C1", "08:00", "Europe/London")
    response = await oauth_served.event({"type": "app_uninstalled"}, team="T1", event_id="Ev-gone")
    assert response.status_code == 200

    def digests() -> list[tuple[str, bool]]:
        with open_session(engine) as session:
            return [(s.team_id, s.enabled) for s in digest_settings(session)]
    await eventually(lambda: digests() == [("T1", False), ("T2", True)])
    assert installed_teams(engine, "slack_installations") == ["T2"]
    assert installed_teams(engine, "slack_bots") == ["T2"]


async def test_revoked_bot_tokens_are_deleted(oauth_served, engine):
    await install(oauth_served, "T1")
    response = await oauth_served.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}},
                                        team="T1", event_id="Ev-revoked")
    assert response.status_code == 200
    await eventually(lambda: installed_teams(engine, "slack_bots") == [])
    assert installed_teams(engine, "slack_installations") == ["T1"]     # a user token would be listed under oauth
