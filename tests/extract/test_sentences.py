from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.extract.sentences import PARAGRAPH_BOUNDARIES, parse, sentence_at, split_sentences
from bot.text import UnusableText, normalise


def texts(sentences):
    return [s.span.text for s in sentences]


def test_spans_slice_back_to_the_original(sample_sentences, sample_text):
    assert sample_sentences
    for number, sentence in enumerate(sample_sentences):
        assert sentence.index == number
        assert sample_text[sentence.span.start:sentence.span.end] == sentence.span.text
        assert sentence.span.text == sentence.span.text.strip()


def test_the_line_broken_sentence_is_one_sentence(sample_sentences):
    assert "Earlier in the week, the Syrian government said 120 security personnel were\nkilled in the " \
           "north-western town." in texts(sample_sentences)


def test_hedged_sentence_is_one_sentence(sample_sentences):
    assert "The alleged killings cannot be independently verified." in texts(sample_sentences)


def test_headings_and_title_are_not_in_any_sentence(sample_sentences, sample_norm):
    for unit in [sample_norm.title, *sample_norm.headings, *sample_norm.datelines]:
        assert not any(s.span.start < unit.end and unit.start < s.span.end for s in sample_sentences), unit


def test_dateline_is_a_boundary_between_two_sentences(sample_sentences):
    first, second = texts(sample_sentences)[:2]
    assert first == "The syrian government is saying that residents of the town requested the army\\'s presence"
    assert second.startswith("The Syrian army has begun operations")
    assert second.endswith("state TV says.")


def test_sentences_after_a_heading_start_their_paragraph(sample_sentences):
    after = next(s for s in sample_sentences if s.span.text.startswith("Activists said"))
    before = sample_sentences[after.index - 1]
    assert before.paragraph + 1 == after.paragraph
    assert after.span.text.endswith("civilians.")


def test_glued_sentences_are_split(sample_sentences):
    assert any(t.endswith("against President Asad\\'s rule.") for t in texts(sample_sentences))
    assert any(t.startswith("State TV has been broadcasting images") for t in texts(sample_sentences))


def test_paragraph_break_is_a_hard_boundary_even_without_a_full_stop(nlp):
    first = "The minister told reporters on Tuesday that the budget plan was finally ready and"
    norm = normalise(f"Budget row\n\n{first}\n\nthe opposition said it was not.\n")
    sentences = split_sentences(parse(norm, nlp), norm)
    assert texts(sentences) == [first, "the opposition said it was not."]
    assert [s.paragraph for s in sentences] == [0, 1]
    assert norm.title.text == "Budget row"


def test_boundary_component_is_added_once_before_the_parser(nlp):
    norm = normalise("One sentence here.")
    parse(norm, nlp)
    parse(norm, nlp)
    names = nlp.pipe_names
    assert names.count(PARAGRAPH_BOUNDARIES) == 1
    assert names.index(PARAGRAPH_BOUNDARIES) < names.index("parser")


def test_sentence_at(sample_sentences):
    hedged = next(s for s in sample_sentences if s.span.text.startswith("The alleged killings"))
    assert sentence_at(sample_sentences, hedged.span.start) == hedged.index
    assert sentence_at(sample_sentences, hedged.span.end - 1) == hedged.index
    assert sentence_at(sample_sentences, 0) is None  # the title


PIECES = st.sampled_from([
    "The army said", " ", "120 soldiers were", "\n", "killed.", "\n\n", "\\'", '\\"', "\u201cNo,\u201d he said.",
    "Conflicting accounts\n", "\u00a0", "\r\n", "rule.State TV", "It may be true", ".", "Jisr al-Shughour, Syria - Arabstoday",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join))
def test_sentences_of_random_texts_slice_back_and_avoid_headings(nlp, raw):
    try:
        norm = normalise(raw)
    except UnusableText:
        return
    sentences = split_sentences(parse(norm, nlp), norm)
    excluded = [b for b in norm.blocks if b.kind != "body"]
    for number, sentence in enumerate(sentences):
        assert sentence.index == number
        assert raw[sentence.span.start:sentence.span.end] == sentence.span.text
        for block in excluded:
            unit = norm.span(block.start, block.end)
            assert not (sentence.span.start < unit.end and unit.start < sentence.span.end)
    assert [s.paragraph for s in sentences] == sorted(s.paragraph for s in sentences)
    assert all(a.span.end <= b.span.start for a, b in zip(sentences, sentences[1:]))


