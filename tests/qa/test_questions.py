"""Question text -> intent: the shapes newsroom questions come in, typos, scope, and questions that are not."""

from __future__ import annotations

import pytest

from bot.questions import (
    MAX_QUESTION_CHARS,
    BadQuestion,
    Disputed,
    HowMany,
    Search,
    Sources,
    WhatSaid,
    WhoIs,
    WhoSays,
    parse_question,
)


@pytest.mark.parametrize("text, topic", [
    ("who says residents requested the army?", "residents requested the army"),
    ("Who claimed that armed gangs killed 120 members?", "armed gangs killed 120 members"),
    ("WHO SAYS the army is in control!!", "the army is in control"),
    ("who is saying residents requested the army", "residents requested the army"),
    ("who told the BBC the influx was increasing?", "the BBC the influx was increasing"),
    ("who blamed the deaths on armed groups?", "the deaths on armed groups"),
    ("Which source says armed gangs killed security forces?", "armed gangs killed security forces"),
    ("which sources have said the army moved in?", "the army moved in"),
    ("has anyone said the killings were verified?", "the killings were verified"),
    ("did any source say that the army requested residents?", "the army requested residents"),
    ("who is to blame for the deaths?", "the deaths"),
    ("who is the source of the claim that 120 security personnel were killed?", "120 security personnel were killed"),
    ("what is the source for the figure of 1,100 dead?", "1,100 dead"),
    ("who made the claim that residents requested the army?", "residents requested the army"),
    ("who quoted Erdogan?", "Erdogan"),
    ("according to whom were 120 security personnel killed?", "were 120 security personnel killed"),
    ("hwo sayz residents requested the army", "residents requested the army"),
    ("who condemned the Syrian government?", "the Syrian government"),
    ("who has proposed a resolution?", "a resolution"),
    ("who criticized Syria", "Syria"),
    ("who cautioned that the findings were preliminary?", "the findings were preliminary"),
])
def test_who_says(text, topic):
    intent = parse_question(text)
    assert isinstance(intent, WhoSays)
    assert intent.topic == topic


@pytest.mark.parametrize("text, source, about", [
    ("what did Erdogan say?", "Erdogan", None),
    ("What did Erdoğan say", "Erdoğan", None),
    ("waht did erdogan sya?", "erdogan", None),
    ("what did the Turkish prime minister say?", "the Turkish prime minister", None),
    ("what does the Syrian government say about the refugees?", "the Syrian government", "the refugees"),
    ("What has Al Jazeera been saying?", "Al Jazeera", None),
    ("what Erdogan said", "Erdogan", None),
    ("what did voters who say the economy matters most say?", "voters who say the economy matters most", None),
    ("what did those who said no say about the vote?", "those who said no", "the vote"),
    ("what did Obama say about people who say the war is lost?", "Obama", "people who say the war is lost"),
    ("what did the U.S. say?", "the U.S.", None),      # an abbreviation keeps its last period: "the U.S" is "u s"
    ("what did Trump say.", "Trump", None),
    ("What did the government blame the deaths on?", "the government", "the deaths on"),
    ("what did the Turkish PM call Syria's actions?", "the Turkish PM", "Syria's actions"),
    ("did Erdogan call it savagery?", "Erdogan", "it savagery"),
    ("what did Pillay call for?", "Pillay", None),         # a particle asks about nothing: all she said
    ("what did Erdogan say about it?", "Erdogan", None),
    ("Did the Syrian government say residents requested the army?", "the Syrian government",
     "residents requested the army"),
    ("what did Murkomen say about the death toll?", "Murkomen", "the death toll"),    # not a count: his claims
    ("did the Red Cross say the toll would rise?", "the Red Cross", "the toll would rise"),
])
def test_what_said(text, source, about):
    intent = parse_question(text)
    assert isinstance(intent, WhatSaid)
    assert (intent.source, intent.about) == (source, about)


@pytest.mark.parametrize("text", ["Who's quoted saying this is savagery?", "who was quoted as saying this is savagery",
                                  "who is cited as saying that this is savagery?"])
def test_who_is_quoted_saying_something_asks_who_says_it(text):
    intent = parse_question(text)
    assert isinstance(intent, WhoSays) and intent.topic.rstrip("?") == "this is savagery"


