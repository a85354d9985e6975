"""The sample article through the real pipeline into SQLite and PostgreSQL: every fact stored and traceable to
the raw text, idempotent, replaced by force, all or nothing."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

import store.ingest
from bot.errors import StoreError
from bot.extract.entities import fold_name
from store.ingest import content_hash, save_article, slugify
from store.models import Alias, Article, Claim, Entity, Figure, Hedge, Mention, Sentence

FACT_TABLES = (Article, Sentence, Entity, Alias, Mention, Claim, Hedge, Figure)


def counts(session: Session) -> dict[str, int]:
    return {t.__name__: session.exec(select(func.count()).select_from(t)).one() for t in FACT_TABLES}


def letters(text: str) -> str:
    return re.sub(r"\W", "", text)


def expected_counts(facts) -> dict[str, int]:
    return {
        "Article": 1, "Sentence": len(facts.sentences), "Entity": len(facts.entities),
        "Alias": sum(len(set(e.aliases)) for e in facts.entities), "Mention": len(facts.mentions),
        "Claim": len(facts.quotes) + len(facts.statements), "Hedge": len(facts.hedges),
        "Figure": len(facts.figures),
    }


@pytest.fixture
def saved(engine, sample_facts):
    with Session(engine) as session:
        article, created = save_article(session, sample_facts, "T1", slug="jisr-al-shughour")
        assert created
        return article.id


def test_every_fact_is_stored(engine, sample_facts, saved):
    assert sample_facts.quotes and sample_facts.entities and sample_facts.figures and sample_facts.hedges
    with Session(engine) as session:
        assert counts(session) == expected_counts(sample_facts)
        article = session.get(Article, saved)
        assert (article.team_id, article.slug) == ("T1", "jisr-al-shughour")
        assert article.raw_text == sample_facts.text and article.content_hash == content_hash(sample_facts.text)
        assert article.title == sample_facts.title.text
        attributed = session.exec(select(func.count()).where(Claim.attributed)).one()
        assert attributed == len(sample_facts.quotes)


def test_stored_offsets_slice_back_the_raw_text(engine, saved):
    with Session(engine) as session:
        raw = session.get(Article, saved).raw_text
        for row in [*session.exec(select(Sentence)), *session.exec(select(Mention)),
                    *session.exec(select(Hedge)), *session.exec(select(Figure))]:
            assert raw[row.start:row.end] == row.text
        for claim in session.exec(select(Claim)):
            spans = json.loads(claim.content_spans)
            assert claim.content_text == " … ".join(raw[s:e] for s, e in spans)
            assert (spans[0][0], spans[-1][1]) == (claim.content_start, claim.content_end)
            if claim.cue_text is not None:
                assert raw[claim.cue_start:claim.cue_end] == claim.cue_text
            if claim.source_text is not None and " … " not in claim.source_text:
                assert raw[claim.source_start:claim.source_end] == claim.source_text
        for entity in session.exec(select(Entity).where(Entity.description_start.is_not(None))):
            # the description reads normalised ("BBC's"), its offsets point at the text as written ("BBC\\'s")
            assert letters(raw[entity.description_start:entity.description_end]) == letters(entity.description)


def test_claims_keep_speakers_and_never_invent_one(engine, sample_facts, saved):
    with Session(engine) as session:
        claims = session.exec(select(Claim).order_by(Claim.position)).all()
        entities = {e.id: e for e in session.exec(select(Entity))}
        for entity in entities.values():
            assert entity.key == fold_name(entity.name)
        for alias in session.exec(select(Alias)):
            assert alias.folded == fold_name(alias.text)
        quoted = [c for c in claims if c.attributed]
        resolved = sorted(sample_facts.entities[q.speaker].name for q in sample_facts.quotes if q.speaker is not None)
        assert sorted(entities[c.source_entity_id].name for c in quoted if c.source_entity_id) == resolved
        for claim in claims:
            if not claim.attributed:
                assert (claim.kind, claim.source_text, claim.source_entity_id, claim.cue_text) == (
                    "statement", None, None, None)
        assert [c.position for c in claims] == list(range(len(claims)))
        starts = [min(c.content_start, c.cue_start if c.cue_start is not None else c.content_start) for c in claims]
        assert starts == sorted(starts)


def test_the_unverified_killings_are_a_hedged_statement_of_the_outlet(engine, saved):
    with Session(engine) as session:
        claim = session.exec(select(Claim).where(
            Claim.content_text == "The alleged killings cannot be independently verified.")).one()
        assert not claim.attributed and claim.hedged and claim.source_entity_id is None
        hedges = session.exec(select(Hedge).where(Hedge.claim_id == claim.id)).all()
        assert {h.text for h in hedges} >= {"alleged"}


def test_a_clause_of_the_outlets_own_in_an_attributed_sentence_is_its_statement(engine, saved):
    """"Human rights groups say more than 1,100 people have been killed ..., and it now appears several hundred
    security forces may also have died": the hedge and the figure of the second clause are the article's."""
    with Session(engine) as session:
        claim = session.exec(select(Claim).where(
            Claim.content_text == "it now appears several hundred security forces may also have died")).one()
        assert not claim.attributed and claim.hedged and claim.source_text is None
        figure = session.exec(select(Figure).where(Figure.text == "several hundred security forces")).one()
        hedge = session.exec(select(Hedge).where(Hedge.text == "it now appears")).one()
        assert figure.claim_id == hedge.claim_id == claim.id


