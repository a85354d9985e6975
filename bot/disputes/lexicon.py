"""Word lists and a light stemmer over stored text: disputes are found without re-parsing articles.

The lists name general phenomena (negation, dissent, blame, harm), never events of one article.
"""

from __future__ import annotations

import functools
import re

WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")

STOPWORDS = frozenset(
    """a about above across after again against all almost also although always am among an and any are around as at
    be because been before being below between both but by can could did do does doing done down during each either
    else even ever every few for from further had has have having he her here hers herself him himself his how however
    i if in into is it its itself just least less let like made make many may me might more most much must my myself
    near nearly no nor not now of off on once one only or other others our ours out over own per perhaps quite rather
    really same several shall she should since so some such than that the their theirs them themselves then there these
    they this those though through thus to too toward towards under until up upon us very via was we well were what
    whatever when where whether which while who whom whose why will with within without would yet you your yours
    said says say saying told tell tells telling added adding according reported reports report claim claims claimed
    stated statement announced noted believe believes believed think thinks thought asked mr mrs ms dr also new
    year years time times day days week weeks today yesterday tomorrow monday tuesday wednesday thursday friday saturday
    sunday just people way ways thing things lot going get got gets want wants wanted""".split()
)

# Negators flip a claim's polarity; a denial cue flips the claim it introduces.
NEGATORS = frozenset("no not never none nobody nothing neither nor cannot can't won't didn't doesn't don't isn't "
                     "wasn't weren't aren't hasn't haven't hadn't n't".split())
# "Neither X nor Y did ...": the word after these is a subject, not the denied predicate.
COORDINATING_NEGATORS = frozenset("neither nor".split())
QUESTION_CUES = re.compile(r"\b(ask\w*|wonder\w*|question\w*|inquir\w*)\b", re.I)
ADDITIVE = frozenset("only just merely simply".split())
MODALS = frozenset("may might could would should must will can".split())
MODAL_NEGATORS = frozenset("cannot can't won't wouldn't couldn't shouldn't mustn't".split())
DEGREE = frozenset("much many enough all always necessarily entirely completely fully quite very".split())
HYPOTHETICAL = frozenset("if whether unless would could might".split())   # "if Rubio can't win" asserts nothing
# "I don't think ...", "we don't see ...": a negated opinion or perception, not a denial of an event.
# Declining to speak is no denial either: "isn't saying if", "did not address", "would not confirm".
OPINION_VERBS = """think believe know see expect recall remember understand seem feel care mind agree say tell
    comment address discuss confirm disclose reveal elaborate specify respond answer
    familiar aware sure clear""".split()
NEGATED_FILLERS = frozenset("be been being have has had yet even really all that so too immediately publicly "
                            "directly specifically".split())
DENIAL_CUES = re.compile(r"\b(den(y|ies|ied|ying|ial)|reject\w*|refut\w*|dismiss\w*|rebut\w*|contradict\w*)\b", re.I)
# "rejected a media request", "dismissed NATO member Estonia as ...": rejecting a thing denies no fact; only a
# rejected "that ..." clause or claim is denied.
REJECTION_CUES = re.compile(r"\b(reject\w*|dismiss\w*)\b", re.I)
REJECTED_CLAIM = re.compile(r"^\W*(that|the |these |those |such )?\w*\s*(claims?|reports?|allegations?|accusations?|"
                            r"charges?|suggestions?|assertions?|notion|idea|that)\b", re.I)
# A clause with one of these asserts no positive version of its event: "may not have paid", "refuse to release",
# "pay zero".
UNASSERTED = re.compile(r"\b(no|not|never|zero|n't|cannot|refus\w*|fail\w*|declin\w*|den(y|ies|ied))\b")

# Words that mark a claim, a sentence opening or a sub-heading as taking the other side.
DISSENT = re.compile(
    r"\b(dissent\w*|disput\w*|conflicting|contradict\w*|contrary|disagree\w*|counter(ed|s)?|refut\w*|"
    r"den(y|ies|ied|ial)|rejec\w*|dismiss\w*|rebut\w*)\b",
    re.I,
)
# The content of a reply that points back at the claim before it: "Kendrick's campaign disputed that.", "Voltaro
# denied that account.", "Campaigners disputed that figure."
_POINTER = r"(?:that|this|it|(?:that|this|the|those|these|such)\s+\w+(?:\s+\w+)?)"
POINTING_BACK = re.compile(rf"^\W*(?P<pointer>{_POINTER})\W*$", re.I)
# The same reply in the words before a claim: "Northgate disputes that figure, saying its modelling shows ...".
REPLY_LEAD = re.compile(rf"\b(?P<cue>disput\w*|contest\w*|den(?:y|ies|ied)|reject\w*|rebut\w*)\s+"
                        rf"(?P<pointer>{_POINTER}),\s*\w+\s*$", re.I)
