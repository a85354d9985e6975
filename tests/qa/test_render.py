"""Renderers: Block Kit escaping and limits, JSON, the terminal; on hand-made answers and on the sample's."""

from __future__ import annotations

import json

from rich.console import Console

from bot.answer import ANSWERED, DENIES, NO_MATCH, Answer, Group, Item
from bot.questions import parse_question
from bot.render import json as json_render
from bot.render.blocks import MAX_BLOCKS, SECTION_CHARS, answer_blocks
from bot.render.terminal import render


def make_item(claim_id: int, sentence: str = "The government says residents requested the army.", **changes) -> Item:
    values = dict(claim_id=claim_id, source_name="Syrian government", source_text="The government",
                  source_entity_id=3, own_statement=False, cue="says", cue_kind="speech", kind="indirect",
                  content="residents requested the army", sentence=sentence, sentence_start=0,
                  sentence_end=len(sentence), sentence_position=4, article_id=1, article_slug="jisr",
                  article_title="Jisr al-Shughour", article_url=None, outlet=None)
    values.update(changes)
    return Item(**values)


def answer_of(items: list[Item], status: str = ANSWERED, question: str = "who says residents requested the army?"):
    return Answer(question, parse_question(question), status, f"{len(items)} claims found.",
                  [Group(items[0].speaker, items, 3, count=len(items))] if items and status == ANSWERED else [],
                  near_misses=[] if status == ANSWERED else items)


def all_text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_block_heading_quote_and_buttons():
    blocks = answer_blocks(answer_of([make_item(17)]))
    section = blocks[1]["text"]["text"]
    assert section.startswith('*Syrian government* (as "The government") says:\n>The government says residents')
    assert "Jisr al-Shughour" in section
    buttons = blocks[2]["elements"]
    assert [(b["action_id"], b["value"], b["text"]["text"]) for b in buttons] == [
        ("show_context", "17", "Show context"), ("wrong_attribution", "17", "Wrong attribution?")]


def test_a_claim_told_in_another_sources_quote_names_who_tells_it():
    item = make_item(5, source_name="Syrian state TV", source_text="They [State TV]",
                     reported_by="Al Jazeera's <!channel> correspondent")
    section = answer_blocks(answer_of([item]))[1]["text"]["text"]
    assert section.startswith('*Syrian state TV* (as "They [State TV]") says, according to '
                              "*Al Jazeera's &lt;!channel&gt; correspondent*:")
    console = Console(width=200, record=True)
    console.print(render(answer_of([item])))
    assert "says, according to Al Jazeera's <!channel> correspondent:" in console.export_text()


def test_article_and_user_text_cannot_ping():
    item = make_item(1, sentence="Officials told <!channel> & <@U123> to <https://evil|click>.",
                     source_text="<!here> spokesman", article_title="<!everyone> news")
    answer = answer_of([item], question="who says <!channel> is here?")
    answer.message = "No indexed claim matches <!channel>."
    text = all_text(answer_blocks(answer))
    for raw in ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<https://"):
        assert raw not in text
    assert "&lt;!channel&gt; &amp; &lt;@U123&gt;" in text


def test_own_statement_and_near_miss_are_labelled():
    outlet = make_item(2, own_statement=True, source_name=None, source_text=None, outlet="Arabstoday",
                       kind="statement")
    assert "*Arabstoday* (the article's own statement, no source named):" in all_text(answer_blocks(
        answer_of([outlet])))
    near = make_item(3, near_miss=True)
    text = all_text(answer_blocks(answer_of([near], status=NO_MATCH)))
    assert "Near-miss, not an answer" in text


def test_block_kit_limits():
    items = [make_item(i, sentence="word " * 2000) for i in range(60)]
    blocks = answer_blocks(answer_of(items))
    assert len(blocks) <= MAX_BLOCKS
    assert blocks[-1]["type"] == "context" and blocks[-1]["elements"][0]["text"].startswith("\u2026 and ")
    shown = sum(1 for b in blocks if b["type"] == "actions")
    assert blocks[-1]["elements"][0]["text"] == f"\u2026 and {60 - shown} more"
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_CHARS


def test_json_and_terminal_render_everything():
    item = make_item(5, sentence="He said [bold]not markup[/bold] \\\"quoted\\\".", hedges=["alleged"],
                     figures=["more than 1,100 people"])
    answer = answer_of([item])
    data = json.loads(json.dumps(json_render.to_dict(answer)))
    assert data["status"] == "answered" and data["intent"]["kind"] == "who_says"
    first = data["groups"][0]["items"][0]
    assert first["claim_id"] == 5 and first["source_as_written"] == "The government"
    assert first["sentence"] == item.sentence
    console = Console(record=True, width=200)
    console.print(render(answer))
    shown = console.export_text()
    assert "[bold]not markup[/bold]" in shown and '"quoted"' in shown
    assert 'Syrian government (as "The government") says:' in shown


