"""From claims to disputes: score pairs, join conflicting pairs into disputes, split each dispute into sides.

Pure functions over `ClaimView`s, so they are tested on hand-made claims as well as on stored articles.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from bot.disputes import lexicon
from bot.disputes.signals import (
    ClaimView,
    Reply,
    Signal,
    answers,
    corrects,
    culprit_conflict,
    denied_report,
    contrast_inside,
    contrast_opening,
    dissent_cue,
    figure_conflict,
    figure_unit,
    idf_weights,
    opposing_parties,
    polarity_conflict,
    related,
    reply_of,
    reports_denied,
    rival_figures,
    same_event,
    shares_entity,
    trial_party,
    unverified_marks,
)
from bot.extract.figures import CURRENCY_SIGNS

MIN_SAME_EVENT = 0.2        # below this two claims are about different things, whatever their words
MIN_SAME_EVENT_ACROSS = 0.35  # across articles words alone mislead: a shared entity and more shared words
MIN_SAME_EVENT_EXPLICIT = 0.1  # a shared victim of one harm, or "..., but ..." in one sentence, says "same event"
DISSENT_WINDOW = 4          # a "But dissenting accounts say ..." answers a claim at most this many sentences back
CONTRAST_WINDOW = 2         # a bare "But ..." answers the sentence or two before it, not a claim further back
REPLY_WINDOW = 2            # a reply ("Haddad rejected the accusation.") answers a claim at most this far back
MIN_CONFIDENCE = 0.3
MAX_POSTING = 200
MAX_DISPUTE_CLAIMS = 8      # a dispute is a handful of sides and claims; more means words chained unrelated claims
UNVERIFIED_WEIGHT = 0.3


@dataclass
class Conflict:
    a: int                      # index into the claim list
    b: int
    signals: list[Signal]
    similarity: float

    @property
    def confidence(self) -> float:
        return confidence(self.signals, self.similarity)


@dataclass
class FoundDispute:
    topic: str
    confidence: float
    signals: list[Signal]
    sides: list[list[int]]                          # claim ids per side; claims on one side agree
    notes: list[int] = field(default_factory=list)  # claim ids that qualify the dispute ("cannot be verified")

    @property
    def claim_ids(self) -> list[int]:
        return sorted(cid for side in self.sides for cid in side)


def confidence(signals: list[Signal], similarity: float) -> float:
    """Independent signals combine (noisy-or); a conflict about clearly the same event counts more."""
    miss = 1.0
    for s in signals:
        miss *= 1.0 - s.weight
    return (1.0 - miss) * (0.6 + 0.4 * similarity)


def candidate_pairs(claims: list[ClaimView], focus: set[int]) -> set[tuple[int, int]]:
    """The pairs within a focus article that could pass find_conflicts' same-event test, and across articles the
    pairs sharing two content stems or entities.

    Within an article a pair sharing no stem, entity or counted thing scores at most the nearness bonus (0.15),
    under MIN_SAME_EVENT, so it can only count when explicit: a culprit (both claims have frames), a dissent
    within one sentence, or the two parties of a trial a sentence apart. Inverted indexes keep both parts
    near-linear instead of comparing all pairs."""
    by_article: dict[int, list[int]] = {}
    index: dict[str, list[int]] = {}
    keys_of: list[frozenset[str]] = []
    for i, c in enumerate(claims):
        by_article.setdefault(c.article_id, []).append(i)
        keys_of.append(c.stems | {f"@{k}" for k in c.entity_keys})
        for key in keys_of[i]:
            index.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for article in focus:
        within: dict[str, list[int]] = {}
        for i in by_article.get(article, []):
            c = claims[i]
            keys = c.stems | {f"@{k}" for k in c.entity_keys} | {f"#{s}" for f in c.figures for s in f.counts}
            keys |= {f"={c.sentence_position}"} | ({"frames"} if c.frames else set())
            keys |= {f"${figure_unit(f)}" for f in c.figures}     # "the true figure" meets the figures of its unit
            if trial_party(c):                              # a party's account meets the other's a sentence on
                keys |= {f"party{c.sentence_position + d}" for d in (0, 1)}
            for key in keys:
                within.setdefault(key, []).append(i)
        for members in within.values():
            pairs.update(itertools.combinations(members, 2))
    in_focus = [c.article_id in focus for c in claims]
    article = [c.article_id for c in claims]
    # Across articles only a culprit, polarity or figures can conflict: a claim with neither frames nor figures nor
    # a negation can only conflict with a negated claim, so it counts its fellows among those alone.
    negated = {key: [j for j in members if claims[j].negated] for key, members in index.items()}
    for i, keys in enumerate(keys_of):              # each focus claim counts its fellows over its postings at once
        if not in_focus[i]:
            continue
        c = claims[i]
        fellows = index if c.negated or c.frames or c.figures else negated
        shared: Counter[int] = Counter()
        for key in keys:
            if len(index[key]) <= MAX_POSTING:      # a word in every claim says nothing about the event
                shared.update(fellows[key])
        pairs.update((i, j) if i < j else (j, i) for j, n in shared.items()
                     if n >= 2 and article[j] != article[i])
    return pairs


def find_conflicts(claims: list[ClaimView], focus: set[int]) -> list[Conflict]:
    idf = idf_weights(claims)
    conflicts = replies(claims, focus) + denials_of_reports(claims, focus)
    answered = {(c.a, c.b) for c in conflicts}
    pairs = (pair for pair in candidate_pairs(claims, focus) if could_conflict(claims[pair[0]], claims[pair[1]]))
    for i, j in sorted(pairs):
        if (i, j) in answered:
            continue
        a, b = claims[i], claims[j]
        across = a.article_id != b.article_id
        if not related(a, b) or across and not shares_entity(a, b):     # the cheap tests before same_event
            continue
        similarity = same_event(a, b, idf)
        culprit, dissent, parties = culprit_conflict(a, b), dissent_between(a, b, similarity), opposing_parties(a, b)
        explicit = culprit or parties or (dissent and a.sentence_position == b.sentence_position) or corrects(a, b)
        if similarity < (MIN_SAME_EVENT_EXPLICIT if explicit else MIN_SAME_EVENT):
            continue
        if across and similarity < MIN_SAME_EVENT_ACROSS:
            continue
        signals = [s for s in (culprit, polarity_conflict(a, b, idf), figure_conflict(a, b), dissent, parties) if s]
        if signals:
            conflicts.append(Conflict(i, j, signals, similarity))
    return [c for c in conflicts if c.confidence >= MIN_CONFIDENCE]


def replies(claims: list[ClaimView], focus: set[int]) -> list[Conflict]:
    """Each reply of a focus article ("Kendrick's campaign disputed that.") against the claims it answers: those of
    the nearest sentence before it, within REPLY_WINDOW, holding a claim by another source. The outlet's own remark
    in between ("It gave no evidence for the claim.") is nothing a source replies to. The two share no word, and
    need none."""
    conflicts = []
    for i, members, how in _marked(claims, focus, reply_of):
        reply = claims[i]
        answered = [j for j in members if claims[j].attributed and claims[j].asserts
                    and claims[j].source_key != reply.source_key
                    and 0 < reply.sentence_position - claims[j].sentence_position <= REPLY_WINDOW
                    and answers(how, claims[j])]
        nearest = max((claims[j].sentence_position for j in answered), default=None)
        for j in (j for j in answered if claims[j].sentence_position == nearest):
            signals = [Signal("dissent", 0.5, how.cue), *filter(None, [rival_figures(claims[j], reply)])]
            conflicts.append(Conflict(min(i, j), max(i, j), signals, 1.0))
    return conflicts


def denials_of_reports(claims: list[ClaimView], focus: set[int]) -> list[Conflict]:
    """Each denial of a report in a focus article ("Safaricom denied a newspaper report that it planned to cut 1,000
    jobs") against the claims another source reports of the same thing within DISSENT_WINDOW sentences ("The
    Business Daily reported that the company would lay off about a tenth of its workforce"): each side tells it in
    its own words."""
    conflicts = []
    for i, members, how in _marked(claims, focus, denied_report):
        denial = claims[i]
        for j in members:
            c = claims[j]
            if c.attributed and c.source_key != denial.source_key and answers(how, c) \
                    and abs(c.sentence_position - denial.sentence_position) <= DISSENT_WINDOW \
                    and reports_denied(denial, c):
                conflicts.append(Conflict(min(i, j), max(i, j), [Signal("dissent", 0.5, how.cue)], 1.0))
    return conflicts


def _marked(claims: list[ClaimView], focus: set[int], mark: Callable[[ClaimView], Reply | None]
            ) -> Iterator[tuple[int, list[int], Reply]]:
    """Each attributed claim of a focus article in which `mark` finds a reply or a denial, with that article's
    claims and what `mark` found."""
    for members in _by_focus_article(claims, focus):
        for i in members:
            how = mark(claims[i]) if claims[i].attributed else None
            if how is not None:
                yield i, members, how


def _by_focus_article(claims: list[ClaimView], focus: set[int]) -> list[list[int]]:
    """The indexes of the focus articles' claims, per article."""
    by_article: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        if c.article_id in focus:
            by_article.setdefault(c.article_id, []).append(i)
    return list(by_article.values())


def could_conflict(a: ClaimView, b: ClaimView) -> bool:
    """Whether any conflict signal can fire on the pair, from what each needs before it looks at words: a culprit
    needs frames on both sides, polarity one negated side, figures on both sides, a dissent or contrast the same
    article within DISSENT_WINDOW sentences. On PolNeAR dev 19,212 of the 28,104 related candidate pairs fail all
    four, and so skip the word overlap and the signals themselves."""
    return (a.negated != b.negated or bool(a.frames and b.frames) or bool(a.figures and b.figures)
            or a.article_id == b.article_id and abs(a.sentence_position - b.sentence_position) <= DISSENT_WINDOW)


def dissent_between(a: ClaimView, b: ClaimView, similarity: float) -> Signal | None:
    """The later claim of one article answers the earlier one a few sentences on: a dissent cue ("dissenting accounts
    say", "denied", a "Conflicting accounts" sub-heading), or, weaker, a contrast ("X blamed ..., but there are
    reports of ..." within one sentence; a sentence opening with "But")."""
    if a.article_id != b.article_id:
        return None
    earlier, later = sorted((a, b), key=lambda c: (c.sentence_position, c.content_start))
    distance = later.sentence_position - earlier.sentence_position
    if distance > DISSENT_WINDOW or distance > 0 and similarity < 0.3:
        return None
    cue = dissent_cue(later)
    if cue and (distance > 0 or earlier.named_source and later.named_source):
        return Signal("dissent", 0.5, cue)      # in one sentence, "amid disagreements about" is narration
    contrast = contrast_opening(later) if distance > 0 else contrast_inside(later)
    if not contrast or distance > CONTRAST_WINDOW:
        return None
    if len(a.stems & b.stems) >= 2:
        return Signal("contrast", 0.35 if distance > 0 else 0.5, contrast)
    if distance == 0 and not later.named_source:            # "X blamed ..., but there are reports of ..."
        return Signal("contrast", 0.5, contrast)
    return None


def _groups(conflicts: list[Conflict]) -> list[list[int]]:
    """Conflicting claims joined into disputes, strongest conflicts first: a conflict joins (or merges) the disputes
    holding its claims while the result stays small, so generic words cannot chain unrelated claims into one
    sprawling dispute."""
    home: dict[int, int] = {}
    groups: dict[int, list[int]] = {}
    for n, c in enumerate(sorted(conflicts, key=lambda c: -c.confidence)):
        parts = [home[i] if i in home else None for i in (c.a, c.b)]
        merged = list(dict.fromkeys(i for part, claim in zip(parts, (c.a, c.b))
                                    for i in (groups[part] if part is not None else [claim])))
        if len(merged) > MAX_DISPUTE_CLAIMS or parts[0] is not None and parts[0] == parts[1]:
            continue
        for part in {p for p in parts if p is not None}:
            del groups[part]
        groups[n] = merged
        home.update((i, n) for i in merged)
    return [sorted(g) for g in groups.values()]


def split_sides(members: list[int], claims: list[ClaimView], conflicts: list[Conflict]) -> list[list[int]]:
    """Claims naming the same culprit form one side, other claims one side per source; then sides that never
    contradict each other, oppose the same side and tell of the same things (a shared content word) are merged
    (Turkey's crossings and a Turkish official's influx of Syrians both against the spokeswoman's "no refugees").
    Two other versions of one event stay apart: "reports of a mutiny" and "the violence was sparked by deserting
    soldiers" both oppose the government's "armed gangs", but say different things."""
    culprit_claims = {i for c in conflicts if any(s.name == "culprit" for s in c.signals) for i in (c.a, c.b)}
    groups: list[list[int]] = []
    for i in sorted(members, key=lambda i: (claims[i].article_id, claims[i].sentence_position)):
        home = next((g for g in groups if _agree(i, g, claims, culprit_claims)), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    opposed = {(a, b) for c in conflicts for a, b in ((c.a, c.b), (c.b, c.a))}

    def rivals(x: int) -> set[int]:
        return {y for y, other in enumerate(groups) if any((i, j) in opposed for i in groups[x] for j in other)}

    def said(i: int) -> frozenset[str]:
        """A claim's words; a bare reply ("disputed that figure") says what it answers."""
        if not _bare_reply(claims[i]):
            return claims[i].stems
        return frozenset().union(*(claims[j].stems for k, j in opposed if k == i))

    def told(x: int) -> set[str]:
        return {w for i in groups[x] for w in said(i)}

    merged = True
    while merged:
        merged = False
        for x, y in itertools.combinations(range(len(groups)), 2):
            if y not in rivals(x) and rivals(x) & rivals(y) and told(x) & told(y):
                groups[x] += groups.pop(y)
                merged = True
                break
    return [sorted(claims[i].claim_id for i in g) for g in groups]


def _agree(i: int, group: list[int], claims: list[ClaimView], culprit_claims: set[int]) -> bool:
    """Same culprit named, or (no culprit either way) the same source."""
    c = claims[i]
    if i in culprit_claims:
        return all(j in culprit_claims and c.frames[0].agent & claims[j].frames[0].agent for j in group)
    return all(j not in culprit_claims and claims[j].source_key == c.source_key for j in group)


TOPIC_WORDS = 10
LEADING_FILLERS = frozenset("that which and or but with of to for in on at by as from".split())
QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]|''|``")
# not the comma in "$25,000"; a hyphen or en dash between spaces is a dash ("such a resolution - which does not ...")
CLAUSE_BREAK = re.compile(r"[;:()\u2014\u2015\u2026]|,(?!\d)|\s[-\u2013]\s")


def topic_label(members: list[int], claims: list[ClaimView], signals: list[Signal]) -> str:
    """A short label: "who killed members of the security forces?", "whether there were refugees fleeing to
    Turkey", "how many: ...", else the words of the clause the dispute turns on ("Trump's claim that there have
    been thousands of shootings in Chicago"), never those of a bare reply ("disputed that figure") pointing at it."""
    ordered = sorted(members, key=lambda i: (claims[i].article_id, claims[i].sentence_position))
    names = {s.name for s in signals}
    if "culprit" in names:
        frames = sorted((f for i in ordered for f in claims[i].frames if f.patient_text),  # victims before events
                        key=lambda f: any(lexicon.event_of(w) for w in lexicon.words(f.patient_text)))
        if frames:
            return f"who {frames[0].verb_text} {frames[0].patient_text}?"
    if "figures" in names:
        detail = next(s.detail for s in signals if s.name == "figures")
        return f"{'how much' if CURRENCY_SIGNS & set(detail) else 'how many'}: {detail}"
    if "polarity" in names:
        negated = next((claims[i] for i in ordered if claims[i].negated_clauses), None)
        if negated:     # what is said not to be, asked: "there were no refugees ..." → "whether there were refugees"
            clauses = _clauses(negated.content)     # a denial ("denied that he met them") denies its whole content
            clause = next((c for c in clauses if lexicon.is_negated(c)), clauses[0])
            words = [m for m in lexicon.WORD.finditer(clause) if not lexicon.is_negated(m.group())]
            return "whether " + _phrase(clause, words, negator=True)
    stems = [claims[i].stems for i in ordered]
    told = [k for k, i in enumerate(ordered) if not _bare_reply(claims[i])] or range(len(ordered))

    def shared(k: int, clause: str) -> tuple[int, int]:
        """Stems this clause of claim k shares with the other claims, then its own stems (up to a label's length)."""
        own = set(lexicon.content_stems(clause))
        return len(own & set().union(*(stems[j] for j in told if j != k))), min(len(own), TOPIC_WORDS // 2)

    _, _, clause = max(((*shared(k, c), c) for k in told for c in _clauses(claims[ordered[k]].content)),
                       key=lambda scored: scored[:2])
    return _phrase(clause, list(lexicon.WORD.finditer(clause)))


def _bare_reply(c: ClaimView) -> bool:
    """"disputed that figure", "said the figure was misleading": its words point back at the claim answered and tell
    nothing of their own."""
    return bool(lexicon.POINTING_BACK.match(c.content) or lexicon.VERDICT_REPLY.match(c.content))


def _clauses(text: str) -> list[str]:
    return [c for c in CLAUSE_BREAK.split(text) if lexicon.WORD.search(c)] or [text]


def _phrase(text: str, words: list[re.Match], *, negator: bool = False) -> str:
    """At most TOPIC_WORDS of `words` as written in `text` (a dropped negator leaves a gap, closed up), neither
    opening with "that", "with", ... nor ending on a function word ("registered in New York as a"), without
    quotation marks (a cut can leave one unmatched) nor a scraper's escaping backslash."""
    words = words[:TOPIC_WORDS]
    while len(words) > 1 and words[0].group().lower() in LEADING_FILLERS:
        words.pop(0)
    while len(words) > 1 and words[-1].group().lower() in lexicon.STOPWORDS:
        words.pop()
    if not words:
        return text.strip()[:80]
    label = " ".join(m.group() for m in words) if negator else text[words[0].start():words[-1].end()]
    return re.sub(r"\s+", " ", QUOTE_MARKS.sub("", label.replace("\\'", "'")))    # scraped "government\'s"


def group_disputes(claims: list[ClaimView], focus: set[int]) -> list[FoundDispute]:
    """Disputes among `claims` that involve at least one claim of the `focus` articles, strongest first. Each is a
    conflict between sources: a claim marked unverified makes a dispute's signal or note, never a dispute alone
    ("Reuters could not independently verify either account" is a caveat, not a side)."""
    conflicts = find_conflicts(claims, focus)
    marks: dict[int, list[str]] = {}

    def marks_of(i: int) -> list[str]:
        """A claim's unverified marks, found once and only for the claims asked about."""
        if i not in marks:
            marks[i] = unverified_marks(claims[i])
        return marks[i]

    disputes: list[FoundDispute] = []
    for members in _groups(conflicts):
        member_set = set(members)
        inside = [c for c in conflicts if c.a in member_set and c.b in member_set]
        signals = _strongest_per_name(s for c in inside for s in c.signals)
        found = [m for i in members for m in marks_of(i)]
        if found:
            signals.append(Signal("unverified", UNVERIFIED_WEIGHT, found[0]))
        notes = _notes(members, claims, marks_of)
        strength = confidence(signals, max(c.similarity for c in inside))
        disputes.append(FoundDispute(topic_label(members, claims, signals), round(min(strength, 0.99), 3),
                                     signals, split_sides(members, claims, inside), notes))
    return sorted(disputes, key=lambda d: -d.confidence)


def _strongest_per_name(signals) -> list[Signal]:
    best: dict[str, Signal] = {}
    for s in signals:
        if s.name not in best or s.weight > best[s.name].weight:
            best[s.name] = s
    return list(best.values())


def _notes(members: list[int], claims: list[ClaimView], marks_of: Callable[[int], list[str]]) -> list[int]:
    """Nearby claims of the same articles that mark the disputed event unverified ("The alleged killings cannot be
    independently verified."), shown with the dispute rather than as a side: about the same harm or words, or the
    outlet's own remark right after a disputed claim; and the outlet's caveat on all its material ("difficult to
    verify reports from there") wherever it stands in the article."""
    inside = [claims[i] for i in members]
    articles = {m.article_id for m in inside}
    notes = []
    for i, c in enumerate(claims):
        if i in members or c.article_id not in articles or not marks_of(i):
            continue
        if _caveat(c):
            notes.append(c.claim_id)
            continue
        near = [m for m in inside if m.article_id == c.article_id
                and abs(m.sentence_position - c.sentence_position) <= DISSENT_WINDOW]
        if any(c.stems & m.stems or _harm(c) and _harm(m) or abs(m.sentence_position - c.sentence_position) <= 1
               and not c.attributed for m in near):
            notes.append(c.claim_id)
    return notes


def _caveat(c: ClaimView) -> bool:
    """The outlet's remark on verifying a class of material ("difficult to verify reports from there")."""
    return not c.attributed and bool(lexicon.GENERIC_CAVEAT.search(c.content))


def _harm(c: ClaimView) -> bool:
    return c.frames != () or any(map(lexicon.event_of, lexicon.words(c.content)))
