"""Text normalisation with an offset map back to the article exactly as read.

Scraped articles carry quirks that trip the parser: backslash-escaped quotes, curly quotes, odd whitespace,
lines broken inside a sentence, a title line, sub-headings on their own lines and a dateline repeated inside the
first paragraph. `normalise` rewrites those into one plain form for spaCy and keeps, for every normalised
character, the original character it came from (or none, for characters it inserted), so every span the
extractors find can be reported in the offsets of the input.

In the normalised text a newline always separates two blocks (paragraph, title, heading, dateline): lines broken
inside a sentence are joined with a space, and a repeated dateline is moved onto its own line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from bot.extract.types import Span

INSERTED = -1  # source index of a character that normalisation inserted

# Characters rewritten one-for-one so downstream rules see a single form.
_ONE_FOR_ONE = {
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\t\u000b\u000c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                    "\u200a\u202f\u205f\u3000", " "),
    **dict.fromkeys("\r\u2028\u2029\u0085", "\n"),
}
# Characters dropped: zero-width characters, the byte-order mark and soft hyphens carry no text.
_DROPPED = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# Pairs of characters rewritten as one: a Windows line end, two apostrophes as a quotation mark (''Yes,'' he said).
_TWO_FOR_ONE = {"\r\n": "\n", "''": '"'}

_CHAR_QUIRKS = re.compile(
    "|".join(map(re.escape, _TWO_FOR_ONE)) +
    r"|\\(?=['\"\u2018\u2019\u201c\u201d])"      # backslash escaping a quote: drop the backslash
    r"|[" + re.escape("".join(_ONE_FOR_ONE) + _DROPPED) + r"]"
    r"|[\x00-\x08\x0e-\x1f\x7f]"                 # stray control characters become spaces
)
# "rule.State TV" — a sentence glued to the next one: a space is inserted after the full stop (or the quotation mark
# closing it), where the match ends. It opens with the stop, so the search skips to those characters instead of
# trying the look-behinds at every position.
_GLUED_SENTENCE = re.compile(r"[.!?](?<=[a-z]{2}[.!?])[\"')]?(?=[A-Z][a-z])")
_SIGNED = re.compile(r"[.!?][\"\u201d]\s*[\u2015\u2014]")    # a quotation's last sentence closed, then a dash
_TERMINAL = re.compile(r"[.!?:;\u2026][\"')\]]*$")
_HEADING_MAX_WORDS = 10
_HEADING_MAX_CHARS = 80
_TITLE_MAX_WORDS = 20   # a headline may run longer than a sub-heading
_TITLE_MAX_CHARS = 150
# A title that reads like a dateline or site line ("Jisr al-Shughour, Syria - Arabstoday", "Tripoli | Reuters").
_DATELINE_SEPARATOR = re.compile(r", | [-–—|] ")
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z\"']")
_DASH = re.compile(r"\\?[-–—]")
_DATELINE_SEARCH_PARAGRAPHS = 3
# A wire dateline opening the first paragraph: "DETROIT - ", "ISLAMABAD (Reuters) - ", "NEW YORK, Nov. 19 (UPI) — ",
# "GOMA, Congo (AP) — ", "NAIROBI, Kenya - " (a country or state after the place only before an agency, a date or the
# dash), "Washington (CNN) -- ". A place in capitals (or capitalised words before an agency), a date, an agency, a
# dash.
_DATELINE_DATE = r"(?:,\s+(?:[A-Z][a-z]{2,}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,}\.?))?"    # ", Nov. 19", ", 3 March"
_DATELINE_AGENCY = r"\(([A-Z][\w .&-]*)\)"       # "(Reuters)", "(AP)"
_DATELINE_DASH = r"(?:--|[-\u2013\u2014\u2015])"
_WIRE_DATELINE = re.compile(
    rf"(?:[A-Z][A-Z.'’-]+(?:,?\s+[A-Z][A-Z.'’-]+)*(?:,\s+[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)?"
    rf"(?=\s+\(|,\s|\s*{_DATELINE_DASH}(?:\s|$)))?"
    rf"{_DATELINE_DATE}(?:\s+{_DATELINE_AGENCY})?"
    rf"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*{_DATELINE_DATE}\s+{_DATELINE_AGENCY})"
    rf"\s*{_DATELINE_DASH}(?=\s|$)")
_WIRE_DATELINE_LINES = 2        # it opens one of the first two lines after the title
# The publisher in a dateline: an agency in brackets before the dash, or a site name after it.
_DATELINE_OUTLET = re.compile(rf"{_DATELINE_AGENCY}\s*{_DATELINE_DASH}\s*$"
                              rf"|\s{_DATELINE_DASH}\s+([A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){{0,2}})\s*$")
# A wire service's or publisher's credit line: "(Reporting by Selin Ozturk; Editing by Mark Potter)", "Copyright 2024
# Riverside Courier.", "All rights reserved." The outlet states nothing in it. Unbracketed "Reporting by ..." only as
# a short line: a sentence may start so.
_CREDIT_LINE = re.compile(r"[(\[]\s*(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Produced)\s+by\b"
                          r"|(?:Additional\s+)?(?:Reporting|Writing|Editing)\s+by\s+(?:\S+\s+){0,6}\S+$"
                          r"|Copyright\b|©|\([Cc]\)\s|All rights reserved\b")
# Words a sentence does not end with: a line ending with one of them is broken inside a sentence.
_NON_FINAL_WORDS = frozenset(
    "a an the of to in on at by for from with into about as and or but nor that which who whom whose "
    "is are was were be been being has have had do does did will would shall should can could may might must "
    "not no his her its their our your my this these those than said says says".split()
)
_LINE = re.compile(r"[^\s](?:[^\n]*[^\s])?")
# Unicode categories Cc (control), Co (private use) and Cs (surrogate) but tab, newline, form feed and carriage
# return: what marks a binary file read as text. One regex search instead of unicodedata.category per character
# (every code point checked against unicodedata: the same set).
_BINARY_LOOKING = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                             "\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


class UnusableText(ValueError):
    """The input holds no article text we can index (empty, only headings, or binary)."""


@dataclass(frozen=True)
class Block:
    """A line-level unit of the normalised text: body paragraphs hold sentences, the others never do."""

    start: int   # normalised offsets, edge whitespace excluded
    end: int
    kind: str    # "title", "heading", "dateline", "credit" or "body"
    paragraph: int  # index of the body paragraph it belongs to (headings: the paragraph that follows)


@dataclass
class NormalisedText:
    original: str
    text: str
    sources: list[int] = field(repr=False)  # per normalised character: its original index or INSERTED
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._block_starts = [b.start for b in self.blocks]

    def trimmed_span(self, start: int, end: int, leading: str, trailing: str) -> Span | None:
        """`span` of normalised [start, end) without the `leading` characters at its start and the `trailing` ones
        at its end (edge spaces, separating punctuation); None when nothing is left."""
        while start < end and self.text[start] in leading:
            start += 1
        while end > start and self.text[end - 1] in trailing:
            end -= 1
        return self.span(start, end) if start < end else None

    def span(self, start: int, end: int) -> Span:
        """Map normalised [start, end) to the original text, trimming characters normalisation inserted."""
        while start < end and self.sources[start] == INSERTED:
            start += 1
        while end > start and self.sources[end - 1] == INSERTED:
            end -= 1
        if start == end:
            at = self._original_position(start)
            return Span(at, at, "")
        orig_start = self.sources[start]
        if orig_start > 0 and (self.text[start] in "'\"" and self.original[orig_start - 1] == "\\"
                               or self.text[start] == '"' and self.original[orig_start - 1:orig_start + 1] == "''"):
            orig_start -= 1  # an escaped quote starts with its backslash, a doubled apostrophe with the first
        orig_end = self.sources[end - 1] + 1
        return Span(orig_start, orig_end, self.original[orig_start:orig_end])

    def _original_position(self, offset: int) -> int:
        """The original offset at which an empty normalised position falls."""
        for i in range(offset, len(self.sources)):
            if self.sources[i] != INSERTED:
                return self.sources[i]
        return len(self.original)

    @property
    def title(self) -> Span | None:
        return next((self.span(b.start, b.end) for b in self.blocks if b.kind == "title"), None)

    @property
    def outlet(self) -> str | None:
        """The publisher a dateline names: "KAVALA, Nov 14 (Reuters) -", "Jisr al-Shughour, Syria - Arabstoday"."""
        for dateline in self.datelines:
            found = _DATELINE_OUTLET.search(dateline.text)
            if found:
                return found.group(1) or found.group(2)
        return None

    @property
    def headings(self) -> list[Span]:
        return [self.span(b.start, b.end) for b in self.blocks if b.kind == "heading"]

    @property
    def datelines(self) -> list[Span]:
        return [self.span(b.start, b.end) for b in self.blocks if b.kind == "dateline"]

    def block_at(self, offset: int) -> Block | None:
        """The block holding a normalised offset (None between blocks)."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def paragraph_of(self, offset: int) -> int:
        """Index of the body paragraph holding (or, between blocks, preceding) a normalised offset."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        return self.blocks[max(i, 0)].paragraph if self.blocks else 0


def normalise(raw: str) -> NormalisedText:
    """Rewrite scraped article text into one plain form, keeping the map back to `raw`."""
    _check_usable(raw)
    text, sources = _rewrite_characters(raw)
    text = _single_quotations_doubled(text)
    text, sources = _insert(text, sources, [m.end() for m in _GLUED_SENTENCE.finditer(text)], " ")
    text, sources = _join_broken_lines(text, sources)
    text, sources, blocks = _split_blocks(text, sources)
    if not any(b.kind == "body" for b in blocks):
        raise UnusableText("the text holds only headings, no article paragraphs")
    return NormalisedText(original=raw, text=text, sources=sources, blocks=blocks)


def _check_usable(raw: str) -> None:
    if not raw.strip():
        raise UnusableText("the text is empty")
    if "\x00" in raw:
        raise UnusableText("the text looks binary (it contains NUL bytes)")
    sample = raw[:10_000]
    control = len(_BINARY_LOOKING.findall(sample))
    if control > 0.1 * len(sample):
        raise UnusableText("the text looks binary (mostly control characters)")


def _rewrite_characters(raw: str) -> tuple[str, list[int]]:
    """One-for-one and dropping rewrites: quotes, escapes, whitespace, line ends."""
    out: list[str] = []
    sources: list[int] = []
    pos = 0
    for m in _CHAR_QUIRKS.finditer(raw):
        out.append(raw[pos:m.start()])
        sources.extend(range(pos, m.start()))
        found = m.group()
        if found in _TWO_FOR_ONE:       # mapped to the second character: a span ending there takes both
            out.append(_TWO_FOR_ONE[found])
            sources.append(m.start() + 1)
        elif found in _ONE_FOR_ONE:
            out.append(_ONE_FOR_ONE[found])
            sources.append(m.start())
        elif found not in _DROPPED and found != "\\":
            out.append(" ")
            sources.append(m.start())
        pos = m.end()
    out.append(raw[pos:])
    sources.extend(range(pos, len(raw)))
    return "".join(out), sources


def _single_quotations_doubled(text: str) -> str:
    """British style quotes between single marks ('He was always the first to arrive,' Ferraz said.): the rules
    for quotations read double marks, so a single-quoted quotation outside any double-quoted one gets them, one
    character for one. An apostrophe is no mark: an opening one follows no word character and comes before a
    word; a closing one follows punctuation ending what was said, or closes a few words ('a disgrace') before a
    space or punctuation, but never after an "s" (the players' union). A quotation still open at its
    paragraph's end opens only, when it opens the paragraph or the next paragraph opens with a mark (the press
    runs a quotation on over paragraphs so)."""
    chars = list(text)
    for paragraph in _LINE.finditer(text):
        start, line = paragraph.start(), paragraph.group()
        inside_double, opening = False, None
        for i, char in enumerate(line):
            if char == '"':
                inside_double = not inside_double
            elif char != "'" or inside_double:
                continue
            elif opening is None:
                if (i == 0 or not (line[i - 1].isalnum() or line[i - 1] == "'")) and line[i + 1:i + 2].isalpha():
                    opening = i
            elif _closes_single_quotation(line, opening, i):
                chars[start + opening] = chars[start + i] = '"'
                opening = None
        if opening == 0 or opening is not None and _NEXT_OPENS_SINGLE.match(text, paragraph.end()):
            chars[start + opening] = '"'
    return "".join(chars)


_NEXT_OPENS_SINGLE = re.compile(r"\s*'")


def _closes_single_quotation(line: str, opening: int, at: int) -> bool:
    before, after = line[at - 1], line[at + 1:at + 2]
    if after.isalnum():
        return False        # don't, it's
    if before in ".,!?;:":
        return True
    return before.isalpha() and before.lower() != "s" and len(line[opening:at].split()) <= 6


def _insert(text: str, sources: list[int], positions: list[int], piece: str) -> tuple[str, list[int]]:
    """Insert `piece` at each normalised position (ascending); the inserted characters map to no original."""
    if not positions:
        return text, sources
    out: list[str] = []
    new_sources: list[int] = []
    prev = 0
    for at in positions:
        out.append(text[prev:at])
        new_sources.extend(sources[prev:at])
        out.append(piece)
        new_sources.extend([INSERTED] * len(piece))
        prev = at
    out.append(text[prev:])
    new_sources.extend(sources[prev:])
    return "".join(out), new_sources


def _looks_like_heading(line: str, max_words: int = _HEADING_MAX_WORDS, max_chars: int = _HEADING_MAX_CHARS) -> bool:
    """Short and without final punctuation: a title, sub-heading or dateline, never part of a sentence; nor a
    quotation signed with a dash and a name ('"He is ignorant of our culture."― Pamela Padilla')."""
    line = line.strip()
    return bool(line) and len(line) <= max_chars and len(line.split()) <= max_words and not _TERMINAL.search(line) \
        and not _SIGNED.search(line)


def _join_broken_lines(text: str, sources: list[int]) -> tuple[str, list[int]]:
    """Replace a newline inside a sentence with a space (the space keeps the newline's source).

    A line is continued by the next when it has no final punctuation and the break visibly falls inside a
    sentence: the next line starts in lower case, or the line ends with a comma, hyphen or a word that cannot
    end a sentence. Other unpunctuated lines (bylines, captions, list items) stay separate blocks.
    """
    lines = text.split("\n")
    chars = list(text)
    offset = 0
    for line, following in zip(lines, lines[1:]):
        offset += len(line)
        stripped, nxt = line.strip(), following.strip()
        if stripped and nxt and not _TERMINAL.search(stripped) and _continues(stripped, nxt):
            chars[offset] = " "
        offset += 1
    return "".join(chars), sources


def _continues(line: str, following: str) -> bool:
    last_word = line.split()[-1]
    return following[0].islower() or line[-1] in ",-–—" or last_word in _NON_FINAL_WORDS


def _split_blocks(text: str, sources: list[int]) -> tuple[str, list[int], list[Block]]:
    """Classify lines into title, headings and body paragraphs; move a repeated dateline onto its own line."""
    lines = _line_extents(text)
    if not lines:
        return text, sources, []
    first_start, first_end = lines[0]
    first_line = text[first_start:first_end]
    title = first_line if _looks_like_heading(first_line, _TITLE_MAX_WORDS, _TITLE_MAX_CHARS) else None
    dateline = _dateline_pattern(title) if title is not None and _DATELINE_SEPARATOR.search(title) else None
    cuts = _dateline_cuts(text, lines[1:1 + _DATELINE_SEARCH_PARAGRAPHS], dateline) if dateline is not None else []
    first_body = 1 if title is not None else 0
    cuts += [m.end() for start, end in lines[first_body:first_body + _WIRE_DATELINE_LINES]
             if (m := _WIRE_DATELINE.match(text, start, end)) and _CAPITALISED_NEXT.match(text, m.end(), end)]
    if cuts:
        text, sources = _insert(text, sources, sorted(set(cuts)), "\n")
        lines = _line_extents(text)
    blocks: list[Block] = []
    paragraph = 0
    pending: list[tuple[int, int, str]] = []
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        if number == 0 and title is not None:
            kind = "title"
        elif dateline is not None and dateline.fullmatch(line) or \
                _WIRE_DATELINE.fullmatch(line) and _newline_inserted(text, sources, text.find("\n", end)):
            kind = "dateline"
        elif _CREDIT_LINE.match(line):
            kind = "credit"
        elif _looks_like_heading(line) and not _cut_from_paragraph(text, sources, start, end):
            kind = "heading"
        else:
            kind = "body"
        if kind == "body":
            blocks.extend(Block(s, e, k, paragraph) for s, e, k in pending)
            pending = []
            blocks.append(Block(start, end, kind, paragraph))
            if not _newline_inserted(text, sources, text.find("\n", end)):
                paragraph += 1
        else:
            pending.append((start, end, kind))
    blocks.extend(Block(s, e, k, max(paragraph - 1, 0)) for s, e, k in pending)
    return text, sources, blocks


def _cut_from_paragraph(text: str, sources: list[int], start: int, end: int) -> bool:
    """True for the part of a paragraph before or after a dateline that was moved out of it."""
    return _newline_inserted(text, sources, text.rfind("\n", 0, start)) or \
        _newline_inserted(text, sources, text.find("\n", end))


def _newline_inserted(text: str, sources: list[int], newline: int) -> bool:
    return newline != -1 and sources[newline] == INSERTED


def _line_extents(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, edge whitespace excluded."""
    return [m.span() for m in _LINE.finditer(text)]


def _dateline_pattern(title: str) -> re.Pattern:
    """The title's words with any whitespace between them and any dash for a dash."""
    words = (_DASH.sub("[-\u2013\u2014]", re.escape(word)) for word in title.split())
    return re.compile(r"\s+".join(words))


def _dateline_cuts(text: str, lines: list[tuple[int, int]], dateline: re.Pattern) -> list[int]:
    """Positions at which to break lines so that a repetition of a dateline-like title stands alone.

    The repetition must end its line or be followed by a capitalised word: it sits between two sentences.
    """
    cuts: list[int] = []
    for start, end in lines:
        for m in dateline.finditer(text, start, end):
            if _CAPITALISED_NEXT.match(text, m.end(), end) or m.end() == end:
                cuts.extend(at for at in (m.start(), m.end()) if start < at < end)
    return sorted(set(cuts))