def test_a_quotation_mark_closing_a_sentence_is_no_sentence_of_its_own(nlp):
    """'... did not have before." Its chief executive ...': the mark closes the quotation, which must not run on into
    the next speaker's sentence."""
    text = ("Trial\n\n\"This is not a cure. But it is time that families did not have before.\" Its chief executive, "
            "Robert Feld, said the company would file.\n")
    norm = normalise(text)
    sentences = [s.span.text for s in split_sentences(parse(norm, nlp), norm)]
    assert sentences[-2:] == ['But it is time that families did not have before."',
                              "Its chief executive, Robert Feld, said the company would file."]


@pytest.mark.parametrize("text", ["Crime\n\nKnife crime rose by 12 percent last year, according to city figures.\n",
                                  "Harbour Quay\n\nCouncil leader Priya Raman said the scheme would bring homes.\n"])
def test_a_paragraph_s_first_word_is_no_sentence_of_its_own(nlp, text):
    """The parser made "Knife" of "Knife crime rose ..." a sentence after a title: it joins the next one."""
    norm = normalise(text)
    assert [s.span.text for s in split_sentences(parse(norm, nlp), norm)] == [text.split("\n\n")[1].strip()]


def test_an_abbreviated_rank_before_a_name_ends_no_sentence(nlp):
    text = ("Union\n\nThe head of the association, Sgt. Tom Kowalski, said morale was low. Det. Supt. Ann Reid agreed. "
            "Cllr. Priya Raman did not.\n")
    norm = normalise(text)
    assert [s.span.text for s in split_sentences(parse(norm, nlp), norm)] == [
        "The head of the association, Sgt. Tom Kowalski, said morale was low.", "Det. Supt. Ann Reid agreed.",
        "Cllr. Priya Raman did not."]


@pytest.mark.parametrize("amount", ["£210m", "$3bn", "5km", "10kg", "30%", "5g", "$1.2m"])
def test_a_full_stop_after_a_unit_ends_the_sentence(nlp, amount):
    """The initial "m." took the full stop of "£210m." and the sentence ran on into the next; abbreviations still
    end none."""
    text = (f"Club\n\nMr. Lam, who flew to the U.S. at 9 a.m. and left No. 10 at 5 p.m., bought the club for a "
            f"reported {amount}. The club has since accumulated debts of more than £180m, according to its accounts.\n")
    norm = normalise(text)
    assert [s.span.text for s in split_sentences(parse(norm, nlp), norm)] == [
        f"Mr. Lam, who flew to the U.S. at 9 a.m. and left No. 10 at 5 p.m., bought the club for a reported {amount}.",
        "The club has since accumulated debts of more than £180m, according to its accounts."]


@pytest.mark.parametrize("mark", ["''", '"', "\u201c"])
def test_a_quotation_mark_opening_a_sentence_starts_it(nlp, mark):
    """The parser left the opening marks of "... overhaul. ''It's more tinkering ..." at the end of the sentence
    before: the quoted sentence is then not quoted as printed, and no longer holds its own quotation's start."""
    closing = "\u201d" if mark == "\u201c" else mark
    text = (f"Taxes\n\nBut over all, Mrs. Clinton has shied away from a sweeping tax overhaul. {mark}It's more "
            f"tinkering at the edges,{closing} said Alan Cole, an economist.\n")
    norm = normalise(text)
    assert [s.span.text for s in split_sentences(parse(norm, nlp), norm)] == [
        "But over all, Mrs. Clinton has shied away from a sweeping tax overhaul.",
        f"{mark}It's more tinkering at the edges,{closing} said Alan Cole, an economist."]


def test_a_quotation_mark_opening_a_paragraph_stays_with_its_sentence(nlp):
    text = "Taxes\n\nHillary Clinton has come up with one.\n\n''This isn't tax reform,'' said Douglas Holtz-Eakin.\n"
    norm = normalise(text)
    assert [s.span.text for s in split_sentences(parse(norm, nlp), norm)] == [
        "Hillary Clinton has come up with one.", "''This isn't tax reform,'' said Douglas Holtz-Eakin."]


def test_a_paragraph_opening_with_a_name_is_one_sentence(nlp):
    """Given the paragraph's start, the parser cut "Rescuer | Tomas | Brandt said ..." into three sentences."""
    text = "Earthquake\n\nRescuer Tomas Brandt said his team had pulled three people alive from one building.\n"
    norm = normalise(text)
    assert [s.span.text for s in split_sentences(parse(norm, nlp), norm)] == [
        "Rescuer Tomas Brandt said his team had pulled three people alive from one building."]
