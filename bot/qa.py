"""Question -> Answer: parse the intent, fetch candidates from the store's indexes, rerank, group by source.

Honesty rules live here: a claim is only ever shown with the source it was extracted (or corrected) with; an
unattributed sentence is the outlet's own statement; below the confidence threshold the answer says nothing
matches and lists the closest claims as near-misses, never as answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz
from sqlmodel import Session

from bot.answer import (
    ANSWERED,
    BAD_QUESTION,
    DECLINED,
    DENIES,
    NO_MATCH,
    OTHER_FIGURE,
    OTHER_YEAR,
    SAYS_OTHERWISE,
    SUPERSEDED,
    Answer,
    DisputeRef,
    Group,
    Item,
    names_several,
)
from bot.disputes.lexicon import (
    ADDITIVE,
    DENIAL_CUES,
    DISSENT,
    EARLIER,
    EARLIER_FIGURE,
    MODALS,
    NEGATORS,
    acts_named,
    content_stems,
    is_negated,
    rejects_a_thing,
)
from bot.extract.entities import HONORIFICS, PERSON_NOUNS, TITLES, fold_name, has_possessive
from bot.extract.figures import CURRENCY_CODES, CURRENCY_NAMES, CURRENCY_SIGNS, SHARE, SHARED_CURRENCY_NAMES, YEAR
from bot.questions import (
    AUXILIARIES,
    DISPUTE_WORDS,
    NEGATED,
    SAY,
    SAY_VERBS,
    UNVERIFIED,
    VERIFY,
    BadQuestion,
    Disputed,
    HowMany,
    Intent,
    Search,
    Sources,
    Unverified,
    WhatSaid,
    WhoIs,
    WhoSays,
    parse_question,
)
from store import search
from store.disputes import list_disputes
from store.models import LOCAL_TEAM, Article

CONFIDENT = 0.55         # a text match at least this good is an answer; below it, a near-miss
KEEP_WITHIN = 0.12       # answers this close to the best one are shown with it
MAX_ITEMS = 8
MIN_SLOTS = 3            # sentences always answered when above the threshold, even if not close to the best
MAX_NEAR_MISSES = 3
SCORED = 60              # candidates reranked in Python (the full-text index already ordered them)
# Of the claims in one sentence, those whose own content holds the question's words within this share of the best
# one's: "... has blamed the deaths on armed groups, but there are reports of a mutiny" is no claim of the
# government's about a mutiny.
CONTENT_MARGIN = 0.15
# Who-says: added for a claim whose cue is the question's verb. "Says" is most claims' cue and tells little apart;
# "condemned" or "endorsed" is what was asked ("who criticised Trump?" is not anyone saying something about him).
SAY_VERB_MATCH = 0.01
OTHER_VERB_MATCH = 0.1
REPLIED_CLAIMS = 5        # who-says with a verb like "denied": the best matching claims whose replies are looked for
REPLY_WINDOW = 2          # sentences after a claim in which "X denied the claim" answers it
REPLY_WORDS = 4           # at most this many words in a reply's content: "the claim", "those figures", "it"
VERB_ELSEWHERE = 0.8     # who-says with a verb like "condemned": kept by a claim not saying it when no other does well
TARGET_AS_SOURCE = 0.5   # who-says with a verb like "condemned": the score kept by a claim of the one condemned
ONE_WORD = 0.5           # who-says: the score kept by a claim whose sentence shares only one of the question's words
NEGATED_CUE = 0.5        # who-says: the score kept by a claim its source is said not to have made ("did not say")
SAYS_ELSE = 0.5          # who-says: the score kept by a claim saying something else in the question's words
CONTENT_ELSEWHERE = 0.4  # who-says with a verb like "endorsed": the score kept by a claim made with it of another
OTHER_SIDE = 0.5         # who-says with a verb taking a side ("opposes"): the score kept by a claim not taking it
NAME_MISSING = 0.4       # who-says: the score kept by a claim not naming someone the question names (a near-miss)
WORDS_MISSING = 0.4      # who-says: the score kept by a claim lacking the question's own words (a near-miss)
ACCUSED_NAMED = 0.1      # "who accused X of Y?": added for a claim whose sentence names X as the question does
OTHER_NUMBER = 0.85     # the score kept by a claim stating numbers, none the one the question gives
FIGURE_AFTER = 0.15      # how-many ending in a preposition ("bought for?"): added for a figure right after it
# Prepositions a how-many question may end with, whose object is the figure asked for ("valued at?", "rose to?").
_DANGLING = frozenset("for at to by".split())
# How-many words for deaths, and the words articles report them with: "the death toll" and "how many died?" are
# answered by "... have been killed", which shares no word with them.
_DEATH_WORDS = frozenset("death deaths dead die died dies dying kill killed kills killing killings fatalities "
                         "fatality toll".split())
_DEATHS_REPORTED = ("killed", "died", "dead", "deaths")
_ANYONE = frozenset("people persons".split())     # how-many words any count of people answers ("at least 43")
# Words a sum or share is given in after its number ("4.5 million naira (NGN)", "70.4 billion shillings"): singular
# names, upper-case codes.
_UNITS_OF_AMOUNT = frozenset({"percent", *CURRENCY_NAMES, *SHARED_CURRENCY_NAMES}) | CURRENCY_CODES
# What a how-much question asks that any sum answers: "how much money was in the envelope?": "$4,500".
_ANY_SUM = frozenset("money cash sum amount funds funding".split())
_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.IGNORECASE)
# The question's words that ask for the unverified rather than name a subject.
_ABOUT_VERIFYING = UNVERIFIED | VERIFY | NEGATED | frozenset(
    "claim claims statement statements report reports anything something information independently yet".split())
QUOTED_WORDS = 3         # a phrase this long with at most one searchable word is searched by all its words
_TOKEN = re.compile(r"[^\W_]+")
# Besides a negation, words by which a cue says its source did not make the claim: "was reluctant to criticise",
# "declined to comment".
_UNWILLING = re.compile(r"\b(?:reluctant|unwilling|refus\w*|declin\w*)\b", re.IGNORECASE)
# What cannot be said yet: "trials are needed before doctors can tell patients that walking prevents dementia".
_NOT_YET_SAID = re.compile(r"\b(?:before|until|unless)\s+(?:[\w'\u2019-]+\s+){0,3}(?:can|could)\s+(?:\w+\s+)?"
                           r"(?:say|tell|claim|conclude|know|recommend|advise)\b", re.IGNORECASE)
# A source that says nobody did it: "None of the authors reported links to the food industry."
_NOBODY = re.compile(r"^\W*(?:none|no|nobody|neither|no\s+one|not\s+one)\b", re.IGNORECASE)
# Where a claim's content turns to another clause: "heard five shots and that he was not holding a weapon", "such a
# resolution - which does not propose concrete action - could ...".
_CLAUSE_BREAK = re.compile(r"[.?!,;:\u2013\u2014()]|\s-\s|\b(?:but|and|while|whereas|although|though)\b",
                           re.IGNORECASE)
# Where a negation may start: the dispute lexicon's negators, "far from" and the words of unwillingness above.
_NEGATOR = re.compile(r"\b(?:%s|far\s+from)\b|\w+n['\u2019]t\b|%s|%s"
                      % ("|".join(sorted(w for w in NEGATORS if "'" not in w)), _UNWILLING.pattern,
                         _NOT_YET_SAID.pattern), re.IGNORECASE)
# Negators that affirm: "there is no doubt that ...", "there is no question that ...", "not only ...".
_AFFIRMING = re.compile(r"(?:no|little|without)\s+(?:doubt|question)\b|not\s+(?:%s)\b" % "|".join(sorted(ADDITIVE)),
                        re.IGNORECASE)
# A modal after a negation starts a predicate the negation does not govern: "which does not propose concrete action
# could further inflame tensions".
_NEGATION_END = re.compile(r"\b(?:%s)\b" % "|".join(sorted(MODALS)), re.IGNORECASE)
# "No" and the subject it negates, up to the verb: "no fighters| were among the dead". Not "no one", nor a finding's
# subject, which negate what follows: "no evidence was found that he intended to kill".
_NEGATED_SUBJECT = re.compile(r"no\s+(?!(?:one|evidence|proof|sign|signs|indication|suggestion|reason|basis|record|"
                              r"confirmation)\b)(?:[\w'\u2019-]+\s+){1,3}?(?=(?:%s)\b)"
                              % "|".join(sorted(AUXILIARIES | MODALS)), re.IGNORECASE)
_WORD_BEFORE = re.compile(r"[\w'\u2019-]+\s+$")
# Who-says verbs taking a side, and the words a claim takes each side with: "who opposes the resolution?" is
# answered by "say such a resolution ... could further inflame tensions", not by "have proposed a resolution".
_SIDE_VERBS = {"against": re.compile(r"^(?:oppos|den[iy]|disput|reject)", re.IGNORECASE),
               "for": re.compile(r"^(?:support|back)", re.IGNORECASE)}
_SIDE_WORDS = {
    "against": re.compile(DISSENT.pattern + r"|\b(?:oppos\w*|object\w*|against|contest\w*|critici[sz]\w*|condemn\w*|"
                          r"warn\w*|fear\w*|doubt\w*|inflam\w*|harm\w*|danger\w*|risk\w*|threat\w*|undermin\w*|"
                          r"damag\w*|protest\w*|veto\w*|block\w*)\b", re.IGNORECASE),
    "for": re.compile(r"\b(?:support\w*|back(?:s|ed|ing)?|endors\w*|prais\w*|welcom\w*|propos\w*|favou?r\w*|"
                      r"approv\w*|champion\w*|defend\w*|urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+for)\b", re.IGNORECASE)}
# "who accused the Syrian regime of savagery?": the one accused, whom a claim may name otherwise ("They are not acting
# in a humane manner. This is savagery"), and what of, which it must say.
_ACCUSED_OF = re.compile(r"^(?P<accused>.+?)\s+of\s+(?P<charge>.+)$", re.IGNORECASE)
# A name in a question: capitalised words in a row ("Donald Trump", "AFL-CIO").
_NAME_RUN = re.compile(r"\b[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*")
# How a whole sentence ends; one that does not was cut off mid-clause and goes on in the next.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$")
# A name between an article and a noun modifies the noun: "a UN resolution", "the Trump administration".
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$", re.IGNORECASE)
_MODIFYING_NAME = re.compile(r"\s+(?!(?:%s)\b)[a-z]" % "|".join(sorted(search.STOPWORDS)))
# Verbs of one kind, by their first letters: who endorsed someone is also who backed or supported them.
_KINDRED_VERBS = (frozenset({"endo", "back", "supp"}), frozenset({"deni", "deny", "disp", "reje", "rebu"}))
# Pronouns that may stand for whom a question names; "her" before a noun is whose it is ("her opponent").
_PERSONAL = frozenset("he she it we they i you him her them".split())
_POSSESSIVE = frozenset({"her"})
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# Irregular verb forms (and a few nouns of a verb), to the plain verb: suffix stripping makes "make" of "makes" but
# not of "made", and a question asks in one form what the article says in another ("how much did he make?": "he
# made $19 million"; "how much did Northwind lose?": "a net loss of $412 million").
_IRREGULAR_VERBS = [forms.split() for forms in """
make made; take took taken; give gave given; go went gone; pay paid; lose lost; win won; buy bought;
find found; leave left; send sent; spend spent; bring brought; fight fought; hold held; meet met; run ran;
see saw seen; come came; become became; get got gotten; know knew known; grow grew grown; rise rose risen;
fall fell fallen; flee fled; shoot shot; begin began begun; break broke broken; speak spoke spoken;
steal stole stolen; write wrote written; tell told; say said; think thought; keep kept; feel felt; lead led;
build built; seek sought; catch caught; stand stood; drive drove driven; choose chose chosen; hide hid hidden;
withdraw withdrew withdrawn; strike struck; throw threw thrown; draw drew drawn; swear swore sworn; mean meant;
deal dealt; forget forgot forgotten; undergo underwent undergone; overthrow overthrew overthrown; mislead misled;
sell sold""".replace("\n", " ").split(";")]
_VERB_NOUNS = [forms.split() for forms in "lose loss losses; grow growth; sell sale sales".split(";")]
_IRREGULAR = {form: forms[0] for forms in _IRREGULAR_VERBS + _VERB_NOUNS for form in forms}
# The past forms among them, which end a how-many question's thing counted as a word in -ed does: "how many doses
# went missing?".
_IRREGULAR_PAST = frozenset(form for forms in _IRREGULAR_VERBS for form in forms[1:])
Scored = list[tuple[search.ClaimRecord, float]]    # candidates with their scores


def answer_question(session: Session, text: str, team_id: str = LOCAL_TEAM, article: int | str | None = None
                    ) -> Answer:
    """Answer one question from the workspace's stored facts. Never raises on a bad question."""
    intent = parse_question(text)
    if isinstance(intent, BadQuestion):
        return Answer(text, intent, BAD_QUESTION, intent.problem)
    scope = None
    wanted = article if article is not None else intent.article
    if wanted is not None and str(wanted).strip():
        scope = search.find_article(session, str(wanted), team_id)
        if scope is None:
            return Answer(text, intent, BAD_QUESTION,
                          f"No article {str(wanted)[:80]!r} is indexed here; use an article id or slug "
                          f"(`newsbot articles` lists them).")
    handler = _HANDLERS[type(intent)]
    answer = handler(session, intent, team_id, scope)
    answer.scope = answer.scope or (scope.slug if scope else None)
    return answer


