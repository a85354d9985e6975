"""The daily digest of disputed claims: built from stored disputes, rendered for the terminal, JSON and Slack
(bot/render/digest_blocks.py); per-channel settings parsed and validated here so every surface gives one error."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from bot.answer import readable
from bot.errors import NewsbotError

from store.disputes import DisputedClaim, DisputeView, digest_setting, digest_settings, list_disputes
from store.models import DigestSetting

DEFAULT_SINCE = "24h"
SINCE_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


class DigestSettingError(NewsbotError, ValueError):
    """A bad time, zone or window: the message is shown to the user as it is."""


@dataclass
class Digest:
    team_id: str
    since: datetime
    until: datetime
    disputes: list[DisputeView]         # strongest first

    @property
    def empty(self) -> bool:
        return not self.disputes


def build_digest(session: Session, team_id: str, since: datetime | timedelta | str = DEFAULT_SINCE,
                 *, now: datetime | None = None) -> Digest:
    """The team's disputes found or changed in the window, strongest first."""
    until = now or datetime.now(timezone.utc)
    if isinstance(since, str):
        since = parse_since(since)
    start = until - since if isinstance(since, timedelta) else since
    return Digest(team_id, start, until, list_disputes(session, team_id, since=start))


def parse_since(text: str) -> timedelta:
    """ "24h", "90m", "7d", "2w" → a window length."""
    m = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", text.lower())
    if not m or int(m.group(1)) == 0:
        raise DigestSettingError(f"'{text}' is not a time window: use a number and m, h, d or w, e.g. 24h or 7d")
    return timedelta(**{SINCE_UNITS[m.group(2)]: int(m.group(1))})


# --- settings -----------------------------------------------------------------------------------------------------