# A verdict on something claimed before it: "the Keystone figure was misleading", "those numbers were inflated".
# Only a claim-like noun is answered so: "the decision was wrong" judges a deed, not a claim.
_CLAIM_NOUN = (r"(?:figures?|numbers?|claims?|accounts?|reports?|estimates?|statistics?|stats|allegations?|"
               r"assertions?|data|tall(?:y|ies)|tolls?|counts?|statements?|stor(?:y|ies)|findings?|accusations?|"
               r"charges?|suggestions?|version|polls?|surveys?)")
_VERDICT = (r"(?:false|untrue|wrong|inaccurate|incorrect|misleading|inflated|exaggerated|overstated|baseless|"
            r"groundless|unfounded|fabricated|made up|bogus|fake|a lie|lies|nonsense|erroneous|distorted|fiction)")
VERDICT_REPLY = re.compile(rf"^\W*(?P<pointer>(?:that|this|the|those|these|such)\s+(?:[\w'\u2019-]+\s+){{0,2}}?"
                           rf"{_CLAIM_NOUN})\s+(?:is|are|was|were|(?:has|have|had)\s+been)\s+(?:\w+ly\s+)?"
                           rf"(?P<cue>{_VERDICT})\W*$", re.I)
# A time before the latest account: "earlier", "initially".
EARLIER = re.compile(r"\b(?:earlier|initially|originally|previously|at first)\b", re.I)
_REPORTED = r"(?:said|reported|put|gave|estimated|told|announced)\b"
# A figure a source gave before and has since revised: "Police earlier said two people had died", "Earlier on
# Tuesday officials had said about 150 homes had been lost", "officials said earlier that ...": the time word by
# the reporting verb, a few words of the clause (when, who) between them.
EARLIER_FIGURE = re.compile(rf"{EARLIER.pattern}(?:,?\s+[\w'\u2019-]+){{0,4}}?,?\s+(?:(?:had|have|has)\s+)?"
                            rf"{_REPORTED}|\b{_REPORTED}\s+{EARLIER.pattern}", re.I)
# A denial of a report, whose content is what the report claims: "denied a newspaper report that ...".
DENIED_REPORT = re.compile(r"\b(?P<cue>den(?:y|ies|ied|ying)|reject\w*|dismiss\w*|refut\w*)\s+"
                           r"(?P<report>(?:[\w'\u2019-]+\s+){0,4}?reports?)\b", re.I)
REPORTING = re.compile(r"\breport(?:s|ed|ing)?\b", re.I)
# The two parties of a trial, named as sources: what one says, the other answers.
TRIAL_PARTIES = {"prosecution": re.compile(r"\b(prosecut\w*|the crown)\b", re.I),
                 "defence": re.compile(r"\b(defen[cs]e|defendants?)\b", re.I)}
CONTRAST_OPENING = re.compile(r"^\W*(but|however|yet|instead|on the other hand)\b", re.I)
CONTRAST_INSIDE = re.compile(r"[,;]\s*(but|however|yet|while|whereas)\s+", re.I)

# Hedges that leave a claim unverified (hedge kinds from extraction, and the words themselves as a fallback).
CLAIMS_BY = re.compile(r"claims?\s+(by|of|that)\b", re.I)
# An outlet's caveat about verifying a whole class of material ("making it difficult to verify reports from
# there"): it qualifies the article's disputes, it is no disputed claim of its own.
GENERIC_CAVEAT = re.compile(r"\b(verif\w*|confirm\w*)\s+(the |these |those |such |any |all )?(reports?|claims?|"
                            r"accounts?|information|figures?|details?|numbers?|allegations?|footage|images?)\b", re.I)
