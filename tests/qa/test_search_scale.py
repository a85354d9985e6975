"""The question engine's lookups that keep answers fast on large corpora, on real SQLite and PostgreSQL: full-text
candidates from the newest claims first, ranked by the words few claims hold, and the cached name index topped up
as articles arrive."""

from __future__ import annotations

import json

import pytest

from sqlalchemy import event
from sqlmodel import Session

from store import search
from store.db import index_full_text, open_session
from store.models import LOCAL_TEAM, Alias, Article, Claim, Entity, Sentence


def add_article(session: Session, slug: str, sentence: str, team_id: str = LOCAL_TEAM,
                name: str | None = None) -> tuple[int, int]:
    """An article of one sentence that is one claim (and, with `name`, one entity of that name): (article, claim)."""
    article = Article(team_id=team_id, slug=slug, title=slug, content_hash=slug, raw_text=sentence)
    session.add(article)
    session.flush()
    row = Sentence(article_id=article.id, position=0, paragraph=0, start=0, end=len(sentence), text=sentence)
    session.add(row)
    if name:
        entity = Entity(article_id=article.id, name=name, key=name.lower(), type="PERSON")
        session.add(entity)
        session.flush()
        session.add(Alias(entity_id=entity.id, text=name, folded=name.lower()))
    session.flush()
    claim = Claim(article_id=article.id, sentence_id=row.id, position=0, attributed=False, kind="statement",
                  content_text=sentence, content_start=0, content_end=len(sentence),
                  content_spans=json.dumps([[0, len(sentence)]]))
    session.add(claim)
    session.flush()
    index_full_text(session.connection(), article.id, article.id)       # as save_article does
    session.commit()
    return article.id, claim.id


def test_full_text_takes_the_newest_matches_and_widens_until_one_matches_or_unranked_the_newest(engine, monkeypatch):
    with open_session(engine) as session:
        _, best = add_article(session, "old", "Refugees, refugees and more refugees crossed at the dam.")
        add_article(session, "new", "Officials said that some refugees crossed the border on Monday.")
        _, newest = add_article(session, "newest", "Officials said that more refugees crossed the border on Tuesday.")
        monkeypatch.setattr(search, "FIRST_WINDOW", 1)
        assert search.match_claims(session, ["refugees"], LOCAL_TEAM, limit=1) == [newest]
        assert search.match_claims(session, ["dam"], LOCAL_TEAM, limit=1) == [best]     # widened to the oldest
        assert search.match_claims(session, ["dam"], "T-other", limit=1) == []
        if engine.dialect.name == "sqlite":      # ranked by bm25 when the window holds every claim
            monkeypatch.setattr(search, "FIRST_WINDOW", 10_000)
            assert search.match_claims(session, ["refugees"], LOCAL_TEAM, limit=1) == [best]
        assert search.match_claims(session, ["refugees"], LOCAL_TEAM, limit=1, ranked=False) == [newest]


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)      # SQLite's FTS5 reads no window off an index
def test_words_the_newest_claims_never_hold_together_are_read_off_the_index_once_over_every_claim(engine, monkeypatch):
    with open_session(engine) as session:
        _, oldest = add_article(session, "old", "The refugees waited at the dam.")
        for day in range(20):
            add_article(session, f"refugees-{day}", f"Refugees crossed on day {day}.")
            add_article(session, f"dam-{day}", f"The dam was closed on day {day}.")
        statements = []
        event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        monkeypatch.setattr(search, "FIRST_WINDOW", 1)
        assert search.match_claims(session, ["refugees", "dam"], LOCAL_TEAM, limit=1) == [oldest]
        assert sum("c.id + 0" in statement for statement in statements) == 1      # not widened window by window


def test_names_stored_after_the_index_was_built_are_found(engine):
    with open_session(engine) as session:
        add_article(session, "first", "Navi Pillay spoke.", name="Navi Pillay")
        assert [m.key for m in search.match_names(session, "navi pillay", LOCAL_TEAM)] == ["navi pillay"]
        assert search.match_names(session, "zoltan kertesz", LOCAL_TEAM) == []
        add_article(session, "second", "Zoltan Kertesz spoke.", name="Zoltan Kertesz")
        add_article(session, "elsewhere", "Zoltan Kertes spoke.", team_id="T-other", name="Zoltan Kertes")
        assert [m.key for m in search.match_names(session, "zoltan kertesz", LOCAL_TEAM)] == ["zoltan kertesz"]
        assert [m.key for m in search.match_names(session, "zoltan kertes", "T-other")] == ["zoltan kertes"]
        assert [m.key for m in search.match_names(session, "kertesz", LOCAL_TEAM)] == ["zoltan kertesz"]