def parse_local_time(text: str) -> time:
    """ "08:00", "8:00", "8am", "18:30" → a time of day."""
    m = re.fullmatch(r"\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*", text.lower())
    if not m or (m.group(2) is None and m.group(3) is None):
        raise DigestSettingError(f"'{text}' is not a time of day: use HH:MM (24-hour), e.g. 08:00")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3):
        if not 1 <= hour <= 12:
            raise DigestSettingError(f"'{text}' is not a time of day: with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if m.group(3) == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DigestSettingError(f"'{text}' is not a time of day: hours run 00-23 and minutes 00-59")
    return time(hour, minute)


def parse_zone(name: str) -> ZoneInfo:
    """An IANA time zone name ("Europe/London"), so the digest follows daylight-saving changes."""
    try:
        if not re.fullmatch(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*", name.strip()):
            raise ValueError(name)
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise DigestSettingError(f"'{name}' is not a time zone: use a name such as Europe/London or "
                                 "America/New_York") from None


def set_digest(session: Session, team_id: str, channel_id: str, at: str, tz: str,
               *, post_when_empty: bool | None = None, now: datetime | None = None) -> DigestSetting:
    """Post the digest to this channel daily at `at` local time in zone `tz` (validated first: a bad value changes
    nothing). A time already past today first posts tomorrow."""
    local_time, zone = parse_local_time(at), parse_zone(tz)
    setting = digest_setting(session, team_id, channel_id) or DigestSetting(team_id=team_id, channel_id=channel_id,
                                                                              local_time="", tz="")
    setting.local_time = local_time.strftime("%H:%M")
    setting.tz = zone.key
    setting.enabled = True
    if post_when_empty is not None:
        setting.post_when_empty = post_when_empty
    return _save(session, setting, now)


def disable_digest(session: Session, team_id: str, channel_id: str, *, now: datetime | None = None
                   ) -> DigestSetting | None:
    """Stop the channel's digest (the setting is kept, disabled, so App Home can show it). None: there was none."""
    setting = digest_setting(session, team_id, channel_id)
    if setting is None:
        return None
    setting.enabled = False
    return _save(session, setting, now)


def disable_workspace_digests(session: Session, team_id: str) -> int:
    """Stop every digest of a workspace that removed newsbot (nothing could post them); returns how many."""
    settings = digest_settings(session, team_id, enabled_only=True)
    for setting in settings:
        setting.enabled = False
        _save(session, setting, None)
    return len(settings)


def _save(session: Session, setting: DigestSetting, now: datetime | None) -> DigestSetting:
    """Commit a changed setting, stamped: a time set after today's moment first posts tomorrow."""
    setting.updated_at = now or datetime.now(timezone.utc)
    session.add(setting)
    session.commit()
    session.refresh(setting)
    return setting


def describe_setting(setting: DigestSetting | None) -> str:
    """One line for App Home and command replies."""
    if setting is None or not setting.enabled:
        return "Daily digest: off"
    quiet = "a one-line note" if setting.post_when_empty else "no post"
    return f"Daily digest: {setting.local_time} {setting.tz} (quiet days: {quiet})"


# --- terminal and JSON ---------------------------------------------------------------------------------------------

QUIET_DAY = "Nothing disputed in the articles indexed since {since}."


def quiet_line(digest: Digest) -> str:
    return QUIET_DAY.format(since=digest.since.strftime("%Y-%m-%d %H:%M UTC"))


def side_label(side: list[DisputedClaim]) -> str:
    """ "Syria's government (Syrian government), Damascus" — each source once, as written and resolved."""
    return ", ".join(dict.fromkeys(readable(c.source) for c in side))


def side_quotes(side: list[DisputedClaim]) -> list[DisputedClaim]:
    """One entry per quoted sentence: two claims of one sentence on one side ("he acknowledged ... he felt ...")
    would print the same sentence twice; their unverified markers are kept together."""
    by_sentence: dict[tuple[int, int], DisputedClaim] = {}
    for claim in side:
        key = (claim.article_id, claim.sentence_start)
        if key in by_sentence:
            first = by_sentence[key]
            by_sentence[key] = replace(first, markers=list(dict.fromkeys(first.markers + claim.markers)))
        else:
            by_sentence[key] = claim
    return list(by_sentence.values())


def digest_as_dict(digest: Digest) -> dict:
    claim = lambda c: {  # noqa: E731
        "claim_id": c.claim_id, "source": c.source_text, "source_resolved": c.source_name,
        "attributed": c.attributed, "cue": c.cue_text, "content": c.content_text, "sentence": c.sentence_text,
        "sentence_start": c.sentence_start, "sentence_end": c.sentence_end, "unverified_markers": c.markers,
        "article": {"id": c.article_id, "slug": c.article_slug, "title": c.article_title, "url": c.article_url},
    }
    return {
        "team_id": digest.team_id, "since": digest.since.isoformat(), "until": digest.until.isoformat(),
        "disputes": [{
            "id": d.id, "topic": d.topic, "confidence": d.confidence, "signals": d.signals,
            "updated_at": d.updated_at.isoformat(),
            "sides": [[claim(c) for c in side] for side in d.sides],
            "notes": [claim(c) for c in d.notes],
        } for d in digest.disputes],
    }


def digest_as_text(digest: Digest) -> str:
    """Plain text: the terminal view and the notification text of the Slack message."""
    if digest.empty:
        return quiet_line(digest)
    lines = [f"Disputed claims since {digest.since.strftime('%Y-%m-%d %H:%M UTC')}: {len(digest.disputes)}"]
    for n, d in enumerate(digest.disputes, 1):
        signals = ", ".join(s["name"] for s in d.signals)
        lines.append(f"\n{n}. {d.topic}  (confidence {d.confidence:.2f}; {signals})")
        for k, side in enumerate(d.sides):
            lines.append(f"   Side {chr(65 + k)}: {side_label(side)}")
            for c in side_quotes(side):
                marks = f"  [unverified: {'; '.join(c.markers)}]" if c.markers else ""
                lines.append(f"     \u201c{readable(c.sentence_text)}\u201d \u2014 {readable(c.article_title)}{marks}")
        for c in d.notes:
            lines.append(f"   Note: \u201c{readable(c.sentence_text)}\u201d \u2014 {readable(c.article_title)}")
    return "\n".join(lines)
