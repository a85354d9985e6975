"""Slash commands: /fact, /whosays, /said, /disputed, /sources answer the asker only (with a Share button);
/newsbot help|articles|ingest <url>|digest here HH:MM Zone|digest off manages the workspace."""

from __future__ import annotations

import re

from bot.slack_service import (
    COMMANDS,
    articles_reply,
    command_reply,
    digest_reply,
    escape,
    help_reply,
    ingest_url_arg,
    text_reply,
)

from handlers.common import team_of

QUESTION_COMMANDS = re.compile("^(" + "|".join(re.escape(c) for c in COMMANDS) + ")$")


def register(app, service) -> None:
    @app.command(QUESTION_COMMANDS)
    async def question(ack, body, command, respond, context):
        await ack()
        reply = await service.reply(f"answering {command['command']}", command_reply, team_of(context, body),
                                    command["command"], command.get("text") or "")
        await respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral")

    @app.command("/newsbot")
    async def newsbot(ack, body, command, respond, context):
        words = (command.get("text") or "").split()
        sub = words[0].lower() if words else "help"
        team = team_of(context, body)
        if sub == "ingest":
            url = ingest_url_arg(" ".join(words[1:]))
            if url is None:
                await ack(text="Usage: `/newsbot ingest <url>`, e.g. `/newsbot ingest https://example.com/story`")
                return
            await ack(text=f"Fetching {escape(url)}\u2026 I will tell you when it is indexed.")
            reply = await service.ingest_url(team, url)
        else:
            await ack()
            if sub == "articles":
                reply = await service.reply("listing articles", articles_reply, team)
            elif sub == "digest":
                reply = await service.reply("changing the digest", digest_reply, team, command["channel_id"],
                                            words[1:])
            elif sub == "help":
                reply = help_reply()
            else:
                reply = text_reply(f"I don't know `{escape(sub)}`. {help_reply().text}")
        await respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral")