def test_names_read_before_the_first_question_are_not_read_again(engine):
    with open_session(engine) as session:
        add_article(session, "first", "Navi Pillay spoke.", name="Navi Pillay")
    search.read_names(engine)
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with open_session(engine) as session:
        assert [m.key for m in search.match_names(session, "navi pillay", LOCAL_TEAM)] == ["navi pillay"]
    names_read = [s for s in statements if s.startswith("SELECT DISTINCT alias.folded") and "JOIN" not in s]
    assert statements and not names_read        # only the keys of the name that matched


def test_entities_are_read_only_for_the_names_that_can_be_answered(engine, monkeypatch):
    with open_session(engine) as session:
        for name in ("Zoltan Kertesz", "Zoltan Kertesz Bakos"):
            add_article(session, name.lower().replace(" ", "-"), f"{name} spoke.", name=name)
        near = search.match_names(session, "zoltan kertesz", LOCAL_TEAM, floor=search.NEAR_NAME)
        assert [m.key for m in near] == ["zoltan kertesz", "zoltan kertesz bakos"]
        read, keys_named = [], search._keys_named
        monkeypatch.setattr(search, "_keys_named", lambda session, spellings, *rest: read.append(spellings) or
                            keys_named(session, spellings, *rest))
        assert search.match_names(session, "zoltan kertesz", LOCAL_TEAM, floor=search.NEAR_NAME, limit=1) == near[:1]
        assert [m.key for m in search.match_names(session, "zoltan kertesz", LOCAL_TEAM)] == ["zoltan kertesz"]
        assert "zoltan kertesz bakos" not in set().union(*read)       # scores too far below to be either


def test_a_short_name_is_found_with_a_letter_missing(engine):
    with open_session(engine) as session:
        add_article(session, "short", "Dov spoke.", name="Dov")
        assert [m.key for m in search.match_names(session, "dv", LOCAL_TEAM, floor=search.NEAR_NAME)] == ["dov"]


def test_names_scored_all_word_pairs_at_once_score_as_pair_by_pair():
    for query, name in [(["recep", "tayyip", "erdogan"], ["erdogan"]), (["erdogan"], ["recep", "tayyip", "erdogan"]),
                        (["turkish", "prime", "minister"], ["turkish", "prime", "minister", "recep", "erdogan"]),
                        (["wells", "fargo"], ["wells", "fargo", "ceo", "john", "stumpf"]),
                        (["republicans"], ["republican"]), (["erdgoan", "says"], ["erdogan", "say"])]:
        assert search.name_score(query, name) == search.name_score(query, name, search._word_match)
    assert search.name_score(["republicans"], ["republican"]) < search.NEAR_NAME
    assert search.name_score(["erdogan"], ["recep", "tayyip", "erdogan"]) >= search.NAME_MATCH


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)      # bm25 is SQLite's; PostgreSQL orders newest first
def test_bm25_ranks_by_the_words_few_claims_hold_and_every_word_still_selects(engine, monkeypatch):
    with open_session(engine) as session:
        _, most = add_article(session, "old", "Refugees, refugees and more refugees crossed at the dam.")
        _, dams = add_article(session, "new", "Some refugees crossed the dam, the old dam, on Monday.")
        _, newest = add_article(session, "newest", "Officials said that more refugees crossed the border on Tuesday.")
        assert search.match_claims(session, ["refugees", "dam"], LOCAL_TEAM) == [most, dams]
        assert search.match_claims(session, ["refugees"], LOCAL_TEAM, limit=1) == [most]
        monkeypatch.setattr(search, "RANKED_ROWS", 2)       # more claims hold "refugees" (3) than that, not "dam"
        assert search.match_claims(session, ["refugees", "dam"], LOCAL_TEAM) == [dams, most]
        assert search.match_claims(session, ["refugees", "dam"], LOCAL_TEAM, every_word=False) == [dams, most]
        assert search.match_claims(session, ["refugees"], LOCAL_TEAM, limit=1) == [newest]    # nothing to rank by
