"""The digest as one Slack message in Block Kit: disputes strongest first, each side in its own column (source,
quoted sentence, article, unverified markers), and a button back to each article.

All article text is escaped (&, <, >) so an article can never ping @channel or a user; Block Kit limits are kept
(50 blocks a message, 3,000 characters a section, 2,000 a field, 10 fields, 75 characters of button text)."""

from __future__ import annotations

from bot.answer import readable
from bot.render.blocks import MAX_BLOCKS, clip, context, escape, section
from bot.digest import Digest, quiet_line, side_label, side_quotes
from store.disputes import DisputedClaim, DisputeView

BLOCKS_PER_DISPUTE = 5          # title, sides, notes, buttons, divider
MAX_FIELDS = 10
FIELD_CHARS = 2000
QUOTE_CHARS = 500
CLAIMS_PER_SIDE = 3
BUTTON_CHARS = 75
OPEN_ARTICLE_ACTION = "digest_open_article"     # buttons without a URL: SLACK's handler shows the article


def _quoted(claim: DisputedClaim) -> str:
    sentence, title = readable(claim.sentence_text), readable(claim.article_title)
    line = f">{escape(clip(sentence, QUOTE_CHARS))}\n_{escape(clip(title, 120))}_"
    if claim.markers:
        line += f"\n:warning: unverified: {escape('; '.join(claim.markers))}"
    return line


def _side_field(letter: str, side: list[DisputedClaim]) -> dict:
    quotes = side_quotes(side)
    parts = [f"*{letter}: {escape(clip(side_label(side), 200))}*"]
    parts += [_quoted(c) for c in quotes[:CLAIMS_PER_SIDE]]
    if len(quotes) > CLAIMS_PER_SIDE:
        parts.append(f"\u2026 and {len(quotes) - CLAIMS_PER_SIDE} more")
    return {"type": "mrkdwn", "text": clip("\n".join(parts), FIELD_CHARS)}


def _article_buttons(dispute: DisputeView) -> dict:
    articles = {c.article_id: c for side in dispute.sides for c in side}
    buttons = []
    for claim in list(articles.values())[:5]:
        button = {"type": "button", "text": {"type": "plain_text", "emoji": False,
                                             "text": clip(escape(f"Open: {claim.article_title}"), BUTTON_CHARS)},
                  "action_id": f"{OPEN_ARTICLE_ACTION}:{dispute.id}:{claim.article_id}",
                  "value": str(claim.article_id)}
        if claim.article_url:
            button["url"] = claim.article_url
        buttons.append(button)
    return {"type": "actions", "elements": buttons}


def dispute_blocks(number: int, dispute: DisputeView) -> list[dict]:
    signals = ", ".join(s["name"] for s in dispute.signals)
    blocks = [section(f"*{number}. {escape(dispute.topic)}*\n"
                      f"confidence {dispute.confidence:.2f} \u00b7 {escape(signals)}")]
    fields = [_side_field(chr(65 + k), side) for k, side in enumerate(dispute.sides[:MAX_FIELDS])]
    blocks.append({"type": "section", "fields": fields})
    if dispute.notes:
        notes = " ".join(f"\u201c{escape(clip(readable(c.sentence_text), 300))}\u201d" for c in dispute.notes[:3])
        blocks.append(context(f"Note: {notes}"))
    blocks.append(_article_buttons(dispute))
    blocks.append({"type": "divider"})
    return blocks


def digest_blocks(digest: Digest) -> list[dict]:
    """The daily message: a header with the date, then the disputes (or the quiet-day line)."""
    title = f"Disputed claims \u2014 {digest.until.strftime('%a %d %b %Y')}"
    return disputes_blocks(title, digest.disputes, quiet_line(digest))


def disputed_blocks(disputes: list[DisputeView], topic: str | None = None) -> list[dict]:
    """`/disputed [topic]` and App Home: the current disputes, same layout as the digest."""
    title = f"Disputed: {topic}" if topic else "Disputed claims"
    nothing = f"Nothing disputed about \u201c{topic}\u201d." if topic else "Nothing disputed in the indexed articles."
    return disputes_blocks(title, disputes, nothing)


def disputes_blocks(title: str, disputes: list[DisputeView], nothing: str) -> list[dict]:
    header = {"type": "header", "text": {"type": "plain_text", "text": clip(escape(title), 150)}}
    if not disputes:
        return [header, section(escape(nothing))]
    room = (MAX_BLOCKS - 2) // BLOCKS_PER_DISPUTE
    blocks = [header]
    for n, dispute in enumerate(disputes[:room], 1):
        blocks += dispute_blocks(n, dispute)
    if len(disputes) > room:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text":
                       f"\u2026 and {len(disputes) - room} more: `/disputed <topic>` narrows them down"}]})
    return blocks
