"""What the Slack listeners do, without Slack payloads: turn a question, a command line or an article into a reply
(fallback text + Block Kit), and App Home's view. Everything here is synchronous and runs in a worker thread, off
the event loop, after the request has been acknowledged. Every call is scoped to one workspace (`team_id`).

All article and user text shown in Slack is escaped (&, <, >): an article saying `<!channel>` pings no one."""

from __future__ import annotations

import html
import json
import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from spacy.language import Language
from sqlalchemy import Engine

from bot.digest import DigestSettingError, describe_setting, disable_digest, disable_workspace_digests, set_digest
from bot.disputes import recompute
from bot.errors import BadArticle
from bot.extract.pipeline import extract_article
from bot.ingest import HTML_SUFFIXES, TEXT_SUFFIXES, read_document, store_facts
from bot.qa import answer_question
from bot.render.blocks import MAX_BLOCKS, SECTION_CHARS, answer_blocks, clip, escape, section
from bot.render.digest_blocks import dispute_blocks, disputed_blocks
from store.db import open_session
from store.disputes import digest_setting, digest_settings, list_disputes
from store.ingest import slugify
from store.slack import add_correction, claim_context, recent_corrections, team_articles, team_claim

MAX_HOME_BLOCKS = 100
BUTTON_VALUE_CHARS = 2000
SHARE_ACTION = "share_in_channel"
CORRECTION_CALLBACK = "correction_modal"
INDEX_SHORTCUT = "index_article"
SOURCE_CHARS = 200
MISSING_CLAIM = "That claim is not indexed in this workspace (any more)."

COMMANDS = {
    "/fact": ("<question>", "/fact who says residents requested the army?"),
    "/whosays": ("<claim>", "/whosays armed gangs killed the security forces"),
    "/said": ("<source> [about <topic>]", "/said Erdogan about the refugees"),
    "/disputed": ("[topic]", "/disputed refugees"),
    "/sources": ("[article]", "/sources jisr-al-shughour"),
}
NEWSBOT_SUBCOMMANDS = (
    ("help", "this list"),
    ("articles", "the articles indexed in this workspace"),
    ("ingest <url>", "fetch a web page and index its article"),
    ("digest here HH:MM Zone [quiet]", "post the daily digest of disputes in this channel, e.g. "
                                       "`digest here 08:00 Europe/London`; `quiet`: no post on quiet days"),
    ("digest off", "stop this channel's digest"),
)


@dataclass
class Reply:
    """One Slack message: `text` is the notification fallback, `blocks` the message (None: text only)."""

    text: str
    blocks: list[dict] | None = None


def text_reply(text: str) -> Reply:
    """A plain message from text that is already safe for Slack (escaped where it holds outside text)."""
    return Reply(text, [section(text)])


