from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text import INSERTED, UnusableText, normalise
from tests.shared_data import polnear_texts


def straight(text: str) -> str:
    return text.translate(str.maketrans("\u201c\u201d\u2018\u2019\u00a0", "\"\"'' ")).replace("''", '"')


def unquoted(text: str) -> str:
    """The words without their quotation marks and apostrophes, which normalisation may turn into one another."""
    return "".join(straight(text).replace("'", "").replace('"', "").split())


# ---- the sample article's quirks -----------------------------------------------------------------------------

def test_title_is_the_first_line(sample_text):
    norm = normalise(sample_text)
    assert norm.title.start == 0
    assert norm.title.text == "Jisr al-Shughour, Syria\u00a0- Arabstoday"


def test_sub_headings_are_their_own_units(sample_text):
    norm = normalise(sample_text)
    assert [h.text for h in norm.headings] == ["Conflicting accounts", "\\'Smokescreen\\'", "\\'Dodging soldiers\\'"]
    for heading in norm.headings:
        assert sample_text[heading.start:heading.end] == heading.text
        assert sample_text[heading.end] == "\n"


def test_repeated_dateline_stands_alone(sample_text):
    norm = normalise(sample_text)
    [dateline] = norm.datelines
    assert dateline.text == "Jisr al-Shughour, Syria - Arabstoday"
    assert sample_text[dateline.start - len("presence "):dateline.start] == "presence "
    before, after = [b for b in norm.blocks if b.kind == "body"][:2]
    assert norm.text[before.start:before.end].endswith("requested the army's presence")
    assert norm.text[after.start:after.end].startswith("The Syrian army has begun")
    assert before.paragraph == after.paragraph == 0


def test_dateline_with_another_dash_is_cut_and_the_rest_stays_body():
    norm = normalise("Tripoli, Libya \u2013 Reuters\nRebels advanced Tripoli, Libya - Reuters The rebels said so.\n")
    assert [(b.kind, norm.text[b.start:b.end]) for b in norm.blocks] == [
        ("title", "Tripoli, Libya \u2013 Reuters"),
        ("body", "Rebels advanced"),
        ("dateline", "Tripoli, Libya - Reuters"),
        ("body", "The rebels said so."),
    ]


@pytest.mark.parametrize("dateline", ["DETROIT -", "ISLAMABAD (Reuters) -", "NEW YORK, Nov. 19 (UPI) \u2014",
                                      "BEDFORD, N.H. (AP) \u2014", "WASHINGTON \u2015", "Washington (CNN) --",
                                      "MANCHESTER, 3 March --", "GOMA, Congo (AP) \u2014", "RENO, Nev. (AP) \u2014",
                                      "NAIROBI, Kenya -", "LAGOS, Nigeria, Nov. 3 \u2014"])
def test_a_wire_dateline_opening_the_first_paragraph_stands_alone(dateline):
    """A wire story's dateline is no part of its first sentence: "DETROIT - Northwind Motors" is no source."""
    raw = f"Northwind cuts jobs\n\n{dateline} Northwind Motors said it would cut jobs.\n\nIt said so.\n"
    norm = normalise(raw)
    assert [(b.kind, norm.text[b.start:b.end]) for b in norm.blocks] == [
        ("title", "Northwind cuts jobs"), ("dateline", dateline),
        ("body", "Northwind Motors said it would cut jobs."), ("body", "It said so.")]
    [span] = norm.datelines
    assert raw[span.start:span.end] == dateline


@pytest.mark.parametrize("paragraph", ["NATO - the alliance - said no.", "The US - and Canada - agreed.",
                                       "NATO, Europe's shield - so its chief said."])
def test_a_dash_after_a_first_word_is_no_dateline(paragraph):
    assert [b.kind for b in normalise(f"Title\n{paragraph}\n").blocks] == ["title", "body"]


def test_title_words_inside_a_sentence_are_not_a_dateline():
    norm = normalise("Syria unrest\nThe Syria unrest began when protesters took to the streets.\n")
    assert norm.datelines == []
    assert [b.kind for b in norm.blocks] == ["title", "body"]


@pytest.mark.parametrize("raw, outlet", [
    ("Title\nKAVALA, Nov 14 (Reuters) - At least 37 people were killed.\n", "Reuters"),
    ("Title\nWASHINGTON (AP) \u2014 The House voted on Tuesday.\n", "AP"),
    ("Title\nLONDON \u2014 The club denied the report.\n", None),
    ("Title\nThe club denied the report.\n", None),
])
def test_the_outlet_a_dateline_names(raw, outlet):
    assert normalise(raw).outlet == outlet


