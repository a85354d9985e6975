from __future__ import annotations

import gc
import threading
from concurrent.futures.process import BrokenProcessPool

import pytest

from bot.extract import pipeline
from bot.extract.pipeline import (
    YOUNG_COLLECTION_THRESHOLD,
    _quote_stating,
    extract_article,
    extract_articles,
    frozen_heap,
)
from bot.extract.types import Quote, Span
from bot.text import UnusableText, normalise
from tests.shared_data import polnear_texts


@pytest.fixture(scope="module")
def facts(sample_text, nlp):
    return extract_article(sample_text, nlp)


def all_spans(facts):
    yield from (s.span for s in facts.sentences)
    yield from facts.headings
    for quote in facts.quotes:
        yield quote.cue
        yield from quote.sources
        yield from quote.contents
    yield from (m.span for m in facts.mentions)
    yield from (f.span for f in facts.figures)
    yield from (h.span for h in facts.hedges)


def test_every_span_slices_back_to_the_text_as_read(facts, sample_text):
    assert facts.text == sample_text
    assert facts.title.text == "Jisr al-Shughour, Syria\u00a0- Arabstoday"
    for span in all_spans(facts):
        assert sample_text[span.start:span.end] == span.text


def test_the_hedged_sentence_is_the_outlets_own(facts):
    sentence = next(s for s in facts.sentences if s.span.text == "The alleged killings cannot be independently verified.")
    hedges = [h for h in facts.hedges if h.sentence == sentence.index]
    assert [h.kind for h in hedges] == ["allegation", "unverified"]
    assert all(h.quote is None for h in hedges)
    assert sentence.span in [s.span for s in facts.statements]


def test_figures_link_to_the_quote_whose_content_holds_them(facts):
    figure = next(f for f in facts.figures if f.span.text == "more than 1,100 people")
    assert figure.quote is not None
    quote = facts.quotes[figure.quote]
    assert any(c.start <= figure.span.start and figure.span.end <= c.end for c in quote.contents)
    assert any("Human rights groups" in s.text for s in quote.sources)


def test_quote_hedges_and_hedge_quotes_agree(facts):
    for number, hedge in enumerate(facts.hedges):
        if hedge.quote is not None:
            assert number in facts.quotes[hedge.quote].hedges
    for index, quote in enumerate(facts.quotes):
        assert all(facts.hedges[h].quote == index for h in quote.hedges)


def test_extract_articles_keeps_input_order_and_accepts_normalised_texts(nlp, sample_text):
    polnear = [p.read_text(encoding="utf-8") for p in polnear_texts("dev")[:2]]
    inputs = [polnear[0], normalise(sample_text), polnear[1]]
    results = list(extract_articles(inputs, nlp))
    assert [r.text for r in results] == [polnear[0], sample_text, polnear[1]]
    assert results[1] == extract_article(sample_text, nlp)


def test_two_worker_processes_give_the_same_facts(nlp, sample_text, monkeypatch):
    monkeypatch.setattr(pipeline, "WORKER_BATCH_SIZE", 1)      # more batches than are in flight at once
    texts = [p.read_text(encoding="utf-8") for p in polnear_texts("dev")[:5]]
    texts.append(sample_text)
    assert list(extract_articles(texts, nlp, n_process=2)) == list(extract_articles(texts, nlp))


def test_a_worker_that_dies_fails_the_extraction_instead_of_hanging(nlp, sample_text, worker_dies_on):
    worker_dies_on("Jisr al-Shughour")
    outcome = []

    def extract_all():
        try:
            list(extract_articles([sample_text], nlp, n_process=2))
        except BrokenProcessPool as error:
            outcome.append(error)
    thread = threading.Thread(target=extract_all, daemon=True)
    thread.start()
    thread.join(timeout=300)        # a multiprocessing Pool waited here forever for the dead worker's result
    assert not thread.is_alive() and len(outcome) == 1


