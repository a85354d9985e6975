"""The digest: settings parsing and storage, the window, and the renderers (JSON, text, Block Kit limits and
escaping)."""

from __future__ import annotations

import json

from datetime import datetime, time, timedelta, timezone

import pytest
from sqlmodel import Session

from bot.digest import (
    DigestSettingError,
    build_digest,
    digest_as_dict,
    digest_as_text,
    disable_digest,
    parse_local_time,
    parse_since,
    parse_zone,
    set_digest,
    side_quotes,
)
from bot.render.digest_blocks import FIELD_CHARS, MAX_BLOCKS, digest_blocks, disputed_blocks
from store.disputes import DisputedClaim, digest_setting, list_disputes
from store.models import LOCAL_TEAM, Article, Dispute
from tests.test_disputes import store_story


@pytest.mark.parametrize("text, expected", [("08:00", time(8, 0)), ("8:05", time(8, 5)), ("23:59", time(23, 59)),
                                            ("8am", time(8, 0)), ("12pm", time(12, 0)), ("12:30am", time(0, 30))])
def test_times_of_day_parse(text, expected):
    assert parse_local_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "8", "08:60", "noon", "13pm", ""])
def test_bad_times_are_refused_with_a_clear_message(text):
    with pytest.raises(DigestSettingError, match="not a time of day"):
        parse_local_time(text)


def test_zones_are_iana_names():
    assert parse_zone("Europe/London").key == "Europe/London"
    for bad in ("Mars/Olympus", "../etc/passwd", "", "BST+1 junk"):
        with pytest.raises(DigestSettingError, match="not a time zone"):
            parse_zone(bad)


def test_windows_parse():
    assert parse_since("24h") == timedelta(hours=24)
    assert parse_since("7d") == timedelta(days=7)
    with pytest.raises(DigestSettingError, match="not a time window"):
        parse_since("yesterday")


def test_set_and_disable_digest_and_bad_input_changes_nothing(engine):
    with Session(engine) as session:
        setting = set_digest(session, "T1", "C1", "8:00", "Europe/London")
        assert (setting.local_time, setting.tz, setting.enabled) == ("08:00", "Europe/London", True)
        with pytest.raises(DigestSettingError):
            set_digest(session, "T1", "C1", "25:00", "Europe/London")
        with pytest.raises(DigestSettingError):
            set_digest(session, "T1", "C1", "09:00", "Europe/Nowhere")
        assert digest_setting(session, "T1", "C1").local_time == "08:00"
        set_digest(session, "T1", "C1", "09:30", "America/New_York", post_when_empty=False)
        again = digest_setting(session, "T1", "C1")
        assert (again.local_time, again.tz, again.post_when_empty) == ("09:30", "America/New_York", False)
        assert disable_digest(session, "T1", "C1").enabled is False
        assert disable_digest(session, "T1", "C2") is None
        assert digest_setting(session, "T2", "C1") is None


def test_digest_keeps_the_window_and_orders_strongest_first(engine):
    with Session(engine) as session:
        store_story(session, "T1")
        now = datetime.now(timezone.utc)
        digest = build_digest(session, "T1", "24h", now=now)
        assert [d.confidence for d in digest.disputes] == sorted((d.confidence for d in digest.disputes),
                                                                 reverse=True)
        assert digest.disputes and not digest.empty
        for dispute in session.exec(Dispute.__table__.select()).all():
            session.get(Dispute, dispute.id).updated_at = now - timedelta(days=2)
        session.commit()
        assert build_digest(session, "T1", "24h", now=now).empty
        assert not build_digest(session, "T1", "3d", now=now).empty
        assert build_digest(session, "T2", "3d", now=now).empty


