"""The pure parts of bot/slack_service: Slack text decoding, command lines to questions, message contents to an
article source, and the 50-block limit."""

from __future__ import annotations

import pytest

from bot.errors import BadArticle
from bot.slack_service import (
    article_source,
    command_question,
    decode_slack,
    fit_blocks,
    ingest_url_arg,
    slack_to_plain,
)


def test_decode_slack_keeps_paragraphs_and_decodes_entities():
    text = "<@U1> Title\n\nA &amp; B said &lt;b&gt; <https://x.example/a|the link> and <mailto:a@b.c|mail>"
    assert decode_slack(text).strip() == "Title\n\nA & B said <b> the link and mail"
    assert slack_to_plain("<@UBOT>   who   says\nthat?") == "who says that?"


@pytest.mark.parametrize(("command", "text", "question", "article"), [
    ("/fact", "who is Navi Pillay?", "who is Navi Pillay?", None),
    ("/whosays", "armed gangs killed them", "who says armed gangs killed them?", None),
    ("/said", "Erdogan About the refugees", "what did Erdogan say about the refugees?", None),
    ("/said", "Erdogan", "what did Erdogan say?", None),
    ("/sources", "jisr-al-shughour", "who are the sources?", "jisr-al-shughour"),
    ("/sources", "", "who are the sources?", None),
])
def test_commands_become_questions(command, text, question, article):
    assert command_question(command, text) == (question, article)


def test_ingest_url_arg_reads_plain_and_slack_links():
    assert ingest_url_arg("https://a.example/x?y=1") == "https://a.example/x?y=1"
    assert ingest_url_arg("<https://a.example/x|a.example/x>") == "https://a.example/x"
    assert ingest_url_arg("ftp://a.example") is None


def test_article_source_prefers_a_file_then_a_bare_link_then_the_text():
    file = article_source({"text": "see", "files": [{"name": "a.png"}, {"name": "Story.HTML",
                                                                         "url_private_download": "u"}]})
    assert (file.kind, file.label, file.url) == ("file", "Story.HTML", "u")
    link = article_source({"text": "<https://a.example/story>"})
    assert (link.kind, link.url) == ("url", "https://a.example/story")
    text = article_source({"text": "A headline\n\nBody with https://a.example/ref in it, and more words."})
    assert (text.kind, text.label) == ("text", "A headline")
    with pytest.raises(BadArticle, match="only .txt and .html"):
        article_source({"text": "", "files": [{"name": "a.png"}]})
    with pytest.raises(BadArticle, match="no text"):
        article_source({"text": "  "})


def test_fit_blocks_cuts_to_the_limit_and_keeps_the_last():
    blocks = [{"type": "divider", "n": n} for n in range(60)]
    fitted = fit_blocks(blocks, keep_last=1)
    assert len(fitted) == 50
    assert fitted[-1] == {"type": "divider", "n": 59}
    assert fitted[-2]["type"] == "context" and "and 11 more" in fitted[-2]["elements"][0]["text"]
    assert fitted[:48] == blocks[:48]
    assert fit_blocks(blocks[:50]) == blocks[:50]
