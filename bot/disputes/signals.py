"""The signals that flag a dispute, each a small function over `ClaimView`s (plain data read from the store).

A pair of claims from different sources is disputed when they are about the same event (shared entities, figures,
content words, nearby position) and a conflict signal fires: a different culprit for the same harm, opposite
polarity, different figures for the same quantity, or a dissent/contrast cue. Verification hedges mark claims as
unverified; on their own they make no dispute.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from bot.disputes import lexicon
from bot.extract.figures import CURRENCY_SIGNS, SHARE, YEAR

AUXILIARIES = frozenset("am is are was were be been being get got gets getting".split())
PERFECT = frozenset("has have had having".split())
DETERMINERS = frozenset("the a an its their his her our this that these those some".split())
DEFINITE = frozenset("the this that these those".split())
PRONOUN_SOURCES = frozenset("he she they it we i".split())
PARTICIPLE_NEXT = frozenset("by dead alive down".split())
NP_BREAK = frozenset("that which who after before when while because as in at on into to from for with and or but "
                     "there here then".split()) | lexicon.NEGATORS


LEAD_WORDS = 5                # a dissent word counts in the few words before a claim: "But dissenting accounts say"
MIN_SHARED_WORDS = 3          # polarity: a short quote ("You pay your taxes.") overlaps anything by ratio alone
MIN_OVERLAP_NAMED = 0.2       # polarity: word overlap between two named sources' claims
MIN_OVERLAP_ACROSS = 0.5      # ... in two articles: "not" and a few shared words there are mostly coincidence
MIN_OVERLAP_UNNAMED = 0.25     # ... when one side is the outlet's narration or a source-less cue
MIN_SHARED_KINDRED = 2        # a denied report and a reported claim: the thing done and to what ("cut" / "jobs")
MIN_TOLD_ALIKE = 2            # figures: the words two claims both say beside their figures ("unemploy", "uk")


@dataclass(frozen=True)
class FigureView:
    text: str
    low: float | None
    high: float | None
    counts: frozenset[str]          # stems of what is counted: {"secur", "personnel"}


@dataclass(frozen=True)
class Frame:
    """Who did what to whom, read off the claim's words: "armed gangs killed 120 members of the security forces"."""

    event: str                      # harm/cause verb stem: "kill"
    agent: frozenset[str]           # the doer's stems cut to 4 letters, so "China" = "Chinese": {"arm", "gang"}
    patient: frozenset[str]         # stems of the done-to: {"member", "secur", "forc"}
    agent_text: str
    patient_text: str
    verb_text: str = ""             # as written: "killed", "shot"; "caused" for "blamed X on Y"
    definite: bool = False          # the patient has "the", "these", ...: "the violence", not "police shootings"


@dataclass
class ClaimView:
    """One stored claim with what the signals need; built by the loader, or by hand in tests."""

    claim_id: int
    article_id: int
    sentence_position: int
    paragraph: int
    source_key: str                 # resolved entity key, the folded source text, or "outlet:<article>"
    source_label: str               # as written ("Activists"), or the outlet's name for its own statements
    content: str
    sentence: str
    cue: str | None = None
    cue_kind: str | None = None     # speech, belief, intention, ... (bot/extract/types.py CUE_KINDS)
    attributed: bool = True
    parent_id: int | None = None
    content_start: int = 0
    content_end: int = 0
    heading: str | None = None      # the sub-heading over this claim's paragraph, if any
    entity_keys: frozenset[str] = frozenset()
    hedges: tuple[tuple[str, str], ...] = ()   # (kind, text) on the claim or its sentence
    figures: tuple[FigureView, ...] = ()
    lead: str = field(init=False)   # the sentence before the content: "But dissenting accounts say"
    stems: frozenset[str] = field(init=False)
    frames: tuple[Frame, ...] = field(init=False)
    negated: bool = field(init=False)
    negated_clauses: list[tuple[str, set[str]]] = field(init=False)   # (negated head, clause stems), see lexicon
    source_stems: frozenset[str] = field(init=False)
    asserts: bool = field(init=False)   # questions ("asked whether ...") and intentions ("hopes to ...") state
    #                                     nothing that could be false; computed once, every pair asks


    @property
    def named_source(self) -> bool:
        """False for the outlet's own statements and for cues without a source ("there are reports of")."""
        return self.attributed and not self.source_key.startswith("unnamed:")

    def __post_init__(self) -> None:
        (self.lead, self.stems, self.frames, self.negated, self.negated_clauses, self.source_stems,
         self.asserts) = derived_fields(self.content, self.sentence, self.cue, self.cue_kind, self.source_label,
                                  self.attributed)