# --- scoring -----------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A crude English stem, the same for a word's inflections: "make", "makes", "made", "making" -> "mak". Cached:
    reranking stems the same candidate words for every claim and every check, millions of calls at 10,000
    articles."""
    word = _IRREGULAR.get(word, word)
    if word.endswith(("ing", "ed")) and len(word) >= 6 - word.endswith("ed"):
        word = word[:-3] if word.endswith("ing") else word[:-2]
    elif word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")) and len(word) >= 5:
        word = word[:-2]                                    # "crosses", "taxes", "pushes"
    elif word.endswith("s") and not word.endswith("ss") and len(word) >= 4:
        word = word[:-1]                                    # "says", "races"; not "cross"
    while word.endswith("e") and len(word) > 3:               # "refugee", "refuge"
        word = word[:-1]
    return word


def _whole_numbers(text: str) -> str:
    """The text with thousands separators dropped, so "250,000" is one word: as two, its "000" matched every other
    number in thousands, and "250,000 homes" found "400,000 new homes" first."""
    return _THOUSANDS.sub("", text)


def _scoring_words(phrase: str) -> list[str]:
    """The question's words the reranker weighs: the searchable words, a number in thousands as one."""
    return search.query_words(_whole_numbers(phrase))


@lru_cache(maxsize=4096)
def _offered(text: str) -> frozenset[str]:
    """The stems of a text's words, for finding a question's words in it. Cached: a question checks each candidate
    sentence several times (coverage, subject, polarity)."""
    return frozenset(_stem(w) for w in _TOKEN.findall(_whole_numbers(text).lower()))


@lru_cache(maxsize=4096)
def _acts(text: str) -> frozenset[str]:
    """The stems of a text's verbs in a past or progressive form ("was involved", "had been dismissed"): the acts
    a noun of a question may name ("police" spells "policy" but is no verb). Cached as _offered."""
    return frozenset(_stem(w) for w in _TOKEN.findall(text.lower()) if w.endswith(("ed", "ing")) or w in _IRREGULAR)


def _holds_word(word: str, text: str) -> bool:
    """Whether the text holds a question's word inflected, or the act it names by a verb: "involvement" is in "it
    was involved", "dismissal" in "had been dismissed". The verbs are only read when the text's stems hold one."""
    stem = _stem(word)
    offered = _offered(text)
    if stem in offered:
        return True
    named = acts_named(stem) & offered
    return bool(named) and bool(named & _acts(text))


def _found(word: str, text: str) -> float:
    """How surely a question's word is in the text: 1 for its stem or its act (see _holds_word), less for a small
    typo of it (a number must be exact)."""
    if _holds_word(word, text):
        return 1.0
    stem = _stem(word)
    offered = _offered(text)
    if len(stem) < 4 or word.isdigit():
        return 0.0
    best = max((fuzz.ratio(stem, o) for o in offered), default=0.0)
    return best / 100 if best >= 80 else 0.0


def _coverage(words: list[str], text: str) -> float:
    """Share of the question's words found in the text (length-weighted; inflections and small typos allowed). A
    number weighs double and must be exact: it is what tells apart claims about the same thing."""
    if not words:
        return 0.0
    weights = [len(word) * (2 if word.isdigit() else 1) for word in words]
    return sum(w * _found(word, text) for word, w in zip(words, weights)) / sum(weights)


def _words_found(words: list[str], text: str) -> list[str]:
    """The question's words the text holds, inflected or as its act perhaps but not merely alike ("residents" is not
    "president", "recovered" not "cover")."""
    return [word for word in words if _holds_word(word, text)]


def _text_score(words: list[str], phrase: str, record: search.ClaimRecord) -> float:
    """How well a claim answers a question about `phrase`: the words in its sentence(s) count most, the phrase in
    that order next, then the claim's content starting with the phrase and saying little else (so of two claims in
    one sentence the one saying it wins, and a question quoting a short content finds the claim of exactly that).
    Weights fitted on PolNeAR train who-says questions; a question's words found in a claim's content but not in
    that order said nothing the sentence's words had not (a weight on it lost answers)."""
    around = _around(record)      # the content may run past the cue's sentence
    phrase = " ".join(phrase.lower().split())
    order = fuzz.partial_ratio(phrase, around.lower()) / 100
    start = fuzz.ratio(phrase, record.content_text[: len(phrase)].lower()) / 100
    score = (0.63 * _coverage(words, around) + 0.28 * order + 0.05 * start
             + 0.04 * _said_only(phrase, record.content_text))
    return score * (OTHER_NUMBER if _states_other_numbers(words, record.content_text) else 1.0)


def _states_other_numbers(words: list[str], content: str) -> bool:
    """The question gives a number and the claim gives numbers, none of them that one: "250,000 homes" is not the
    claim of "about 400,000 new homes" in the same sentence."""
    asked = {w for w in words if w.isdigit()}
    stated = {w for w in _TOKEN.findall(_whole_numbers(content)) if w.isdigit()}
    return bool(asked) and bool(stated) and not asked & stated


def _said_only(phrase: str, content: str) -> float:
    """Share of the words of the content's first part (up to a gap, "…") that the question gives."""
    said = _TOKEN.findall(content.split("\u2026")[0].lower())
    asked = {_stem(w) for w in _TOKEN.findall(phrase)}
    return sum(_stem(w) in asked for w in said) / len(said) if said else 0.0


def _target_words(topic: str) -> set[str]:
    """The folded name words of what a who-says question's verb is done to ("who condemned the Syrian government?"),
    but an owner named in a possessive: "who denied that the dataset came from Corvane's systems?" asks of the
    systems, and Corvane's own denial answers it."""
    return set(search.name_tokens(fold_name(" ".join(w for w in topic.split() if not has_possessive(w))))) \
        - search.STOPWORDS


def _is_target(target: set[str], record: search.ClaimRecord) -> bool:
    """Whether a claim's source is the one a "who condemned X?" names: "Whitfield" is "Councillor James Whitfield",
    "the Syrian government" is the government (as the whole of its name)."""
    return bool(target) and (_entity_overlap(target, record) == 1.0 or target <= _source_words(record))


def _source_words(record: search.ClaimRecord) -> set[str]:
    return set(search.name_tokens(fold_name(" ".join(filter(None, [record.source_name, record.source_text]))))) \
        - search.STOPWORDS


def _entity_overlap(asked: set[str], record: search.ClaimRecord) -> float:
    """Whether the question (its folded name words) names the claim's source, resolved or as written."""
    if not record.attributed:
        return 0.0
    named = _source_words(record)
    return len(asked & named) / len(named) if named else 0.0


def _ranked(records: Scored) -> Scored:
    """Best score first; on (near) ties the full-text index's order (relevance where it ranks, else newest), then
    the newer article, then the order in the article."""
    return sorted(records, key=lambda rs: (-round(rs[1], 2), rs[0].relevance_order, -rs[0].ingested_order[1],
                                           rs[0].position, rs[0].claim_id))


# --- building answers ----------------------------------------------------------------------------------------

def _item(record: search.ClaimRecord, score: float = 0.0, near_miss: bool = False, slot: int = 0) -> Item:
    return Item(
        claim_id=record.claim_id,
        source_name=record.source_name if record.attributed else None,
        source_text=record.source_text if record.attributed else None,
        source_entity_id=record.source_entity_id if record.attributed else None,
        own_statement=not record.attributed, cue=record.cue_text, cue_kind=record.cue_kind, kind=record.kind,
        content=record.content_text, sentence=record.passage, sentence_start=record.passage_start,
        sentence_end=record.passage_end, sentence_position=record.position, article_id=record.article_id,
        article_slug=record.article_slug, article_title=record.article_title, article_url=record.article_url,
        outlet=record.outlet, hedges=record.hedges, figures=record.figures,
        disputes=[DisputeRef(i, t) for i, t in record.disputes], corrected=record.corrected,
        near_miss=near_miss, score=round(min(score, 1.0), 3), slot=slot,
        reported_by=record.reported_by if record.attributed else None)


def _near_misses(session: Session, claim_ids: list[int], team_id: str) -> list[Item]:
    return _as_near_misses(session, list(search.brief_claims(session, claim_ids, team_id).values()), team_id)


def _as_near_misses(session: Session, records: list[search.ClaimRecord], team_id: str) -> list[Item]:
    return [_item(r, 0.0, near_miss=True) for r in search.complete(session, records, team_id)]


def _group_key(item: Item) -> str:
    if item.own_statement:
        return f"outlet:{item.outlet or item.article_id}"
    if item.source_entity_id is not None and item.source_name:
        return f"entity:{fold_name(item.source_name)}"
    return f"text:{fold_name(item.source_text or '')}"


def _grouped(items: list[Item]) -> list[Group]:
    """Items under their resolved source, groups in the order of their best item."""
    groups: dict[str, Group] = {}
    for item in items:
        key = _group_key(item)
        if key not in groups:
            groups[key] = Group(item.speaker, [], item.source_entity_id)
        groups[key].items.append(item)
    for group in groups.values():
        group.count = len(group.items)
    return list(groups.values())


def _slots(ranked: Scored) -> list[tuple[float, Scored]]:
    """One answer slot per sentence, best first: the sentence ranks by its best-matching row (the outlet's row holds
    the whole sentence, so it matches words a claim's content leaves out) and shows, of the claims whose content
    holds the question's words (CONTENT_MARGIN), its named ones when it has some, else its attributed ones: the
    outlet's own row, or a nested claim whose source was not found, would show the sentence with no source while
    the article names one. A sentence printed word for word in several articles,
    or twice in one (wire copy, a live blog repeating its items), is one answer: each copy would otherwise take a
    slot of its own, one after the other, and push the next thing said out of the first answers."""
    by_sentence: dict[str, Scored] = {}
    for record, score in ranked:
        by_sentence.setdefault(_sentence_key(record), []).append((record, score))
    slots = []
    for claims in by_sentence.values():
        best = claims[0][1]
        said = max(r.content_match for r, _ in claims) - CONTENT_MARGIN
        claims = [(r, s) for r, s in claims if r.content_match >= said]
        named = [(r, s) for r, s in claims if _named(r)]
        attributed = [(r, s) for r, s in claims if r.attributed]
        shown = named or attributed or claims
        slots.append((best, _first_of_each(shown, lambda rs: (rs[0].article_id, _source_of(rs[0])))))
    return slots