def test_hedges_and_figures_point_at_the_claim_stating_them(engine, sample_facts, saved):
    with Session(engine) as session:
        claims = {c.id: c for c in session.exec(select(Claim))}
        for row in [*session.exec(select(Hedge)), *session.exec(select(Figure))]:
            if row.claim_id is not None:
                claim = claims[row.claim_id]
                inside_content = claim.content_start <= row.start and row.end <= claim.content_end
                in_attribution = claim.cue_start is not None and claim.sentence_id == row.sentence_id
                assert inside_content or in_attribution, row.text
        stated_by_quotes = sum(1 for f in sample_facts.figures if f.quote is not None)
        quoted_figures = session.exec(select(func.count()).select_from(Figure).join(Claim, Claim.id == Figure.claim_id)
                                      .where(Claim.attributed)).one()
        assert quoted_figures == stated_by_quotes


def test_the_same_text_twice_is_stored_once(engine, sample_facts, saved):
    with Session(engine) as session:
        before = counts(session)
        article, created = save_article(session, sample_facts, "T1", slug="another-name")
        assert (created, article.id, article.slug) == (False, saved, "jisr-al-shughour")
        assert counts(session) == before


def test_force_replaces_the_facts_in_place(engine, sample_facts, saved):
    with Session(engine) as session:
        first_ingest = session.get(Article, saved).ingested_at
        article, created = save_article(session, sample_facts, "T1", force=True)
        assert created and article.id == saved and article.slug == "jisr-al-shughour"
        assert article.ingested_at > first_ingest
        assert counts(session) == expected_counts(sample_facts)


def test_each_workspace_has_its_own_copy_and_slugs_stay_unique(engine, sample_facts, saved):
    with Session(engine) as session:
        other_team, created = save_article(session, sample_facts, "T2", slug="jisr-al-shughour")
        assert created and other_team.slug == "jisr-al-shughour"
        edited = replace(sample_facts, text=sample_facts.text + "\n")
        second, created = save_article(session, edited, "T1", slug="jisr-al-shughour")
        assert created and second.slug == "jisr-al-shughour-2"
        third, _ = save_article(session, replace(sample_facts, text=sample_facts.text + "\n\n"), "T1",
                                slug="jisr-al-shughour")
        assert third.slug == "jisr-al-shughour-3"


def test_the_same_text_stored_meanwhile_by_another_process_is_returned(engine, sample_facts, monkeypatch):
    free_slug = store.ingest._free_slug
    raced = []

    def another_process_stores_it_first(session, team_id, wanted):
        if not raced:
            raced.append(True)
            with Session(engine) as other:
                save_article(other, sample_facts, team_id)
        return free_slug(session, team_id, wanted)

    monkeypatch.setattr(store.ingest, "_free_slug", another_process_stores_it_first)
    with Session(engine) as session:
        article, created = save_article(session, sample_facts, "T1")
        assert raced and not created and article.slug == slugify(sample_facts.title.text)
        assert counts(session) == expected_counts(sample_facts)


def test_a_failure_mid_save_leaves_nothing(engine, sample_facts, monkeypatch):
    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.ingest, "_recompute_disputes", fail)   # runs after every fact row is flushed
    with Session(engine) as session:
        with pytest.raises(RuntimeError, match="disk full"):
            save_article(session, sample_facts, "T1")
        assert set(counts(session).values()) == {0}


def test_a_failed_force_keeps_the_old_facts(engine, sample_facts, saved, monkeypatch):
    with Session(engine) as session:
        before = counts(session)
        old_claims = sorted(session.exec(select(Claim.id)).all())
    monkeypatch.setattr(store.ingest, "_recompute_disputes", lambda *args: 1 / 0)
    with Session(engine) as session:
        with pytest.raises(ZeroDivisionError):
            save_article(session, sample_facts, "T1", force=True)
        assert counts(session) == before
        assert sorted(session.exec(select(Claim.id)).all()) == old_claims


def test_a_constraint_violation_is_a_store_error_and_leaves_nothing(engine, sample_facts):
    broken = replace(sample_facts, sentences=[*sample_facts.sentences, sample_facts.sentences[0]])  # position twice
    with Session(engine) as session:
        with pytest.raises(StoreError):
            save_article(session, broken, "T1")
        assert set(counts(session).values()) == {0}


def test_nested_quotes_point_at_their_parent_claims(engine, sample_facts):
    quotes = list(sample_facts.quotes)
    quotes[-1] = replace(quotes[-1], parent=0)
    quotes[-2] = replace(quotes[-2], parent=len(quotes) - 1)
    with Session(engine) as session:
        save_article(session, replace(sample_facts, quotes=quotes), "T1")
        claims = session.exec(select(Claim).where(Claim.attributed).order_by(Claim.id)).all()
    assert len(claims) == len(quotes) >= 3                  # the quotes' claims, in quote order
    assert [c.parent_id for c in claims] == [claims[q.parent].id if q.parent is not None else None for q in quotes]
    assert claims[-1].parent_id == claims[0].id and claims[-2].parent_id == claims[-1].id