@functools.lru_cache(maxsize=1 << 15)
def derived_fields(content: str, sentence: str, cue: str | None, cue_kind: str | None, source_label: str,
             attributed: bool) -> tuple:
    """ClaimView's derived fields, remembered: each recompute reads the related articles' claims again, and an
    article's claims do not change between ingests (the values are never mutated)."""
    first_part = content.split(" \u2026 ")[0]
    at = sentence.find(first_part)
    lead = sentence[:at] if at > 0 else ""
    stems = frozenset(lexicon.content_stems(content))
    blamed = sentence[sentence.find(cue):] if cue and cue in sentence else ""
    frames = tuple(find_frames(content) or find_frames(blamed, blame_only=True))
    cue_words = cue or ""
    # "denied" flips the content; "did not confirm", "would not say" decline to speak and deny nothing
    denial = bool(lexicon.DENIAL_CUES.search(cue_words)) and not lexicon.is_negated(cue_words) \
        and not lexicon.rejects_a_thing(cue, content)
    worded = lexicon.is_negated(content)
    if denial and not worded:       # the whole content is denied
        negated_clauses = [(s, set(stems)) for s in stems]
    else:
        negated_clauses = lexicon.negated_clauses(content) if worded and not denial else []
    source_stems = frozenset(lexicon.content_stems(source_label)) if attributed else frozenset()
    asserts = not (content.rstrip().endswith("?") or lexicon.QUESTION_CUES.search(cue_words)
                   or cue_kind == "intention")
    return lead, stems, frames, worded != denial, negated_clauses, source_stems, asserts


# --- frames -------------------------------------------------------------------------------------------------------

def _tokens(text: str) -> list[re.Match]:
    return list(lexicon.WORD.finditer(text))


def _joined(text: str, a: re.Match, b: re.Match) -> bool:
    """No clause punctuation between two adjacent tokens."""
    return not re.search(r"[,.;:!?\"()\u201c\u201d\[\]-]", text[a.end():b.start()])


def _phrase(text: str, toks: list[re.Match], i: int, step: int, limit: int = 5) -> list[re.Match]:
    """The noun phrase next to token i going left (step -1) or right (+1), stopping at clause words/punctuation."""
    out: list[re.Match] = []
    j = i + step
    while 0 <= j < len(toks) and len(out) < limit:
        prev = toks[j - step]
        if not _joined(text, *((toks[j], prev) if step < 0 else (prev, toks[j]))):
            break
        w = toks[j].group().lower()
        if w in NP_BREAK or w in AUXILIARIES or w in PERFECT or w in lexicon.STOPWORDS and w not in DETERMINERS \
                and w != "of" or step > 0 and out and w.endswith("ed"):    # "by police recorded ...": a verb
            break
        out.append(toks[j])
        j += step
    if step < 0:
        out.reverse()
    while out and out[-1].group().lower() in DETERMINERS | {"of"}:
        out.pop()
    while out and out[0].group().lower() in DETERMINERS | {"of"}:
        out.pop(0)
    return out


def _frame(event: str, verb: str, text: str, agent: list[re.Match], patient: list[re.Match]) -> Frame | None:
    agent_stems = frozenset(s[:4] for s in lexicon.content_stems(" ".join(t.group() for t in agent)))
    if not agent_stems:
        return None
    span = (lambda ts: text[ts[0].start():ts[-1].end()] if ts else "")
    before = lexicon.words(text[max(0, patient[0].start() - 8):patient[0].start()]) if patient else []
    return Frame(event, agent_stems, frozenset(lexicon.content_stems(span(patient))), span(agent), span(patient),
                 verb, bool(before) and before[-1].lower() in DEFINITE)


BLAME = re.compile(r"\bblam\w*\s+(?P<patient>[^,.;]+?)\s+on\s+(?P<agent>[^,.;]+)", re.I)
RESPONSIBLE = re.compile(r"(?P<agent>[^,.;]+?)\s+(?:was|were|is|are)\s+(?:responsible|to blame)\s+for\s+"
                         r"(?P<patient>[^,.;]+)", re.I)
# Cheap linear tests run first: the patterns above retry their lazy prefix at every offset of a text without them.
BLAME_WORD = re.compile(r"\bblam", re.I)
RESPONSIBLE_WORDS = re.compile(r"\s(?:was|were|is|are)\s+(?:responsible|to blame)\s+for\s", re.I)


def find_frames(text: str, *, blame_only: bool = False) -> list[Frame]:
    """Harm/cause frames in a text: passive with "by" agent, active with subject, and "blamed X on Y"."""
    frames: list[Frame] = []
    for pattern, needed in ((BLAME, BLAME_WORD), (RESPONSIBLE, RESPONSIBLE_WORDS)):
        for m in pattern.finditer(text) if needed.search(text) else ():
            patient_toks = _tokens(m.group("patient"))
            event = next((e for e in map(lexicon.event_of, (t.group() for t in patient_toks)) if e), "blame")
            agent_toks = _phrase(m.group("agent"), _tokens(m.group("agent")), -1, 1)
            frame = _frame(event, "caused", m.group("agent"), agent_toks, [])
            if frame:
                patient = m.group("patient").strip()
                frames.append(Frame(event, frame.agent, frozenset(lexicon.content_stems(patient)), frame.agent_text,
                                    patient, "caused", lexicon.words(patient)[0].lower() in DEFINITE))
    if blame_only:
        return frames
    verbs = [i for i, word in enumerate(lexicon.WORD.findall(text)) if _harm_verb(word.lower())]
    toks = _tokens(text) if verbs else []      # most claims have no harm verb: no match objects for their words
    for i in verbs:
        tok = toks[i]
        word = tok.group().lower()
        event = lexicon.event_of(word)
        before = toks[i - 1].group().lower() if i else ""
        if word.endswith("ing") and before not in AUXILIARIES:
            continue                    # "in the fatal shooting", "tweets targeting X", "to stop attacking X"

        after = toks[i + 1].group().lower() if i + 1 < len(toks) else ""
        by_follows = any(toks[k].group().lower() == "by" for k in range(i + 1, min(i + 4, len(toks))))
        participle = (after in PARTICIPLE_NEXT or by_follows) and not word.endswith("ing")  # "a man fatally shot by"
        if (before in AUXILIARIES or participle) and not word.endswith("ing"):  # passive: were shot (dead) by X
            by = next((k for k in range(i + 1, min(i + 4, len(toks))) if toks[k].group().lower() == "by"), None)
            if by is None:
                continue
            k = _verb_group_start(toks, i)
            frame = _frame(event, tok.group(), text, _phrase(text, toks, by, 1), _phrase(text, toks, k, -1))
        else:                                                           # active: armed gangs (have) killed X
            k = _verb_group_start(toks, i)
            frame = _frame(event, tok.group(), text, _phrase(text, toks, k, -1), _phrase(text, toks, i, 1, limit=7))
        if frame:
            frames.append(frame)
    return frames


