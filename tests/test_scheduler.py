"""The digest scheduler with a controlled clock (no sleeping), posting through the real poster
(`bot.app.digest_poster`: chat.postMessage with the bot token) to the fake Slack Web API: once per channel per local
day at the configured time, across daylight-saving changes, with two instances on one database (SQLite and
PostgreSQL), catching up a missed post the same local day only, and stopping on `digest off`."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlmodel import Session, select

from bot.app import build_app, digest_poster
from bot.digest import disable_digest, set_digest
from bot.scheduler import DigestScheduler, due_date, start
from store.db import make_engine
from store.models import DigestPost, DigestSetting, SlackEvent
from tests.slack.conftest import TOKEN, fake, slack_settings  # noqa: F401 (fake: the fake Slack fixture)

UTC = timezone.utc
SET_AT = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)       # settings made well before the days under test


def at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def poster(engine, fake):
    """The app's own digest poster, talking to the fake Slack Web API."""
    settings = slack_settings(engine, fake)
    return digest_poster(build_app(settings, engine), settings, engine)


def posts(fake) -> list[dict]:
    """The chat.postMessage calls that reached the fake Slack."""
    return [c.params for c in fake.called("chat.postMessage")]


def scheduler(engine, poster) -> DigestScheduler:
    return DigestScheduler(engine, poster)


async def run_clock(s: DigestScheduler, start: datetime, end: datetime, step: timedelta) -> list[datetime]:
    """Tick from start to end; returns the moments at which something was posted."""
    moments, now = [], start
    while now < end:
        if await s.tick(now):
            moments.append(now)
        now += step
    return moments


def london(local_time: str = "08:00", updated_at: datetime = SET_AT) -> DigestSetting:
    return DigestSetting(team_id="T1", channel_id="C1", local_time=local_time, tz="Europe/London",
                         updated_at=updated_at)


@pytest.mark.parametrize("now, expected", [
    (at(2027, 3, 27, 7, 59), None),                     # GMT: 08:00 local is 08:00 UTC
    (at(2027, 3, 27, 8, 0), date(2027, 3, 27)),
    (at(2027, 3, 28, 6, 59), None),                     # clocks went forward at 01:00 UTC: 08:00 BST = 07:00 UTC
    (at(2027, 3, 28, 7, 0), date(2027, 3, 28)),
    (at(2027, 10, 30, 7, 0), date(2027, 10, 30)),       # still BST
    (at(2027, 10, 31, 7, 30), None),                    # back to GMT at 01:00 UTC
    (at(2027, 10, 31, 8, 0), date(2027, 10, 31)),
    (at(2027, 3, 27, 23, 59), date(2027, 3, 27)),
])
def test_due_date_follows_the_local_clock(now, expected):
    assert due_date(london(), now) == expected


def test_a_time_set_after_todays_moment_starts_tomorrow():
    setting = london(updated_at=at(2027, 3, 27, 9, 0))
    assert due_date(setting, at(2027, 3, 27, 9, 1)) is None
    assert due_date(setting, at(2027, 3, 28, 7, 0)) == date(2027, 3, 28)


async def test_posts_once_a_day_at_local_time_across_the_spring_change(engine, poster, fake):
    with Session(engine) as session:
        set_digest(session, "T1", "C1", "08:00", "Europe/London", now=SET_AT)
    s = scheduler(engine, poster)
    moments = await run_clock(s, at(2027, 3, 26, 0, 0), at(2027, 3, 30, 0, 0), timedelta(minutes=15))
    assert moments == [at(2027, 3, 26, 8, 0), at(2027, 3, 27, 8, 0), at(2027, 3, 28, 7, 0), at(2027, 3, 29, 7, 0)]
    assert [p["channel"] for p in posts(fake)] == ["C1"] * 4


async def test_posts_once_a_day_across_the_autumn_change(engine, poster):
    with Session(engine) as session:
        set_digest(session, "T1", "C1", "08:00", "Europe/London", now=SET_AT)
    s = scheduler(engine, poster)
    moments = await run_clock(s, at(2027, 10, 30, 0, 0), at(2027, 11, 1, 0, 0), timedelta(minutes=30))
    assert moments == [at(2027, 10, 30, 7, 0), at(2027, 10, 31, 8, 0)]


async def test_ticking_again_or_restarting_posts_nothing_more(engine, poster, fake):
    with Session(engine) as session:
        set_digest(session, "T1", "C1", "08:00", "Europe/London", now=SET_AT)
    assert await scheduler(engine, poster).tick(at(2027, 3, 27, 8, 0)) == ["C1"]
    restarted = scheduler(engine, poster)
    assert await restarted.tick(at(2027, 3, 27, 8, 1)) == []
    assert await restarted.tick(at(2027, 3, 27, 8, 0)) == []
    assert len(posts(fake)) == 1
    with Session(engine) as session:
        [post] = session.exec(select(DigestPost)).all()
        assert post.local_date == date(2027, 3, 27) and post.message_ts and post.posted_at is not None