def test_the_sample_articles_outlet_is_its_site_name(sample_text):
    assert normalise(sample_text).outlet == "Arabstoday"


def test_credit_lines_are_no_body_paragraph():
    norm = normalise("Dam bursts\nAt least 37 people were killed, officials said.\n(Reporting by Selin Ozturk; Editing by "
                     "Mark Potter)\nCopyright 2024 Riverside Courier.\nAll rights reserved.\nWriting by Tom Hale\n"
                     "Reporting by the local paper was thin all week, the council said in its review.\n")
    assert [b.kind for b in norm.blocks] == ["title", "body", "credit", "credit", "credit", "credit", "body"]


def test_line_broken_inside_a_sentence_is_joined(sample_text):
    norm = normalise(sample_text)
    assert "120 security personnel were killed in the north-western town." in norm.text
    start = norm.text.index("were killed")
    assert norm.span(start, start + len("were killed")).text == "were\nkilled"


def test_escaped_quotes_lose_their_backslash(sample_text):
    norm = normalise(sample_text)
    assert "\\" not in norm.text
    start = norm.text.index('"restore security"')
    assert norm.span(start, start + len('"restore security"')).text == '\\"restore security\\"'


def test_glued_sentences_get_a_space(sample_text):
    norm = normalise(sample_text)
    start = norm.text.index("rule. State TV")
    assert norm.span(start + len("rule."), start + len("rule. State")).text == "State"
    assert norm.span(start + len("rule"), start + len("rule. ")).text == "."


def test_paragraph_of_counts_body_paragraphs(sample_text):
    norm = normalise(sample_text)
    assert norm.paragraph_of(norm.text.index("The announcement")) == 1
    assert norm.paragraph_of(norm.text.index("The alleged killings")) == 4
    assert norm.paragraph_of(norm.text.index("Conflicting accounts")) == 3  # the paragraph it heads


# ---- character-level rewrites ---------------------------------------------------------------------------------

def test_curly_quotes_and_odd_spaces_become_plain_one_for_one():
    raw = "He said \u201cyes\u201d and \u2018no\u2019.\u00a0It\u2019s\tdone.\r\nNext paragraph here."
    norm = normalise(raw)
    assert norm.text == "He said \"yes\" and \"no\". It's done.\nNext paragraph here."
    start = norm.text.index('"yes"')
    assert norm.span(start, start + 5).text == "\u201cyes\u201d"


def test_zero_width_characters_are_dropped():
    norm = normalise("Zero\u200bwidth and soft\u00adhyphen words are here.")
    assert norm.text == "Zerowidth and softhyphen words are here."
    assert norm.span(0, len("Zerowidth")).text == "Zero\u200bwidth"


@pytest.mark.parametrize(
    "raw, message",
    [
        ("", "empty"),
        (" \n\t\u00a0\n", "empty"),
        ("A Title\nA Sub-heading\n'Another'\n", "only headings"),
        ("PK\x03\x04\x00\x00binary", "binary"),
        ("\x01\x02\x03\x04\x05\x06\x07\x08 text", "binary"),
        ("\x0b\x1b\x7f\x85\x9f words", "binary"),                          # C0 and C1 controls
        ("\ue000\uf8ff\U000f0000\U0010fffd words", "binary"),               # private use
        ("\ud800\udfff\ud83d words", "binary"),                               # lone surrogates
    ],
)
def test_unusable_text(raw, message):
    with pytest.raises(UnusableText, match=message):
        normalise(raw)


def test_tabs_form_feeds_and_line_ends_are_not_binary():
    norm = normalise("Body\ttext\fgoes on.\r\n\r\nA second\tparagraph\tfollows here.\n")
    assert [b.kind for b in norm.blocks] == ["body", "body"]


def test_unusable_text_is_a_value_error():
    assert issubclass(UnusableText, ValueError)