def _harm_verb(word: str) -> bool:
    """A harm verb as a past form or participle ("killed", "shot", "burning"), the word a frame is built around."""
    return (word.endswith(("ed", "ing")) or word in lexicon.IRREGULAR) and lexicon.event_of(word) in lexicon.HARM_STEMS


def _verb_group_start(toks: list[re.Match], i: int) -> int:
    """The first token of the verb group ending at token i: its auxiliaries, adverbs and a harm verb coordinated
    before it ("have killed", "fatally shot", "was shot and killed"), so the phrase before it is the subject."""
    k = i
    while k > 0:
        w = toks[k - 1].group().lower()
        if w in AUXILIARIES | PERFECT or w.endswith("ly") and len(w) > 4:
            k -= 1
        elif w in ("and", "or") and k > 1 and lexicon.event_of(toks[k - 2].group()) \
                and toks[k - 2].group().lower().endswith(("ed", "ot")):
            k -= 2
        else:
            return k
    return k


# --- same event ---------------------------------------------------------------------------------------------------

class IdfWeights(dict):
    """Stem → weight, remembering each claim's total: the same claim is weighed against many others."""

    def __init__(self, weights: dict[str, float]) -> None:
        super().__init__(weights)
        self._totals: dict[int, tuple[frozenset[str], float]] = {}

    def total(self, stems: frozenset[str]) -> float:
        """Keyed by the set object itself (kept alive here): equal sets may iterate, so sum, in another order."""
        if id(stems) not in self._totals:
            self._totals[id(stems)] = (stems, sum(self.get(s, 1.0) for s in stems))
        return self._totals[id(stems)][1]


def idf_weights(claims: list[ClaimView]) -> IdfWeights:
    """Rare words weigh more: 'refugees' says more about the event than 'government' in a politics feed."""
    df: dict[str, int] = {}
    for c in claims:
        for s in c.stems:
            df[s] = df.get(s, 0) + 1
    n = len(claims) + 1
    return IdfWeights({s: math.log(n / d) + 1.0 for s, d in df.items()})


def word_overlap(a: ClaimView, b: ClaimView, idf: IdfWeights) -> float:
    """IDF-weighted overlap of content stems, relative to the shorter claim (0..1)."""
    if not a.stems or not b.stems:
        return 0.0
    shared = a.stems & b.stems
    if not shared:
        return 0.0
    return sum(idf.get(s, 1.0) for s in shared) / min(idf.total(a.stems), idf.total(b.stems))


def same_event(a: ClaimView, b: ClaimView, idf: IdfWeights) -> float:
    """How likely two claims describe the same event or quantity (0..1)."""
    score = word_overlap(a, b, idf)
    score += 0.15 * min(len(shared_entities(a, b)), 2)
    if any(fa.counts & fb.counts for fa in a.figures for fb in b.figures):
        score += 0.15
    if a.article_id == b.article_id and any(_one_tally_of_dead(fa, fb) for fa in a.figures for fb in b.figures):
        score += 0.1        # one article's counts of the dead are of the one event it reports, in whatever words
    if a.article_id == b.article_id:
        distance = abs(a.sentence_position - b.sentence_position)
        score += 0.15 if distance <= 3 else 0.08 if distance <= 6 else 0.0
    return min(score, 1.0)


def shared_entities(a: ClaimView, b: ClaimView) -> set[str]:
    """Entities both claims mention, their own sources left out (a source naming itself says nothing)."""
    common = a.entity_keys & b.entity_keys
    if not common:
        return set()
    return set(common) - {c.source_key.removeprefix("entity:") for c in (a, b)}


def shares_entity(a: ClaimView, b: ClaimView) -> bool:
    """Both claims mention one entity other than their own sources."""
    return bool(shared_entities(a, b))


def related(a: ClaimView, b: ClaimView) -> bool:
    """Pairs worth comparing: different sources, and neither claim contains the other."""
    if a.source_key == b.source_key or a.claim_id == b.claim_id or not (a.asserts and b.asserts):
        return False
    if not (a.stems or a.figures) or not (b.stems or b.figures):
        return False        # a content of function words ("disagree with") tells nothing; a number alone does
    if a.parent_id == b.claim_id or b.parent_id == a.claim_id:
        return False
    overlapping = a.article_id == b.article_id and a.content_start < b.content_end and b.content_start < a.content_end
    return not overlapping and not _same_speaker(a, b)


