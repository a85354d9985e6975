"""An Answer as Slack Block Kit blocks (SLACK posts them): per claim a heading naming the source as resolved and as
written, the sentence as a block quote, the article, and two buttons ("Show context", "Wrong attribution?") whose
value is the claim id.

Every piece of article and user text is escaped (&, <, >) so "<!channel>" in an article or a question never pings
anyone; Block Kit limits hold (3,000 characters a section, 50 blocks a message), overflow ends in "… and N more".
"""

from __future__ import annotations

from bot.answer import ANSWERED, Answer, Item, readable

MAX_BLOCKS = 50
SECTION_CHARS = 3000
QUOTE_CHARS = 1200
SHOW_CONTEXT = "show_context"
WRONG_ATTRIBUTION = "wrong_attribution"


def escape(text: str) -> str:
    """Article and user text for mrkdwn: `<!channel>`, `<@U123>` and `<url|label>` become plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}}


def context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}]}


def heading(item: Item) -> str:
    """`*Syrian government* (as "The government") says:` ("say" after a plural source), escaped; the outlet's own
    statements say so."""
    speaker = f"*{escape(readable(item.speaker))}*"
    if item.own_statement:
        line = f"{speaker} (the article's own statement, no source named):"
    else:
        written = f" (as \"{escape(readable(item.written_differently))}\")" if item.written_differently else ""
        told = f", according to *{escape(readable(item.reported_by))}*" if item.reported_by else ""
        line = f"{speaker}{written} {item.verb}{told}:"
    if not item.near_miss:
        return line
    label = item.near_miss_label
    return f"_{label[:1].upper()}{label[1:]}:_ {line}"


def _details(item: Item) -> str:
    parts = [f"_{escape(readable(item.article_title))}_ \u00b7 sentence {item.sentence_position + 1}"]
    if item.figures:
        parts.append("figures: " + escape("; ".join(item.figures)))
    if item.hedges:
        parts.append(":warning: " + escape("; ".join(item.hedges)))
    if item.disputes:
        parts.append("disputed: " + escape("; ".join(d.topic for d in item.disputes)))
    if item.corrected:
        parts.append("corrected by an editor")
    return " \u00b7 ".join(parts)


def item_blocks(item: Item) -> list[dict]:
    quote = escape(clip(readable(item.sentence), QUOTE_CHARS))
    blocks = [section(f"{heading(item)}\n>{quote}\n{_details(item)}")]
    if item.claim_id is not None:
        value = str(item.claim_id)
        blocks.append({"type": "actions", "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": "Show context"},
             "action_id": SHOW_CONTEXT, "value": value},
            {"type": "button", "text": {"type": "plain_text", "text": "Wrong attribution?"},
             "action_id": WRONG_ATTRIBUTION, "value": value},
        ]})
    return blocks


def answer_blocks(answer: Answer) -> list[dict]:
    """The whole reply: the answer's one-line message, then each claim (grouped by source, or by disputed topic),
    then near-misses, within Block Kit's limits."""
    blocks = [section(escape(answer.message) if answer.status == ANSWERED else f"*{escape(answer.message)}*")]
    pending: list[tuple[list[dict], int]] = []         # (blocks, claims they show)
    for group in answer.groups:
        title = escape(readable(group.title))
        if answer.states_heading_of(group):
            pass            # the message above is its heading
        elif group.description:
            pending.append(([section(f"*{title}*: {escape(readable(group.description))}")], 0))
        elif answer.intent.kind == "sources":
            pending.append(([section(f"*{title}* \u2014 {group.count} claim{'s' if group.count != 1 else ''}")], 0))
        elif any(group.title != i.speaker for i in group.items):
            pending.append(([section(f"*{title}*")], 0))
        pending.extend((item_blocks(i), 1) for i in group.items)
    pending.extend((item_blocks(i), 1) for i in answer.near_misses)
    for number, (chunk, _) in enumerate(pending):
        last = number == len(pending) - 1
        if len(blocks) + len(chunk) + (0 if last else 1) > MAX_BLOCKS:
            left = sum(claims for _, claims in pending[number:])
            blocks.append(context(f"\u2026 and {left} more"))
            break
        blocks.extend(chunk)
    return blocks