def _sentence_key(record: search.ClaimRecord) -> str:
    """A sentence as printed, whichever article and claim it is read from."""
    return " ".join(record.passage.split())


def _first_of_each(items: list, key) -> list:
    """The first item of each key, in order."""
    firsts: dict = {}
    for item in items:
        firsts.setdefault(key(item), item)
    return list(firsts.values())


def _source_of(record: search.ClaimRecord) -> str:
    """Who a claim is by, for showing a sentence once per source and article: "He said ..., but added ..." is one
    answer; the same sentence in another article is shown too, so a fact-checker sees who else printed it."""
    return (record.source_key or fold_name(record.source_text or "")) if record.attributed else "outlet"


def _named(record: search.ClaimRecord) -> bool:
    return record.attributed and bool(record.source_text or record.source_name)


def _answer(session: Session, team_id: str, intent: Intent, scored: Scored,
            found: str, nothing: str, threshold: float = CONFIDENT) -> Answer:
    """Answers above the threshold (the first MIN_SLOTS sentences, then those close to the best), else no_match
    with the closest as near-misses."""
    slots = _slots(_ranked(scored))
    if slots and slots[0][0] >= threshold:
        best = slots[0][0]
        kept: list[tuple[search.ClaimRecord, float, int]] = []
        for number, (score, claims) in enumerate(slots):
            if score < threshold or (number >= MIN_SLOTS and score < best - KEEP_WITHIN):
                break
            room = max(1, MAX_ITEMS - len(kept))
            kept.extend((r, score if i == 0 else s, number) for i, (r, s) in enumerate(claims[:room]))
            if len(kept) >= MAX_ITEMS and number + 1 >= MIN_SLOTS:
                break
        search.complete(session, [r for r, _, _ in kept], team_id)
        items = [_item(r, s, slot=n) for r, s, n in kept]
        return Answer(intent.text, intent, ANSWERED, found.format(n=len(items), s="" if len(items) == 1 else "s"),
                      _grouped(items))
    near = [(claims[0][0], score) for score, claims in slots[:MAX_NEAR_MISSES] if score > 0]
    search.complete(session, [r for r, _ in near], team_id)
    message = nothing + (" The closest claims are listed as near-misses, not answers." if near else "")
    return Answer(intent.text, intent, NO_MATCH, message,
                  near_misses=[_item(r, s, near_miss=True, slot=n) for n, (r, s) in enumerate(near)])


def _score_candidates(session: Session, ids: list[int], team_id: str, words: list[str], phrase: str,
                      question: str, prefer_attributed: float = 0.0, prefer_named_source: float = 0.1) -> Scored:
    """Text scores, plus `prefer_named_source` for claims whose source the question names (a search for
    "Erdogan refugees"; not who-says, whose words are the content) and `prefer_attributed` for named claims."""
    records = search.brief_claims(session, ids[:SCORED], team_id)
    asked = set(search.name_tokens(fold_name(question)))
    scored = []
    order = {claim_id: n for n, claim_id in enumerate(ids)}
    for record in records.values():
        record.relevance_order = order[record.claim_id]
        record.content_match = _coverage(words, record.content_text) * (
            OTHER_NUMBER if _states_other_numbers(words, record.content_text) else 1.0)
        score = _text_score(words, phrase, record) + prefer_named_source * _entity_overlap(asked, record)
        scored.append((record, score + (prefer_attributed if _named(record) else 0.0)))
    return scored


def _negated(text: str) -> bool:
    """"did not say", "never denied", "was reluctant to criticise": a claim said not to have been made."""
    return is_negated(text) or bool(_UNWILLING.search(text))


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"\u201c{text[:80]}{'…' if len(text) > 80 else ''}\u201d"


# --- one handler per intent ----------------------------------------------------------------------------------

def _matching(session: Session, team_id: str, scope: Article | None, phrase: str, question: str,
              prefer_attributed: float = 0.0, prefer_named_source: float = 0.1, verb: str | None = None,
              **options) -> Scored | None:
    """Full-text candidates for the phrase, scored; None when the phrase has no searchable word. A quotation of
    everyday words ("I'm with her", "And then there was the one") is also looked up by all its words: its one
    searchable word, or none, would bring every claim but the one quoted. With a `verb`, the claims whose
    sentence holds it too come first ("who criticised Trump?": a name alone brings everything said of him)."""
    words = search.query_words(phrase)
    every = _TOKEN.findall(phrase.lower())
    quoted = len(words) <= 1 and len(every) >= QUOTED_WORDS
    if not words and not quoted:
        return None
    article_id = scope.id if scope else None
    ids = search.match_claims(session, list(dict.fromkeys(every)), team_id, article_id=article_id, limit=SCORED,
                              **options) if quoted else []
    if words and verb:
        ids += search.match_claims(session, [*words, verb], team_id, article_id=article_id, limit=SCORED, **options)
    if words:
        ids += search.search_claims(session, words, team_id, article_id=article_id, limit=SCORED, **options)
    return _score_candidates(session, list(dict.fromkeys(ids)), team_id, _scoring_words(phrase) or every, phrase,
                             question, prefer_attributed, prefer_named_source)


def _who_says(session: Session, intent: WhoSays, team_id: str, scope: Article | None) -> Answer:
    telling = intent.verb and intent.verb not in SAY
    accused, claimed = _accusation(intent)
    scored = _matching(session, team_id, scope, claimed, intent.text, prefer_attributed=0.05,
                       prefer_named_source=0.0, verb=intent.verb if telling else None)
    if scored is None:
        return Answer(intent.text, intent, BAD_QUESTION,
                      "Say what was claimed, e.g. \"who says residents requested the army?\"")
    words = _scoring_words(claimed) or _TOKEN.findall(claimed.lower())
    accused_words = _scoring_words(accused)
    scored = [(r, s * (1.0 if _holds_subject(words, r) else ONE_WORD)
               + ACCUSED_NAMED * _coverage(accused_words, r.passage)) for r, s in scored]
    scored = _naming_asked(session, team_id, claimed, scored)
    scored = _saying_asked(claimed, words, scored)
    scored = [(r, s * (WORDS_MISSING if _interviewer_asking(r) else 1.0)) for r, s in scored]
    if intent.verb:
        verb = _stem(intent.verb)
        if telling:
            replies = _replies(session, team_id, scored, verb, words)
            scored = [(r, s * (CONTENT_ELSEWHERE if _made_with(verb, r.cue_text or "") and not _content_holds(words, r)
                               else 1.0)) for r, s in scored] + replies
        bonus = OTHER_VERB_MATCH if telling else SAY_VERB_MATCH
        scored = [(r, s + (bonus if _made_with(verb, r.cue_text or "") else 0.0)) for r, s in scored]
    if telling:
        # a claim merely naming the government answers "who condemned the Syrian government?" only when no claim's
        # sentence says it (in other words, perhaps), and not when another claim of the sentence is the one saying
        # it ("a Quinnipiac poll showed, even as a union endorsed her opponent"; not "was reluctant to criticise")
        cued = {r.sentence_id for r, _ in scored if _made_with(verb, r.cue_text or "") and not _negated(r.cue_text)}
        doing = {r.claim_id for r, _ in scored if _made_with(verb, r.cue_text or "")
                 or r.sentence_id not in cued and _made_with(verb, _around(r))}
        if doing:
            scored = [(r, s * (1.0 if r.claim_id in doing else VERB_ELSEWHERE)) for r, s in scored]
            if any(s >= CONFIDENT for r, s in scored if r.claim_id in doing):  # "who denied the report?": not
                scored = [(r, s) for r, s in scored if r.claim_id in doing]   # "failed to report for work"
        # "who condemned the Syrian government?" asks who did it to them: not their own claims
        target = _target_words(intent.topic)
        scored = [(r, s * (TARGET_AS_SOURCE if _is_target(target, r) else 1.0)) for r, s in scored]
    if telling and not _negated(intent.text):   # "who confirmed the toll?": "not confirmed by X" is no answer
        negated = {r.claim_id for r, _ in scored if _negated(r.cue_text or "")}
        for record, _ in scored:    # nor the claim of its sentence to show ("reluctant to criticise Syria")
            record.content_match *= record.claim_id not in negated
        scored = [(r, s * (NEGATED_CUE if r.claim_id in negated else 1.0)) for r, s in scored]
    asked = None if DENIAL_CUES.search(intent.verb or "") else _polarity(words, claimed)
    labels = {r.claim_id: label for r, _ in scored if (label := _opposes(words, r, asked))}
    scored = [(r, s * (SAYS_ELSE if r.claim_id not in labels and _says_else(words, asked, r) else 1.0))
              for r, s in scored]
    side = next((side for side, verb in _SIDE_VERBS.items() if verb.match(intent.verb or "")), None)
    if side:
        scored = [(r, s * (1.0 if _side(words, r) == side else OTHER_SIDE)) for r, s in scored]
    against = _opposing(scored, labels, words)
    nothing = f"No indexed claim matches {_quoted(intent.topic)}."
    answer = _answer(session, team_id, intent, [(r, s) for r, s in scored if _sentence_key(r) not in against],
                     "{n} claim{s} found, by source.", nothing)
    contradicting = [(r, s) for r, s in scored if r.claim_id in labels and _sentence_key(r) in against]
    return _with_contradicting(session, team_id, answer, contradicting, labels, nothing)


def _naming_asked(session: Session, team_id: str, claimed: str, scored: Scored) -> Scored:
    """The candidates, a claim whose sentence names neither someone the question names nor them otherwise (another
    alias, or as its source) a near-miss at most: "the White House said Biden is expected to campaign in Pittsburgh"
    is nobody saying Trump would."""
    names = _names_asked(claimed)
    if not names:
        return scored
    entities = [{m.key for m in search.match_names(session, fold_name(" ".join(name)), team_id)} for name in names]
    mentioned = search.entities_in_sentences(session, [r.sentence_id for r, _ in scored],
                                             {r.sentence_id for r, _ in scored if not _SENTENCE_END.search(r.passage)})

    def names_all(record: search.ClaimRecord) -> bool:
        there = mentioned.get(record.sentence_id, set()) | {record.source_key}
        text = _around(record)
        return all(_words_found(name[-1:], text) or keys & there for name, keys in zip(names, entities))
    return [(r, s * (1.0 if names_all(r) else NAME_MISSING)) for r, s in scored]


def _saying_asked(claimed: str, words: list[str], scored: Scored) -> Scored:
    """The candidates, a claim whose sentence lacks the question's own words (not a name, which _naming_asked
    weighs, nor a number) a near-miss at most: "the Syrian army has begun operations to restore security to the
    town of Jisr al-Shughour" says nothing of the army withdrawing from it. Inflections and small typos of longer
    words still count ("army" is not "armed"); of three words or more one may be missing (a pronoun may stand for
    it: "it would create 400,000 homes" of the bill); a sentence the splitter cut short ("Clinton cited disparaging
    remarks | Trump had made about Machado") is not judged."""
    named = _named_words(claimed)
    said = [w for w in words if w not in named and not w.isdigit()]     # numbers: _opposes weighs other figures

    def holds_them(record: search.ClaimRecord) -> bool:
        text = _around(record)
        missing = sum(not (_found(w, text) if len(_stem(w)) >= 5 else _holds_word(w, text)) for w in said)
        return missing == 0 or missing == 1 and len(said) >= 3 or not _SENTENCE_END.search(record.passage)
    return [(r, s * (1.0 if holds_them(r) else WORDS_MISSING)) for r, s in scored]