def _same_speaker(a: ClaimView, b: ClaimView) -> bool:
    """"The former first lady said it was a mistake ..., but she denied that ...": a pronoun speaking later in
    the sentence of another source is that source, whatever coreference made of the two."""
    if a.article_id != b.article_id or a.sentence_position != b.sentence_position:
        return False
    later = max(a, b, key=lambda c: c.content_start)
    return later.source_label.lower() in PRONOUN_SOURCES


# --- conflict signals ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Signal:
    name: str                       # culprit, polarity, figures, dissent, unverified
    weight: float
    detail: str


def culprit_conflict(a: ClaimView, b: ClaimView) -> Signal | None:
    """The same harm told with different doers: "armed gangs killed them" / "shot by government troops".

    Same harm: the patients share a word, or (in one article) one patient names the event itself ("the violence",
    "the deaths") and the other names its victims."""
    for fa in a.frames:
        for fb in b.frames:
            if fa.agent & fb.agent:
                continue
            if fa.patient & fb.patient:
                return Signal("culprit", 0.75, f"{fa.agent_text} / {fb.agent_text}")
            if a.article_id == b.article_id and fa.patient_text and fb.patient_text and any(
                    _definite_event(f) for f in (fa, fb)):
                return Signal("culprit", 0.6, f"{fa.agent_text} / {fb.agent_text}")
    return None


def _definite_event(f: Frame) -> bool:
    """A patient naming one event of the story ("the deaths in the town"), not a kind of event ("police
    shootings"), so a culprit for it answers a culprit for the victims of that event."""
    return f.definite and any(map(lexicon.event_of, lexicon.words(f.patient_text)))


def polarity_conflict(a: ClaimView, b: ClaimView, idf: IdfWeights) -> Signal | None:
    """One claim says it happened, the other that it did not: the word a negation governs is asserted by the other
    claim, and its clause shares another word with that claim or its source ("Turkey says more than 2,000 Syrians
    have crossed ... seeking refuge" / "there were no refugees fleeing to Turkey"); an "if ..." clause asserts
    nothing. The claims must share words: more when one side is the outlet's narration or a source-less cue (it
    rarely contradicts a source by a mere "not"), more still across articles. A negated opinion, perception or
    speech act ("I don't think", "isn't saying if") denies nothing (see lexicon.negated_clauses)."""
    if a.negated == b.negated:
        return None
    negative, positive = (a, b) if a.negated else (b, a)
    if a.article_id == b.article_id and _harm_denied(negative, positive):
        return Signal("polarity", 0.6, f"{negative.source_label}: negated")
    said = lexicon.asserted_stems(positive.content)           # "If companies paid taxes, ..." says none did
    asserted = said | positive.source_stems                 # "Turkey says ..." / "no refugees fleeing to Turkey"
    if not any(head in said and len(clause & asserted) >= 2 for head, clause in negative.negated_clauses):
        return None
    needed = MIN_OVERLAP_ACROSS if a.article_id != b.article_id else \
        MIN_OVERLAP_NAMED if a.named_source and b.named_source else MIN_OVERLAP_UNNAMED
    if len(asserted & negative.stems) < MIN_SHARED_WORDS or word_overlap(a, b, idf) < needed:
        return None
    return Signal("polarity", 0.6, f"{negative.source_label}: negated")


def _harm_denied(negative: ClaimView, positive: ClaimView) -> bool:
    """"no fighters were killed" against "it killed 40 militants in the raid": a negated clause denying a harm to a
    kind of victim that the other claim says was done to that kind, named in the same or kindred words. The two
    share few words, but the harm and its victims are the claim. Only a negator names the victim denied: a denial
    cue denies its whole content, and "denied any involvement in the killing of militants" denies no killing."""
    if not lexicon.is_negated(negative.content):
        return False
    said = lexicon.asserted_stems(positive.content)
    harms = {lexicon.event_of(s) for s in said} - {None}
    return any(lexicon.event_of(head) is None and lexicon.kindred(frozenset({head})) <= lexicon.kindred(said)
               and harms & {lexicon.event_of(s) for s in clause} for head, clause in negative.negated_clauses)


def _interval(f: FigureView) -> tuple[float, float] | None:
    if f.low is None and f.high is None:
        return None
    low = f.low if f.low is not None else f.high
    high = f.high if f.high is not None else (math.inf if f.low is not None and f.low != f.high else low)
    return (low, high)


def _percent(f: FigureView) -> bool:
    return bool(SHARE.search(f.text))




