"""manifest.yml declares exactly what the app uses: every command it answers, the shortcut, the events it listens
to and the scopes OAuth asks for; every request URL is the one path the app serves."""

from __future__ import annotations

import re
from pathlib import Path

from bot.app import BOT_SCOPES
from bot.slack_service import COMMANDS, INDEX_SHORTCUT

MANIFEST = (Path(__file__).resolve().parents[2] / "manifest.yml").read_text(encoding="utf-8")
HANDLED_EVENTS = ["app_home_opened", "app_mention", "app_uninstalled", "file_shared", "message.im", "tokens_revoked"]     # handlers/events.py


def listed_under(key: str) -> list[str]:
    """The `- item` lines right below `key:` (a YAML list of scalars)."""
    block = re.search(rf"^(\s*){re.escape(key)}:\n((?:\1\s+- .*\n)+)", MANIFEST, re.MULTILINE)
    return [line.strip()[2:] for line in block.group(2).splitlines()]


def test_every_command_is_declared():
    assert re.findall(r"- command: (\S+)", MANIFEST) == [*COMMANDS, "/newsbot"]


def test_shortcut_scopes_and_events():
    assert f"callback_id: {INDEX_SHORTCUT}" in MANIFEST
    assert listed_under("bot") == BOT_SCOPES
    assert listed_under("bot_events") == HANDLED_EVENTS


def test_request_urls_point_at_the_apps_paths():
    urls = re.findall(r"(?:url|request_url): (\S+)", MANIFEST) + listed_under("redirect_urls")
    paths = {re.sub(r"^https://[^/]+", "", u) for u in urls}
    assert paths == {"/slack/events", "/slack/oauth_redirect"}