def _named_words(text: str) -> set[str]:
    """The words of a question's capitalised tokens, lower-cased: the names it asks about, "al" of "al-Shughour"
    included."""
    return {t.lower() for token in text.split() if not token.islower() for t in _TOKEN.findall(token)}


def _names_asked(text: str) -> list[list[str]]:
    """The names in a question's words, each as its words naming someone or something (not a title or role), the
    last one a claim must hold: "Trump would campaign in Pittsburgh" names ["trump"] and ["pittsburgh"]. A name
    modifying a noun ("a UN resolution") names no one the claim must: "such a resolution" is the one meant."""
    named = ([w for w in search.query_words(run.group()) if not search.is_role(w)] for run in _NAME_RUN.finditer(text)
             if not (_ARTICLE_BEFORE.search(text, 0, run.start()) and _MODIFYING_NAME.match(text, run.end())))
    return [words for words in named if words]


def _made_with(verb: str, text: str) -> bool:
    """Whether the text holds the verb asked (a stem) or one of its kind: "has also backed her" answers "who
    endorsed Harlan?", "disputed that" "who denied ...?"."""
    text = text.lower()
    return any(any(mark in text for mark in kind) for kind in _KINDRED_VERBS if verb[:4] in kind) \
        or verb[:4] in text


def _content_holds(words: list[str], record: search.ClaimRecord) -> bool:
    """Whether a claim's own content holds what a who-says question's verb was done to, or opens with a pronoun
    that may stand for it ("has also backed her", "quoted by Anatolia: he said the Asad regime ..."): "a union
    endorsed her opponent" is no endorsement of Harlan, though its sentence names her."""
    said = _TOKEN.findall(record.content_text.lower())
    return _holds_words(words, record.content_text) or bool(said) and said[0] in _PERSONAL and (
        len(said) == 1 or said[0] not in _POSSESSIVE)


def _accusation(intent: WhoSays) -> tuple[str, str]:
    """The one accused and what of, in "who accused X of Y?"; in any other question no one, and its topic."""
    found = _ACCUSED_OF.match(intent.topic) if _stem(intent.verb or "").startswith("accus") else None
    return (found.group("accused"), found.group("charge")) if found else ("", intent.topic)


def _says_else(words: list[str], asked: tuple[set[str], set[str]] | None, record: search.ClaimRecord) -> bool:
    """Whether a claim holding the question's words says something else with them, though not its opposite: it
    puts other words in the place of the question's last ("the collapse was caused by 'exceptional and
    unforeseeable' rainfall" for "... caused by sabotage"), or says unnegated, of something else, what the question
    negates ("will submit the full results to a peer-reviewed journal" for "the study has not been peer
    reviewed")."""
    text = _around(record)
    if asked and asked[1]:
        said, denied = _polarity(words, text)
        if asked[1] & said and not asked[1] & denied:
            return True
    if len(words) < 2 or words[-1].isdigit() or _found(words[-1], text) \
            or len(_words_found(words[:-1], text)) < len(words) - 1:
        return False
    before = _stem(words[-2])
    for clause in _CLAUSE_BREAK.split(text):
        stems = [_stem(w) for w in _TOKEN.findall(clause.lower())]
        if before in stems and search.query_words(" ".join(_TOKEN.findall(clause)[stems.index(before) + 1:])):
            return True
    return False


def _holds_subject(words: list[str], record: search.ClaimRecord) -> bool:
    """Whether a claim's sentence holds the question's subject, not just one of its words: "provisionally suspended
    Costa" is no answer to "who says the officers have been suspended?", nor "a knife was recovered" to "who says
    the reef has fully recovered?"."""
    return _holds_words(words, _around(record))


def _holds_words(words: list[str], text: str) -> bool:
    """Whether the text holds two of the question's words, or its one."""
    return len(_words_found(words, text)) >= min(2, len(words))


def _with_contradicting(session: Session, team_id: str, answer: Answer, contradicting: Scored,
                        labels: dict[int, str], nothing: str, threshold: float = CONFIDENT) -> Answer:
    """The answer with the claims that would have answered but contradict the question (labels say how) first
    among its near-misses, one per sentence: a fact-checker sees who denies it, never as someone saying it. The
    threshold is the one the answers passed."""
    strong = [(r, s) for r, s in _ranked(contradicting) if s >= threshold]
    shown = _first_of_each(strong, lambda rs: _sentence_key(rs[0]))[:MAX_NEAR_MISSES]
    if not shown:
        return answer
    search.complete(session, [r for r, _ in shown], team_id)
    items = [replace(_item(r, s, near_miss=True, slot=n), opposes=labels[r.claim_id])
             for n, (r, s) in enumerate(shown)]
    others = answer.near_misses[: max(0, MAX_NEAR_MISSES - len(items))]
    answer.near_misses = items + others
    aside = sum(i.opposes.startswith((SUPERSEDED, OTHER_YEAR)) for i in items)     # figures revised or of old
    declined = sum(i.opposes == DECLINED for i in items)
    against = len(items) - aside - declined
    contradict = " and ".join(
        ([f"{against} claim{'s' if against != 1 else ''} {'contradict' if against != 1 else 'contradicts'} it"]
         if against else [])
        + ([f"{aside} figure{'s' if aside != 1 else ''} {'are' if aside != 1 else 'is'} earlier or of another year"]
           if aside else [])
        + ([f"{declined} source{'s' if declined != 1 else ''} declined to say so"] if declined else []))
    if answer.status == ANSWERED:
        answer.message += f" {contradict}: listed as near-misses, not answers."
    else:
        answer.message = (f"{nothing} {contradict}" + (", listed first among the near-misses" if others else
                                                       ", listed as near-misses") + ", not answers.")
    return answer


def _opposes(words: list[str], record: search.ClaimRecord, asked: tuple[set[str], set[str]] | None) -> str | None:
    """What a claim matching a who-says question does instead of saying it, if anything: gives other figures than
    the question's ("about 61 percent" for "turnout was 78 percent"), or, when the question is `asked` with a
    polarity (a verb of denying asks for denials: None), turns it: denies it ("Carrow denied that the move was
    driven by labour costs"), is nobody's ("None of the authors reported links") or says the question's words with
    their negation turned (_turns). Shown as answers, these would have their sources say the opposite of what they
    said."""
    if _states_other_numbers(words, record.content_text):
        return OTHER_FIGURE
    if asked is None:
        return None
    if not asked[1] and record.cue_kind != "intention" and _UNWILLING.search(record.cue_text or ""):
        return DECLINED     # "declined to comment on reports that Corriveau had fallen": not hers to say (but
        # "refuses to make public his tax returns" is an intention, which the refusal states)
    if not asked[1]:        # the question says something is so
        if _denies(record):
            return DENIES
        if _NOBODY.match(record.source_text or ""):
            return SAYS_OTHERWISE
    elif _denies(record):   # "Bell denied making contact" says what "who said there was no contact?" asks
        return None if _polarity(words, record.content_text)[0] & asked[1] else SAYS_OTHERWISE
    return SAYS_OTHERWISE if _turns(words, asked, _around(record)) else None


def _denies(record: search.ClaimRecord) -> bool:
    """Whether the claim's cue denies what it says ("denied a newspaper report that it planned to cut 1,000 jobs");
    rejecting a thing denies no fact ("rejected a media request")."""
    return bool(DENIAL_CUES.search(record.cue_text or "")) and not rejects_a_thing(record.cue_text, record.content_text)


def _turns(words: list[str], asked: tuple[set[str], set[str]], text: str) -> bool:
    """Whether most of the question's words the text holds are negated where the question says them ("was not
    evidence that he intended to kill") or said where the question negates them ("It's a clear penalty" for "it was
    not a penalty"). A negation elsewhere in the text turns nothing ("a resolution - which does not propose concrete
    action - could further inflame tensions"), and a text without the words a negated question says is about
    something else ("will submit the results to a peer-reviewed journal" for "the study has not been peer
    reviewed")."""
    asked_said, asked_denied = asked
    said, denied = _polarity(words, text)
    held = said | denied
    if asked_denied and (2 * len(held) < len(set(words)) or 2 * len(asked_said & held) < len(asked_said)):
        return False
    turned = asked_said & denied | asked_denied & said
    return bool(held) and 2 * len(turned) >= len(held)


def _polarity(words: list[str], text: str) -> tuple[set[str], set[str]]:
    """The question's words the text says, and those it says only under a negation governing them."""
    said: set[str] = set()
    denied: set[str] = set()
    for stretch, negated in _stretches(text, tuple(words)):
        (denied if negated else said).update(_words_found(words, stretch))
    return said, denied - said


@lru_cache(maxsize=4096)
def _stretches(text: str, asked: tuple[str, ...] = ()) -> tuple[tuple[str, bool], ...]:
    """The text's clauses cut where negations start and end, each stretch with whether it is negated: a negation
    reaches from its negator ("not", "far from", "refused"; not "not only", "no doubt") to the end of its clause or
    to a modal starting another predicate; "no" before a subject holding none of the `asked` words, only to its
    verb: "no fighters were among the dead" says there were dead, and denies that fighters were. Cached, as
    _offered: each candidate is checked against several claims."""
    stretches = []
    for clause in filter(None, _CLAUSE_BREAK.split(text)):
        start = 0
        for negator in _NEGATOR.finditer(clause):
            if negator.start() < start or _AFFIRMING.match(clause, negator.start()):
                continue
            end = None if _NOT_YET_SAID.match(negator.group()) else _NEGATION_END.search(clause, negator.end())
            end = end.start() if end else len(clause)       # what cannot be said yet reaches over its modals
            subject = _NEGATED_SUBJECT.match(clause, negator.start())
            if subject and subject.end() < end and not _words_found(list(asked), subject.group()):
                end = subject.end()
            begin = negator.start()
            verb = _WORD_BEFORE.search(clause, start, begin) if negator.group().lower() == "no" and not subject else None
            if verb:        # "had lost no soldiers" denies the losing: an object's "no" negates its verb too
                begin = verb.start()
            stretches += [(clause[start:begin], False), (clause[begin:end], True)]
            start = end
        stretches.append((clause[start:], False))
    return tuple(stretches)


def _side(words: list[str], record: search.ClaimRecord) -> str | None:
    """The side a claim takes on what a who-says question names: its cue's ("have proposed": for), else that of its
    content's words not negated, when they take one side only ("could further inflame tensions": against); negating
    the question's words takes the side against ("there were no refugees")."""
    cue = _sides(record.cue_text or "")
    if len(cue) == 1:
        return cue.pop()
    sides = _sides(record.content_text)
    said, denied = _polarity(words, record.content_text)
    if denied and 2 * len(denied) >= len(said | denied):
        sides.add("against")
    return sides.pop() if len(sides) == 1 else None


def _sides(text: str) -> set[str]:
    """The sides the text's words not negated take."""
    return {side for stretch, negated in _stretches(text) if not negated
            for side, found in _SIDE_WORDS.items() if found.search(stretch)}


