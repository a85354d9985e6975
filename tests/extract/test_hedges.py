from __future__ import annotations

import pytest

from bot.extract.hedges import find_hedges
from bot.extract.sentences import parse, split_sentences
from bot.text import normalise


@pytest.fixture(scope="module")
def sample_hedges(sample_doc, sample_norm, sample_sentences):
    return find_hedges(sample_doc, sample_norm, sample_sentences)


def hedges_in(text, nlp):
    norm = normalise(text)
    doc = parse(norm, nlp)
    return [(h.span.text, h.kind) for h in find_hedges(doc, norm, split_sentences(doc, norm))]


def test_spans_slice_back_to_the_original(sample_hedges, sample_text, sample_sentences):
    assert sample_hedges
    for hedge in sample_hedges:
        assert sample_text[hedge.span.start:hedge.span.end] == hedge.span.text
        sentence = sample_sentences[hedge.sentence].span
        assert sentence.start <= hedge.span.start and hedge.span.end <= sentence.end


def test_the_alleged_killings_sentence(sample_hedges, sample_sentences):
    sentence = next(s for s in sample_sentences if s.span.text.startswith("The alleged killings"))
    found = [(h.span.text, h.kind) for h in sample_hedges if h.sentence == sentence.index]
    assert found == [("alleged", "allegation"), ("cannot be independently verified", "unverified")]


@pytest.mark.parametrize(
    "words, kind",
    [
        ("reports of", "report"),
        ("claims by", "allegation"),
        ("dissenting accounts", "dissent"),
        ("it now appears", "appearance"),
        ("difficult to verify", "unverified"),
    ],
)
def test_sample_hedges(sample_hedges, words, kind):
    assert (words, kind) in [(h.span.text, h.kind) for h in sample_hedges]


def test_the_heading_conflicting_accounts_is_not_a_sentence_hedge(sample_hedges, sample_norm):
    [heading] = [h for h in sample_norm.headings if h.text == "Conflicting accounts"]
    assert not any(h.span.start >= heading.start and h.span.end <= heading.end for h in sample_hedges)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The claim could not be verified.", [("could not be verified", "unverified")]),
        ("Reuters could not independently verify the number of deaths.",
         [("could not independently verify", "unverified")]),
        ("He reportedly fled.", [("reportedly", "report")]),
        ("It is reported that he fled.", [("It is reported", "report")]),
        ("The report was unconfirmed.", [("unconfirmed", "unverified")]),
        ("He apparently fled and it seems to be true.", [("apparently", "appearance"), ("it seems", "appearance")]),
        ("They might leave and will possibly return.", [("might", "uncertainty"), ("possibly", "uncertainty")]),
        # a denial is a claim of its own, not a hedge; the claims it answers are not its hedges either
        ("The ministry denied it and the army disputed the figure.", []),
        ("The club denied the report.", []),
        ("Lopez disputed claims that the district had not consulted families.", []),
        ("The disputed death toll rose, as claims that he fled spread.",
         [("disputed death toll", "dissent"), ("claims that", "allegation")]),
        ("Experts said the findings were preliminary and the study has not been peer reviewed.",
         [("were preliminary", "uncertainty"), ("not been peer reviewed", "unverified")]),
        ("Preliminary results of the study, not yet peer-reviewed, came at a preliminary hearing.",
         [("Preliminary results", "uncertainty"), ("not yet peer-reviewed", "unverified")]),
        ("There are conflicting accounts of the raid.", [("conflicting accounts", "dissent")]),
        ("He allegedly shot two men, police claimed.", [("allegedly", "allegation"), ("claimed", "allegation")]),
        ("The talks began in May in Paris.", []),
        ("He appeared on television on Monday.", []),
        ("The transfer has collapsed after a failed drugs test, it is understood.",
         [("it is understood", "report")]),
        ("It is believed the gunman acted alone.", [("It is believed", "appearance")]),
        ("I understood the question and I believed him.", []),
        ("Heavy eaters were 23% more likely to die early; smokers were less likely to exercise.", []),
        ("The survey of 1,412 likely voters had a margin of error of 2.6 points.", []),
        ("Turnout will likely fall.", [("likely", "uncertainty")]),
        # "could" of what was (not) done is no guess; of what may happen it is
        ("He said he could not support the package and you could hear the tanks.", []),
        ("Prices could rise next year.", [("could", "uncertainty")]),
    ],
)
def test_hedge_vocabulary(nlp, text, expected):
    assert hedges_in(text, nlp) == expected