async def test_two_scheduler_instances_post_once(engine, poster, fake):
    """Two processes: two engines (connection pools) on one database, ticking at the same moment."""
    with Session(engine) as session:
        for n in range(8):
            set_digest(session, "T1", f"C{n}", "08:00", "Europe/London", now=SET_AT)
    other_engine = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        first, second = scheduler(engine, poster), scheduler(other_engine, poster)
        now = at(2027, 3, 27, 8, 0)
        results = await asyncio.gather(first.tick(now), second.tick(now), first.tick(now), second.tick(now))
    finally:
        other_engine.dispose()
    channels = sorted(c for r in results for c in r)
    assert channels == [f"C{n}" for n in range(8)]
    assert sorted(p["channel"] for p in posts(fake)) == channels


async def test_a_missed_post_is_caught_up_once_the_same_local_day_only(engine, poster):
    with Session(engine) as session:
        set_digest(session, "T1", "C1", "08:00", "Europe/London", now=SET_AT)
    s = scheduler(engine, poster)
    # down from 07:00 until 10:30: the post goes out when the process is back, once
    assert await s.tick(at(2027, 3, 27, 10, 30)) == ["C1"]
    assert await s.tick(at(2027, 3, 27, 10, 31)) == []
    # down all of the 28th (BST) and back after local midnight: the 28th's post is not sent on the 29th
    assert await s.tick(at(2027, 3, 28, 23, 30)) == []              # 00:30 BST on the 29th, before 08:00
    assert await s.tick(at(2027, 3, 29, 7, 0)) == ["C1"]
    with Session(engine) as session:
        dates = sorted(p.local_date for p in session.exec(select(DigestPost)).all())
    assert dates == [date(2027, 3, 27), date(2027, 3, 29)]


async def test_digest_off_stops_posting(engine, poster, fake):
    with Session(engine) as session:
        set_digest(session, "T1", "C1", "08:00", "Europe/London", now=SET_AT)
    s = scheduler(engine, poster)
    assert await s.tick(at(2027, 3, 27, 8, 0)) == ["C1"]
    with Session(engine) as session:
        disable_digest(session, "T1", "C1", now=at(2027, 3, 27, 12, 0))
    assert await run_clock(s, at(2027, 3, 27, 12, 0), at(2027, 3, 30, 0, 0), timedelta(hours=1)) == []
    assert len(posts(fake)) == 1


async def test_quiet_day_posts_a_note_or_nothing_per_channel(engine, poster, fake):
    with Session(engine) as session:
        set_digest(session, "T1", "C-note", "08:00", "Europe/London", now=SET_AT)
        set_digest(session, "T1", "C-silent", "08:00", "Europe/London", post_when_empty=False, now=SET_AT)
    assert await scheduler(engine, poster).tick(at(2027, 3, 27, 8, 0)) == ["C-note"]
    [note] = posts(fake)
    assert note["text"].startswith("Nothing disputed") and note["channel"] == "C-note"


async def test_a_failed_post_is_retried_on_the_next_tick(engine, poster, fake):
    with Session(engine) as session:
        set_digest(session, "T1", "C1", "08:00", "Europe/London", now=SET_AT)
    s = scheduler(engine, poster)
    team = fake.tokens.pop(TOKEN)                   # Slack answers invalid_auth
    assert await s.tick(at(2027, 3, 27, 8, 0)) == []
    fake.tokens[TOKEN] = team
    assert await s.tick(at(2027, 3, 27, 8, 1)) == ["C1"]
    assert await s.tick(at(2027, 3, 27, 8, 2)) == []
    assert len(posts(fake)) == 2                    # the refused one and the one retry


async def test_start_schedules_a_tick_every_minute_and_an_hourly_purge(engine, poster):
    s = start(poster, engine)
    try:
        intervals = {job.id: job.trigger.interval for job in s.scheduler.get_jobs()}
        assert intervals == {"digest": timedelta(minutes=1), "forget-events": timedelta(hours=1)}
    finally:
        s.shutdown()


async def test_answered_event_ids_older_than_a_day_are_forgotten(engine, poster):
    now = at(2027, 3, 10, 12, 0)
    with Session(engine) as session:
        session.add(SlackEvent(team_id="T1", event_id="Ev-old", received_at=now - timedelta(days=1, minutes=1)))
        session.add(SlackEvent(team_id="T1", event_id="Ev-new", received_at=now - timedelta(minutes=5)))
        session.commit()
    assert await scheduler(engine, poster).forget_old_events(now) == 1
    with Session(engine) as session:
        assert session.exec(select(SlackEvent.event_id)).all() == ["Ev-new"]
