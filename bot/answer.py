"""The one Answer model every renderer (terminal, JSON, Slack Block Kit) reads: nothing here knows about output.

An item is one stored claim: who said it (the resolved entity and the words the article used), the cue, the sentence
exactly as printed with its offsets, and where it sits. Unattributed sentences are the outlet's own statements and
are never given a speaker; near-misses are kept apart from answers and say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.extract.entities import fold_name
from bot.extract.types import ACTION
from bot.questions import Intent

ANSWERED = "answered"
NO_MATCH = "no_match"
BAD_QUESTION = "bad_question"
STATUSES = (ANSWERED, NO_MATCH, BAD_QUESTION)
# What a near-miss contradicting the question does (Item.opposes).
DENIES = "denies it"
SAYS_OTHERWISE = "says otherwise"
OTHER_FIGURE = "gives another figure"
SUPERSEDED = "an earlier figure, since revised"
OTHER_YEAR = "of another year"
DECLINED = "declined to say so"


@dataclass(frozen=True)
class DisputeRef:
    id: int
    topic: str


@dataclass
class Item:
    claim_id: int | None               # None: a sentence that is no claim's cue sentence (a who-is description)
    source_name: str | None            # the resolved entity ("Syrian government"), None when unresolved
    source_text: str | None            # the source as the article wrote it ("The government", "he")
    source_entity_id: int | None
    own_statement: bool                # True: no source named, the outlet's own statement
    cue: str | None
    cue_kind: str | None
    kind: str                          # direct, indirect, mixed; "statement" for the outlet's own
    content: str                       # the attributed content ("…" joins discontinuous spans)
    sentence: str                      # the sentence exactly as in the article
    sentence_start: int                # offsets into the article's raw text
    sentence_end: int
    sentence_position: int             # 0-based order of the sentence in the article
    article_id: int
    article_slug: str
    article_title: str
    article_url: str | None
    outlet: str | None
    hedges: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    disputes: list[DisputeRef] = field(default_factory=list)
    corrected: bool = False            # an editor corrected the attribution; the source shown is theirs
    description: str | None = None     # who-is: the description the article gives ("the UN human rights chief")
    near_miss: bool = False            # the closest thing found, NOT an answer
    opposes: str | None = None         # a near-miss saying the opposite of what was asked: DENIES, SAYS_OTHERWISE ...
    reported_by: str | None = None     # told inside another source's quote: that source ("according to ...")
    score: float = 0.0
    slot: int = 0                      # rank of its sentence among the answers (claims of one sentence share it)

    @property
    def speaker(self) -> str:
        """Who said it, for a heading: the resolved entity, else the words as written, else the outlet."""
        if self.own_statement:
            return self.outlet or "The article"
        return self.source_name or self.source_text or "An unnamed source"

    @property
    def verb(self) -> str:
        """"say" after a plural source ("Human rights groups say") or several named together and resolved to no one
        of them ("France and Britain say"), "says" after anyone else; for a thing done, not said, its own verb as
        written ("Corriveau struggled"), so no renderer shows it as said."""
        if self.cue_kind == ACTION and self.cue:
            return self.cue
        several = not self.source_name and names_several(self.source_text or "")
        return "say" if several or plural_source(self.speaker) else "says"

    @property
    def near_miss_label(self) -> str | None:
        """How a near-miss is introduced, saying so when it contradicts the question ("denies it"), so no renderer
        can show someone denying a thing under a heading that reads as them saying it."""
        if not self.near_miss:
            return None
        return f"near-miss, not an answer \u2014 {self.opposes}" if self.opposes else "near-miss, not an answer"

    @property
    def written_differently(self) -> str | None:
        """The source as written when it differs from the resolved name ("The government" for Syrian government)."""
        if self.own_statement or not self.source_text or not self.source_name:
            return None
        return None if fold_name(self.source_text) == fold_name(self.source_name) else self.source_text


@dataclass
class Group:
    """Answers under one heading: one resolved source, or (for disputes) one disputed topic."""

    title: str
    items: list[Item]
    entity_id: int | None = None
    description: str | None = None
    count: int = 0                     # claims in the group, when more exist than `items` shows (sources)


# Plural heads that do not look plural by their ending, or that are capitalised (names ending in "s" usually are not
# plural: "Reuters", "Jones"); lower-case words ending in a plural "s" are found by their ending.
_PLURAL_WORDS = frozenset("""
people police they we authorities officials activists groups residents witnesses sources analysts experts critics
forces troops rebels lawmakers democrats republicans leaders members workers protesters demonstrators opponents
supporters aides advisers diplomats investigators prosecutors observers militants soldiers refugees doctors
""".split())
_SINGULAR_ENDINGS = ("ss", "us", "is", "ics", "news", "'s", "\u2019s")


_AFTER_HEAD = frozenset("of on in at from for with including who which that near across among".split())


_SEVERAL = re.compile(r"\band\b|&")


def names_several(name: str) -> bool:
    """"France and Britain", "Trump & Clinton": names joined, perhaps several speakers."""
    return _SEVERAL.search(name) is not None


def plural_source(name: str) -> bool:
    """Whether a source as shown is plural: its head, the last word before any comma or phrase after it ("other
    nations on the council, including Brazil"), is a plural head ("Human rights groups", "Activists", "Syrian
    officials", "Republicans") or a lower-case word with a plural ending ("state media outlets")."""
    words = re.findall(r"[^\W\d_][\w'\u2019.-]*", name.split(",")[0])
    words = words[:next((i for i, w in enumerate(words) if i and w in _AFTER_HEAD), len(words))]
    if not words:
        return False
    last = words[-1]
    lowered = last.lower()
    if lowered in _PLURAL_WORDS or lowered.endswith(("ists", "ians")):
        return True
    return last.islower() and lowered.endswith("s") and not lowered.endswith(_SINGULAR_ENDINGS)


def readable(text: str) -> str:
    """Article text for display: backslash-escaped quotes unescaped, runs of whitespace as one space. The stored
    sentence and its offsets stay exactly as in the article."""
    return " ".join(text.replace("\\'", "'").replace('\\"', '"').split())


@dataclass
class Answer:
    question: str
    intent: Intent
    status: str                        # one of STATUSES
    message: str                       # one line: what was found, or why nothing was, or how to ask
    groups: list[Group] = field(default_factory=list)
    near_misses: list[Item] = field(default_factory=list)
    scope: str | None = None           # the article the question was limited to, as its slug

    @property
    def items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]

    def states_heading_of(self, group: Group) -> bool:
        """Whether the one-line message already is this group's heading ("Navi Pillay: The UN human rights chief."),
        which renderers then do not print a second time."""
        return (len(self.groups) == 1 and group.description is not None
                and self.message.startswith(f"{group.title}: {group.description}"))