def test_renderers_show_sides_with_source_sentence_article(engine):
    with Session(engine) as session:
        article = store_story(session, "T1")
        digest = build_digest(session, "T1")
    data = digest_as_dict(digest)
    first = data["disputes"][0]
    assert [side[0]["source"] for side in first["sides"]] == ["Police", "The union"]
    assert first["sides"][0][0]["source_resolved"] == "Police"
    assert first["sides"][1][0]["sentence"] == "The union said the warehouse fire was started by security guards."
    assert first["sides"][0][0]["article"]["title"] == "Harbour fire"
    assert first["notes"][0]["unverified_markers"] == ["cannot be independently verified"]
    text = digest_as_text(digest)
    assert "Side A: Police" in text and "Side B: The union" in text
    blocks = digest_blocks(digest)
    sides = next(b for b in blocks if "fields" in b)
    assert len(sides["fields"]) == 2 and "*A: Police*" in sides["fields"][0]["text"]
    assert any(b["type"] == "actions" and b["elements"][0]["value"] == str(article.id) for b in blocks)


def test_blocks_escape_article_text_and_keep_limits(engine):
    with Session(engine) as session:
        for n in range(15):
            article = store_story(session, "T1", slug=f"fire-{n}")
            article.title = "<!channel> <@U123> <https://evil|click> & more"
            session.add(article)
            session.commit()
        digest = build_digest(session, "T1")
    blocks = digest_blocks(digest)
    assert len(blocks) <= MAX_BLOCKS
    assert "and" in blocks[-1]["elements"][0]["text"] and "more" in blocks[-1]["elements"][0]["text"]
    rendered = repr(blocks)
    assert "<!channel>" not in rendered and "<@U123>" not in rendered and "<https://evil" not in rendered
    assert "&lt;!channel&gt;" in rendered
    for block in blocks:
        for field in block.get("fields", []):
            assert len(field["text"]) <= FIELD_CHARS
        for element in block.get("elements", []):
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= 75


def test_quiet_day_is_one_line(engine):
    with Session(engine) as session:
        session.add(Article(team_id="T1", slug="empty", title="Nothing", content_hash="x", raw_text="Nothing.",
                            ingested_at=datetime.now(timezone.utc)))
        session.commit()
        digest = build_digest(session, "T1")
    assert digest.empty
    assert digest_as_text(digest).startswith("Nothing disputed")
    assert len(digest_blocks(digest)) == 2


def test_disputed_on_demand_uses_the_same_layout(engine):
    with Session(engine) as session:
        store_story(session, "T1")
        blocks = disputed_blocks(list_disputes(session, "T1", topic="warehouse"), "warehouse")
        none = disputed_blocks(list_disputes(session, "T1", topic="budget <!here>"), "budget <!here>")
    assert blocks[0]["text"]["text"] == "Disputed: warehouse"
    assert any("fields" in b for b in blocks)
    assert none[1]["text"]["text"] == "Nothing disputed about \u201cbudget &lt;!here&gt;\u201d."


def test_cli_digest_prints_text_and_json_and_refuses_a_bad_window(engine, monkeypatch):
    from typer.testing import CliRunner

    from bot.cli import app

    with Session(engine) as session:
        store_story(session, LOCAL_TEAM)
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    runner = CliRunner()
    text = runner.invoke(app, ["digest", "--since", "2d"])
    assert text.exit_code == 0 and "Side A: Police" in text.output and "Side B: The union" in text.output
    data = json.loads(runner.invoke(app, ["digest", "--json"]).output)
    assert [side[0]["source"] for side in data["disputes"][0]["sides"]] == ["Police", "The union"]
    bad = runner.invoke(app, ["digest", "--since", "soon"])
    assert bad.exit_code == 1 and bad.output.strip().startswith("error: 'soon' is not a time window")


def _claim(claim_id: int, sentence_start: int, markers: list[str]) -> DisputedClaim:
    return DisputedClaim(claim_id, 1, "story", "Story", None, True, "he", "Norman Ham", "said", "content",
                         f"sentence at {sentence_start}", sentence_start, sentence_start + 20, markers)


def test_a_side_quotes_each_sentence_once_with_all_its_markers():
    side = [_claim(1, 0, ["alleged"]), _claim(2, 0, ["reports of"]), _claim(3, 40, [])]
    quotes = side_quotes(side)
    assert [(c.claim_id, c.markers) for c in quotes] == [(1, ["alleged", "reports of"]), (3, [])]
    assert side[0].markers == ["alleged"]       # the stored claims are not changed
