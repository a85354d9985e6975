"""Modal submissions: the "Wrong attribution?" correction is stored (answers and disputes use it from then on)."""

from __future__ import annotations

import json

from bot.slack_service import CORRECTION_CALLBACK, correction_reply

from handlers.common import team_of
from handlers.events import publish_home


def register(app, service) -> None:
    @app.view(CORRECTION_CALLBACK)
    async def correction(ack, body, view, client, context):
        await ack()
        meta = json.loads(view.get("private_metadata") or "{}")
        values = view["state"]["values"]
        source = values.get("source", {}).get("source_text", {}).get("value")
        note = values.get("note", {}).get("note_text", {}).get("value")
        team, user = team_of(context, body), body["user"]["id"]
        reply = await service.reply("saving a correction", correction_reply, team, int(meta["claim_id"]), source,
                                    note, user)
        if meta.get("channel_id"):
            await client.chat_postEphemeral(channel=meta["channel_id"], user=user, text=reply.text)
        await publish_home(service, client, team, user)