def test_unusable_text_raises(nlp):
    with pytest.raises(UnusableText):
        extract_article(" \n ", nlp)


def quote(contents, cue=Span(0, 3, "say"), sources=()):
    return Quote(cue=cue, cue_kind="speech", sources=list(sources), contents=contents, kind="indirect", sentence=0)


def test_innermost_quote_states_a_nested_span():
    outer = quote([Span(10, 100, "x" * 90)])
    inner = quote([Span(40, 60, "x" * 20)])
    assert _quote_stating([outer, inner], Span(45, 50, "x" * 5)) == 1
    assert _quote_stating([outer, inner], Span(20, 25, "x" * 5)) == 0
    assert _quote_stating([outer, inner], Span(5, 12, "x" * 7)) is None


def test_a_hedge_in_the_source_or_cue_qualifies_that_quote():
    dissent = quote([Span(30, 60, "x" * 30)], cue=Span(24, 27, "say"), sources=[Span(4, 23, "dissenting accounts")])
    hedge = Span(4, 23, "dissenting accounts")
    assert _quote_stating([dissent], hedge) is None
    assert _quote_stating([dissent], hedge, include_attribution=True) == 0


def test_frozen_heap_unfreezes_only_when_the_outermost_block_ends():
    assert gc.get_freeze_count() == 0
    with frozen_heap():
        before = gc.get_freeze_count()
        assert before > 0
        with frozen_heap():
            pass
        assert gc.get_freeze_count() >= before        # the inner block left the outer one's objects frozen
    assert gc.get_freeze_count() == 0


def test_frozen_heap_collects_young_objects_less_often_until_the_outermost_block_ends():
    default = gc.get_threshold()
    with frozen_heap():
        assert gc.get_threshold() == (YOUNG_COLLECTION_THRESHOLD, *default[1:])
        with frozen_heap():
            pass
        assert gc.get_threshold()[0] == YOUNG_COLLECTION_THRESHOLD
    assert gc.get_threshold() == default


def test_a_colon_introducing_a_quotation_names_its_speaker_and_is_not_part_of_it(nlp):
    """'McCaskill scolded him: "...," she said.': "she" is McCaskill, named before the colon, not Oz, the last person
    named before the sentence; and what she said is the quotation alone."""
    facts = extract_article("Oz faces critics\n\nMehmet Oz appeared at a 2014 Senate hearing. He defended his show.\n\n"
                            "Democratic Sen. Claire McCaskill (D-Mo.) scolded him: \"The scientific community is "
                            "almost monolithic against you,\" she said.\n", nlp)
    (quote,) = [q for q in facts.quotes if q.cue.text == "said"]
    assert [c.text for c in quote.contents] == ['"The scientific community is almost monolithic against you,"']
    assert facts.entities[quote.speaker].name == "Claire McCaskill"


def test_a_surname_the_ner_calls_an_organisation_is_the_person_named_in_full(nlp):
    """en_core_web_sm tags "Trump" alone an organisation ten times in this article; beside "Donald Trump" it is
    him, a person (whom "he" can then stand for). "New Yorker" is not a spelling of "New York"."""
    (path,) = [p for p in polnear_texts("dev") if p.name.startswith("wash-post_2016-09-21_mixed-messages")]
    facts = extract_article(path.read_text(encoding="utf-8"), nlp)
    assert next(e for e in facts.entities if e.name == "Donald Trump").type == "PERSON"
    facts = extract_article("The New Yorker reported that New York voters were unmoved.\n", nlp)
    assert [e.aliases for e in facts.entities] == [["New Yorker"], ["New York"]]