def test_other_intents():
    assert parse_question("how many people have been killed since protests began?") == HowMany(
        "how many people have been killed since protests began?", topic="people have been killed since protests began")
    assert parse_question("Who's Navi Pillay?").name == "Navi Pillay"
    assert parse_question("who is Megan Cole?").name == "Megan Cole"     # not "who is mean(ing) Cole"
    assert isinstance(parse_question("who is Navi Pillay"), WhoIs)
    assert parse_question("what is disputed?") == Disputed("what is disputed?", topic=None)
    assert parse_question("is the death toll disputed?").topic == "death toll"
    assert isinstance(parse_question("what is the death toll according to the Red Cross?"), HowMany)
    assert parse_question("who disputes the death toll?").topic == "death toll"
    sources = parse_question("who are the sources in the Jisr al-Shugur article?")
    assert isinstance(sources, Sources) and sources.article_hint == "Jisr al-Shugur"
    assert isinstance(parse_question("which sources are in the article?"), Sources)     # no claim asked for
    assert isinstance(parse_question("what couldn't be confirmed about the killings?"), Search)   # no one named
    assert isinstance(parse_question("refugees crossing into Turkey"), Search)
    assert isinstance(parse_question("does it matter?"), Search)


@pytest.mark.parametrize("text, hint", [("who is quoted?", None), ("who was interviewed", None), ("who spoke?", None),
                                        ("who is quoted in the Jisr al-Shugur article?", "Jisr al-Shugur")])
def test_asking_who_is_quoted_lists_the_sources(text, hint):
    assert parse_question(text) == Sources(text, article_hint=hint)


@pytest.mark.parametrize("text, hint", [("Who are the sources in the conflict article?", "conflict"),
                                        ("who is quoted in the dispute story?", "dispute")])
def test_a_dispute_word_naming_an_article_asks_for_its_sources(text, hint):
    assert parse_question(text) == Sources(text, article_hint=hint)
    assert isinstance(parse_question("is the toll disputed in the conflict article?"), Disputed)


@pytest.mark.parametrize("text", ["who was quoted by Turkish media?", "who is in Yayladagi?",
                                  "who was behind the attack?"])
def test_who_did_something_or_is_somewhere_is_a_search_not_a_who_is(text):
    assert isinstance(parse_question(text), Search)


@pytest.mark.parametrize("text", ["who voted against the plan?", "who raised taxes?", "who warmed to the idea?"])
def test_an_english_word_is_no_typo_of_a_question_word(text):
    """"voted" is one letter from "vowed", "raised" from "praised", "warmed" from "warned": a word of the language
    is what was meant, only a non-word ("sya", "waht") is corrected."""
    intent = parse_question(text)
    assert not isinstance(intent, WhoSays) and text.split()[1] in intent.text


def test_scope_is_taken_out_of_the_question():
    intent = parse_question("what did Erdogan say? in:jisr-al-shughour")
    assert isinstance(intent, WhatSaid)
    assert (intent.source, intent.article) == ("Erdogan", "jisr-al-shughour")
    assert parse_question("in:7 who is Navi Pillay?").article == "7"


@pytest.mark.parametrize("text", ["", "   ", "?!?!...", "\U0001f600\U0001f525", '"', "*", "x" * 10_000, None])
def test_bad_questions_get_a_helpful_message(text):
    intent = parse_question(text)
    assert isinstance(intent, BadQuestion)
    assert intent.problem and "\n" not in intent.problem
    assert len(intent.text) <= MAX_QUESTION_CHARS


def test_syntax_is_just_words():
    assert isinstance(parse_question("'; DROP TABLE claim; --"), Search)
    assert isinstance(parse_question("NEAR(army residents)"), Search)


def test_who_is_with_a_participle_asks_who_does_it():
    assert parse_question("who is investigating the breach?") == WhoSays(
        "who is investigating the breach?", topic="investigating the breach")
    assert parse_question("who is Jim Manning?").kind == "who_is"


def test_what_percentage_asks_how_many_in_percent():
    assert parse_question("what percentage did Delgado get?") == HowMany(
        "what percentage did Delgado get?", topic="did Delgado get", share=True)
    assert parse_question("what share of the vote did she win?").topic == "the vote did she win"


@pytest.mark.parametrize("text, name", [("what was Carrow's pre-tax loss?", None),
                                        ("what is Northbridge's valuation of Adeyemi?", None),
                                        ("what is Navi Pillay's job?", "Navi Pillay"),
                                        ("What is Al Jazeera?", "Al Jazeera")])
def test_what_is_a_named_thing_asks_who_it_is_but_its_possession_is_searched(text, name):
    """"what was Carrow's pre-tax loss?" asks the loss (searched), not who Carrow is; "Navi Pillay's job" is who
    she is."""
    intent = parse_question(text)
    assert (intent.name if isinstance(intent, WhoIs) else None) == name


def test_a_disputed_topic_keeps_its_numbers_whole():
    """"is the 1,000 job cuts figure disputed?" asks about 1,000, not about "1" and "000"."""
    assert parse_question("is the 1,000 job cuts figure disputed?").topic == "1,000 job cuts figure"