def test_sample_answers_render(ask):
    for question in ("who says residents requested the army?", "what did Barack Obama say?", "", "what is disputed?",
                     "who are the sources in the Jisr al-Shugur article?", "who is Navi Pillay?"):
        answer = ask(question)
        blocks = answer_blocks(answer)
        assert 1 <= len(blocks) <= MAX_BLOCKS
        json.dumps(json_render.to_dict(answer))
        Console(record=True).print(render(answer))


def test_plural_sources_say_and_singular_ones_says():
    plural = [make_item(1, source_name=None, source_text="Human rights groups"),
              make_item(2, source_name="Activists", source_text="Activists"),
              make_item(3, source_name=None, source_text="Syrian officials"),
              make_item(4, source_name="Republicans", source_text="Republicans"),
              make_item(9, source_name="other nations on the council", source_text="other nations on the council"),
              make_item(12, source_name=None, source_text="France and Britain")]
    singular = [make_item(5), make_item(6, source_name="Reuters", source_text="Reuters"),
                make_item(7, source_name=None, source_text="state news agency"),
                make_item(8, source_name="James Jones", source_text="Jones"),
                make_item(10, source_name=None, source_text="the head of the doctors' union, in Lagos"),
                make_item(11, source_name="one man", source_text="one man, who spoke on condition of anonymity"),
                make_item(13, source_name="Procter and Gamble", source_text="Procter and Gamble")]
    for item in plural:
        text = all_text(answer_blocks(answer_of([item])))
        assert f"{item.speaker}* say:" in text and "says:" not in text
        console = Console(record=True, width=200)
        console.print(render(answer_of([item])))
        assert f"{item.speaker} say:" in console.export_text()
        assert json_render.to_dict(answer_of([item]))["groups"][0]["items"][0]["verb"] == "say"
    for item in singular:
        assert "says:" in all_text(answer_blocks(answer_of([item])))


def test_a_thing_done_is_shown_with_its_own_verb_never_as_said():
    item = make_item(1, source_name="Danny Corriveau", source_text="Corriveau", cue="struggled", cue_kind="action")
    assert "(as \\\"Corriveau\\\") struggled:" in all_text(answer_blocks(answer_of([item])))
    console = Console(record=True, width=200)
    console.print(render(answer_of([item])))
    assert "struggled:" in console.export_text() and "says" not in console.export_text()
    assert json_render.to_dict(answer_of([item]))["groups"][0]["items"][0]["verb"] == "struggled"


def test_a_description_already_in_the_message_is_not_printed_twice():
    """"who is Navi Pillay?" answers "Navi Pillay: The UN human rights chief." in its one line; with a second person
    described, each gets its heading."""
    pillay = make_item(7, source_name="Navi Pillay", description="The UN human rights chief")
    question = "who is Navi Pillay?"
    one = Answer(question, parse_question(question), ANSWERED, "Navi Pillay: The UN human rights chief.",
                 [Group("Navi Pillay", [pillay], 9, "The UN human rights chief", 1)])
    two = Answer(question, parse_question(question), ANSWERED, one.message,
                 [*one.groups, Group("Ms Pillay", [make_item(8)], 10, "a judge", 1)])
    for answer, times in ((one, 1), (two, 2)):
        console = Console(record=True, width=200)
        console.print(render(answer))
        assert console.export_text().count("The UN human rights chief") == times
        assert all_text(answer_blocks(answer)).count("The UN human rights chief") == times


def test_a_near_miss_contradicting_the_question_says_so_in_every_renderer():
    """"Carrow denied that ..." under a plain "Carrow says:" heading would read as Carrow saying it."""
    denial = make_item(4, near_miss=True, opposes=DENIES, cue="denied")
    answer = answer_of([denial], status=NO_MATCH)
    assert "_Near-miss, not an answer \u2014 denies it:_ *Syrian government*" in all_text(answer_blocks(answer))
    assert json_render.to_dict(answer)["near_misses"][0]["near_miss_label"] == "near-miss, not an answer \u2014 denies it"
    console = Console(record=True, width=200)
    console.print(render(answer))
    assert "near-miss, not an answer \u2014 denies it: Syrian government" in console.export_text()
