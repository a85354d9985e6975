"""Buttons: "Show context" (the paragraph, to the clicker only), "Wrong attribution?" (the correction modal),
"Share in channel" (a command's private reply, posted for everyone) and the digest's article buttons."""

from __future__ import annotations

import json
import re
from functools import partial

from bot.render.blocks import SHOW_CONTEXT, WRONG_ATTRIBUTION
from bot.render.digest_blocks import OPEN_ARTICLE_ACTION
from bot.slack_service import (
    MISSING_CLAIM,
    SHARE_ACTION,
    article_reply,
    command_reply,
    context_reply,
    correction_view,
    escape,
    section,
    text_reply,
)

from handlers.common import team_of


def register(app, service) -> None:
    @app.action(SHOW_CONTEXT)
    async def show_context(ack, body, action, client, context):
        await ack()
        reply = await service.reply("showing the context", context_reply, team_of(context, body),
                                    _claim_id(action))
        await _ephemeral(client, body, reply)

    @app.action(WRONG_ATTRIBUTION)
    async def wrong_attribution(ack, body, action, client, context):
        await ack()
        channel = (body.get("channel") or {}).get("id")
        view = await service.run(correction_view, team_of(context, body), _claim_id(action), channel)
        if view is None:
            await _ephemeral(client, body, text_reply(MISSING_CLAIM))
            return
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    @app.action(SHARE_ACTION)
    async def share(ack, body, action, client, respond, context):
        await ack()
        asked = json.loads(action["value"])
        reply = await service.reply("sharing a reply", partial(command_reply, shareable=False),
                                    team_of(context, body), asked["command"], asked["text"])
        shared = f"<@{body['user']['id']}> asked `{asked['command']} {_code(asked['text'])}`"
        await client.chat_postMessage(channel=body["channel"]["id"], text=reply.text,
                                      blocks=[section(shared), *(reply.blocks or [])][:50],
                                      unfurl_links=False, unfurl_media=False)
        await respond(delete_original=True)

    @app.action(re.compile("^" + re.escape(OPEN_ARTICLE_ACTION)))
    async def open_article(ack, body, action, client, context):
        await ack()
        if action.get("url"):
            return                      # the button opened the article's page in the browser
        reply = await service.reply("showing an article", article_reply, team_of(context, body),
                                    int(action["value"]))
        await _ephemeral(client, body, reply)


def _claim_id(action: dict) -> int:
    return int(action["value"])


def _code(text: str) -> str:
    """User text inside a `code` span: escaped, no backticks to break out of it."""
    return escape(text.replace("`", "'"))


async def _ephemeral(client, body: dict, reply) -> None:
    """A message only the clicker sees, in the conversation (and thread) where they clicked."""
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    if channel is None:
        return
    thread = (body.get("message") or {}).get("thread_ts") or (body.get("container") or {}).get("thread_ts")
    await client.chat_postEphemeral(channel=channel, user=body["user"]["id"], text=reply.text, blocks=reply.blocks,
                                    thread_ts=thread)