def figure_conflict(a: ClaimView, b: ClaimView) -> Signal | None:
    """Different figures for the same counted thing whose ranges do not overlap (e.g. 120 vs several hundred
    security forces): the counted words must be the same, so "11 primary debates" / "three presidential debates"
    or "300,000 acres of forest" / "thousands of acres" are different things, and a share is no count; units and
    generic nouns ("percent", "people") alone do not make the same thing. Two sources of one article giving precise
    figures for one noun are about one thing even when their words differ otherwise ("wants to build 1,200 homes" /
    "contained only 940 homes"); giving one tally ("the death toll") far apart, they conflict more weakly even when
    the ranges overlap: "at least 43" / "about 70" can both be true, yet a reader is told two tolls. A figure
    given as "the true number" of a thing is set against any other count of it, the outlet's own too ("is to cut
    about 1,400 jobs" / "the true number of jobs at risk was closer to 2,000"). Sentences
    naming different years tell of different events, and a figure a source gave "earlier" is superseded, as is the
    old value of a change ("cut the height from 12 storeys to nine")."""
    if _years(a.sentence) != _years(b.sentence):
        return None     # "floods in 2024 that killed more than 290 people" are not this week's floods
    if lexicon.EARLIER_FIGURE.search(a.sentence) or lexicon.EARLIER_FIGURE.search(b.sentence):
        return None     # "Police earlier said two people had died" gave way to the count they revised
    for fa in _current(a):
        for fb in _current(b):
            deaths = _one_tally_of_dead(fa, fb)
            counted = _counted(fa)
            alike = _told_alike(a, b, fa, fb)
            if not deaths and not alike and not corrects(a, b, fa, fb) and not _same_event_counted(a, b, fa, fb) \
                    and (not counted - lexicon.GENERIC_COUNTS or counted != _counted(fb)) \
                    or _percent(fa) != _percent(fb):
                continue
            sourced = a.named_source and b.named_source or _correcting(fa) or _correcting(fb)
            rivals = a.article_id == b.article_id and a.source_key != b.source_key and sourced and _precise(fa) \
                and _precise(fb) and (deaths or alike or _whole(fa, a) and _whole(fb, b)) \
                and not _far_apart(fa, fb, RIVAL_RATIO)     # "19 of its soldiers" killed: a toll, no part of one
            tally = rivals and (deaths or bool(fa.counts & _TALLY_STEMS))
            if not rivals and len((a.stems & b.stems) - fa.counts) < 2:  # "millions of refugees around the globe" /
                continue                                                  # "10,000 refugees from Syria": not one event
            ia, ib = _interval(fa), _interval(fb)
            if ia and ib and (ia[1] < ib[0] or ib[1] < ia[0]):
                return Signal("figures", 0.55, f"{fa.text} / {fb.text}")
            if tally and _far_apart(fa, fb):
                return Signal("figures", 0.45, f"{fa.text} / {fb.text}")
    return None


def _told_alike(a: ClaimView, b: ClaimView, fa: FigureView, fb: FigureView) -> bool:
    """Two named sources of one article saying the same thing but for the figure, a sum or a count, the only one of
    its unit in each claim: "the rise would cost the average driver £110 a year" / "... £78 a year", "3 million
    people in the UK are unemployed" / "1.56 million people ...". Their words tell what is counted, though the
    figure names nothing ("£110") or only people, and a rate against the same rate is no part of a total. Every
    word the one says beside its figures (at least MIN_TOLD_ALIKE) the other says too. Shares are left out: two
    polls' "Clinton at 45 percent" / "at 41 percent" are two measures, no dispute."""
    if a.article_id != b.article_id or a.source_key == b.source_key or not (a.named_source and b.named_source) \
            or _percent(fa) or figure_unit(fa) != figure_unit(fb) \
            or any(sum(figure_unit(g) == figure_unit(f) for g in c.figures) > 1 for c, f in ((a, fa), (b, fb))):
        return False
    shorter, longer = sorted((_beside_figures(a), _beside_figures(b)), key=len)
    return len(shorter) >= MIN_TOLD_ALIKE and shorter <= longer


def _beside_figures(c: ClaimView) -> frozenset[str]:
    """The content stems of a claim but those of its figures."""
    return c.stems - {s for f in c.figures for s in lexicon.content_stems(f.text)}


def _same_event_counted(a: ClaimView, b: ClaimView, fa: FigureView, fb: FigureView) -> bool:
    """Two sources of one article counting the same generic thing done the same thing: "1,500 people had been
    evacuated" / "3,000 people had been evacuated". "People" alone says nothing of what was counted; the verb after
    the figure does."""
    if a.article_id != b.article_id or a.source_key == b.source_key or _counted(fa) != _counted(fb):
        return False
    event = _event_after(fa.text, a.content)
    return event is not None and event == _event_after(fb.text, b.content)


def _event_after(figure: str, content: str) -> str | None:
    """The stem of the verb right after a figure ("had been evacuated": evacuat), None when none follows."""
    at = content.find(figure)
    found = _VERB_AFTER.match(content, at + len(figure)) if at >= 0 else None
    return lexicon.stem(found.group(1)) if found else None


_VERB_AFTER = re.compile(r"\s+(?:(?:had|have|has|were|was|are|is|been|being|be|reportedly|also)\s+)*"
                         r"([a-z]+(?:ed|en))\b", re.I)


def corrects(a: ClaimView, b: ClaimView, fa: FigureView | None = None, fb: FigureView | None = None) -> bool:
    """One of two sources of an article gives, a few sentences on, "the true figure" in the unit of the other's
    figure, counting nothing else ("a shortfall of £4.2m" / "the true figure is closer to £6m"), or puts "the
    number" at another ("about 20,000 people" in shelters / "put the number at closer to 15,000"). With no figures
    given, whether any two of the claims' figures do so."""
    if a.article_id != b.article_id or a.source_key == b.source_key \
            or abs(a.sentence_position - b.sentence_position) > CORRECTION_WINDOW:
        return False
    if fa is None or fb is None:
        return any(corrects(a, b, x, y) for x in a.figures for y in b.figures)
    correcting = any(_correcting(f) and not _counted(f) for f in (fa, fb))
    estimating = any(_ESTIMATE_CUE.search(c.cue or "") for c in (a, b)) \
        and not all(_counted(f) - lexicon.GENERIC_COUNTS for f in (fa, fb))     # one names no thing of its own
    return (correcting or estimating) and figure_unit(fa) == figure_unit(fb)