def _opposing(scored: Scored, labels: dict[int, str], words: list[str]) -> set[str]:
    """The sentences (as _slots keys them) that contradict the question: those where a claim with a label holds at
    least as much of the question as any other claim of the sentence, so the sentence's other rows (the outlet's,
    "... and said the family wanted the knife tested") do not answer in its place; but a claim holding as much and
    the question's subject in its own words does ("Video shows that Crutcher had his hands in the air,
    contradicting Tulsa police's earlier claim that Crutcher had refused to keep his hands up")."""
    against: dict[str, tuple[float, bool]] = {}
    best_other: dict[str, tuple[float, bool]] = {}
    for record, _ in scored:
        key = _sentence_key(record)
        if record.claim_id in labels:
            against[key] = max(against.get(key, (0.0, False)), (record.content_match, False))
        else:
            strength = (record.content_match, _holds_words(words, record.content_text))
            best_other[key] = max(best_other.get(key, (0.0, False)), strength)
    return {key for key, strength in against.items() if strength >= best_other.get(key, (0.0, False))}


def _replies(session: Session, team_id: str, scored: Scored, verb: str, words: list[str]) -> Scored:
    """Claims made with the verb asked about ("denied") in the few sentences after a matching claim, of what that
    claim says: "Lyle accused Whitfield of meeting the developer privately. Whitfield denied the claim." answers
    "who denied meeting the developer privately?" though its words are only "the claim". Each takes the score of
    the claim it answers. A claim of the same sentence ("a poll showed Harlan leads, even as a union endorsed her
    opponent") or one holding the question's words answers nothing: its words are its own."""
    said = [(r, s) for r, s in _ranked([(r, s) for r, s in scored if not _made_with(verb, r.cue_text or "")])
            if s >= CONFIDENT][:REPLIED_CLAIMS]
    if not said:
        return []
    near = search.claims_after(session, [(r.article_id, r.position) for r, _ in said], REPLY_WINDOW, team_id)
    records = search.brief_claims(session, near, team_id)
    replies = []
    for record in records.values():
        answered = [s for r, s in said if r.article_id == record.article_id
                    and r.position < record.position <= r.position + REPLY_WINDOW]
        if answered and _made_with(verb, record.cue_text or "") and len(record.content_text.split()) <= REPLY_WORDS \
                and not _words_found(words, record.content_text):
            record.content_match = 1.0      # its few words stand for the claim it answers
            replies.append((record, max(answered)))
    return replies


@dataclass(frozen=True)
class NamedSources:
    """The entities a name in a question stands for, the name's own words, and whether only its surname matched
    (the articles say "President Asad", the question "Bashar al-Assad"): then the answer says it may be someone
    else of that name."""
    matches: list[search.NameMatch]
    words: list[str]
    by_surname: bool = False


def _sources_named(session: Session, name: str, team_id: str) -> NamedSources:
    """Entities the name stands for; failing the whole description ("Michael Mulgrew, president of the United
    Federation of Teachers"), its head before a comma or dash ("The old lions of the conservative movement—leaders
    with ..."), then the names inside it ("Michael Mulgrew"), then its surname."""
    folded = fold_name(name)
    matches = search.match_names(session, folded, team_id)
    head = _head(name)
    parts = [head] if head and head != name.strip() else []
    for part in [] if matches else dict.fromkeys([*parts, *_name_parts(name)]):
        matches = search.match_names(session, fold_name(part), team_id)
        if matches:
            break
    words = search.name_tokens(folded)
    acronym = next((w for w in name.replace(".", "").split() if 2 <= len(w) <= 6 and w.isupper()), None)
    if not matches and acronym:
        matches = search.match_acronym(session, acronym, team_id)
    for kind in () if matches or len(words) != 1 else _BODY_KINDS:     # "Unite" of "The Unite union said"
        matches = search.match_names(session, f"{folded} {kind}", team_id)
        if matches:
            break
    if not matches:
        matches = search.match_descriptions(session, folded, team_id)
    matches = [m for m in matches if not _once(words, m.alias.split())]
    if matches:
        return NamedSources(matches, words)
    by_surname = _by_surname(session, name, team_id)
    return NamedSources(by_surname, words, by_surname=bool(by_surname))


# Words a body's name may carry after the one word it goes by: "the Unite union", "Calderwood Pharma".
_BODY_KINDS = ("union", "party", "group", "company", "council", "trust", "foundation", "pharma", "motors")


def _once(asked: list[str], named: list[str]) -> bool:
    """Whether a name or description says its holder held the role asked once: a "Former Governor" is not "the
    governor"."""
    return _FORMER.isdisjoint(asked) and not _FORMER.isdisjoint(named)


def _by_surname(session: Session, name: str, team_id: str) -> list[search.NameMatch]:
    """A full name the articles only give by surname ("Bashar al-Assad" for "President Asad"): entities matching
    its last word whose every other word, in the alias matched and in the entity's own name, is a role, an initial
    or a word of the full name, so "Rifaat al-Assad" is not him, nor "Donald Trump" (alias "Trump") Eric Trump."""
    words = search.name_tokens(fold_name(name))
    if len(words) < 2 or len(words) > 4 or any(w in _BEFORE_NO_NAME or w in _RELATIVE for w in words) \
            or words[-1] in search.ROLE_WORDS or has_possessive(name):
        return []     # a description ("Gov. Earl Ray Tomblin of West Virginia", "the Florida senator", "those who ...",
        # "Donald Trump's campaign": its last word is what the name owns, not a surname)
    written = name.split()
    if written[-1].islower() and any(not w.islower() for w in written):
        return []     # "Cruz backers": a name, then a common noun written as one; no surname to look for
    return [m for m in search.match_names(session, words[-1], team_id)
            if all(w in search.ROLE_WORDS or len(w) == 1 or max(fuzz.ratio(w, q) for q in words) >= search.NAME_MATCH
                   for w in [*m.alias.split(), *search.name_tokens(m.key)])]


_FORMER = frozenset("former ex onetime erstwhile".split())
_NAME_PARTICLES = frozenset("de van von der al el bin ibn la le da di du del".split())
_RELATIVE = frozenset("which who whose whom that where when".split())   # clauses name no one else
_PARTY_LABEL = re.compile(r"^[A-Z]\.?-[A-Z][\w.]*$")       # "R-IN", "D-N.C."
_BEFORE_NO_NAME = frozenset("the a an of on in at for from by with to and or towards toward against about over into "
                            "like than among".split())
_TITLES = frozenset("mr mrs ms dr rep sen gov gen lt col sgt del state president senator governor".split())


def _name_parts(source: str) -> list[str]:
    """The proper names inside a description, most likely first: each comma, bracket or "and" separated part that
    is a name, or the capitalised words ending it ("Pat Caddell" in "longtime Democratic pollster Pat Caddell").
    Capitals after a preposition are left out: "Republicans on the House Committee" is not the committee."""
    parts = []
    for segment in re.split(r"[,()\u2014;]|\b(?:and|of|at|from|for)\b", source):
        words = segment.split()
        clause = next((n for n, word in enumerate(words) if n and word.lower() in _RELATIVE), len(words))
        words = words[:clause]                          # "voters who lean towards Trump" do not name Trump
        while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
            words = words[1:]                           # "Rep. Elijah Cummings" is named "Elijah Cummings"
        titled = [n for n, word in enumerate(words[:-2]) if word.endswith(".") and word.lower()[:-1] in _TITLES]
        if titled:                                      # "Texas Lt. Gov. Dan Patrick" is named "Dan Patrick"
            words = words[titled[-1] + 1:]
        if not words or words[0].lower() in _RELATIVE or _PARTY_LABEL.match(segment.strip()):
            continue
        tail: list[str] = []
        for word in reversed(words):
            if word[:1].isupper() or (tail and word.lower() in _NAME_PARTICLES):
                tail.insert(0, word)
            else:
                break
        titles = _only_titles(tail)
        the_title = titles and len(words) == len(tail) + 1 and words[0].lower() == "the"    # "the Pope": one person
        if titles and not the_title:
            continue                                    # "Former Secretary" of "... of State Madeleine Albright"
        if tail and (the_title or len(tail) == len(words)
                     or words[len(words) - len(tail) - 1].lower() not in _BEFORE_NO_NAME):
            part = " ".join(tail)
            if part != source.strip() and part not in parts:
                parts.append(part)
    return parts


def _by_written_source(session: Session, name: str, team_id: str, scope: Article | None) -> list[int]:
    """Claims whose source as written may match the name, for sources the extractor resolved to no entity: those
    holding all the name's own words (not their expansions: "Gov." is written "Gov."), the newest (_as_written
    orders them)."""
    return search.match_claims(session, search.query_words(name), team_id,
                               article_id=scope.id if scope else None, attributed_only=True, ranked=False)


def _what_said(session: Session, intent: WhatSaid, team_id: str, scope: Article | None) -> Answer:
    named = _sources_named(session, intent.source, team_id)
    name_words = named.words
    # "what did she say?": she could be anyone; but "the WHO" is an organisation
    if not name_words or set(name_words) <= search.PRONOUNS and not any(
            len(w) > 1 and w.isupper() for w in intent.source.split()):
        return Answer(intent.text, intent, BAD_QUESTION, "Name a source, e.g. \"what did Erdogan say?\"")
    keys = [m.key for m in named.matches]
    speaking_for = search.spokespeople(session, keys, team_id)
    keys += speaking_for
    article_id = scope.id if scope else None
    ids = search.claims_by_sources(session, keys, team_id, article_id=article_id)
    if names_several(intent.source):      # "Trump and Clinton": first what they said together, as written
        ids = _by_written_source(session, intent.source, team_id, scope) + ids
    elif len(ids) < MAX_ITEMS:
        ids += _by_written_source(session, intent.source, team_id, scope)
    records = search.brief_claims(session, list(dict.fromkeys(ids))[: search.CANDIDATES], team_id)
    written_by: dict[str, bool] = {}        # many candidates share a source as written: each judged once
    theirs = [r for r in records.values() if r.attributed and _said_by(r, keys, name_words, written_by)]
    named_so = sorted({r.source_key for r in theirs if r.source_key and r.source_key not in keys
                       and r.source_text and fold_name(_head(r.source_text)) == fold_name(r.source_text)})
    if named_so:        # the one written so is the source asked ("shadow health minister Ms Priya Kaur", "A Downing
        # Street spokesperson"): their claims under other names ("Ms Kaur", "the spokesperson") are theirs too
        keys += named_so
        more = search.claims_by_sources(session, named_so, team_id, article_id=article_id)
        records.update(search.brief_claims(session, [i for i in more if i not in records], team_id))
        theirs = [r for r in records.values() if r.attributed and _said_by(r, keys, name_words, written_by)]
    people = _people_of_surname(name_words, theirs)
    who = _shown(intent.source) if people else _resolved(session, named, intent.source, team_id,
                                                          {r.source_key for r in theirs} - set(speaking_for))
    if intent.about:
        words = _scoring_words(intent.about)
        scored = [(r, _text_score(words, intent.about, r) * (NEGATED_CUE if _negated(r.cue_text or "") else 1.0))
                  for r in theirs]
        found = _answer(session, team_id, intent, scored,
                        "{n} claim{s} on that subject by " + who + ".",
                        f"No claim by {_shown(intent.source)} matches {_quoted(intent.about)}.", threshold=0.45)
        if found.status == ANSWERED or scored:
            return found
    if theirs:
        ranked = sorted(theirs, key=_as_written(intent.source, name_words), reverse=True)
        sentences = _first_of_each(ranked, lambda r: (r.article_id, r.sentence_id))    # one answer per sentence
        items = [_item(r, 1.0, slot=slot)
                 for slot, r in enumerate(search.complete(session, sentences[:MAX_ITEMS], team_id))]
        capped = "At least " if len(ids) >= search.CANDIDATES else ""     # more were not read: no exact count
        message = (f"{capped}{len(theirs)} claim{'s' if len(theirs) != 1 else ''} by {who}"
                   + (f" in {len(sentences)} sentence{'s' if len(sentences) != 1 else ''}"
                      if len(sentences) != len(theirs) else "")
                   + (", those speaking for it included" if any(r.source_key in speaking_for for r in theirs)
                      else "")
                   + (f" ({len(items)} shown)." if len(sentences) > len(items) else "."))
        said = {r.claim_id for r in theirs}
        others = _as_near_misses(session, _mentioning(records, name_words, said), team_id)
        if others:
            message += " Claims by others whose source as written names them are listed as near-misses."
        if people:
            message += f" The name fits several people: {', '.join(people)}; each one's claims are under their name."
        return Answer(intent.text, intent, ANSWERED, message + _surname_caveat(session, named, intent.source, team_id),
                      _grouped(items), near_misses=others)
    if keys:
        names = ", ".join(search.entity_names(session, keys, team_id).values())
        message = (f"{names or _shown(intent.source)} is named in the articles, but no indexed claim is attributed to "
                   f"them." + _surname_caveat(session, named, intent.source, team_id))
        near_items = []
    else:
        near = search.match_names(session, fold_name(intent.source), team_id, floor=search.NEAR_NAME, limit=2)
        near_ids = search.claims_by_sources(session, [m.key for m in near], team_id, article_id=article_id,
                                            limit=MAX_NEAR_MISSES)
        near_items = _near_misses(session, near_ids, team_id)
        message = f"No indexed claim is attributed to {_shown(intent.source)}."
        if near_items:
            message += " Claims by similar names are listed as near-misses, not answers."
    if not near_items:      # "the Pope" of "The UN human rights chief, Navi Pillay, and the Pope have urged ...", the
        # BBC of "The BBC's correspondent in Beirut says": a source written with others, as a title or as someone's,
        # that no name rule takes for theirs alone
        near_items = _as_near_misses(session, _mentioning(records, name_words), team_id)
        if near_items:
            message += " Claims whose source as written mentions them are listed as near-misses, not answers."
    if not near_items and not keys:     # "the residents" of "the government says residents requested the army":
        # no entity, nobody who speaks for them, but what the articles say of them
        near_items = _claims_about(session, team_id, scope, intent.source, intent.text)
        if near_items:
            message += " Claims that mention them are listed as near-misses, not answers."
    return Answer(intent.text, intent, NO_MATCH, message, near_misses=near_items)