# "the alleged terrorist", "the alleged gunman": the legal courtesy to a suspect, not a doubt about the event.
ALLEGED_PERSON = re.compile(r"\balleged\s+(\w+(er|ers|ist|ists)|suspects?|gunm[ae]n|perpetrators?)\b", re.I)
UNVERIFIED_WORDS = re.compile(
    r"\b(alleged(ly)?|allegations?|unverified|unconfirmed|cannot be (independently )?(verified|confirmed)|"
    r"could not be (independently )?(verified|confirmed)|without evidence|purported\w*|unsubstantiated)\b",
    re.I,
)

# Predicates that do harm or cause an event: two claims naming different agents of one of these on the same
# patient cannot both be right. Nouns map to the verb whose event they name ("the deaths" = someone killed).
HARM_VERBS = frozenset(
    "kill murder shoot massacre slaughter execute assassinate attack bomb shell torture wound injure beat burn "
    "destroy loot abduct kidnap rape target ambush fire spark cause trigger provoke start instigate orchestrate "
    "incite hack leak stage plant order commit".split()
)
EVENT_NOUNS = {
    "death": "kill", "killing": "kill", "murder": "kill", "massacre": "massacre", "shooting": "shoot",
    "attack": "attack", "bombing": "bomb", "violence": "attack", "unrest": "attack", "clash": "attack",
    "fire": "burn", "arson": "burn", "blast": "bomb", "explosion": "bomb", "hack": "hack", "leak": "leak",
    "casualty": "kill",
}
IRREGULAR = {
    "shot": "shoot", "thought": "think", "said": "say", "told": "tell", "fled": "flee", "fleeing": "flee",
    "fought": "fight", "led": "lead", "began": "begin",
    "begun": "begin", "men": "man", "women": "woman", "children": "child", "people": "person", "died": "die",
    "dead": "die", "deaths": "death", "gave": "give", "given": "give",
    "took": "take", "taken": "take", "went": "go", "gone": "go", "won": "win", "lost": "lose", "paid": "pay",
    "sent": "send", "spent": "spend", "held": "hold", "left": "leave", "brought": "bring", "caught": "catch",
    "struck": "strike", "stolen": "steal", "stole": "steal", "hid": "hide", "hidden": "hide", "ran": "run",
    "saw": "see", "seen": "see", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall",
}


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix-stripping stemmer: killings/killed/kills → kill, refugees/refuge → refug."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = IRREGULAR.get(w, w)
    if len(w) <= 3:
        return w
    if re.search(r"(ss|x|z|ch|sh)es$", w):            # boxes, wishes; but fires → fire, not fir
        w = w[:-2]
    for suffix, repl in (("ings", ""), ("ing", ""), ("edly", ""), ("ied", "y"), ("ies", "y"), ("ed", ""),
                         ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] in "bdfgmnprt":   # shipped → shipp → ship
        w = w[:-1]
    return w.rstrip("e") if len(w) > 4 else w


# The endings, stemmed, by which a noun names the act of a verb: "resignation", "execution", "payment", "dismissal",
# "closure".
NOMINAL_SUFFIXES = frozenset(("ation", "ion", "ment", "al", "ur"))


def names_act(noun_stem: str, verb_stem: str) -> bool:
    """Whether a noun names the act of a verb, both stemmed: "dismissal" / "dismiss", "denial" / "deny",
    "acquittal" / "acquit", "involvement" / "involv", "closure" / "clos" (as in "closed")."""
    for root in {verb_stem, verb_stem[:-1] + "i" if verb_stem.endswith("y") else verb_stem}:
        if len(root) < 3 or not noun_stem.startswith(root):
            continue
        rest = noun_stem[len(root):]
        rest = rest[1:] if rest[:1] in (root[-1], "e") else rest    # "acquittal", "involvement"
        if rest in NOMINAL_SUFFIXES:
            return True
    return False


@functools.lru_cache(maxsize=1 << 14)
def acts_named(noun_stem: str) -> frozenset[str]:
    """The verb stems whose act a noun stem names (see names_act), read off its ending: "involvement" →
    {"involve", "involv"}, "dismissal" → {"dismiss"}; none for a noun of no such ending. Lets a caller look the
    verbs up in a text's stems instead of comparing the noun with each of them."""
    bases = [noun_stem[:-len(suffix)] for suffix in NOMINAL_SUFFIXES if noun_stem.endswith(suffix)]
    roots = {root for base in bases for root in (base, base[:-1])}
    verbs = roots | {root[:-1] + "y" for root in roots if root.endswith("i")}
    return frozenset(v for v in verbs if names_act(noun_stem, v))


