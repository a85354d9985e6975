"""An Answer as plain JSON-ready data: `newsbot ask --json`, `newsbot ask -` (one object per line) and tests."""

from __future__ import annotations

from dataclasses import asdict, fields

from bot.answer import Answer, Group, Item


def item_dict(item: Item) -> dict:
    data = asdict(item)
    data["speaker"] = item.speaker
    data["source_as_written"] = item.written_differently
    data["verb"] = item.verb
    data["near_miss_label"] = item.near_miss_label
    return data


def _group_dict(group: Group) -> dict:
    return {"title": group.title, "entity_id": group.entity_id, "description": group.description,
            "count": group.count, "items": [item_dict(i) for i in group.items]}


def to_dict(answer: Answer) -> dict:
    intent = {"kind": answer.intent.kind, **{f.name: getattr(answer.intent, f.name) for f in fields(answer.intent)}}
    return {
        "question": answer.question,
        "intent": intent,
        "status": answer.status,
        "message": answer.message,
        "scope": answer.scope,
        "groups": [_group_dict(g) for g in answer.groups],
        "near_misses": [item_dict(i) for i in answer.near_misses],
    }