def _people_of_surname(name_words: list[str], theirs: list[search.ClaimRecord]) -> list[str]:
    """The people whose claims answer a bare surname, when it fits several ("Adeyemi": Tunde Adeyemi and his wife
    Folake Adeyemi): the answer is then for no one of them. Not things named by a common noun ("Bloomberg poll")."""
    if len(name_words) != 1 or search.is_role(name_words[0]):
        return []
    people = {r.source_name for r in theirs if r.source_name and not r.source_name.split()[-1].islower()
              and (tokens := search.name_tokens(fold_name(r.source_name)))[-1:] == name_words and len(tokens) > 1}
    return sorted(people) if len(people) > 1 else []


def _mentioning(records: dict[int, search.ClaimRecord], name_words: list[str], said: set[int] = frozenset()
                ) -> list[search.ClaimRecord]:
    """Claims not by the source asked whose source as written names it ("Al Jazeera's correspondent"), newest
    first: a fact-checker asking what Al Jazeera said wants to know what its correspondent said, labelled so."""
    found = [r for r in records.values() if r.attributed and r.claim_id not in said and set(name_words) <= set(
        search.name_tokens(fold_name(r.source_text or "")))]
    return sorted(found, key=lambda r: (r.ingested_order, -r.position), reverse=True)[:MAX_NEAR_MISSES]


def _resolved(session: Session, named: NamedSources, asked: str, team_id: str, answering: set[str | None]) -> str:
    """The name an answer is given for: the one entity the question's name resolved to ("erdgan", "the Turkish
    prime minister": Recep Tayyip Erdogan), so the reader sees whom the answer is about; the name as asked when it
    stands for several, names several ("France and Britain"), only by surname (the caveat then names them), or
    when none of the claims `answering` (their source keys, spokespeople's left out) is that entity's ("the company"
    in one article is not the company of another), or some are another's ("the chief executive" of another article,
    found as written)."""
    if len(named.matches) == 1 and not named.by_surname and not names_several(asked) \
            and named.matches[0].key in answering and answering - {None} <= {named.matches[0].key}:
        return next(iter(search.entity_names(session, [named.matches[0].key], team_id).values()), _shown(asked))
    return _shown(asked)


def _surname_caveat(session: Session, named: NamedSources, asked: str, team_id: str) -> str:
    """When only the surname of the name asked matched, say so: the articles' "Asad" may be Bashar al-Assad or
    his brother, and a fact-checker must not take the answer for the full name's own."""
    if not named.by_surname:
        return ""
    names = ", ".join(search.entity_names(session, [m.key for m in named.matches], team_id).values())
    return f" Only the surname matches: the articles name {names}, who may not be {_shown(asked)}."


def _as_written(asked: str, name_words: list[str]):
    """Sort key for a source's claims, best first: the article writing the source as asked, then opening with it
    ("Mr. Burman (a view echoed by everyone I interviewed)" for "Mr. Burman"), then by a name (not
    "he", "who", "his"), then as close to the asked name as can be, then with a reporting verb ("said", "told"; not
    "celebrated", "spoke over"), then the newest; a claim its cue says was not made ("was reluctant to criticise",
    "did not say") last of all. A claim whose source the article names is the one a reader can
    check; "he" said it only as far as coreference is right."""
    folded = fold_name(asked)
    closeness: dict[str, int] = {}         # per written source: name score in tens, -1 for a pronoun

    def key(record: search.ClaimRecord) -> tuple:
        written = record.source_text or ""
        if written not in closeness:
            tokens = search.name_tokens(fold_name(written))
            closeness[written] = round(search.name_score(name_words, tokens) / 10) if tokens and not set(
                tokens) <= search.PRONOUNS else -1
        cue = (record.cue_text or "").lower()
        asserted = not _negated(cue)
        reported = asserted and not SAY_VERBS.isdisjoint(_TOKEN.findall(cue))
        return (asserted, fold_name(written) == folded, fold_name(_head(written)) == folded,
                closeness[written] >= 0, closeness[written], reported, record.ingested_order, record.article_id,
                -record.position, -record.claim_id)
    return key


def _said_by(record: search.ClaimRecord, keys: list[str], name_words: list[str], written_by: dict[str, bool]) -> bool:
    """Only the source's own claims: its resolved entity, or the source as the article wrote it ("Tulsa police
    Chief Chuck Jordan said" is his claim even if resolution went astray), or a name inside it ("Jon Tester (D-Mont.)
    and David Vitter (R-La.)" speak for Vitter too). `written_by` remembers the verdict on each written source."""
    if record.source_key is not None and record.source_key in keys:
        return True
    written = record.source_text or ""
    if written not in written_by:
        head = _head(written)       # "The anchor for Univision" of "..., a US channel"
        written_by[written] = any(
            search.name_score(name_words, tokens) >= search.NAME_MATCH and not _once(name_words, tokens)
            for tokens in map(_speaking_for, map(search.name_tokens, map(fold_name, [
                written, head, *_name_parts(written)]))) if tokens)
    return written_by[written]


def _speaking_for(tokens: list[str]) -> list[str]:
    """Whom a source as written speaks for: "a Harborline spokeswoman" and "A Downing Street spokesperson" speak for
    Harborline and Downing Street, whose claims theirs are."""
    return tokens[:-1] if len(tokens) > 1 and tokens[-1] in search.SPEAKING_FOR else tokens


def _only_titles(words: list[str]) -> bool:
    """Whether the words are a title or role and no name: "Former Secretary" names no one, and as a name it matches
    every secretary's description ("the former secretary of state" is Hillary Clinton)."""
    return all(w.lower().rstrip(".") in TITLES or w.lower() in search.ROLE_WORDS for w in words)


_HEAD_END = re.compile(r"[,(\u2014;]")


def _head(name: str) -> str:
    """A source's words before its first comma, bracket, dash or semicolon: the name a description opens with."""
    return _HEAD_END.split(name, maxsplit=1)[0].strip()


def _shown(name: str) -> str:
    return " ".join(name.split())[:80]


def _how_many(session: Session, intent: HowMany, team_id: str, scope: Article | None) -> Answer:
    """The figures counting what is asked, of the event asked; the others are near-misses at most."""
    records: dict[int, search.ClaimRecord] = {}
    text_scores: dict[int, float] = {}
    for topic in _phrasings(intent.topic):
        scored = _matching(session, team_id, scope, topic, intent.text, with_figures=True)
        if scored is None:
            return Answer(intent.text, intent, BAD_QUESTION,
                          "Say what is counted, e.g. \"how many people have been killed since protests began?\"")
        for record, score in scored:
            kept = records.setdefault(record.claim_id, record)
            kept.content_match = max(kept.content_match, record.content_match)
            text_scores[record.claim_id] = max(text_scores.get(record.claim_id, 0.0), score)
    search.attach_own(session, records)
    search.attach_disputes(session, records, team_id)
    asked = _asked_count(intent)
    answering = _answering(list(records.values()), asked)
    last = _TOKEN.findall(intent.topic.lower())[-1:]
    asked_after = last[0] if last and last[0] in _DANGLING else None
    scored = [(records[claim_id], score + (FIGURE_AFTER if asked_after and _figure_after(asked_after,
                                                                                        records[claim_id]) else 0.0))
              for claim_id, score in text_scores.items() if claim_id in answering]
    nothing = f"No indexed figure matches {_quoted(intent.topic)}."
    # "Safaricom denied a report that it planned to cut 1,000 jobs": the figure Safaricom denies, never its own
    denied = {r.claim_id: DENIES for r, _ in scored if _denies(r)}
    denied.update(_set_aside(intent.text, [r for r, _ in scored if r.claim_id not in denied]))
    kept = [(r, s) for r, s in scored if r.claim_id not in denied]
    if kept:
        answer = _answer(session, team_id, intent, kept, "{n} figure{s} found, with their sources.", nothing,
                         threshold=0.0)
    else:
        near = [i for i in _claims_about(session, team_id, scope, intent.topic, intent.text)
                if i.claim_id not in denied]
        answer = Answer(intent.text, intent, NO_MATCH,
                        nothing + (" The closest claims are listed as near-misses, not answers." if near else ""),
                        near_misses=near)
    return _with_contradicting(session, team_id, answer, [(r, s) for r, s in scored if r.claim_id in denied], denied,
                               nothing, threshold=0.0)


def _set_aside(question: str, records: list[search.ClaimRecord]) -> dict[int, str]:
    """Figures that answer only as near-misses, labelled why, when others answer: one since revised ("Officials
    earlier said 12 people had died"), one of a year the question does not ask about ("a deadly earthquake in 1987,
    when more than 200 people were killed")."""
    labels = {r.claim_id: SUPERSEDED for r in records
              if EARLIER.search(r.cue_text or "") or EARLIER_FIGURE.search(r.passage)}
    undated = [r for r in records if r.claim_id not in labels and not YEAR.search(r.passage)]
    if undated and not YEAR.search(question):
        labels.update({r.claim_id: f"{OTHER_YEAR} ({', '.join(sorted(set(YEAR.findall(r.passage))))})"
                       for r in records if r.claim_id not in labels and YEAR.search(r.passage)})
    return labels if len(labels) < len(records) else {}


@dataclass(frozen=True)
class _Count:
    """What a how-many question asks: the thing counted (its noun last: "affordable housing"), the words of the event
    the figure's sentence must hold ("signed petition", "died air strike"), an inverted question's subject ("did the
    fire cause?") and the names the event is told with ("massing near Jisr al-Shughour"), which the article's title
    may name instead ("massing near the town"), and whether a sum or share answers it."""
    counted: list[str]
    event: list[str]
    subject: list[str]
    amount: bool
    share: bool