# The endings by which a noun names the doer of an act: "strikers", "protesters", "demonstrators".
DOER_SUFFIXES = ("er", "or", "r")


def names_doer(noun_stem: str, act_stem: str) -> bool:
    """Whether a noun names the doer of an act, both stemmed: "striker" / "strik" (as in "on strike"), "protester"
    / "protest", "demonstrator" / "demonstrat"."""
    return len(act_stem) >= 4 and any(noun_stem == act_stem + suffix for suffix in DOER_SUFFIXES)


def tells_of(asked: str, stems: frozenset[str], acts: frozenset[str]) -> bool:
    """Whether a text of these content stems tells of what an asked stem names, in its own word or another: of its
    acts (the stems of its verbs, or of what is told of a figure) the one a noun names ("dismissal" / "dismissed")
    or whose doer it names ("strikers" / "4,500 teachers were on strike"); or the same harm ("the deaths" /
    "killed"). A noun alone is no act: "the drone strike" tells of no strikers."""
    event = event_of(asked)
    return asked in stems or any(names_act(asked, a) or names_doer(asked, a) for a in acts) \
        or event is not None and any(event_of(s) == event for s in stems)


def verb_stems(text: str) -> frozenset[str]:
    """The stems of a text's verbs in a past or progressive form ("had been dismissed", "denied", "shot"): the
    words a noun naming the act answers to. A noun the verb's stem spells ("police" for "policy") is no verb."""
    return frozenset(stem(w) for w in words(text) if w.lower().endswith(("ed", "ing")) or w.lower() in IRREGULAR)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def content_stems(text: str) -> list[str]:
    """The stems of a text's content words, in order (stopwords and one-letter words dropped)."""
    return [stem(w) for w in words(text) if len(w) > 1 and w.lower() not in STOPWORDS]


def _is_negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")


# A negator among is_negated's words (runs of letters and apostrophes), found by one search: most texts hold none,
# and then need no splitting into words.
_NEGATOR = re.compile(r"(?<![a-z'])(?:%s)(?![a-z'])|n't(?![a-z'])"
                      % "|".join(sorted(w for w in NEGATORS if not w.endswith("n't"))))


def is_negated(text: str) -> bool:
    plain = _plain(text)
    if not _NEGATOR.search(plain):
        return False
    tokens = re.findall(r"[a-z']+", plain)
    return any(_is_negator(w) and not _additive(tokens, i) for i, w in enumerate(tokens))


def _additive(tokens: list[str], i: int) -> bool:
    """Negations that deny no fact: "not only X" adds to X; "cannot", "won't", "may not" refuse, predict or guess;
    "hasn't spent much", "not all that familiar" grade a scale."""
    return (tokens[i] == "not" and i + 1 < len(tokens) and tokens[i + 1] in ADDITIVE
            or tokens[i] in MODAL_NEGATORS or i > 0 and tokens[i - 1] in MODALS
            or bool(DEGREE & set(tokens[i + 1:i + 4])))


def _asserted_clauses(text: str, breaks: str = r"[,;:\u2014()]") -> list[str]:
    """The clauses a text asserts: not a question ("Why won't he release his tax returns?"), and not an "if ..."
    clause or what follows it in its sentence ("if the state held up the deal, Patriot could ... leaving no
    money")."""
    out = []
    for sentence in re.findall(r"[^.!?]+[.!?]*", _plain(text)):
        if sentence.rstrip(" '\"\u201d").endswith("?"):
            continue
        for clause in re.split(breaks, sentence):
            opening = clause.split()[:2]
            if HYPOTHETICAL & set(opening[1:] if opening[:1] == ["that"] else opening[:1]):
                break
            out.append(clause)
    return out


@functools.lru_cache(maxsize=1 << 15)
def asserted_stems(text: str) -> frozenset[str]:
    """Content stems of the clauses a text asserts in the positive: "If all companies paid taxes, ..." asserts
    no paying, nor do "Trump may not have paid", "refused to release" or "pay zero". Remembered: polarity asks it
    of a claim once per negated claim it meets (2,659 calls for 1,219 contents on PolNeAR dev), and each recompute
    meets the related articles' claims again."""
    return frozenset(s for clause in _asserted_clauses(text) if not UNASSERTED.search(clause)
                     for s in content_stems(clause))