def test_she_signing_a_quotation_is_never_someone_named_inside_it(nlp):
    """"Its spokeswoman, Nadia Farrow" makes Farrow a person (the NER said organisation, and "she" went to Voss, of
    whom she speaks); "in the capital, Terel" makes Terel a place."""
    facts = extract_article("Talks collapse\n\nKestrania's foreign ministry denied that any agreement had been "
                            "reached. Its spokeswoman, Nadia Farrow, told reporters in the capital, Terel, that the "
                            "number had never exceeded 90.\n\n\"There was no text and there was no date. Minister Voss "
                            "knows this very well,\" she said.\n", nlp)
    farrow = next(e for e in facts.entities if e.name == "Nadia Farrow")
    assert farrow.type == "PERSON" and next(e for e in facts.entities if e.name == "Terel").type == "GPE"
    (quote,) = [q for q in facts.quotes if q.sources and q.sources[0].text == "she"]
    assert facts.entities[quote.speaker] is farrow


def test_a_description_with_an_of_phrase_is_met_again_in_other_words(nlp):
    """"James Whitfield, the Labour leader of the council" is later "The council leader"; "Councillor" is his title,
    not part of his name."""
    facts = extract_article("Council row\n\nCouncillor James Whitfield, the Labour leader of the council, backed the "
                            "plan. The council leader added that the scheme would bring in money.\n", nlp)
    whitfield = next(e for e in facts.entities if e.name == "James Whitfield")
    assert {facts.entities[q.speaker].name for q in facts.quotes} == {"James Whitfield"}
    assert "The council leader" in whitfield.aliases


def test_a_span_opening_a_bracket_closes_it(nlp):
    """"(ICRC" and "(LSHTM" read as typos in an answer; every span still slices back to the text."""
    text = ("Detainees\n\nAbout 1,800 people remain in detention, according to the International Committee of the Red "
            "Cross (ICRC). Professor Helen Marsh, an epidemiologist at the London School of Hygiene and Tropical "
            "Medicine (LSHTM), said the trial was small.\n")
    facts = extract_article(text, nlp)
    assert "the International Committee of the Red Cross (ICRC)" in {s.text for q in facts.quotes for s in q.sources}
    marsh = next(e for e in facts.entities if e.name == "Helen Marsh")
    assert marsh.description.endswith("(LSHTM)") and text[marsh.description_span.start:marsh.description_span.end] \
        == marsh.description


def test_a_person_the_parser_hangs_on_an_organisation_still_speaks(nlp):
    """"Financial analyst Kieran Moss of the consultancy Deloitte Sports Group said ...": the parser makes "Group"
    the subject; Moss speaks, and "he" later is Moss, not Everton, the last person-like name in a subject."""
    facts = extract_article("Club finances\n\nEverton were docked 10 points in a similar case in 2023.\n\nFinancial "
                            "analyst Kieran Moss of the consultancy Deloitte Sports Group said the club's wage bill, "
                            "which he estimated at 160 million pounds, was the real problem. \"Transfer fees get the "
                            "headlines, but wages are what sink clubs,\" he said.\n", nlp)
    speakers = {q.cue.text: facts.entities[q.speaker].name for q in facts.quotes if q.speaker is not None}
    assert speakers["said"] == "Kieran Moss" and set(speakers.values()) == {"Kieran Moss"}


def test_a_caveat_pointing_back_qualifies_the_claim_it_points_to(nlp):
    """"That figure could not be independently verified." qualifies the claim before it, as does "..., although that
    timetable could not be ..." in the claim's own sentence; "The alleged killings cannot be ..." names its own
    subject and stays the outlet's remark."""
    facts = extract_article("Club finances\n\nA person familiar with the investigation said the league had calculated "
                            "the loss at 52 million pounds. That figure could not be independently verified. The company "
                            "said the drug could be available on the NHS \"within two years\", although that timetable "
                            "could not be independently verified. The alleged killings cannot be independently "
                            "verified.\n", nlp)
    caveats = {h.span.start: h for h in facts.hedges if h.kind == "unverified"}
    said = [facts.quotes[h.quote].contents[0].text if h.quote is not None else None
            for _, h in sorted(caveats.items())]
    assert said[0].startswith("the league had calculated the loss") and said[2] is None
    assert said[1] == 'the drug could be available on the NHS "within two years"'
