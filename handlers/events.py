"""Events: a mention is answered in a thread, a direct message in the DM, a .txt/.html file shared in a DM is
indexed, and App Home is published when opened. Each event is answered once, even when Slack retries it.
Uninstalling newsbot deletes the workspace's stored tokens (OAuth) and stops its digests; revoked tokens are
deleted too."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.slack_service import answer_reply, escape, home_view, slack_to_plain, workspace_removed

from handlers.common import team_of

log = logging.getLogger(__name__)


def register(app, service) -> None:
    @app.event("app_mention")
    async def mention(body, event, client, context):
        team = team_of(context, body)
        if not await service.first_time(team, body.get("event_id")):
            return
        reply = await service.reply("answering a mention", answer_reply, team, slack_to_plain(event.get("text", "")))
        await client.chat_postMessage(channel=event["channel"], thread_ts=event.get("thread_ts") or event["ts"],
                                      text=reply.text, blocks=reply.blocks, unfurl_links=False, unfurl_media=False)

    @app.event("message")
    async def direct_message(body, event, client, context):
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return                      # edits, joins, file shares (see file_shared) and bots get no answer
        team = team_of(context, body)
        if not await service.first_time(team, body.get("event_id")):
            return
        reply = await service.reply("answering a direct message", answer_reply, team,
                                    slack_to_plain(event.get("text", "")))
        await client.chat_postMessage(channel=event["channel"], text=reply.text, blocks=reply.blocks,
                                      unfurl_links=False, unfurl_media=False)

    @app.event("file_shared")
    async def file_shared(body, event, client, context):
        channel = event.get("channel_id") or ""
        if not channel.startswith("D") or event.get("user_id") == context.bot_user_id:
            return                      # only files shared with the bot in a DM are indexed
        team = team_of(context, body)
        if not await service.first_time(team, body.get("event_id")):
            return
        try:
            info = (await client.files_info(file=event["file_id"]))["file"]
        except SlackApiError as error:
            log.warning("files.info %s failed in team %s: %s", event["file_id"], team, error.response.get("error"))
            await client.chat_postMessage(channel=channel, text="Sorry, I could not read that file from Slack.")
            return
        name = info.get("name") or info.get("title") or event["file_id"]
        await client.chat_postMessage(channel=channel, text=f"Indexing {escape(name)}\u2026")
        reply = await service.ingest_file(team, name, info.get("url_private_download") or info.get("url_private"),
                                          context.bot_token)
        await client.chat_postMessage(channel=channel, text=reply.text, blocks=reply.blocks)

    @app.event("app_home_opened")
    async def home_opened(body, event, client, context):
        if event.get("tab") != "home":
            return
        await publish_home(service, client, team_of(context, body), event["user"])

    @app.event("app_uninstalled")
    async def uninstalled(body, context):
        team = team_of(context, body)
        if app.installation_store is not None:      # OAuth: bolt's own listener deletes the stored tokens
            await app.default_app_uninstalled_event_listener()(context)
        stopped = await service.run(workspace_removed, team)
        log.warning("newsbot was uninstalled from team %s; %d digest(s) stopped", team, stopped)

    @app.event("tokens_revoked")
    async def tokens_revoked(event, context):
        if app.installation_store is not None:
            await app.default_tokens_revoked_event_listener()(event, context)


async def publish_home(service, client, team: str, user: str) -> None:
    """App Home for one user: articles, disputes, digest settings and corrections of the workspace."""
    view = await service.run(home_view, team)
    await client.views_publish(user_id=user, view=view)