def negated_clauses(text: str) -> list[tuple[str, set[str]]]:
    """Each negated clause as (the word the negator denies, all the clause's content stems): "there were no
    refugees fleeing to Turkey" → ("refug", {"refug", "flee", "turkey"}), "is not registered in New York" →
    ("regist", ...). The denied word is the first after the negator and its fillers ("has not yet been"); when
    that is a function word ("did not get the network", "never been in a coal mine", "not a measure of") the
    denied predicate is not read off the words and the clause is left out, as are hypotheticals ("if he can't
    win"), questions, negated opinions and "neither X nor Y" (the next word is a subject)."""
    out = []
    for clause in _asserted_clauses(text, r"[,;:\u2014()]|\bbut\b|\bjust\b"):
        tokens = re.findall(r"[a-z][a-z'\-]*", clause)
        stems = [stem(t) for t in tokens if t not in STOPWORDS and len(t) > 1]
        for i, w in enumerate(tokens):
            if not _is_negator(w) or w in COORDINATING_NEGATORS or _additive(tokens, i) \
                    or HYPOTHETICAL & set(tokens[:i]):
                continue
            denied = next((t for t in tokens[i + 1:] if t not in NEGATED_FILLERS), "")
            if denied and denied not in STOPWORDS and len(denied) > 1 and stem(denied) not in OPINION_STEMS:
                out.append((stem(denied), set(stems)))
    return out


def _plain(text: str) -> str:
    return text.lower().replace("\u2019", "'")


HARM_STEMS = frozenset(stem(v) for v in HARM_VERBS)
# Words by which two sides name one thing in their own terms: "cut 1,000 jobs" / "lay off a tenth of its workforce",
# "killed 40 militants" / "no fighters were killed".
KINDRED = ("cut cuts cutting lay laid laying layoff layoffs slash slashed shed shedding axe axed axing redundancy "
           "redundancies", "job jobs workforce staff worker workers employee employees",
           "militant militants fighter fighters rebel rebels insurgent insurgents guerrilla guerrillas jihadist "
           "jihadists")
KIN = {stem(w): group.split()[0] for group in KINDRED for w in group.split()}
OPINION_STEMS = frozenset(stem(v) for v in OPINION_VERBS)
# Units and generic nouns: two figures "in percent" or "of people" do not yet count the same thing.
GENERIC_COUNTS = frozenset(stem(w) for w in """percent percentage cent point dollar pound euro million billion thousand
    hundred year month day week hour time vote people person member""".split())
EVENT_NOUN_STEMS = {stem(n): stem(v) for n, v in EVENT_NOUNS.items()}


def event_of(word: str) -> str | None:
    """The harm/cause event a word names, as a verb stem ("killed", "deaths" → "kill"); None otherwise."""
    s = stem(word)
    if s in HARM_STEMS:
        return s
    return EVENT_NOUN_STEMS.get(s)


def kindred(stems: frozenset[str]) -> frozenset[str]:
    """The stems with each kindred word as its group's first: "lay", "workforc" → "cut", "job"."""
    return frozenset(KIN.get(s, s) for s in stems)


def unverified_hedge(kind: str, text: str, *, second_hand: bool = False) -> bool:
    """A hedge row (bot/extract/hedges.py kinds) that leaves a claim unverified: "cannot be verified", "alleged",
    "claims by"; a plain "claimed" used as the reporting verb is not enough. `second_hand`: "reports of",
    "reportedly" count too (shown as markers; alone they make no dispute)."""
    if kind == "allegation":
        return bool(UNVERIFIED_WORDS.search(text) or CLAIMS_BY.match(text))
    return kind == "unverified" or second_hand and kind == "report"


def rejects_a_thing(cue: str | None, content: str) -> bool:
    """"rejected a media request", "dismissed NATO member Estonia as ...": a rejection of a thing, which denies no
    fact; a rejected "that ..." clause or claim is a denial."""
    return bool(cue and REJECTION_CUES.search(cue)) and not REJECTED_CLAIM.search(content)


def hypothetical(sentence: str) -> bool:
    """"If Trump's plan rejected single mothers, ...": a sentence opening with a condition asserts nothing."""
    return bool(HYPOTHETICAL & set(_plain(sentence).split()[:1]))