# "The American Red Cross put the number at closer to 15,000": another count of the thing counted before.
_ESTIMATE_CUE = re.compile(r"\b(?:put|puts|placed|places|pegged|pegs)\b.*\b(?:number|figure|toll|total|count|tally)\b",
                           re.IGNORECASE)


CORRECTION_WINDOW = 4       # sentences from a figure to "the true figure" given against it


def figure_unit(f: FigureView) -> str:
    """A figure's currency sign or percent, empty for a plain count."""
    sign = next((c for c in f.text if c in CURRENCY_SIGNS), None)
    return sign or ("%" if SHARE.search(f.text) else "")




def _counted(f: FigureView) -> frozenset[str]:
    """What a figure counts, less the words telling how it is given: "the true number of jobs" counts jobs."""
    return f.counts - _MEASURE_STEMS


def _correcting(f: FigureView) -> bool:
    """A figure given as the true one ("the true number of jobs", "the real figure") answers another count."""
    return bool(f.counts & _CORRECTING_STEMS)


_CORRECTING_STEMS = frozenset(lexicon.stem(w) for w in ("true", "real", "actual"))
_MEASURE_STEMS = _CORRECTING_STEMS | {lexicon.stem(w) for w in ("number", "figure")}


def _current(c: ClaimView) -> list[FigureView]:
    """The claim's figures less the old values of changes ("from 12 storeys to nine" gives no rival to "up to nine
    storeys", and says nothing against it) and conditions ("would not begin restoring service until winds dropped
    below 35 mph" gives no wind speed against "maximum sustained winds of 105 mph")."""
    return [f for f in c.figures if not _changed_from(f, c) and not _conditional(f, c)]


def _conditional(f: FigureView, c: ClaimView) -> bool:
    at = c.content.find(f.text)
    return at >= 0 and bool(_CONDITION_BEFORE.search(c.content, 0, at))


_CONDITION_BEFORE = re.compile(r"\b(?:until|unless|once|if|before)\b[^,;.]*$", re.IGNORECASE)


def _changed_from(f: FigureView, c: ClaimView) -> bool:
    at = c.content.find(f.text)
    return at >= 0 and bool(_FROM_BEFORE.search(c.content[:at]) and _TO_AFTER.match(c.content[at + len(f.text):]))


_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.I)
_TO_AFTER = re.compile(r"^\s+to\b", re.I)


def _years(text: str) -> set[str]:
    return set(YEAR.findall(text))


_TALLY_STEMS = frozenset(lexicon.stem(w) for w in ("toll", "tally", "count", "total"))
TALLY_RATIO = 1.25      # two tallies this far apart (the larger over the smaller) are two different tolls
RIVAL_RATIO = 20        # two sources' counts this far apart count different things: "1,840 patients" enrolled, three
                        # who died
# What every count of the dead counts, whatever its noun: "put the death toll at 12", "counted 41 bodies", "killing at
# least 34 civilians", "19 people were killed" are one tally, which two sources may give differently.
DEATHS = "\u2020deaths"
_DEATH_NOUN_STEMS = frozenset(lexicon.stem(w) for w in ("death", "deaths", "dead", "body", "bodies", "fatalities",
                                                       "toll"))
_KILLING_BEFORE = re.compile(r"\b(?:kill(?:ed|ing|s)?|left)\W+$", re.I)
_KILLED_AFTER = re.compile(r"^\W*(?:(?:were|was|are|have been|had been|have|has|had)\s+)?(?:killed|dead|died)\b",
                           re.I)


def _one_tally_of_dead(fa: FigureView, fb: FigureView) -> bool:
    """Two counts of the dead of one tally: one names no victims ("the death toll", "41 bodies"), or both name the
    same ones. "120 members of the security forces" killed and "1,100 people" killed are different dead."""
    return DEATHS in fa.counts and DEATHS in fb.counts and (
        fa.counts == fb.counts or bool((fa.counts | fb.counts) & _DEATH_NOUN_STEMS))


def counted_stems(figure_text: str, counts: str | None, content: str) -> frozenset[str]:
    """The stems of what a figure counts, with DEATHS when it counts the dead; a share counts the thing it is a
    level of ("turnout stood at 78 percent of the registered voters", "a turnout of about 61 percent": turnout)."""
    stems = frozenset(lexicon.content_stems(counts or ""))
    at = content.find(figure_text)
    level = _LEVEL_BEFORE.search(content[:at]) if at >= 0 and SHARE.search(figure_text) else None
    if level and level.group(1).lower() not in lexicon.STOPWORDS:
        return frozenset({lexicon.stem(level.group(1))})
    if at >= 0 and _CORRECTING_BEFORE.search(content[:at]):
        stems |= _CORRECTING_STEMS
    dead = bool(stems & _DEATH_NOUN_STEMS) or at >= 0 and bool(
        _KILLING_BEFORE.search(content[:at]) or _KILLED_AFTER.match(content[at + len(figure_text):]))
    return stems | {DEATHS} if dead else stems


