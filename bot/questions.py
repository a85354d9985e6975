"""Question text -> typed intent, by rules over the words (no model): newsroom questions come in a few shapes.

Tolerant of case, punctuation, curly quotes and one-letter typos in the question words ("waht did Erdogan sya?"),
never taking an English word for one ("voted" is no typo of "vowed"); the names themselves are matched fuzzily
later, against the store. `in:<slug>` anywhere limits the question to one article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

import spacy.util
from rapidfuzz.distance import OSA
from spacy.lookups import Lookups

from bot.settings import load_settings

MAX_QUESTION_CHARS = 500
EXAMPLES = ('"who says residents requested the army?"', '"what did Erdogan say?"', '"who is Navi Pillay?"')

SAY_VERBS = frozenset("""
say says said saying claim claims claimed claiming tell tells told telling blame blames blamed blaming report reports
reported reporting believe believes believed think thinks thought state states stated allege alleges alleged argue
argues argued insist insists insisted warn warns warned announce announces announced deny denies denied accuse
accuses accused suggest suggests suggested write writes wrote estimate estimates estimated add adds added admit
admits admitted confirm confirms confirmed describe describes described call calls called promise promises promised
urge urges urged predict predicts predicted mean means meant condemn condemns condemned condemning criticise
criticises criticised criticize criticizes criticized propose proposes proposed reject rejects rejected dismiss
dismisses dismissed demand demands demanded praise praises praised endorse endorses endorsed support supports
supported oppose opposes opposed backs backed question questions questioned doubt doubts doubted fear fears feared
acknowledge acknowledges acknowledged concede concedes conceded explain explains explained reveal reveals revealed
vow vows vowed pledge pledges pledged threaten threatens threatened tweet tweets tweeted caution cautions cautioned
""".split())
SAY = frozenset("say says said saying".split())     # preferred over other verbs: "what did the state attorney say?"
# The plain forms ("say", "deny"): after "did/does/do" the asking verb is one, so the "said" of "what did those who
# said X say?" belongs to the source.
PLAIN_SAY_VERBS = frozenset(v for v in SAY_VERBS if {v + "s", v + "es", v[:-1] + "ies"} & SAY_VERBS)
TOPIC_WORDS = frozenset("about on regarding of".split())     # "what does X say about ..."
AUXILIARIES = frozenset("did does do has have had is was are were will would could can".split())
DISPUTE_WORDS = frozenset("""
disputed dispute disputes disputing contested contest contests contradict contradicts contradicted contradiction
contradictions conflicting conflict conflicts disagree disagrees disagreed disagreement disagreements
""".split())
SOURCE_WORDS = frozenset("sources source".split())
# Words asking what cannot be verified: answered from the articles' hedges, not by full-text search.
UNVERIFIED = frozenset("unverified unconfirmed unverifiable unsubstantiated".split())
VERIFY = frozenset("verified verify verifiable confirmed confirm substantiated".split())
NEGATED = frozenset("cannot can't not no unable difficult impossible".split())
# Words between "what" and a say-verb that name no source: "what couldn't be confirmed?", "what may have been said?"
_NO_SOURCE = AUXILIARIES | frozenset(
    "be been being not never should might may must shall can't cannot couldn't wouldn't won't didn't doesn't don't "
    "isn't wasn't aren't weren't hasn't haven't hadn't".split())
# Words after a what-said verb that name no subject: "what did Pillay call for?" asks for all she said
_PARTICLES = TOPIC_WORDS | frozenset("for to up out off it that this them so".split())
# "did anyone say ...?": no source named, so the question is who says it
_ANYONE = frozenset("anyone anybody someone somebody any source sources one".split())
# "who is in Yayladagi?", "who was behind the attack?": a question about a place or a deed, not a name
_BEFORE_PLACE = frozenset("in at on from near behind inside outside among with against for".split())
# "who is quoted?", "who spoke?": asking for the sources, with no claim to look for
QUOTED_WORDS = frozenset("quoted cited interviewed spoke speaks talked".split())
# "what percentage ...?", "what share of the vote ...?": a how-many asking for a share
SHARE_WORDS = frozenset("percentage percent proportion share fraction".split())
QUESTION_WORDS = frozenset("who whom whose what which how many much is are was were the a an".split())
ARTICLE_WORDS = frozenset("the a an article story piece report this that".split())
ARTICLE_NOUNS = frozenset("article story piece".split())     # "the conflict article" names an article
ARTICLE_PREPOSITIONS = frozenset("in of for from on".split())     # "sources in the ... article"
# Words the typo fixer may produce; only the opening words and the verb are corrected, never names.
VOCABULARY = frozenset({"who", "whom", "what", "how", "many", "much", "according", "sources", *AUXILIARIES,
                        *(v for v in SAY_VERBS if len(v) >= 3), *DISPUTE_WORDS})

_SCOPE = re.compile(r"(?<!\S)in:(\S*)", re.IGNORECASE)
_CONTRACTION = re.compile(r"\b(who|what)'s\b", re.IGNORECASE)
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")      # "U.S" of "U.S.", "D.C" of "Washington, D.C."
_WORD = re.compile(r"[^\W_](?:[\w'’.\-]*[^\W_])?")
# "who is the source of the claim that ...?", "who made the allegation that ...?": asking who says it
_SOURCE_OF_CLAIM = re.compile(
    r"^(?:(?:who|what|which)\s+(?:is|are|was|were)\s+(?:the\s+)?sources?\s+(?:of|for|behind)"
    r"|who\s+(?:made|makes|has\s+made))"
    r"\s+(?:the|this|that|a)\s+(?:claims?|reports?|statements?|figures?|allegations?|assertions?)\s+(?:that\s+)?"
    r"(?P<topic>.+)$", re.IGNORECASE)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "`": "'"})


@dataclass(frozen=True)
class Intent:
    """What was asked. `text` is the question as typed; `article` the `in:` scope (a slug or id), if any."""

    kind: ClassVar[str] = "search"
    text: str
    article: str | None = None


@dataclass(frozen=True)
class WhoSays(Intent):
    kind: ClassVar[str] = "who_says"
    topic: str = ""
    verb: str | None = None             # "blamed": claims with a matching cue rank higher


@dataclass(frozen=True)
class WhatSaid(Intent):
    kind: ClassVar[str] = "what_said"
    source: str = ""                    # the name as typed: "the Turkish prime minister"
    about: str | None = None            # "what does X say about the refugees?"


@dataclass(frozen=True)
class HowMany(Intent):
    kind: ClassVar[str] = "how_many"
    topic: str = ""
    share: bool = False                 # "what percentage did Delgado get?": answered by figures in percent


@dataclass(frozen=True)
class WhoIs(Intent):
    kind: ClassVar[str] = "who_is"
    name: str = ""


@dataclass(frozen=True)
class Disputed(Intent):
    kind: ClassVar[str] = "disputed"
    topic: str | None = None


@dataclass(frozen=True)
class Sources(Intent):
    kind: ClassVar[str] = "sources"
    article_hint: str | None = None     # "the Jisr al-Shughour article" -> "Jisr al-Shughour"


@dataclass(frozen=True)
class Search(Intent):
    kind: ClassVar[str] = "search"
    query: str = ""


@dataclass(frozen=True)
class Unverified(Search):
    """"what is unverified?", "which claims about the killings cannot be verified?": answered from the articles'
    own hedges, whose words ("cannot be independently verified") the question need not share."""
    kind: ClassVar[str] = "unverified"


@dataclass(frozen=True)
class BadQuestion(Intent):
    kind: ClassVar[str] = "bad_question"
    problem: str = ""                   # one helpful line for the asker


INTENTS = (WhoSays, WhatSaid, HowMany, WhoIs, Disputed, Sources, Search, Unverified, BadQuestion)


@dataclass(frozen=True)
class _Word:
    raw: str          # as typed
    word: str         # lower-cased, typo-corrected when it is a question word
    start: int
    end: int


def parse_question(text: str) -> Intent:
    """Never raises: anything unusable becomes a BadQuestion with a message saying what to ask instead."""
    text = text if isinstance(text, str) else ""
    if len(text) > MAX_QUESTION_CHARS:
        return BadQuestion(text[:MAX_QUESTION_CHARS], problem=(
            f"That question is {len(text):,} characters long; please ask in under {MAX_QUESTION_CHARS}, "
            f"e.g. {EXAMPLES[0]}"))
    cleaned = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    article = None
    scope = _SCOPE.search(cleaned)
    if scope:
        article = scope.group(1).strip(".,;:!?\"'") or None
        cleaned = (cleaned[: scope.start()] + " " + cleaned[scope.end():])
    cleaned = _CONTRACTION.sub(lambda m: m.group(1) + " is", " ".join(cleaned.split()))
    words = _words(cleaned)
    if not words:
        if not cleaned:
            problem = f"Ask me a question about the indexed articles, e.g. {', '.join(EXAMPLES)}."
        else:
            problem = f"I found no words in that question. Try e.g. {EXAMPLES[0]}."
        return BadQuestion(text, article, problem=problem)
    return _classify(text, cleaned, words, article)


def _words(cleaned: str) -> list[_Word]:
    found = []
    for number, m in enumerate(_WORD.finditer(cleaned)):
        raw = m.group(0)
        word = _correct(raw.lower()) if number < 2 else raw.lower()
        if number == 1 and found[0].word in {"hwo", "ohw"}:       # who or how: the next word tells
            found[0] = _Word(found[0].raw, "how" if word in {"many", "much"} else "who", found[0].start, found[0].end)
        found.append(_Word(raw, word, m.start(), m.end()))
    return found


def _closest(word: str, vocabulary: frozenset[str]) -> str | None:
    """The one vocabulary word a single edit away (a same-length one preferred: "sayz" is "says", not "say")."""
    close = [v for v in vocabulary if abs(len(v) - len(word)) <= 1 and OSA.distance(word, v) == 1]
    same_length = [v for v in close if len(v) == len(word)]
    for pick in (close, same_length):
        if len(pick) == 1:
            return pick[0]
    return None


def _correct(word: str) -> str:
    """A one-edit typo of a question word ("waht", "hwo", "mnay") becomes that word; anything else is kept."""
    if word in VOCABULARY or len(word) < 3 or not word.isalpha() or is_english(word):
        return word
    return _closest(word, VOCABULARY) or word


def is_english(word: str) -> bool:
    """Whether a lower-case word is an English word or an inflection of one, by the lemmatizer tables of the
    configured spaCy model (WordNet's words, their irregular forms and the suffix rules); none when it has none."""
    for words, irregular, suffixes in _lemma_tables().values():
        if word in words or word in irregular or any(
                word.endswith(old) and word[: len(word) - len(old)] + new in words for old, new in suffixes):
            return True
    return False


@lru_cache(maxsize=1)
def _lemma_tables() -> dict[str, tuple[frozenset[str], frozenset[str], list[tuple[str, str]]]]:
    """Per part of speech: its words, its irregular forms and its suffix rules, read from the model's files (the
    pipeline itself is not loaded for a question)."""
    model = load_settings().spacy_model
    folder = Path(model) if Path(model).is_dir() else spacy.util.get_package_path(model) \
        if spacy.util.is_package(model) else None
    found = next(folder.glob("**/lemmatizer/lookups"), None) if folder else None
    if found is None:
        return {}
    lookups = Lookups().from_disk(found)
    if not {"lemma_index", "lemma_exc", "lemma_rules"} <= set(lookups.tables):
        return {}
    index, exceptions, rules = (lookups.get_table(name) for name in ("lemma_index", "lemma_exc", "lemma_rules"))
    return {pos: (frozenset(index.get(pos, ())), frozenset(exceptions.get(pos, {})),
                  [tuple(rule) for rule in rules.get(pos, ())]) for pos in ("noun", "verb", "adj", "adv")}


def _verb(word: _Word) -> str | None:
    """The say-verb this word is, allowing one typo ("sya", "sayd") for words of four letters or more; not in a
    capitalised word after the first, which is a name ("who is Megan Cole?": "Megan" is no typo of "mean"), nor in
    an English word ("who voted against the plan?")."""
    if word.word in SAY_VERBS:
        return word.word
    if len(word.word) < 3 or not word.word.isalpha() or word.start > 0 and word.raw.istitle() \
            or is_english(word.word):
        return None
    close = _closest(word.word, SAY_VERBS)
    return close if close and (len(word.word) >= 4 or close in {"say", "said"}) else None


def _between(cleaned: str, words: list[_Word], start: int, end: int | None = None) -> str:
    """The question text from word `start` up to word `end` (exclusive), as typed."""
    chosen = words[start:end]
    if not chosen:
        return ""
    last = chosen[-1]
    abbreviation = _ABBREVIATION.fullmatch(last.raw) and cleaned[last.end:last.end + 1] == "."
    return cleaned[chosen[0].start: last.end + (1 if abbreviation else 0)]     # "the U.S." keeps its last period


def _search(text: str, article: str | None, cleaned: str) -> Search:
    """A question of no other shape: one asking what cannot be verified, or a plain search."""
    return (Unverified if asks_unverified(cleaned) else Search)(text, article, query=cleaned)


def asks_unverified(question: str) -> bool:
    """"what is unverified?", "which claims cannot be verified?"; not "who verified the deaths?"."""
    words = set(re.findall(r"[a-z']+", question.lower()))
    return bool(words & UNVERIFIED) or bool(words & VERIFY) and bool(words & NEGATED or "n't" in question)


def _strip_leading(text: str, *prefixes: str) -> str:
    for prefix in prefixes:
        if text.lower().startswith(prefix + " "):
            return text[len(prefix) + 1:]
    return text


def _who_says(text: str, cleaned: str, words: list[_Word], article: str | None, asked: int = 1) -> WhoSays | None:
    """"who says/claimed/is saying/has said <topic>" (and "which source says ...": the verb after `asked` asking
    words): checked before anything else, so a claim about disputes or sources is still a who-says question."""
    w = [x.word for x in words]
    start = asked
    if len(w) > asked + 1 and w[asked] in {"is", "was", "has", "have", "had", "are", "were"} \
            and _verb(words[asked + 1]):
        start = asked + 1
    verb = _verb(words[start]) if len(words) > start else None
    if verb and not (start == asked and w[asked] in {"is", "was", "are", "were"}):
        topic = _strip_leading(_between(cleaned, words, start + 1), "that")
        if topic:
            return WhoSays(text, article, topic=topic, verb=verb)
    return None


def _about(cleaned: str, words: list[_Word], verb_at: int) -> str | None:
    """What a what-said question asks about: the words after "about/on/regarding", or else any words after its
    verb ("what did the government blame the deaths on?", "what did the PM call Syria's actions?")."""
    if all(x.word in _PARTICLES for x in words[verb_at + 1:]):
        return None         # "what did Pillay call for?", "what did he say about it?": all they said
    if words[verb_at + 1].word in TOPIC_WORDS:
        return _between(cleaned, words, verb_at + 2) or None
    return _between(cleaned, words, verb_at + 1) or None


def _asking_verb(words: list[_Word], said: list[int]) -> int:
    """Which of the say-verbs after "what <auxiliary>" asks the question: the first, unless the source itself holds
    one ("what did voters who say the economy matters most say?"). After "did/does/do" only a plain form asks; of
    those, the last one ending the question or followed by "about/on", else the first."""
    if words[1].word in {"did", "does", "do"}:
        plain = [i for i in said if i > 2 and _verb(words[i]) in PLAIN_SAY_VERBS]
        asking = [i for i in plain if i + 1 == len(words) or words[i + 1].word in TOPIC_WORDS]
        if asking:
            return asking[-1]
        if plain:
            return plain[0]
    return said[0]


def _article_named_at(w: list[str]) -> int:
    """Where a closing "in the conflict article" starts (its preposition), or the end: words naming an article, whose
    "conflict" or "dispute" is no question about disputes."""
    if w[-1] in ARTICLE_NOUNS:
        return next((i for i in range(len(w) - 2, 0, -1) if w[i] in ARTICLE_PREPOSITIONS), len(w))
    return len(w)


def _sources(text: str, words: list[_Word], article: str | None) -> Sources:
    """The sources question, with the article it names after "in", "of", "for", "from" or "on", if any."""
    for i in range(len(words) - 1, 0, -1):
        if words[i].word in ARTICLE_PREPOSITIONS:
            return Sources(text, article, article_hint=" ".join(
                x.raw for x in words[i + 1:] if x.word not in ARTICLE_WORDS) or None)
    return Sources(text, article)


def _classify(text: str, cleaned: str, words: list[_Word], article: str | None) -> Intent:
    w = [x.word for x in words]
    first, second = w[0], (w[1] if len(w) > 1 else "")

    who_says = (_who_says(text, cleaned, words, article) if first in {"who", "whom"}
                else _who_says(text, cleaned, words, article, asked=2) if first in {"which", "what"}
                and second in SOURCE_WORDS else None)      # "which source says ..."
    if who_says:
        return who_says
    source_of = _SOURCE_OF_CLAIM.match(cleaned)
    if source_of:
        return WhoSays(text, article, topic=_strip_leading(source_of.group("topic").rstrip(" ?!"), "of"))

    if any(x in DISPUTE_WORDS for x in w[:_article_named_at(w)]):
        rest = [x for x in words if x.word not in DISPUTE_WORDS | QUESTION_WORDS | AUXILIARIES]
        topic = _THOUSANDS.sub(r"\1,\2", " ".join(x.raw for x in rest)) or None    # "1,000" was split at its comma
        return Disputed(text, article, topic=topic)

    said_by_a_source = first == "what" and second in {"did", "does", "do", "has", "have", "had"}  # "what did a
    # Democratic source say?" asks for that source's claims, not for the list of sources
    if any(x in SOURCE_WORDS for x in w) and not said_by_a_source and (
            first in {"who", "what", "which", "list", "show", "sources", "source"}):
        return _sources(text, words, article)
    quoted_at = 1 if second in QUOTED_WORDS else 2 if second in {"is", "was", "are", "were"} else 0
    if first in {"who", "whom"} and quoted_at and len(w) > quoted_at and w[quoted_at] in QUOTED_WORDS:
        if len(w) == quoted_at + 1 or w[quoted_at + 1] in {"in", "for"}:
            return _sources(text, words, article)       # "who is quoted in the Jisr article?", "who spoke?"
        saying = quoted_at + 1 + (w[quoted_at + 1] == "as")
        if saying + 1 < len(w) and _verb(words[saying]):     # "who is quoted (as) saying this is savagery?"
            return WhoSays(text, article, topic=_strip_leading(_between(cleaned, words, saying + 1), "that"),
                           verb=_verb(words[saying]))
        if quoted_at == 1 and w[1] in {"quoted", "cited"}:
            return WhoSays(text, article, topic=_between(cleaned, words, 2), verb=w[1])    # "who quoted Erdogan?"
        return _search(text, article, cleaned)     # "who was quoted by Turkish media?": not a who-is

    if first == "how" and second in {"many", "much"}:
        return HowMany(text, article, topic=_between(cleaned, words, 2) or _between(cleaned, words, 1))
    if first in {"what", "which"} and second in SHARE_WORDS and len(w) > 2:
        return HowMany(text, article, topic=_between(cleaned, words, 2 + (w[2] == "of")), share=True)
    said = _what_said(text, cleaned, words, article)    # "what did X say about the death toll?" asks X, not a count
    if said:
        return said
    if "toll" in w or cleaned.lower().startswith("number of "):
        return HowMany(text, article, topic=cleaned)

    if first == "according" and second == "to" and len(w) > 2 and w[2] in {"whom", "who"}:
        return WhoSays(text, article, topic=_strip_leading(_between(cleaned, words, 3), "that"))
    if len(w) >= 3 and w[-1] in {"whom", "who"} and w[-2] == "to" and w[-3] == "according":
        return WhoSays(text, article, topic=_between(cleaned, words, 0, len(words) - 3))

    if first in {"who", "whom"} and second in {"is", "was", "are", "were"} and w[2:3] == ["to"] and len(w) > 4 \
            and _verb(words[3]):       # "who is to blame for the deaths?": who blames whom for them
        return WhoSays(text, article, topic=_strip_leading(_between(cleaned, words, 4), "for"), verb=_verb(words[3]))
    if first in {"who", "whom"} and second in {"is", "was", "are", "were"} and len(w) > 2:
        if w[2] in _BEFORE_PLACE:
            return _search(text, article, cleaned)     # "who is in Yayladagi?": not someone called "in ..."
        if _doing(words[2]) and len(w) > 3:     # "who is investigating the breach?": whoever the claims say does it
            return WhoSays(text, article, topic=_between(cleaned, words, 2))
        return WhoIs(text, article, name=_between(cleaned, words, 2))

    if first == "what" and second in {"is", "are", "was", "were"} and len(w) >= 3 \
            and not any(_verb(x) for x in words[2:]):
        rest = _between(cleaned, words, 2)
        owner, owned = _POSSESSED.match(rest).groups() if _POSSESSED.match(rest) else (rest, None)
        if owned is not None and owned.lower() not in _ROLE_ASKED:
            return _search(text, article, cleaned)      # "what was Carrow's pre-tax loss?": the loss, not Carrow
        if rest[:1].isupper():
            return WhoIs(text, article, name=owner)     # "what is Navi Pillay's job?": who she is

    return _search(text, article, cleaned)


_THOUSANDS = re.compile(r"(\d) (\d{3})\b")
_POSSESSED = re.compile(r"(.+?)['\u2019]s?\s+(\S.*)$")
_ROLE_ASKED = frozenset("job role title position post office occupation".split())


def _doing(word: _Word) -> bool:
    """A lower-case present participle ("investigating", "leading"), not a name ("Manning") or "king"."""
    return word.raw.islower() and len(word.word) >= 6 and word.word.endswith("ing")


def _what_said(text: str, cleaned: str, words: list[_Word], article: str | None) -> Intent | None:
    """"did X say ...?", "what did X say [about ...]?", "what X said": a named source's claims (or, for "did anyone
    say ...?", who says it); None for a question of another shape."""
    w = [x.word for x in words]
    first, second = w[0], (w[1] if len(w) > 1 else "")
    if first in {"did", "does", "do", "has", "have", "had"} and len(w) > 2:
        said = next((i for i in range(2, len(words)) if _verb(words[i])), None)    # "did Erdogan call it savagery?"
        if said is not None and {x.raw.lower() for x in words[1:said]} <= _ANYONE and said + 1 < len(words):
            return WhoSays(text, article, topic=_strip_leading(_between(cleaned, words, said + 1), "that"),
                           verb=_verb(words[said]))              # "has anyone said the killings were verified?"
        if said is not None and not all(x.raw.lower() in _NO_SOURCE for x in words[1:said]):
            return WhatSaid(text, article, source=_between(cleaned, words, 1, said),
                            about=_about(cleaned, words, said))
    if first == "what" and len(w) >= 3:
        said_at = ([i for i in range(2, len(words)) if words[i].word in SAY]
                   or [i for i in range(2, len(words)) if words[i].word in SAY_VERBS]
                   or [i for i in range(2, len(words)) if _verb(words[i])])
        if second in AUXILIARIES and said_at and said_at[0] > 2:
            verb_at = _asking_verb(words, said_at)
            if w[verb_at - 1] == "been" and verb_at - 1 > 2:
                subject = _between(cleaned, words, 2, verb_at - 1)
            else:
                subject = _between(cleaned, words, 2, verb_at)
            return WhatSaid(text, article, source=subject, about=_about(cleaned, words, verb_at))
        if said_at and said_at[0] > 1 and second not in AUXILIARIES and not all(
                x.raw.lower() in _NO_SOURCE for x in words[1:said_at[0]]):   # "what couldn't be confirmed?" names no one
            return WhatSaid(text, article, source=_between(cleaned, words, 1, said_at[0]))
    return None
