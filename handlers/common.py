"""What every listener reads from a Slack payload."""

from __future__ import annotations


def team_of(context, body: dict) -> str:
    """The workspace a request belongs to: every row it reads or writes is scoped to it."""
    return (context.team_id or body.get("team_id") or (body.get("team") or {}).get("id")
            or context.enterprise_id or "unknown")