def _asked_count(intent: HowMany) -> _Count:
    """The question's topic taken apart: "people | have fled the area", "damage | did the fire cause", "was the
    transfer fee" (a copula counts what follows it)."""
    tokens = _TOKEN.findall(intent.topic.lower())
    split = _verb_at(tokens)
    counted = [w for w in tokens[:split] if w not in search.STOPWORDS and len(w) > 1]
    rest = tokens[split:]
    light = _LIGHT_VERBS | (_MAKING if counted else frozenset())
    words = [w for w in rest if w not in search.STOPWORDS and w not in AUXILIARIES and w not in light]
    inverted = bool(rest) and rest[0] in _INVERTING and len(words) > 1
    named = _named_words(intent.topic)
    if not counted and rest and rest[0] in _COPULAS and not any(w.endswith(("ed", "ing")) for w in words):
        # "is Adeyemi worth", "is the depot worth": the worth, which the sentence must tell of him or of it
        counted, subject, words = (words, [], []) if set(words) <= _DEATH_WORDS else (words[-1:], words[:-1], [])
    else:
        subject = []
    if counted and set(counted) <= _DEATH_WORDS:        # "how many deaths?", "the death toll": people, dead
        counted, words = ["people"], [*counted, *words]
    amount = bool(_HOW_MUCH.search(intent.text))
    event, subject = (words[-1:], subject + words[:-1]) if inverted else (words, subject)
    return _Count(counted, [w for w in event if w not in named], subject + [w for w in event if w in named], amount,
                  intent.share)


def _verb_at(tokens: list[str]) -> int:
    """Where a how-many topic's verb starts, ending the thing counted: at an auxiliary, a word in -ed or an irregular
    past after the thing ("doses went missing"; "paid subscribers" are counted), or after "people" ("people live
    with obesity"); a word in -ing with no auxiliary is a noun ("affordable housing")."""
    for n, word in enumerate(tokens):
        if word in AUXILIARIES or word.endswith("ed") or n and (word in _IRREGULAR_PAST or tokens[n - 1] in _ANYONE):
            return n
    return len(tokens)


_INVERTING = frozenset("did does do will would could can".split())   # "did the fire cause": a subject comes next
_COPULAS = frozenset("is was are were".split())
# "how much damage did it cause?" asks the damage; "what percentage did Lopez get?" her share, however told
_LIGHT_VERBS = frozenset("cause caused causes get gets got".split())
# Light too when what is made is asked: "how much revenue did M-Pesa make?" asks the revenue ("revenue grew to ..."),
# while "how much did Stumpf make?" asks what he made.
_MAKING = frozenset("make makes made earn earns earned generate generates generated".split())
# Words of one event told in others: "how many were evacuated?" is answered by "forcing 30,000 people to flee", "how
# many fled?" by "2,000 Syrians have crossed the border seeking refuge",
# "how much damage?" by "insured losses", "bought for?" by "acquire ... for", "borrow?" by "a loan".
_KINDRED_WORDS = [group.split() for group in "evacuate flee fled fleeing refuge refugee; damage loss; "
                  "buy acquire purchase; borrow lend loan; worth value valuation valued".split(";")]
_KINDRED = [frozenset(map(_stem, group)) for group in _KINDRED_WORDS]


def _answering(records: list[search.ClaimRecord], asked: _Count) -> set[int]:
    """The claims whose figures count what is asked, of the event asked, and their rivals: a figure disputed by one
    answering counts the same thing ("two shots" fired, "at least five shots" heard), when the dispute is over a
    number answering (a toll disputed beside "more than 200 people were still missing" counts no missing)."""
    counting = [r for r in records if _counts_asked(r, asked)]
    answering = {r.claim_id for r in counting if _of_event_asked(r, asked)}
    disputes = {d for r in counting if r.claim_id in answering for d, topic in r.disputes
                if any(_figure_words(topic) & _figure_words(f) for f in r.figures if _figure_counts(f, r, asked))}
    return answering | {r.claim_id for r in counting if disputes & {d for d, _ in r.disputes}}


def _figure_words(text: str) -> set[str]:
    """The numbers and the stems of the other words that tell a figure, or a dispute over figures, from another
    ("two shots", "how many: 37 bodies / at least 61")."""
    return set(content_stems(text)) | {w for w in _TOKEN.findall(_whole_numbers(text)) if w.isdigit()}


def _counts_asked(record: search.ClaimRecord, asked: _Count) -> bool:
    """Whether one of the claim's figures counts the thing asked: people for "how many people", the noun asked for
    ("studies" are no people, "joint ventures" no one who fled), a sum or share of the thing the sentence names."""
    return any(_figure_counts(figure, record, asked) for figure in record.figures)


def _figure_counts(figure: str, record: search.ClaimRecord, asked: _Count) -> bool:
    if asked.share and not SHARE.search(figure):
        return False
    if not _counts_things(figure):          # "how much damage?": "$150 million in damage"; never "how many people?"
        return (asked.amount or asked.share) and (not asked.counted or set(asked.counted) <= _ANY_SUM
                                                  or _names(asked.counted[-1], _around(record)))
    if not asked.counted:                   # "how much will the closures save?": "900 signatures" is no sum
        return not asked.amount
    noun = _figure_noun(figure)
    if set(asked.counted) <= _ANYONE:       # "at least 43 (death toll)", "as high as 200 (number of missing)"
        return noun is not None and (_is_people(noun) or _names(noun, " ".join(asked.event + ["toll"] * any(
            w in _DEATH_WORDS for w in asked.event))))
    if not noun:
        return _names(asked.counted[-1], _around(record))
    # "more than 2,000 Syrians ... seeking refuge": people of a nation, whom the figure's clause calls what is asked
    # ("12 civilians died and no fighters were killed" counts no fighters)
    return _names(asked.counted[-1], figure) or (_is_people(asked.counted[-1]) and _names_a_people(figure)
                                                 and _names(asked.counted[-1], _clause_of(figure, record.passage)))


def _names_a_people(figure: str) -> bool:
    """Whether a figure counts people: "12 people", "nine children", "2,000 Syrians"."""
    last = [w for w in _TOKEN.findall(figure) if not w.isdigit()][-1:]
    return bool(last) and (_is_people(last[0].lower()) or last[0][:1].isupper())


def _figure_noun(figure: str) -> str | None:
    """The word a figure counts, last in it ("more than 1,200 people", "at least 43 (death toll)"); none for a bare
    number."""
    words = [w for w in _TOKEN.findall(figure.lower()) if not w.isdigit()]
    if "of" in words[1:] and "(" not in figure:     # "120 members of the security forces" counts members,
        # "hundreds of soldiers" soldiers; a gloss ("200 (number of missing)") names what it counts last
        before = words[:words.index("of", 1)]
        if before[-1] not in _NUMBER_WORDS:
            words = before
    return words[-1] if words and words[-1] not in _NUMBER_WORDS else None


_NUMBER_WORDS = frozenset("thousand thousands million millions billion billions hundred hundreds".split())


def _is_people(noun: str) -> bool:
    return noun in _ANYONE or noun in _PEOPLE or noun.removesuffix("s") in PERSON_NOUNS | _PEOPLE


# People counted in the news besides the roles sources speak in (PERSON_NOUNS): any count of them answers "how many
# people were killed?" ("the army said it killed 40 militants").
_PEOPLE = frozenset("""adult child children civilian body resident men women militant fighter rebel insurgent
troops gunmen gunman militiamen policemen police jihadist extremist terrorist attacker assailant combatant bystander
pedestrian migrant pilgrim worshipper villager inmate prisoner detainee hostage suspect casualty infant baby babies
teenager youth miner sailor marine guard personnel forces staff crew""".split())


def _of_event_asked(record: search.ClaimRecord, asked: _Count) -> bool:
    """Whether the claim's sentence tells of the event asked: every word of it there (a death in any of the words
    deaths are reported with, in the clause of a figure counting what is asked), the subject of an inverted question
    there or in the article's title ("the fire" of a wildfire story). "12 people died" is no answer to who fled, nor
    a war's toll to an air strike's, nor "two soldiers were wounded but none were killed" to how many were killed."""
    around = _around(record)
    dying = " ".join(_clause_of(f, record.passage) for f in record.figures if _figure_counts(f, record, asked))
    return (all(_tells_death(dying) if w in _DEATH_WORDS else _names(w, around) for w in asked.event)
            and all(_names(w, around) or _stem(w) in (record.article_title or "").lower() or w in _initials(around)
                    for w in asked.subject))


def _clause_of(figure: str, sentence: str) -> str:
    """The clause of the sentence holding the figure, from the break before it to the break after it, taking in the
    next clause when the figure's holds nothing else ("Five soldiers and three civilians were killed"); the whole
    sentence when the figure is not written in it."""
    found = re.search(re.escape(figure.split(" (")[0]), sentence, re.IGNORECASE)
    if not found:
        return sentence
    before = [b.end() for b in _FIGURE_CLAUSE_BREAK.finditer(sentence, 0, found.start())]
    after = [b.start() for b in _FIGURE_CLAUSE_BREAK.finditer(sentence, found.end())]
    if after and not _TOKEN.search(sentence[found.end():after[0]]):
        after = after[1:]
    return sentence[before[-1] if before else 0:after[0] if after else len(sentence)]


# Where a figure's clause ends: not at a comma, which an apposition or a list holds ("At least 12 people, four of
# them children, were killed").
_FIGURE_CLAUSE_BREAK = re.compile(r"[?!;:\u2013\u2014]|\.(?!\d)|\s-\s|\b(?:but|and|while|whereas|although|though)\b",
                                  re.IGNORECASE)


@lru_cache(maxsize=4096)
def _initials(text: str) -> frozenset[str]:
    """The initials of each run of the text's capitalised words, for a name the question gives as an acronym ("the
    IMF") and the sentence spells out ("The International Monetary Fund"). Cached, as _offered."""
    return frozenset("".join(word[0] for word in run.split() if word[0].isupper() and word != "The").lower()
                     for run in _CAPITALISED_RUN.findall(text) if " " in run)


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w-]*(?:\s+(?:(?:of|for|and|on)\s+)?[A-Z][\w-]*)*")


def _tells_death(text: str) -> bool:
    return any(_names(word, text) for word in (*_DEATHS_REPORTED, "toll"))


def _around(record: search.ClaimRecord) -> str:
    """The claim's sentence and content, less a question put to its source before it ("Asked whether he blamed the
    party leadership, Sir Geoffrey said: ..."): what a source was asked is no part of what they said."""
    asked = _ASKED_BEFORE.match(record.passage)
    passage = record.passage[asked.end():] if asked and asked.group() not in record.content_text else record.passage
    return f"{passage} {record.content_text}"


def _interviewer_asking(record: search.ClaimRecord) -> bool:
    """An interview's question ("Q: Are surgeons burning out?") claims nothing: a near-miss at most. A speaker's
    own question ("Why would we trust them?") is still theirs to be found by."""
    return (record.source_text or "").strip(" .:") == "Q" and bool(_QUESTION_END.search(record.content_text))


_QUESTION_END = re.compile(r"\?[\"'\u201d\u2019]*\s*$")
_ASKED_BEFORE = re.compile(r"\s*(?:when\s+|after\s+being\s+|on\s+being\s+)?asked\b[^,]*,", re.IGNORECASE)


def _names(word: str, text: str) -> bool:
    """Whether the text holds the word, inflected perhaps, or a word of its kindred."""
    stems = {_stem(word)}
    stems |= {k for group in _KINDRED if stems & group for k in group}
    return bool(stems & _offered(text))


