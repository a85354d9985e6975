"""The message shortcut "Index this article": the message's .txt/.html file, its link, or its own text."""

from __future__ import annotations

from bot.errors import BadArticle
from bot.slack_service import INDEX_SHORTCUT, article_source, escape

from handlers.common import team_of


def register(app, service) -> None:
    @app.message_shortcut(INDEX_SHORTCUT)
    async def index_article(ack, body, shortcut, client, context):
        await ack()
        team, user, channel = team_of(context, body), body["user"]["id"], body["channel"]["id"]
        try:
            source = article_source(shortcut.get("message") or {})
        except BadArticle as error:
            await client.chat_postEphemeral(channel=channel, user=user, text=f"Nothing indexed: {escape(str(error))}")
            return
        await client.chat_postEphemeral(channel=channel, user=user, text=f"Indexing {escape(source.label)}\u2026")
        if source.kind == "file":
            reply = await service.ingest_file(team, source.label, source.url, context.bot_token)
        elif source.kind == "url":
            reply = await service.ingest_url(team, source.url)
        else:
            reply = await service.ingest_text(team, source.text, source.label)
        await client.chat_postEphemeral(channel=channel, user=user, text=reply.text, blocks=reply.blocks)