def figure_words(figure_text: str, counts: str | None, content: str) -> frozenset[str]:
    """The stems a question may name a figure's thing by: what it counts, what its clause tells of it right after
    ("4,500 teachers were on strike": the strikers), and for a count of the dead the words of a toll ("nine people
    had been killed" is a death toll)."""
    stems = counted_stems(figure_text, counts, content)
    at = content.find(figure_text)
    after = _CLAUSE_END.split(content[at + len(figure_text):], maxsplit=1)[0] if at >= 0 else ""
    told = lexicon.content_stems(" ".join(lexicon.words(after)[:TOLD_AFTER_WORDS]))
    return stems - {DEATHS} | set(told) | (_DEATH_NOUN_STEMS if DEATHS in stems else frozenset())


TOLD_AFTER_WORDS = 5    # "in the UK are unemployed": what a figure's clause tells of it, its place included
_CLAUSE_END = re.compile(r"[,;:.()\u2014]|\b(?:and|or|but|while|whereas|that|which|who|because)\b", re.I)


# A figure given as the true one, said before it: "the true figure is closer to £6m", "the real cost was".
_CORRECTING_BEFORE = re.compile(r"\b(?:true|real|actual)\s+(?:figure|number|total|sum|amount|cost|count)\s+"
                                r"(?:is|was|will be|would be|could be)\b(?:\s+\w+){0,2}\s*$", re.I)
# The noun a share is the level of, just before it: "turnout stood at", "a turnout of".
_LEVEL_BEFORE = re.compile(r"\b([a-z]+)\s+(?:of|(?:stood|stands|was|is|reached|hit)\s+at)\s+$", re.I)


def _precise(f: FigureView) -> bool:
    """A number as stated, perhaps hedged ("940", "about 300", "at least 43"), not a vague amount ("millions of
    refugees", "thousands of tons"): two sources of one article giving precise figures for one noun mean one thing
    ("1,200 homes" / "940 homes"); vague amounts are often of different things."""
    return _VAGUE.isdisjoint(f.text.lower().split())


def _whole(f: FigureView, c: ClaimView) -> bool:
    """A figure counting the whole of its thing, not a part ("1.4 million of the units" were sold in the US, "that
    figure included two patients") nor a rate ("500,000 rupees to each family", "4 in every 100,000 units"):
    another source's total is no rival to it. A share's "of the ..." is its base ("78 percent of the registered
    voters"), no part."""
    if _PART.search(f.text) and not _percent(f):
        return False
    at = c.content.find(f.text)
    return at < 0 or not (_PER_BEFORE.search(c.content[:at]) or _INCLUDED_BEFORE.search(c.content[:at])
                          or _PER_AFTER.match(c.content[at + len(f.text):]))


_PART = re.compile(r"\bof (?:the|its|their|those|these)\b", re.I)
_PER_BEFORE = re.compile(r"\b(?:every|per|each)\s*$", re.I)
_INCLUDED_BEFORE = re.compile(r"\b(?:includ(?:e|es|ed|ing)|among)\s*$", re.I)    # "that figure included two patients"
_PER_AFTER = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:each|every|per|apiece|a head|a month|a year|a week|a day)\b", re.I)
_VAGUE = frozenset("several few couple tens scores dozens hundreds thousands millions billions".split())


def _far_apart(fa: FigureView, fb: FigureView, ratio: float = TALLY_RATIO) -> bool:
    """Whether the numbers the figures state ("at least 43", "about 70") differ by `ratio` or more."""
    stated = [f.low if f.low is not None else f.high for f in (fa, fb)]
    if None in stated or min(stated) <= 0:
        return False
    return max(stated) / min(stated) >= ratio


def dissent_cue(c: ClaimView) -> str | None:
    """The words by which the article presents a claim as the other side: "dissenting accounts say", "denied",
    or a sub-heading such as "Conflicting accounts" over its paragraph."""
    near = " ".join(c.lead.split()[-LEAD_WORDS:])     # "The dispute centers on ..." far back is narration
    cue = c.cue or ""
    if lexicon.rejects_a_thing(cue, c.content) or lexicon.hypothetical(c.sentence):
        near, cue = near.replace(cue, "") if cue else near, ""
    for text in (cue, near, c.heading or ""):
        m = lexicon.DISSENT.search(text)
        if m:
            return m.group()
    return None


@dataclass(frozen=True)
class Reply:
    """How a claim answers the claim before it without repeating it: the dissent word ("disputed", "misleading")
    and the stems of the names in its pointer ("the Quinnipiac survey" → {"quinnipiac"}; "that figure" names
    none)."""

    cue: str
    names: frozenset[str]