@pytest.mark.parametrize(("raw", "expected"), [
    ("'He was always the first to arrive,' Ferraz said. 'I never once saw him cut a corner.'",
     "\"He was always the first to arrive,\" Ferraz said. \"I never once saw him cut a corner.\""),
    ("The players' union called it 'a disgrace' and said: 'I went to the Smiths' farm, and it's gone.'",
     "The players' union called it \"a disgrace\" and said: \"I went to the Smiths' farm, and it's gone.\""),
    ("\"When an officer tells you 'everyone has already voted' at ten, you ask questions,\" she said.",
     "\"When an officer tells you 'everyone has already voted' at ten, you ask questions,\" she said."),
    ("In the '90s it didn't rain.", "In the '90s it didn't rain."),
    # a quotation that runs on into the next paragraph, which opens with a mark again
    ("'Keep going,' Watkins said. 'Honestly, I didn't see it go in.\n\n'This group has character.'",
     "\"Keep going,\" Watkins said. \"Honestly, I didn't see it go in.\n\n\"This group has character.\""),
])
def test_single_quoted_quotations_get_double_marks_and_apostrophes_stay(raw, expected):
    """British style quotes between single marks; a quotation inside a double-quoted one stays single (it is
    nested), and apostrophes are no marks."""
    assert normalise(f"Title\n\n{raw}\n").text == f"Title\n\n{expected}\n"


def test_two_apostrophes_are_one_quotation_mark_and_spans_keep_both():
    """The New York Times prints quotations between doubled apostrophes: the parser and the quotation rules must see
    a quotation mark, and a span reported must still hold both apostrophes as printed."""
    raw = "Taxes\n\n''This isn't tax reform,'' said Douglas Holtz-Eakin.\n"
    norm = normalise(raw)
    assert norm.text == "Taxes\n\n\"This isn't tax reform,\" said Douglas Holtz-Eakin.\n"
    quotation = norm.span(norm.text.index('"'), norm.text.index(" said"))
    assert quotation.text == "''This isn't tax reform,''" == raw[quotation.start:quotation.end]


# ---- PolNeAR texts pass through unchanged in meaning ----------------------------------------------------------

POLNEAR_TEXTS = polnear_texts("train")[::97]


@pytest.mark.parametrize("path", POLNEAR_TEXTS, ids=lambda p: p.name[:40])
def test_polnear_text_keeps_its_words_and_paragraphs(path):
    raw = path.read_text(encoding="utf-8")
    norm = normalise(raw)
    assert unquoted(norm.text) == unquoted(raw)
    assert norm.title is None  # PolNeAR titles end with punctuation: they stay a sentence
    paragraphs = [line for line in raw.split("\n\n") if line.strip()]
    assert len({b.paragraph for b in norm.blocks if b.kind == "body"}) >= len(paragraphs) - len(norm.headings)


def test_polnear_texts_were_found():
    assert len(POLNEAR_TEXTS) >= 5


# ---- properties over random texts mixing the quirks ------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "word", "Syria", "said", "the", " ", " ", "  ", ".", ",", "\n", "\n", "\n\n", "\r\n", "\u00a0", "\t",
    "\\'", '\\"', "\u201c", "\u201d", "\u2018", "\u2019", "\u200b", "\u00ad", "rule.State", "army's",
    "Conflicting accounts\n", "Jisr al-Shughour, Syria - Arabstoday", "120 security personnel were\nkilled",
    "\u2028", "\x07", "\\", "\u00e9t\u00e9",
])
TEXTS = st.lists(FRAGMENTS, min_size=1, max_size=60).map("".join)


def normalised_or_none(raw: str):
    try:
        return normalise(raw)
    except UnusableText:
        return None


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_every_span_slices_back_to_its_text(raw, data):
    norm = normalised_or_none(raw)
    if norm is None:
        return
    start = data.draw(st.integers(0, len(norm.text)))
    end = data.draw(st.integers(start, len(norm.text)))
    span = norm.span(start, end)
    assert raw[span.start:span.end] == span.text
    assert 0 <= span.start <= span.end <= len(raw)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_normalised_characters_map_monotonically(raw):
    norm = normalised_or_none(raw)
    if norm is None:
        return
    assert len(norm.sources) == len(norm.text)
    mapped = [s for s in norm.sources if s != INSERTED]
    assert mapped == sorted(set(mapped))
    dropped = set(range(len(raw))) - set(mapped)
    assert all(raw[i] in "\\\r\u200b\u00ad" for i in dropped)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_blocks_are_ordered_trimmed_and_slice_back(raw):
    norm = normalised_or_none(raw)
    if norm is None:
        return
    assert any(b.kind == "body" for b in norm.blocks)
    previous_end = 0
    for block in norm.blocks:
        assert previous_end <= block.start < block.end
        assert "\n" not in norm.text[block.start:block.end]
        assert not norm.text[block.start].isspace() and not norm.text[block.end - 1].isspace()
        span = norm.span(block.start, block.end)
        assert raw[span.start:span.end] == span.text
        previous_end = block.end
