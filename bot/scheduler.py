"""Posting the daily digest from the long-running process (APScheduler), once per channel per local day.

Every minute a tick looks at each enabled channel: when the channel's local time has passed its digest time today
(time-zone aware through zoneinfo, so daylight-saving changes move the UTC moment, not the local one) and the day
has no DigestPost row yet, it inserts that row and commits BEFORE posting. The unique (team, channel, local date)
key makes a restart, a re-run or a second process post nothing more; a tick after downtime still finds the day
unposted and catches up, on the same local day only. The clock is injected (`now`), so tests never sleep.

The same scheduler drops answered Slack event ids older than EVENT_MEMORY every hour, so that table stays small
in a process that runs for months (it is also purged on start).

Nothing here speaks Slack: the caller injects a `Poster` (the SLACK side wraps chat.postMessage with the team's
token), and gets the message as plain text plus Block Kit blocks from bot/render/digest_blocks.py.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine
from sqlmodel import Session

from bot.digest import Digest, build_digest, digest_as_text
from bot.render.digest_blocks import digest_blocks
from store.disputes import claim_digest_post, digest_settings
from store.models import DigestPost, DigestSetting
from store.slack import forget_events

log = logging.getLogger(__name__)

# (team id, channel id, notification text, Block Kit blocks) → the posted message's id (Slack's ts), or None
Poster = Callable[[str, str, str, list[dict]], Awaitable[str | None]]
TEXT_CHARS = 3000               # the notification text is a fallback; the blocks carry the digest
EVENT_MEMORY = timedelta(days=1)    # Slack retries an event for minutes; answered ids older than this are dropped


def due_date(setting: DigestSetting, now: datetime) -> date | None:
    """The channel's local date if its digest time has passed today (and was set before that moment), else None."""
    zone = ZoneInfo(setting.tz)
    local_now = now.astimezone(zone)
    at = time.fromisoformat(setting.local_time)
    scheduled = datetime.combine(local_now.date(), at, tzinfo=zone)
    if local_now < scheduled:
        return None
    if setting.updated_at is not None and _aware(setting.updated_at) > scheduled:
        return None                     # set after today's time: the first digest is tomorrow's
    return local_now.date()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@dataclass
class DuePost:
    post_id: int
    team_id: str
    channel_id: str
    digest: Digest | None               # None: a quiet day in a channel that wants no post


def claim_due_posts(engine: Engine, now: datetime) -> list[DuePost]:
    """Claim today's post for every channel that is due; the digest is built in the same pass."""
    due = []
    with Session(engine) as session:
        for setting in digest_settings(session, enabled_only=True):
            local_date = due_date(setting, now)
            if local_date is None:
                continue
            post = claim_digest_post(session, setting.team_id, setting.channel_id, local_date)
            if post is None:            # already posted (or being posted) today, by us or another process
                continue
            digest = build_digest(session, setting.team_id, now=now)
            keep = not digest.empty or setting.post_when_empty
            due.append(DuePost(post.id, setting.team_id, setting.channel_id, digest if keep else None))
    return due


def record_post(engine: Engine, post_id: int, ts: str | None, now: datetime) -> None:
    with Session(engine) as session:
        post = session.get(DigestPost, post_id)
        post.posted_at, post.message_ts = now, ts
        session.add(post)
        session.commit()


def release_post(engine: Engine, post_id: int) -> None:
    """Posting failed: drop the claim so the next tick tries again (still the same local day only)."""
    with Session(engine) as session:
        post = session.get(DigestPost, post_id)
        if post is not None:
            session.delete(post)
            session.commit()


def _forget_events(engine: Engine, before: datetime) -> int:
    with Session(engine) as session:
        return forget_events(session, before)


class DigestScheduler:
    """Runs `tick` every minute inside the app's event loop; database work runs in threads, off the loop."""

    def __init__(self, engine: Engine, poster: Poster, *, clock: Callable[[], datetime] | None = None):
        self.engine = engine
        self.poster = poster
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.scheduler: AsyncIOScheduler | None = None

    async def tick(self, now: datetime | None = None) -> list[str]:
        """Post every due digest; returns the channels posted to. A failed post is released for the next tick."""
        now = now or self.clock()
        posted = []
        for due in await asyncio.to_thread(claim_due_posts, self.engine, now):
            try:
                ts = None
                if due.digest is not None:
                    ts = await self.poster(due.team_id, due.channel_id, digest_as_text(due.digest)[:TEXT_CHARS],
                                           digest_blocks(due.digest))
            except Exception:
                log.exception("digest post to %s/%s failed; retrying on the next tick", due.team_id,
                              due.channel_id)
                await asyncio.to_thread(release_post, self.engine, due.post_id)
                continue
            await asyncio.to_thread(record_post, self.engine, due.post_id, ts, now)
            if due.digest is not None:
                posted.append(due.channel_id)
        return posted

    async def forget_old_events(self, now: datetime | None = None) -> int:
        """Drop answered event ids older than EVENT_MEMORY; returns how many went."""
        before = (now or self.clock()) - EVENT_MEMORY
        return await asyncio.to_thread(_forget_events, self.engine, before)

    def start(self) -> AsyncIOScheduler:
        """Start ticking every minute, first right away: a digest missed while the process was down goes out now.
        Old event ids are dropped every hour."""
        self.scheduler = AsyncIOScheduler(timezone=timezone.utc)
        self.scheduler.add_job(self.tick, IntervalTrigger(minutes=1), id="digest", max_instances=1, coalesce=True,
                               next_run_time=datetime.now(timezone.utc))
        self.scheduler.add_job(self.forget_old_events, IntervalTrigger(hours=1), id="forget-events",
                               max_instances=1, coalesce=True)
        self.scheduler.start()
        return self.scheduler

    def shutdown(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None


def start(poster: Poster, engine: Engine, *, clock: Callable[[], datetime] | None = None) -> DigestScheduler:
    """Called once by the long-running process, inside its running event loop: ticks every minute from now on."""
    scheduler = DigestScheduler(engine, poster, clock=clock)
    scheduler.start()
    return scheduler