def reply_of(c: ClaimView) -> Reply | None:
    """A claim answering the claim before it: "Kendrick's campaign disputed that." (the cue, and a content pointing
    back), "Northgate disputes that figure, saying its modelling shows ..." (the words before the content), "the
    Keystone figure was misleading" (a verdict on a claim-like thing). Which claim it answers is `group.replies`'
    business."""
    if c.cue and not lexicon.is_negated(c.cue):
        m = lexicon.POINTING_BACK.match(c.content)
        dissent = lexicon.DISSENT.search(c.cue) if m else None
        if dissent:
            return Reply(dissent.group(), _names(m.group("pointer")))
        m = lexicon.VERDICT_REPLY.match(c.content)
        if m:
            return Reply(m.group("cue"), _names(m.group("pointer")))
    m = lexicon.REPLY_LEAD.search(c.lead)
    if m and not lexicon.is_negated(" ".join(c.lead.split()[-LEAD_WORDS - 2:])):
        return Reply(m.group("cue"), _names(m.group("pointer")))
    return None


def _names(pointer: str) -> frozenset[str]:
    """The stems of a pointer's capitalised words but its determiner: "the Quinnipiac survey" → {"quinnipiac"}."""
    return frozenset(lexicon.stem(w) for w in lexicon.words(pointer) if w[0].isupper()
                     and w.lower() not in lexicon.STOPWORDS)


def denied_report(c: ClaimView) -> Reply | None:
    """A denial of a report, its content the report's claim: "Safaricom denied a newspaper report that it planned to
    cut 1,000 jobs" (the cue, and the names of the report: "a Reuters report" is Reuters')."""
    m = lexicon.DENIED_REPORT.search(c.cue or "")
    if not m or lexicon.is_negated(c.cue):
        return None
    return Reply(m.group("cue"), _names(m.group("report")))


def reports_denied(denial: ClaimView, c: ClaimView) -> bool:
    """Whether a claim a source reports ("The Business Daily reported that the company would lay off about a tenth
    of its workforce") is what a denial of a report denies: it asserts, and tells of the denied thing in at least
    MIN_SHARED_KINDRED of the same or kindred words ("cut 1,000 jobs")."""
    return bool(c.cue and lexicon.REPORTING.search(c.cue)) and c.asserts and not c.negated \
        and len(lexicon.kindred(denial.stems) & lexicon.kindred(c.stems)) >= MIN_SHARED_KINDRED


def answers(reply: Reply, c: ClaimView) -> bool:
    """A pointer naming something answers only a claim mentioning it, in its source, content or sentence: "Whitcomb's
    campaign dismissed the Quinnipiac survey." does not answer "Republicans believe voters are angry"; a generic
    pointer ("that figure") answers whatever claim came before."""
    return reply.names <= _mentioned(c.source_label, c.content, c.sentence)


@functools.lru_cache(maxsize=1 << 12)
def _mentioned(*texts: str) -> frozenset[str]:
    return frozenset(lexicon.stem(w) for text in texts for w in lexicon.words(text))


def rival_figures(answered: ClaimView, reply: ClaimView) -> Signal | None:
    """A reply giving a figure of its own against the one it answers ("disputes that figure, saying ... no more than
    7%" against "about 18%"): the reply itself says they are of one thing."""
    for fa in _current(answered):
        for fb in _current(reply):
            ia, ib = _interval(fa), _interval(fb)
            if _percent(fa) == _percent(fb) and ia and ib and (ia[1] < ib[0] or ib[1] < ia[0]):
                return Signal("figures", 0.55, f"{fa.text} / {fb.text}")
    return None


def opposing_parties(a: ClaimView, b: ClaimView) -> Signal | None:
    """The prosecution's account and the defence's, a sentence apart in one article: "The prosecution says Fraser
    bought the knife on the afternoon of the killing. The defence says he had owned it for months." Each party's
    account of the case answers the other's, though they share no word."""
    if a.article_id != b.article_id or abs(a.sentence_position - b.sentence_position) > 1:
        return None
    parties = {trial_party(a), trial_party(b)}
    return Signal("parties", 0.5, "prosecution / defence") if parties == set(lexicon.TRIAL_PARTIES) else None


def trial_party(c: ClaimView) -> str | None:
    """"prosecution" or "defence" when the claim's source is named as one ("The prosecution says", "prosecutor
    Sarah Lindqvist KC")."""
    return next((party for party, named in lexicon.TRIAL_PARTIES.items()
                 if c.attributed and named.search(c.source_label)), None)


def contrast_opening(c: ClaimView) -> str | None:
    """A sentence that opens with a contrast: "But ...", "However, ..."."""
    m = lexicon.CONTRAST_OPENING.search(c.lead)
    return m.group().strip() if m else None


def contrast_inside(c: ClaimView) -> str | None:
    """A contrast within the claim's own sentence: "X blamed the deaths on armed groups, but there are reports of"."""
    m = lexicon.CONTRAST_INSIDE.search(c.lead)
    return m.group().strip(" ,;") if m else None


def unverified_marks(c: ClaimView) -> list[str]:
    """Hedges that leave the claim unverified: "cannot be verified", "alleged", "claims by" (hedge rows, or the
    words themselves); a plain "claimed" used as the reporting verb is not enough, nor "the alleged gunman"."""
    marks = [text for kind, text in c.hedges if lexicon.unverified_hedge(kind, text)]
    marks += [m.group() for m in lexicon.UNVERIFIED_WORDS.finditer(c.content) if m.group() not in marks]
    if lexicon.ALLEGED_PERSON.search(c.sentence):
        marks = [m for m in marks if m.lower() != "alleged"]
    return marks