def _figure_after(preposition: str, record: search.ClaimRecord) -> bool:
    """Whether one of the claim's figures follows the preposition a how-many question ends with: "bought for?" is
    answered by "for $4.2 billion", not by "revenue of $2.7 billion" in another sentence naming the company."""
    return any(re.search(rf"\b{preposition}\s+{re.escape(figure.split(' (')[0])}", record.passage, re.IGNORECASE)
               for figure in record.figures)


def _counts_things(figure: str) -> bool:
    """Whether a figure may count people or things: not a sum of money or a share ("$150 million", "40 percent");
    "at least 43" may be a death toll, which the sentence names."""
    words = {w if w.isupper() else w.lower().removesuffix("s") for w in _TOKEN.findall(figure)}   # codes as written
    return not (CURRENCY_SIGNS & set(figure) or SHARE.search(figure) or words & _UNITS_OF_AMOUNT)


def _claims_about(session: Session, team_id: str, scope: Article | None, topic: str, question: str) -> list[Item]:
    """The claims best matching the topic, as near-misses: what the articles say of it when the question asked for
    something they do not give (a figure, a dispute)."""
    near = _ranked(_matching(session, team_id, scope, topic, question) or [])[:MAX_NEAR_MISSES]
    search.complete(session, [r for r, _ in near], team_id)
    return [_item(r, s, near_miss=True, slot=n) for n, (r, s) in enumerate(near)]


def _phrasings(topic: str) -> list[str]:
    """The topic as asked (and with each kindred word in place of one it holds), or, when it asks for deaths, once
    with each word articles report them with; deaths of no one in particular ("how many people died?") are also
    the articles' death toll ("the death toll has risen to at least 43")."""
    words = topic.split()
    rest = [w for w in words if w.lower().strip(".,;:!?") not in _DEATH_WORDS]
    if len(rest) == len(words):
        return _with_kindred(topic)
    phrasings = [" ".join([*rest, reported]) for reported in _DEATHS_REPORTED]
    if {w.lower() for w in rest} <= _ANYONE | AUXILIARIES:
        phrasings.append("death toll")
    return phrasings


def _with_kindred(topic: str) -> list[str]:
    """The topic, then once with each kindred word in place of one it holds: the full-text index knows no kindred,
    and "how many refugees?" is answered by "more than 2,000 Syrians have crossed the border seeking refuge"."""
    words = topic.split()
    phrasings = [topic]
    for n, word in enumerate(words):
        stem = _stem(word.lower().strip(".,;:!?"))
        for group, kindred in zip(_KINDRED, _KINDRED_WORDS):
            if stem in group:
                phrasings += [" ".join([*words[:n], other, *words[n + 1:]])
                              for other in kindred if other != word.lower()]
    return phrasings


def _whose(session: Session, entity) -> str:
    """The description, saying whose when it opens with a pronoun: "Its spokesman (National Liberation Army's
    spokesman)", from the alias coreference gave the person."""
    first, _, rest = entity.description.partition(" ")
    whose = search.alias_ending(session, entity.id, f"'s {rest}") if first.lower() in _POSSESSIVES and rest else None
    return f"{entity.description} ({whose})" if whose else entity.description


_POSSESSIVES = frozenset("his her its their".split())


def _who_is(session: Session, intent: WhoIs, team_id: str, scope: Article | None) -> Answer:
    named = _sources_named(session, intent.name, team_id)
    keys = [m.key for m in named.matches]
    described = search.describe(session, keys, team_id, article_id=scope.id if scope else None)
    groups: dict[str, Group] = {}
    claim_of = search.claims_on_sentences(session, [sentence.id for _, sentence, _ in described])
    claims = search.load_claims(session, list(claim_of.values()), team_id)
    for entity, sentence, article in described:
        if all(w.lower().rstrip(".") in HONORIFICS for w in entity.description.split()):
            continue                # "Mr." says nothing of who he is
        description = _whose(session, entity)
        claim = claims.get(claim_of.get(sentence.id))
        if claim is not None:       # the sentence as said by whoever says it ("The BBC's correspondent ... says")
            item = replace(_item(claim, 1.0), description=description)
        else:
            item = Item(claim_id=None, source_name=None, source_text=None, source_entity_id=None,
                        own_statement=True, cue=None, cue_kind=None, kind="statement", content=sentence.text,
                        sentence=sentence.text, sentence_start=sentence.start, sentence_end=sentence.end,
                        sentence_position=sentence.position, article_id=article.id, article_slug=article.slug,
                        article_title=article.title, article_url=article.url, outlet=article.outlet,
                        description=description, score=1.0)
        group = groups.setdefault(entity.key, Group(entity.name, [], entity.id, description))
        if all(i.description != item.description for i in group.items):
            group.items.append(item)
    if groups:
        telling = {}
        for key, group in groups.items():
            group.count = len(group.items)
            telling[key] = _telling([i.description for i in group.items])
            group.description = telling[key] or group.description
        ordered = sorted(groups, key=lambda key: telling[key] is None)     # stable: who is told of first
        groups = {key: groups[key] for key in ordered}
        first = next(iter(groups.values()))
        return Answer(intent.text, intent, ANSWERED, f"{first.title}: {first.description.rstrip('.')}."
                      + _surname_caveat(session, named, intent.name, team_id), list(groups.values()))
    if keys:
        names = search.entity_names(session, keys, team_id)
        ids = search.claims_by_sources(session, keys, team_id, article_id=scope.id if scope else None,
                                       limit=MAX_NEAR_MISSES)
        near = _near_misses(session, ids, team_id)
        return Answer(intent.text, intent, NO_MATCH,
                      f"{', '.join(names.values()) or _shown(intent.name)} is named, but no article says who "
                      f"they are." + (" Their claims are listed as near-misses." if near else "")
                      + _surname_caveat(session, named, intent.name, team_id),
                      near_misses=near)
    mentioning = search.match_claims(session, search.query_words(intent.name), team_id,
                                     article_id=scope.id if scope else None, limit=MAX_NEAR_MISSES)
    if mentioning:      # a name the entity rules did not take ("the Pope"): the sentences naming it, not "no article"
        shown = _shown(intent.name)
        return Answer(intent.text, intent, NO_MATCH,
                      f"{shown[:1].upper()}{shown[1:]} is mentioned, but no article says who they are. The "
                      f"sentences mentioning them are listed as near-misses.",
                      near_misses=_near_misses(session, mentioning, team_id))
    return Answer(intent.text, intent, NO_MATCH, f"No indexed article names {_shown(intent.name)}.")


def _telling(descriptions: list[str | None]) -> str | None:
    """Of the articles' descriptions of one person, the one that says most of their role ("Republican Indiana
    Gov." rather than "Gov.", "Democratic presidential nominee" rather than "Democrat"); words with no role in them
    are no description to lead with."""
    roles = [d for d in descriptions if d and not _only_titles(d.split()) and any(
        w.lower().rstrip(".") in TITLES or w.lower() in search.ROLE_WORDS or w.lower() in PERSON_NOUNS
        for w in d.split())]
    return max(roles, key=lambda d: len(d.split()), default=None)


def _disputed(session: Session, intent: Disputed, team_id: str, scope: Article | None) -> Answer:
    views = list_disputes(session, team_id, topic=intent.topic, article_id=scope.id if scope else None, limit=5)
    if not views:
        where = f"in {_quoted(scope.title or scope.slug)}" if scope else "in the indexed articles"
        if not intent.topic:
            return Answer(intent.text, intent, NO_MATCH, f"Nothing is flagged as disputed {where}.")
        words = _TOKEN.findall(intent.text.lower())
        if words[0] in ("who", "whom"):     # "who disputed the size of the effect?": whoever is said to have
            verb = next(w for w in words if w in DISPUTE_WORDS)
            found = _who_says(session, WhoSays(intent.text, intent.article, topic=intent.topic, verb=verb),
                              team_id, scope)
            if found.status == ANSWERED and _stem(verb)[:4] in (found.items[0].cue or "").lower():
                found.message = (f"Nothing about {_quoted(intent.topic)} is flagged as disputed between sources; "
                                 f"the claims made with \u201c{verb}\u201d: {found.message}")
                return found
        near = _claims_about(session, team_id, scope, intent.topic, intent.text)
        return Answer(intent.text, intent, NO_MATCH,
                      f"Nothing about {_quoted(intent.topic)} is flagged as disputed {where}."
                      + (" The claims about it are listed as near-misses." if near else ""), near_misses=near)
    records = search.load_claims(session, [c.claim_id for v in views for side in v.sides for c in side], team_id)
    groups = []
    for view in views:
        items = [_item(records[c.claim_id], view.confidence) for side in view.sides for c in side
                 if c.claim_id in records]
        groups.append(Group(view.topic, items, count=len(items)))
    return Answer(intent.text, intent, ANSWERED,
                  f"{len(views)} disputed claim{'s' if len(views) != 1 else ''}, strongest first.", groups)


def _sources(session: Session, intent: Sources, team_id: str, scope: Article | None) -> Answer:
    if scope is None and intent.article_hint:
        scope = search.find_article(session, intent.article_hint, team_id)
        if scope is None:
            return Answer(intent.text, intent, NO_MATCH,
                          f"No indexed article matches {_quoted(intent.article_hint)}; try its slug, "
                          f"e.g. `in:jisr-al-shughour`.")
    counts = search.source_counts(session, team_id, article_id=scope.id if scope else None)
    if not counts:
        return Answer(intent.text, intent, NO_MATCH, "No attributed claims are indexed yet.")
    records = search.load_claims(session, [ids[0] for _, _, _, ids in counts], team_id)
    groups = []
    for key, name, count, ids in counts:
        items = [_item(records[i]) for i in ids if i in records]
        groups.append(Group(name or key or "unnamed", items, items[0].source_entity_id if items else None,
                            count=count))
    where = f" in {(scope.title or scope.slug).rstrip('.')}" if scope else ""       # "... by police.," reads badly
    return Answer(intent.text, intent, ANSWERED, f"{len(groups)} source{'s' if len(groups) != 1 else ''}{where}, "
                                                 f"by number of claims.", groups, scope=scope.slug if scope else None)


def _search(session: Session, intent: Search, team_id: str, scope: Article | None) -> Answer:
    scored = _matching(session, team_id, scope, intent.query, intent.text)
    if scored is None:
        return Answer(intent.text, intent, BAD_QUESTION,
                      "I need a few words to look for, e.g. \"what did Erdogan say?\" or \"refugees in Turkey\".")
    return _answer(session, team_id, intent, scored, "{n} matching sentence{s}, by source.",
                   f"No indexed claim matches {_quoted(intent.query)}.")


def _unverified(session: Session, intent: Unverified, team_id: str, scope: Article | None) -> Answer:
    """The sentences the articles themselves say cannot be verified (their hedges), on the subject asked when there
    is one; the words of such a sentence ("cannot be independently verified") are not the question's."""
    words = [w for w in search.query_words(intent.query) if w not in _ABOUT_VERIFYING]
    ids = search.hedged_claims(session, "unverified", team_id, article_id=scope.id if scope else None, limit=SCORED)
    if words:
        scored = _score_candidates(session, ids, team_id, words, " ".join(words), intent.text)
    else:
        scored = [(r, 1.0) for r in search.brief_claims(session, ids, team_id).values()]
    subject = f"anything about {_quoted(' '.join(words))}" if words else "anything"
    return _answer(session, team_id, intent, scored, "{n} sentence{s} the articles say cannot be verified.",
                   f"No indexed article says {subject} cannot be verified.")


_HANDLERS = {WhoSays: _who_says, WhatSaid: _what_said, HowMany: _how_many, WhoIs: _who_is, Disputed: _disputed,
             Sources: _sources, Search: _search, Unverified: _unverified}