def decode_slack(text: str) -> str:
    """A Slack message's text as its author typed it: user mentions dropped, links to their label or URL, &amp;
    &lt; &gt; decoded. Line breaks are kept (an article pasted in a message keeps its paragraphs)."""
    text = re.sub(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>", " ", text)
    text = re.sub(r"<(?:mailto:)?([^<>|]+)\|([^<>]+)>", r"\2", text)
    text = re.sub(r"<([^<>|]+)>", r"\1", text)
    return html.unescape(text)


def slack_to_plain(text: str) -> str:
    """A question typed in Slack, on one line."""
    return " ".join(decode_slack(text).split())


def user_ref(user_id: str) -> str:
    """A Slack user id as a mention; anything else (the CLI's "cli") as escaped text."""
    return f"<@{user_id}>" if re.fullmatch(r"[UW][A-Z0-9]+", user_id) else escape(user_id)


def fit_blocks(blocks: list[dict], limit: int = MAX_BLOCKS, *, keep_last: int = 0) -> list[dict]:
    """At most `limit` blocks: the tail is cut and replaced by an "… and N more" line (the last `keep_last` kept)."""
    if len(blocks) <= limit:
        return blocks
    cut = len(blocks) - keep_last
    body, tail = blocks[:cut], blocks[cut:]
    room = limit - keep_last - 1
    more = {"type": "context", "elements": [{"type": "mrkdwn", "text":
            f"\u2026 and {len(body) - room} more parts: ask a narrower question to see them"}]}
    return body[:room] + [more] + tail


# --- questions -----------------------------------------------------------------------------------------------------

def command_question(command: str, text: str) -> tuple[str, str | None]:
    """A slash command's text as a question for the question engine, and the article it is limited to, if any."""
    text = slack_to_plain(text)
    if command == "/whosays":
        return f"who says {text}?", None
    if command == "/said":
        source, topic = (re.split(r"\s+about\s+", text, maxsplit=1, flags=re.IGNORECASE) + [""])[:2]
        return (f"what did {source} say about {topic}?" if topic else f"what did {source} say?"), None
    if command == "/sources":
        return "who are the sources?", text or None
    return text, None


def answer_reply(engine: Engine, team_id: str, question: str, article: str | None = None) -> Reply:
    """The question engine's one answer, rendered as Block Kit."""
    if not question.strip():
        return text_reply("Ask a question, for example `/fact who says residents requested the army?`")
    with open_session(engine) as session:
        answer = answer_question(session, question, team_id=team_id, article=article)
    return Reply(clip(escape(answer.message), SECTION_CHARS), fit_blocks(answer_blocks(answer)))


def disputed_reply(engine: Engine, team_id: str, topic: str) -> Reply:
    topic = slack_to_plain(topic)
    with open_session(engine) as session:
        disputes = list_disputes(session, team_id, topic=topic or None)
    count = f"{len(disputes)} disputed claim{'s' if len(disputes) != 1 else ''}"
    return Reply(escape(f"{count} about {topic}" if topic else count), fit_blocks(disputed_blocks(disputes, topic)))


def share_value(command: str, text: str) -> str:
    """The button value that lets "Share in channel" recompute the same reply for everyone."""
    return json.dumps({"command": command, "text": clip(text, BUTTON_VALUE_CHARS - 100)})


def with_share_button(reply: Reply, command: str, text: str) -> Reply:
    button = {"type": "actions", "block_id": "share", "elements": [{
        "type": "button", "action_id": SHARE_ACTION, "text": {"type": "plain_text", "text": "Share in channel"},
        "value": share_value(command, text)}]}
    return Reply(reply.text, fit_blocks([*(reply.blocks or []), button], keep_last=1))


def command_reply(engine: Engine, team_id: str, command: str, text: str, *, shareable: bool = True) -> Reply:
    """/fact, /whosays, /said, /sources and /disputed: the reply only the asker sees, with a Share button
    (`shareable`; not on a usage hint, nor on the shared copy itself)."""
    if command == "/disputed":
        reply = disputed_reply(engine, team_id, text)
    elif not text.strip() and command != "/sources":
        usage, example = COMMANDS[command]
        return text_reply(f"Usage: `{command} {usage}`, e.g. `{example}`")
    else:
        reply = answer_reply(engine, team_id, *command_question(command, text))
    return with_share_button(reply, command, text) if shareable else reply


# --- /newsbot ------------------------------------------------------------------------------------------------------

def help_reply() -> Reply:
    lines = ["*newsbot* finds who said what in the articles indexed in this workspace, and where sources disagree.",
             "", "*Ask*"]
    lines += [f"\u2022 `{cmd} {usage}` \u2014 e.g. `{example}`" for cmd, (usage, example) in COMMANDS.items()]
    lines += ["\u2022 mention me in a channel or send me a direct message with a question", "", "*Manage*"]
    lines += [f"\u2022 `/newsbot {sub}` \u2014 {what}" for sub, what in NEWSBOT_SUBCOMMANDS]
    lines += ["", "*Add articles*: `/newsbot ingest <url>`, the message shortcut *Index this article* (on a message "
              "with the article's text, a link or a .txt/.html file), or share a .txt/.html file with me in a DM.",
              "Replies to commands are visible to you only; use *Share in channel* to post one."]
    return text_reply("\n".join(lines))


def articles_reply(engine: Engine, team_id: str) -> Reply:
    with open_session(engine) as session:
        rows = team_articles(session, team_id, limit=40)
    if not rows:
        return text_reply("No articles indexed in this workspace yet: try `/newsbot ingest <url>`.")
    lines = [f"*{len(rows)} article{'s' if len(rows) != 1 else ''} indexed*"]
    lines += [f"\u2022 {escape(clip(r.title, 150))} (`{escape(r.slug)}`) \u2014 {r.ingested_at:%Y-%m-%d}, "
              f"{r.claims} claims from {r.sources} sources" for r in rows]
    return text_reply("\n".join(lines))


def digest_reply(engine: Engine, team_id: str, channel_id: str, args: list[str]) -> Reply:
    """`digest here HH:MM Zone [quiet]` and `digest off` for the channel the command was typed in."""
    args = [a.lower() if i in (0, 3) else a for i, a in enumerate(args)]
    with open_session(engine) as session:
        if args[:1] == ["off"]:
            setting = disable_digest(session, team_id, channel_id)
            return text_reply("The daily digest is now off in this channel." if setting
                              else "This channel had no daily digest.")
        if args[:1] == ["here"] and len(args) in (3, 4) and args[3:] in ([], ["quiet"]):
            try:
                setting = set_digest(session, team_id, channel_id, args[1], args[2],
                                     post_when_empty=False if args[3:] else None)
            except DigestSettingError as error:
                return text_reply(escape(str(error)))
            return text_reply(f"{escape(describe_setting(setting))} in <#{channel_id}>.")
        if not args:
            return text_reply(escape(describe_setting(digest_setting(session, team_id, channel_id))))
    return text_reply("Usage: `/newsbot digest here 08:00 Europe/London` or `/newsbot digest off`")


def workspace_removed(engine: Engine, team_id: str) -> int:
    """newsbot was uninstalled from a workspace: its digests stop (its articles stay, for a reinstall)."""
    with open_session(engine) as session:
        return disable_workspace_digests(session, team_id)


def ingest_url_arg(text: str) -> str | None:
    """The URL of `/newsbot ingest <url>`, as typed or as Slack's `<https://…|label>` link."""
    m = re.search(r"<?(https?://[^\s|>]+)", text)
    return m.group(1) if m else None


# --- getting articles in -------------------------------------------------------------------------------------------

_INGEST_LOCK = threading.Lock()    # one spaCy parse at a time: the model is shared by all requests
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


@dataclass
class ArticleSource:
    """Where a message shortcut finds the article: an attached file, a link, or the message's own text."""

    kind: str                       # "file", "url" or "text"
    label: str                      # what the user sees: the file name, the URL, the text's first line
    url: str | None = None
    text: str | None = None


def article_source(message: dict) -> ArticleSource:
    """The article a message holds: its first .txt/.html file, else a message that is just a link, else its text."""
    for file in message.get("files") or []:
        name = file.get("name") or ""
        if PurePosixPath(name.lower()).suffix in ARTICLE_SUFFIXES:
            return ArticleSource("file", name, url=file.get("url_private_download") or file.get("url_private"))
    if message.get("files"):
        raise BadArticle("only .txt and .html files can be indexed")
    text = decode_slack(message.get("text") or "").strip()
    if not text:
        raise BadArticle("that message holds no text, link or .txt/.html file to index")
    link = ingest_url_arg(text)
    if link and len(text.split()) <= 3:
        return ArticleSource("url", link, url=link)
    return ArticleSource("text", clip(text.splitlines()[0], 80), text=text)


def file_name_for(label: str, suffix: str) -> str:
    """A file name for fetched or pasted text: its slug (the stored article's slug comes from it)."""
    return f"{slugify(label)[:60]}{suffix}"


def ingest_reply(engine: Engine, nlp: Callable[[], Language], team_id: str, name: str, data: bytes,
                 url: str | None = None) -> Reply:
    """Index one article (a .txt or .html file's bytes) for the team with STORE's checks, parse and save; say what
    it held ("Indexed 'Title': 31 claims from 17 sources") or why nothing was indexed."""
    shown = escape(clip(name, 200))
    if PurePosixPath(name.lower()).suffix not in ARTICLE_SUFFIXES:
        return text_reply(f"Could not index {shown}: only .txt and .html files can be indexed.")
    with tempfile.TemporaryDirectory(prefix="newsbot-") as folder:
        path = Path(folder) / file_name_for(PurePosixPath(name).stem, PurePosixPath(name.lower()).suffix)
        path.write_bytes(data)
        try:
            document = read_document(path)
        except BadArticle as error:
            return text_reply(f"Could not index {shown}: {escape(str(error).removeprefix(f'{path}: '))}")
        document.url = document.url or url
        with _INGEST_LOCK:
            facts = extract_article(document.norm, nlp())
        result = store_facts(engine, document, facts, team_id=team_id)
    if result.error:
        return text_reply(f"Could not index {shown}: {escape(result.error.removeprefix(f'{path}: '))}")
    with open_session(engine) as session:
        row = team_articles(session, team_id, article_id=result.article_id)[0]
    done = "Indexed" if result.created else "Already indexed"
    return text_reply(f"{done} \u2018{escape(clip(row.title, 200))}\u2019: {row.claims} claims from {row.sources} "
                      f"sources (`{escape(row.slug)}`)")


# --- buttons and the correction modal ------------------------------------------------------------------------------

def context_reply(engine: Engine, team_id: str, claim_id: int) -> Reply:
    """The paragraph around a claim's sentence, the sentence in bold."""
    with open_session(engine) as session:
        found = claim_context(session, team_id, claim_id)
    if found is None:
        return text_reply(MISSING_CLAIM)
    paragraph = escape(found.paragraph_text)
    sentence = escape(found.sentence_text)
    body = paragraph.replace(sentence, f"*{sentence}*", 1) if sentence in paragraph else paragraph
    return text_reply(clip(f"_{escape(clip(found.article_title, 200))}_\n>{body}", SECTION_CHARS))


def article_reply(engine: Engine, team_id: str, article_id: int) -> Reply:
    """A digest button without a link: the article's title, slug and counts."""
    with open_session(engine) as session:
        rows = team_articles(session, team_id, article_id=article_id)
    if not rows:
        return text_reply("That article is not indexed in this workspace (any more).")
    row = rows[0]
    return text_reply(f"*{escape(clip(row.title, 200))}* (`{escape(row.slug)}`), indexed {row.ingested_at:%Y-%m-%d}: "
                      f"{row.claims} claims from {row.sources} sources. Ask about it with `/fact <question> "
                      f"in:{escape(row.slug)}`.")


def correction_view(engine: Engine, team_id: str, claim_id: int, channel_id: str | None) -> dict | None:
    """The "Wrong attribution?" modal for a claim of the team's (None: not found)."""
    with open_session(engine) as session:
        claim = team_claim(session, team_id, claim_id)
        if claim is None:
            return None
        current = claim.source_text if claim.attributed else None
        content = claim.content_text
    said = f"*Attributed to:* {escape(current) if current else '_the article itself (no source named)_'}"
    return {
        "type": "modal", "callback_id": CORRECTION_CALLBACK,
        "private_metadata": json.dumps({"claim_id": claim_id, "channel_id": channel_id}),
        "title": {"type": "plain_text", "text": "Wrong attribution?"},
        "submit": {"type": "plain_text", "text": "Save correction"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            section(f">{escape(clip(content, 600))}\n{said}"),
            {"type": "input", "block_id": "source", "optional": True,
             "label": {"type": "plain_text", "text": "Who actually said it?"},
             "hint": {"type": "plain_text", "text": "Leave empty if it is the article's own statement."},
             "element": {"type": "plain_text_input", "action_id": "source_text",
                         "max_length": SOURCE_CHARS,
                         "placeholder": {"type": "plain_text", "text": "e.g. Syrian state TV"}}},
            {"type": "input", "block_id": "note", "optional": True,
             "label": {"type": "plain_text", "text": "Note"},
             "element": {"type": "plain_text_input", "action_id": "note_text", "multiline": True,
                         "max_length": 1000}},
        ],
    }


def correction_reply(engine: Engine, team_id: str, claim_id: int, source_text: str | None, note: str | None,
                     user_id: str) -> Reply:
    """Store the editor's correction and recompute the disputes of the claim's article in the same transaction."""
    source_text, note = (source_text or "").strip() or None, (note or "").strip() or None
    with open_session(engine) as session:
        correction = add_correction(session, team_id, claim_id, source_text, note, user_id)
        if correction is None:
            return text_reply(MISSING_CLAIM)
        recompute(session, team_id, [team_claim(session, team_id, claim_id).article_id])
        session.commit()
    now = escape(source_text) if source_text else "the article itself"
    return text_reply(f"Thanks: that claim is now attributed to {now}.")


# --- App Home ------------------------------------------------------------------------------------------------------

def home_view(engine: Engine, team_id: str) -> dict:
    """App Home: indexed articles, recent disputes, each channel's digest setting, editors' corrections."""
    with open_session(engine) as session:
        articles = team_articles(session, team_id, limit=15)
        disputes = list_disputes(session, team_id, limit=3)
        settings = digest_settings(session, team_id)
        corrections = recent_corrections(session, team_id, limit=5)
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "newsbot"}},
              section("Who said what in this workspace's articles. `/newsbot help` lists the commands."),
              {"type": "header", "text": {"type": "plain_text", "text": "Indexed articles"}}]
    if articles:
        blocks.append(section("\n".join(
            f"\u2022 *{escape(clip(a.title, 150))}* \u2014 {a.ingested_at:%Y-%m-%d}, {a.claims} claims, "
            f"{a.sources} sources" for a in articles)))
    else:
        blocks.append(section("Nothing indexed yet: `/newsbot ingest <url>` or share a .txt file with me."))
    blocks.append({"type": "header", "text": {"type": "plain_text", "text": "Recent disputes"}})
    if disputes:
        for n, dispute in enumerate(disputes, 1):
            blocks += [b for b in dispute_blocks(n, dispute) if b["type"] != "actions"]
    else:
        blocks.append(section("Nothing disputed in the indexed articles."))
    blocks.append({"type": "header", "text": {"type": "plain_text", "text": "Daily digest"}})
    blocks.append(section("\n".join(f"\u2022 <#{s.channel_id}>: {escape(describe_setting(s))}" for s in settings)
                          if settings else "No channel gets the digest: `/newsbot digest here 08:00 Europe/London`."))
    if corrections:
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": "Corrections by editors"}})
        blocks.append(section("\n".join(
            f"\u2022 {escape(clip(c.was or 'the article', 80))} \u2192 {escape(clip(c.now or 'the article', 80))} "
            f"in _{escape(clip(c.article_title, 100))}_ by {user_ref(c.user_id)}" for c in corrections)))
    return {"type": "home", "blocks": fit_blocks(blocks, MAX_HOME_BLOCKS)}
