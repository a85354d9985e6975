"""Candidate lookups for the question engine: full-text over claims (SQLite FTS5, PostgreSQL tsvector), entity
names through a per-workspace alias cache, claims by source, and loading the rows an answer quotes.

Nothing here loops over every row in Python: candidates come from the database's own indexes (FTS, `entity.key`,
`alias.folded`, foreign keys) with a LIMIT; only the alias cache holds a workspace's distinct names (not rows), and
fuzzy name matching runs over the few names that share a close word with the question.
Editors' corrections (store.models.Correction) override the extracted source wherever a claim is loaded.
"""

from __future__ import annotations

import heapq
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

import numpy
from rapidfuzz import fuzz, process
from sqlalchemy import Engine, and_, false, func, or_, text, true
from sqlmodel import Session, select

from bot.extract.entities import HONORIFICS, PERSON_NOUNS, PERSON_TITLES
from store.db import open_session
from store.models import (Alias, Article, Claim, Correction, Dispute, DisputeClaim, Entity, Figure, Hedge, Mention,
                          Sentence)

CANDIDATES = 200               # full-text candidates handed to the reranker
FIRST_WINDOW = 5000            # newest claims full-text looks among first (see match_claims)
RANKED_ROWS = 50_000           # bm25 ranks by words at most this many claims hold (see _ranked_words)
FEW_MATCHES = 4                # PostgreSQL reads every claim at once when they hold at most this many times the
                               # matches wanted, as the density of a window estimates (see _newest_postgresql)
NAME_MATCH = 85.0              # a name in a question matches an alias at this rapidfuzz-based score (0-100)
NAME_MARGIN = 6.0              # aliases this close to the best match are the same question's candidates too
NEAR_NAME = 65.0               # below NAME_MATCH but at least this: a near-miss worth showing

# Words full-text queries leave out: they match everything and say nothing about the claim.
STOPWORDS = frozenset("""
a an the and or but nor not no of to in on at by for from with into about as than then so that which who whom whose
what when where why how many much is are was were be been being am has have had do does did will would shall should
can could may might must it its this these those there their they them he she his her him we our us you your i me my
said says say saying told tell claim claims claimed according whether any some all also just only very
""".split())
PRONOUNS = frozenset("he she they it we i you him her them his hers its their who this that".split())
# Abbreviations expanded on both sides of a name comparison: "PM" is "prime minister".
ABBREVIATIONS = {"pm": "prime minister", "govt": "government", "gov": "government", "un": "united nations",
                 "us": "united states", "uk": "united kingdom", "eu": "european union", "pres": "president",
                 "sen": "senator", "rep": "representative", "gen": "general", "dept": "department",
                 "ceo": "chief executive", "cfo": "chief financial officer", "da": "district attorney",
                 # and words of one office spelt or named differently: "defence lawyer" is "defense attorney", and
                 # an American prosecutor is a district attorney
                 "defence": "defense", "lawyer": "attorney", "counsel": "attorney",
                 "prosecutor": "district attorney", "mp": "member of parliament", "tv": "television"}
# Words naming a role: a question ending in one may mean the person holding it ("the Turkish prime minister").
ROLE_WORDS = frozenset("""
president minister premier chancellor king queen prince sheikh emir sultan pope governor mayor senator secretary
ambassador envoy spokesman spokeswoman spokesperson chairman chairwoman chair ceo chief director leader commander
general judge attorney nominee candidate correspondent editor reporter official officer
""".split())
_TOKEN = re.compile(r"[^\W_]+")


def query_words(text: str) -> list[str]:
    """The question's searchable words: letters and digits only (so no FTS or SQL syntax survives), lower-cased,
    stopwords dropped (they match nearly every row, and the cost of ranking grows with the matches), each once."""
    words = [w for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return list(dict.fromkeys(words))[:32]


# --- full text ---------------------------------------------------------------------------------------------------

def match_claims(session: Session, words: list[str], team_id: str, *, article_id: int | None = None,
                 every_word: bool = True, with_figures: bool = False, attributed_only: bool = False,
                 ranked: bool = True, limit: int = CANDIDATES) -> list[int]:
    """Claim ids whose content or cue sentence holds the words (all of them, or any): SQLite's best bm25 rank first,
    PostgreSQL's newest first (the reranker orders them); newest first on both when not `ranked`, for callers that
    order the claims themselves.

    Both look among the newest claims only: FIRST_WINDOW of them, widened until `limit` claims match or it spans
    every claim. Ranking, and on PostgreSQL reading each match's row, costs per match, so a common word over a
    whole large corpus would cost seconds, while the newest few thousand claims holding it are enough to choose
    from; a small corpus is one window, ranked whole."""
    if not words:
        return []
    params: dict = {"team": team_id, "limit": limit}
    filters = ["a.team_id = :team"]
    if article_id is not None:
        filters.append("c.article_id = :article")
        params["article"] = article_id
    if with_figures:
        filters.append("EXISTS (SELECT 1 FROM figure f WHERE f.sentence_id = c.sentence_id OR f.claim_id = c.id)")
    if attributed_only:
        filters.append("c.attributed")
    scoped = " WHERE article_id = :article" if article_id is not None else ""     # each end read off an index
    low, high = session.execute(text(f"SELECT (SELECT min(id) FROM claim{scoped}), "
                                     f"(SELECT max(id) FROM claim{scoped})"), params).one()
    if high is None:
        return []
    if session.get_bind().dialect.name == "sqlite":
        return _match_sqlite(session, words, every_word, ranked, " AND ".join(filters), params, low, high)
    params["q"] = (" & " if every_word else " | ").join(words)
    return _newest_postgresql(session, " AND ".join(filters), params, low, high)


def _match_sqlite(session: Session, words: list[str], every_word: bool, ranked: bool, where: str, params: dict,
                  low: int, high: int) -> list[int]:
    """FTS5 over claim_fts. Unranked needs no window: FTS5 walks its index newest first and stops at the limit.
    Ranked, the window is widened fourfold by cheap counts, then bm25 ranks it once, by the words rare enough to be
    cheap to weigh (_ranked_words); the others still select."""
    params["q"] = _fts_query(words, every_word)
    hits = (f"FROM claim_fts JOIN claim c ON c.id = claim_fts.rowid JOIN article a ON a.id = c.article_id "
            f"WHERE claim_fts MATCH :q AND claim_fts.rowid BETWEEN :floor AND :high AND {where}")
    newest = f"SELECT c.id {hits} ORDER BY claim_fts.rowid DESC LIMIT :limit"
    if not ranked:
        return [row[0] for row in session.execute(text(newest), {**params, "floor": low, "high": high})]
    best_first = "bm25(claim_fts, 1.0, 0.5), c.id DESC"
    best = f"SELECT c.id {hits} ORDER BY {best_first} LIMIT :limit"
    rank_by = _ranked_words(session, words)
    if not rank_by:
        best = newest
    elif rank_by != words and every_word:     # the rare words' bm25 among the claims holding every word
        params["rare"] = _fts_query(rank_by, every_word)
        best = (f"SELECT c.id {hits.replace('MATCH :q', 'MATCH :rare')} AND +claim_fts.rowid IN (SELECT rowid "
                f"FROM claim_fts WHERE claim_fts MATCH :q AND rowid BETWEEN :floor AND :high) "
                f"ORDER BY {best_first} LIMIT :limit")
    elif rank_by != words:                    # any word: those holding a rare one (they would rank first)
        params["q"] = _fts_query(rank_by, every_word)
    enough = text(f"SELECT count(*) FROM (SELECT 1 {hits} LIMIT :limit) counted")
    window = FIRST_WINDOW
    while (floor := max(low, high - window + 1)) > low and \
            session.execute(enough, {**params, "floor": floor, "high": high}).scalar() < params["limit"]:
        window *= 4             # counted, not ranked: bm25 reads every row holding a word, so it runs once
    return [row[0] for row in session.execute(text(best), {**params, "floor": floor, "high": high})]


def _newest_postgresql(session: Session, where: str, params: dict, low: int, high: int) -> list[int]:
    """The newest `limit` claims matching the stored tsvectors of the content and the cue's sentence (migrations
    0005, 0006): the newest FIRST_WINDOW claims read by id, each tested (no GIN posting list is read: a common
    word's spans the whole table, and the planner, taking co-occurring words for independent, expects none to
    match and reads them all); then, if too few match, a window sized by how many did (twice what that density
    needs, at least four times wider) read off the GIN indexes, widened fourfold until enough match; but every claim
    at once when that density says all of them hold few matches (at most FEW_MATCHES times the limit; none when
    the window held none). Reading off the GIN indexes reads each word's whole posting list, whatever the window
    (the ids only filter the rows found), so each widening read common words that rarely meet again: "government
    & increase & number & people" at 100,000 articles was read 3 times, 25 ms each, to find none. "c.id + 0"
    keeps the planner from walking the id index down a wide window, testing each row, for a LIMIT it expects to
    reach soon."""
    tested = "(c.content_tsv @@ to_tsquery('english', :q) OR c.sentence_tsv @@ to_tsquery('english', :q))"

    def newest(match: str, order: str, floor: int) -> list[int]:
        return session.execute(text(f"SELECT c.id FROM claim c JOIN article a ON a.id = c.article_id WHERE {match} "
                                    f"AND c.id BETWEEN :floor AND :high AND {where} ORDER BY {order} DESC LIMIT :limit"),
                               {**params, "floor": floor, "high": high}).scalars().all()

    floor = max(low, high - FIRST_WINDOW + 1)
    found = newest(f"coalesce({tested}, false)", "c.id", floor)       # coalesce: not an indexable condition
    while len(found) < params["limit"] and floor > low:
        span = high - floor + 1
        if len(found) * (high - low + 1) <= FEW_MATCHES * params["limit"] * span:
            floor = low
        else:
            floor = max(low, high - max(4 * span, 2 * span * params["limit"] // len(found)) + 1)
        found = newest(tested, "c.id + 0", floor)
    return list(found)


def _fts_query(words: list[str], every_word: bool) -> str:
    return (" AND " if every_word else " OR ").join(f'"{w}"' for w in words)


def _ranked_words(session: Session, words: list[str]) -> list[str]:
    """The words SQLite's bm25 ranks by: those at most RANKED_ROWS claims hold, as estimated from the newest
    FIRST_WINDOW claims; every word while the table holds no more claims than that. bm25 weighs a word by how rare
    it is, counted over every row of the table holding it, however narrow the window (a word 760,000 of the
    4.1 million claims of 100,000 articles hold: 15 ms); a word that common weighs little, and still selects."""
    low, high = session.execute(text("SELECT (SELECT min(id) FROM claim), (SELECT max(id) FROM claim)")).one()
    if high is None or high - low + 1 <= RANKED_ROWS:
        return words
    held = text("SELECT count(*) FROM claim_fts WHERE claim_fts MATCH :word AND rowid BETWEEN :floor AND :high")
    floor = max(low, high - FIRST_WINDOW + 1)
    most = RANKED_ROWS * (high - floor + 1) / (high - low + 1)
    return [w for w in words if session.execute(held, {"word": f'"{w}"', "floor": floor, "high": high}).scalar()
            <= most]


def search_claims(session: Session, words: list[str], team_id: str, **options) -> list[int]:
    """All the words when enough claims hold them all, else any of them: a typo or an extra word in a question
    must not empty the answer."""
    strict = match_claims(session, words, team_id, every_word=True, **options)
    if len(strict) >= 3 or len(words) <= 1:
        return strict
    loose = match_claims(session, words, team_id, every_word=False, **options)
    return list(dict.fromkeys([*strict, *loose]))


# --- names -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NameMatch:
    key: str            # entity.key shared by the same entity across articles
    alias: str          # the folded alias or description that matched
    score: float        # 0-100


@dataclass
class _NameIndex:
    """The database's distinct names (folded aliases, descriptions, entity keys) as words, for fuzzy lookups:
    names only, never rows, so it is read from covering indexes and grows with the vocabulary, not the corpus.
    Which entities of which workspace a name stands for is read when it matches (`_keys_named`)."""

    alias_max: int = 0                                      # the alias and entity ids read so far
    entity_max: int = 0
    names: list[str] = field(default_factory=list)          # name words joined by spaces (name_tokens)
    stored: list[list[str]] = field(default_factory=list)   # each name's stored spellings
    descriptions: set[str] = field(default_factory=set)     # the spellings that are descriptions
    position: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, list[int]] = field(default_factory=dict)  # expanded word -> names holding it
    grams: dict[str, set[str]] = field(default_factory=dict)    # padded trigram -> words holding it
    short: set[str] = field(default_factory=set)            # words of at most SHORT_CLOSE letters
    initials: dict[str, list[int]] = field(default_factory=dict)  # "who" -> names such as "world health organization"
    close: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # question word -> close words (memo)


_name_cache: dict[str, _NameIndex] = {}
_name_lock = threading.Lock()
_NAME_FILLERS = frozenset({"the", "a", "an", "of", "s"})
_ACRONYM_SKIPS = frozenset({"the", "of", "and", "for", "on", "in", "s"})
SHORTLIST = 40                 # names scored in full per name asked (the best by token_set_ratio)
SHORT_CLOSE = 6                # a word of 4 letters is within ratio 75 only of words of at most 6


def name_tokens(folded: str) -> list[str]:
    words = _TOKEN.findall(folded.lower())
    if not ABBREVIATIONS.keys().isdisjoint(words):
        words = [part for word in words for part in ABBREVIATIONS.get(word, word).split()]
    return [w for w in words if w not in _NAME_FILLERS]


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _name_index(session: Session) -> _NameIndex:
    """The cached names, topped up with the aliases and entities stored since (ids above those read), rebuilt when
    rows were deleted from the end."""
    bind = session.get_bind()
    alias_max, entity_max = session.execute(text(
        "SELECT (SELECT coalesce(max(id), 0) FROM alias), (SELECT coalesce(max(id), 0) FROM entity)")).one()
    with _name_lock:
        index = _name_cache.get(f"{bind.url}:{id(bind)}")
        if index is None or alias_max < index.alias_max or entity_max < index.entity_max:
            index = _name_cache[f"{bind.url}:{id(bind)}"] = _NameIndex()
        if (alias_max, entity_max) != (index.alias_max, index.entity_max):
            _add_names(session, index, alias_max, entity_max)
        return index


def read_names(engine: Engine) -> None:
    """Read the database's names into the cache before any question needs them, as a server starts: at 100,000
    articles the first read takes seconds (2 s with the file in the OS page cache, 9 s from disk), which the first
    asker would otherwise wait for."""
    with open_session(engine) as session:
        _name_index(session)


def _add_names(session: Session, index: _NameIndex, alias_max: int, entity_max: int) -> None:
    # A first read takes every name off the covering indexes (no id filter: the planner would scan the table by
    # id instead); later ones only the rows past those read. Rows added meanwhile are read twice, harmlessly.
    new_aliases = Alias.id > index.alias_max if index.alias_max else true()
    new_entities = Entity.id > index.entity_max if index.entity_max else true()
    descriptions = set(session.execute(select(Entity.description).where(
        new_entities, Entity.description.is_not(None)).distinct()).scalars())
    spellings = {*session.execute(select(Alias.folded).where(new_aliases).distinct()).scalars(),
                 *session.execute(select(Entity.key).where(new_entities).distinct()).scalars(), *descriptions}
    index.descriptions |= descriptions
    for spelling in spellings:
        name = " ".join(name_tokens(spelling or ""))
        if not name or name in PRONOUNS:
            continue
        number = index.position.get(name)
        if number is None:
            number = index.position[name] = len(index.names)
            index.names.append(name)
            index.stored.append([])
            for word in set(name.split()):
                if word not in index.tokens:
                    index.tokens[word] = []
                    for gram in _trigrams(word):
                        index.grams.setdefault(gram, set()).add(word)
                    if len(word) <= SHORT_CLOSE:
                        index.short.add(word)
                index.tokens[word].append(number)
            words = [w for w in name.split() if w not in _ACRONYM_SKIPS]
            if len(words) > 1 and spelling not in descriptions and words[0] not in HONORIFICS:   # "Ms Pillay" no "MP"
                index.initials.setdefault("".join(w[0] for w in words), []).append(number)
        if spelling not in index.stored[number]:
            index.stored[number].append(spelling)
    index.close.clear()
    index.alias_max, index.entity_max = alias_max, entity_max


def _close_words(index: _NameIndex, word: str) -> list[tuple[str, float]]:
    """Vocabulary words within rapidfuzz ratio 75 of the word (at most 25, best first). Only words sharing a
    letter trigram with it are compared (a word that close keeps most of its trigrams), and for a word of up to 4
    letters, which one typo leaves no trigram, the short words too (a longer one is not that close)."""
    found = index.close.get(word)
    if found is None:
        shared = set().union(*(index.grams.get(gram, ()) for gram in _trigrams(word)))
        if len(word) <= 4:
            shared |= index.short
        # all those within 75, then the best 25 in alphabetical order on ties: sorting the few found, not the
        # thousands compared, was the cost of a new word
        found = sorted(((close, score) for close, score, _ in
                        process.extract(word, shared, scorer=fuzz.ratio, score_cutoff=75, limit=None)
                        if _one_end_kept(word, close)),
                       key=lambda pair: (-pair[1], pair[0]))[:25]
        index.close[word] = found
    return found


def _keys_named(session: Session, spellings: set[str], descriptions: set[str], team_id: str) -> dict[str, set[str]]:
    """The workspace's entity keys for each stored spelling, as a folded alias, as a key itself, or (for those in
    `descriptions`) as a description, each read through its column's index."""
    keys: dict[str, set[str]] = {}
    for column, query, wanted in (
            (Alias.folded, select(Alias.folded, Entity.key).join(Entity, Entity.id == Alias.entity_id), spellings),
            (Entity.key, select(Entity.key, Entity.key), spellings),
            (Entity.description, select(Entity.description, Entity.key), spellings & descriptions)):
        if not wanted:
            continue
        rows = session.execute(query.join(Article, Article.id == Entity.article_id)
                               .where(column.in_(list(wanted)), Article.team_id == team_id).distinct()).all()
        for spelling, key in rows:
            keys.setdefault(spelling, set()).add(key)
    return keys


def _plural_pair(word: str, other: str) -> bool:
    """A plural and its singular: not the same name ("Republicans" are not "the Republican"); but a role's plural
    is each who holds it ("the analysts": "one analyst" and "another analyst"), which _plural_score gives."""
    return word != other and (word == other + "s" or other == word + "s")


def _plural_score(word: str, other: str) -> float:
    """A role asked in the plural is each who holds it; asked in the singular, it is no group's ("the independent
    expert" is not "independent experts")."""
    return 100.0 if word == other + "s" and is_role(other) else 60.0


def _one_end_kept(word: str, other: str) -> bool:
    """Whether two words could be spellings of one name: a misspelling or variant keeps the first or the last
    letter ("Assad"/"Asad", "Qaddafi"/"Gaddafi"); two words differing at both ends are different words however
    many letters they share ("residents"/"president" scores 89 by rapidfuzz ratio)."""
    return word[:1] == other[:1] or word[-1:] == other[-1:]


def _word_match(word: str, other: str) -> float:
    """rapidfuzz similarity of two name words, _plural_score for a plural and its singular, 0 when both ends differ."""
    if _plural_pair(word, other):
        return _plural_score(word, other)
    return fuzz.ratio(word, other) if _one_end_kept(word, other) else 0.0


def _word_matches(query: list[str], name: list[str]) -> list[list[float]]:
    """_word_match of every query word (rows) with every name word (columns), in one rapidfuzz call: names are
    scored by the hundred per question, and a Python call per word pair was most of a what-said answer's time."""
    scores = process.cdist(query, name, scorer=fuzz.ratio, dtype=numpy.float64)
    firsts, lasts = numpy.array([w[:1] for w in name]), numpy.array([w[-1:] for w in name])
    both_ends_differ = ((numpy.array([w[:1] for w in query])[:, None] != firsts)
                        & (numpy.array([w[-1:] for w in query])[:, None] != lasts))
    scores[both_ends_differ] = 0.0
    scores = scores.tolist()
    if not {w + "s" for w in query}.isdisjoint(name) or not {w + "s" for w in name}.isdisjoint(query):
        for i, word in enumerate(query):
            for j, other in enumerate(name):
                if _plural_pair(word, other):
                    scores[i][j] = _plural_score(word, other)
    return scores


def name_score(query: list[str], name: list[str], similar=None) -> float:
    """How well a name matches: mostly whether every word of the question's name is there (typos allowed), a
    little whether the alias has words the question did not give. Extra alias words are fine when the question
    gives the alias's head ("Erdogan" for "Recep Tayyip Erdogan") or ends in a role the alias holds ("the Turkish
    prime minister" for "Turkish PM Recep Tayyip Erdogan"); otherwise the alias names someone else ("Wells Fargo"
    is not "Wells Fargo CEO John Stumpf"). `similar(a, b)` scores two words 0-100 (symmetric; _word_match when
    not given)."""
    scores = _word_matches(query, name) if similar is None else [[similar(q, n) for n in name] for q in query]
    query_best = [max(row) for row in scores]                 # each query word's best match among the name's
    name_best = [max(column) for column in zip(*scores)]      # and each name word's among the query's

    def coverage(wanted: list[str], best: list[float]) -> float:
        return sum(len(w) * b for w, b in zip(wanted, best)) / sum(len(w) for w in wanted)

    score = 0.8 * coverage(query, query_best) + 0.2 * coverage(name, name_best)
    role = is_role(query[-1])
    if role and len(name) >= len(query) and all(b >= 85 for b in name_best[-len(query):]) \
            and min(query_best) >= 85:
        score = max(score, coverage(query, query_best))     # a description ending in the role asked ("a
        # neurologist ... and the study's lead author" for "the lead author"): its other words take nothing away
    extra = any(b < 85 for b in name_best)
    if extra and name_best[-1] < 85 and not (role and query_best[-1] >= 85):
        score = min(score, NEAR_NAME)
    return score


def is_role(word: str) -> bool:
    """Whether a name's word names a role or office a person holds ("superintendent", "analysts"), not a name."""
    return any(w in ROLE_WORDS or w in PERSON_NOUNS or w in PERSON_TITLES for w in (word, word.removesuffix("s")))


def match_names(session: Session, folded: str, team_id: str, *, floor: float = NAME_MATCH,
                limit: int | None = None) -> list[NameMatch]:
    """Aliases (and descriptions) of the workspace's entities matching a folded name, best first: close words are
    found in the cached vocabulary with rapidfuzz, then only the names holding them are scored, and the entities
    of those scoring at least `floor` are read from the database (the first `limit` of them, when given)."""
    query = [w for w in name_tokens(folded) if w not in STOPWORDS or w in {"us"}]
    if not query:
        return []
    index = _name_index(session)
    if not index.names:
        return []
    hits: Counter[int] = Counter()
    table: dict[tuple[str, str], float] = {}
    for word in query:
        for close, _ in _close_words(index, word):
            table[word, close], table[close, word] = _word_match(word, close), _word_match(close, word)
            hits.update(index.tokens[close])

    def similar(a: str, b: str) -> float:
        return table.get((a, b), 100.0 if a == b else 0.0)

    # the best SHORTLIST by token_set_ratio, ties (every name holding all the words scores 100) to the shorter
    # name, then alphabetically: never to the order names were read in, which differs between processes
    numbers = list(hits)
    scores = process.cdist([" ".join(query)], [index.names[n] for n in numbers], scorer=fuzz.token_set_ratio,
                           dtype=numpy.float64)[0]
    cut = numpy.partition(scores, -SHORTLIST)[-SHORTLIST] if len(numbers) > SHORTLIST else 0.0
    shortlist = heapq.nsmallest(SHORTLIST, numpy.flatnonzero(scores >= cut).tolist(), key=lambda i: (
        -scores[i], len(index.names[numbers[i]]), index.names[numbers[i]]))
    passing = [(number, score) for number in (numbers[i] for i in shortlist)
               if (score := name_score(query, index.names[number].split(), similar)) >= floor]
    scored = _scored_entities(session, index, passing, team_id, floor, limit)
    if not scored:
        return []
    best = scored[0].score
    chosen: dict[str, NameMatch] = {}
    for m in scored:
        if m.score >= best - NAME_MARGIN or floor < NAME_MATCH:
            chosen.setdefault(m.key, m)
    return list(chosen.values())[:limit]


def match_acronym(session: Session, acronym: str, team_id: str) -> list[NameMatch]:
    """Entities whose name has these initials, for an acronym the articles do not write as a name ("the WHO" when
    they say "the World Health Organization" and "a WHO epidemiologist")."""
    index = _name_index(session)
    passing = [(number, 100.0) for number in index.initials.get(acronym.lower(), [])]
    return _scored_entities(session, index, passing, team_id, NAME_MATCH, None) if passing else []


def _scored_entities(session: Session, index: _NameIndex, passing: list[tuple[int, float]], team_id: str,
                     floor: float, limit: int | None) -> list[NameMatch]:
    """The workspace's entities the passing names (number, score) stand for, best first, read band by band from the
    best name down (each band: names within NAME_MARGIN of the band's first) until the names left cannot count:
    they score below the best match's margin (or, for near-misses, below the limit-th entity). A name held by
    every copy of a story stands for entities in thousands of rows, so reading only the few names that can win
    keeps the cost of a lookup off the corpus size."""
    passing = sorted(passing, key=lambda pair: -pair[1])
    scored: list[NameMatch] = []
    done = 0
    while done < len(passing):
        following = passing[done][1]
        if scored and floor >= NAME_MATCH and following < scored[0].score - NAME_MARGIN:
            break
        if scored and limit is not None:
            keys = list(dict.fromkeys(m.key for m in scored))
            if len(keys) >= limit and following < next(m.score for m in scored if m.key == keys[limit - 1]):
                break
        band = [pair for pair in passing[done:] if pair[1] >= following - NAME_MARGIN]
        done += len(band)
        keys_of = _keys_named(session, set().union(*(index.stored[number] for number, _ in band)),
                              index.descriptions, team_id)
        scored += [NameMatch(key, index.names[number], score) for number, score in band
                   for key in set().union(*(keys_of.get(spelling, set()) for spelling in index.stored[number]))]
        scored.sort(key=lambda m: (-m.score, m.key, m.alias))
    return scored


def entity_names(session: Session, keys: list[str], team_id: str) -> dict[str, str]:
    """The canonical name shown for each entity key: its most recent spelling."""
    if not keys:
        return {}
    rows = session.execute(
        select(Entity.key, Entity.name).join(Article, Article.id == Entity.article_id)
        .where(Entity.key.in_(keys), Article.team_id == team_id).order_by(Article.id, Entity.id)).all()
    return {key: name for key, name in rows}


SPEAKING_FOR = ("spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople", "official",
                "officials")


# A country's bodies that speak for it: "Kestria's foreign ministry" says what Kestria says.
GOVERNMENT_BODIES = ("government", "ministry", "foreign ministry", "defence ministry", "defense ministry",
                     "interior ministry", "foreign office", "state department", "embassy", "cabinet")


def alias_ending(session: Session, entity_id: int, ending: str) -> str | None:
    """One of the entity's aliases as written that ends so ("Travis Kendrick's spokeswoman" for "'s spokeswoman")."""
    return session.execute(select(Alias.text).where(Alias.entity_id == entity_id, Alias.text.endswith(ending))
                           .order_by(Alias.id).limit(1)).scalar()


def match_descriptions(session: Session, asked: str, team_id: str) -> list[NameMatch]:
    """Entities described with the head noun asked and every other word asked: "the headache specialist" is "a
    headache specialist at the University of Toronto", "the owner" is "Harbour City's current owner", "the MP" is "the
    opposition member of parliament for the district"; but "the district" is not that member. Read off the cached
    name index (descriptions are in it), so only descriptions holding the head noun are looked at."""
    words = set(w for w in name_tokens(asked) if w not in STOPWORDS)
    head = _description_head(asked)
    if not words or not head:
        return []
    index = _name_index(session)
    passing = [(number, 100.0) for number in index.tokens.get(head, [])
               if words <= set(index.names[number].split())
               and any(spelling in index.descriptions and _description_head(spelling) == head
                       for spelling in index.stored[number])]
    return _scored_entities(session, index, passing, team_id, NAME_MATCH, None) if passing else []


def _description_head(description: str) -> str:
    """The noun a description is about: its last word before a comma, a clause or a phrase ("specialist" of "a
    headache specialist at the University of Toronto who ...")."""
    spelt_out = " ".join(ABBREVIATIONS.get(word, word) for word in description.lower().split())    # "MP"
    stretch = _DESCRIPTION_END.split(spelt_out, maxsplit=1)[0]
    words = name_tokens(stretch)
    return words[-1] if words else ""


_DESCRIPTION_END = re.compile(r"[,;(\u2014]|\b(?:who|which|that|whose|at|of|for|in|from|with|on|to|since)\b")


def spokespeople(session: Session, keys: list[str], team_id: str) -> list[str]:
    """Keys of the entities that speak for these ("Syrian government spokeswoman" for "Syrian government", Abdi
    Wario, known as "the Sovereign Liberation Front's spokesman" from "Its spokesman, Abdi Wario", and a country's
    government and ministries): what a government or a company says, it mostly says through them. Exact keys and
    aliases, read off their indexes."""
    wanted = [f"{key} {noun}" for key in keys for noun in (*SPEAKING_FOR, *GOVERNMENT_BODIES)]
    if not wanted:
        return []
    named = select(Entity.key).join(Article, Article.id == Entity.article_id).where(Article.team_id == team_id)
    return sorted({*session.execute(named.where(Entity.key.in_(wanted))).scalars(),
                   *session.execute(named.join(Alias, Alias.entity_id == Entity.id)
                                    .where(Alias.folded.in_(wanted))).scalars()})


def claims_by_sources(session: Session, keys: list[str], team_id: str, *, article_id: int | None = None,
                      limit: int = CANDIDATES) -> list[int]:
    """Claims whose extracted source is one of the entities, newest article first; plus claims an editor
    attributed to them. Claims an editor took away from them are dropped when loaded (`load_claims`)."""
    if not keys:
        return []
    query = (select(Claim.id).join(Entity, Entity.id == Claim.source_entity_id)
             .join(Article, Article.id == Claim.article_id)
             .where(Entity.key.in_(keys), Article.team_id == team_id, Claim.attributed.is_(True)))
    corrected = (select(Correction.claim_id).join(Entity, Entity.id == Correction.source_entity_id)
                 .join(Claim, Claim.id == Correction.claim_id)
                 .where(Correction.team_id == team_id, Entity.key.in_(keys)))
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
        corrected = corrected.where(Claim.article_id == article_id)
    ids = session.execute(query.order_by(Article.ingested_at.desc(), Article.id.desc(), Claim.position, Claim.id)
                          .limit(limit)).scalars().all()
    return list(dict.fromkeys([*session.execute(corrected.order_by(Claim.id.desc()).limit(limit)).scalars().all(),
                               *ids]))


def hedged_claims(session: Session, kind: str, team_id: str, *, article_id: int | None = None,
                  limit: int = CANDIDATES) -> list[int]:
    """Claims in sentences holding a hedge of the kind ("unverified": "cannot be independently verified"), or that a
    caveat after them qualifies, newest article first: what a fact-checker asks for by the hedge, whose words the
    sentences need not share."""
    query = (select(Claim.id).join(Hedge, or_(Hedge.sentence_id == Claim.sentence_id, Hedge.claim_id == Claim.id))
             .join(Article, Article.id == Claim.article_id).where(Hedge.kind == kind, Article.team_id == team_id))
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    ids = session.execute(query.order_by(Article.ingested_at.desc(), Article.id.desc(), Claim.position, Claim.id)
                          .limit(limit)).scalars().all()
    return list(dict.fromkeys(ids))


# --- loading what an answer quotes ----------------------------------------------------------------------------------

@dataclass
class ClaimRecord:
    """One claim with its source as it stands after corrections, its quoted text and where it sits."""

    claim_id: int
    article_id: int
    article_slug: str
    article_title: str
    article_url: str | None
    outlet: str | None
    ingested_order: tuple            # (ingested_at, article id): newer articles first on ties
    attributed: bool
    kind: str
    cue_text: str | None
    cue_kind: str | None
    source_text: str | None
    source_entity_id: int | None
    source_key: str | None
    source_name: str | None
    content_text: str
    passage: str                     # the sentence(s) holding the cue and the content, exactly as printed
    passage_start: int
    passage_end: int
    position: int                    # position of the passage's first sentence
    sentence_id: int = 0             # the cue's sentence
    relevance_order: int = 0         # place among the full-text candidates (best BM25 first on SQLite, newest on PG)
    content_match: float = 0.0       # share of the question's words in the claim's own content (set by the ranker)
    content_start: int = 0
    content_end: int = 0
    corrected: bool = False
    hedges: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    disputes: list[tuple[int, str]] = field(default_factory=list)
    reported_by: str | None = None   # the speaker of the quote this claim is told in ("They are saying ...," she said)


def brief_claims(session: Session, claim_ids: list[int], team_id: str) -> dict[int, ClaimRecord]:
    """The claims (of this workspace only) with what ranking needs, keyed by id in the order asked (not the order
    the database returns rows in, which may differ between runs), corrections applied: the passage is the cue's
    sentence until `complete` fills in the whole passage, hedges, figures and disputes."""
    claim_ids = list(dict.fromkeys(claim_ids))
    if not claim_ids:
        return {}
    rows = session.execute(
        select(Claim.id, Claim.article_id, Claim.attributed, Claim.kind, Claim.cue_text, Claim.cue_kind,
               Claim.source_text, Claim.source_entity_id, Claim.content_text, Claim.content_start, Claim.content_end,
               Sentence.id, Sentence.text, Sentence.start, Sentence.end, Sentence.position, Article.slug,
               Article.title, Article.url, Article.outlet, Article.ingested_at, Entity.key, Entity.name)
        .join(Sentence, Sentence.id == Claim.sentence_id).join(Article, Article.id == Claim.article_id)
        .outerjoin(Entity, Entity.id == Claim.source_entity_id)
        .where(Claim.id.in_(claim_ids), Article.team_id == team_id)).all()
    records: dict[int, ClaimRecord] = dict.fromkeys(claim_ids)
    for (claim_id, article_id, attributed, kind, cue_text, cue_kind, source_text, source_entity_id, content,
         content_start, content_end, sentence_id, sentence, start, end, position, slug, title, url, outlet,
         ingested, key, name) in rows:
        records[claim_id] = ClaimRecord(
            claim_id=claim_id, article_id=article_id, article_slug=slug, article_title=title, article_url=url,
            outlet=outlet, ingested_order=(ingested, article_id), attributed=attributed, kind=kind,
            cue_text=cue_text, cue_kind=cue_kind, source_text=source_text, source_entity_id=source_entity_id,
            source_key=key, source_name=name, content_text=content, passage=sentence, passage_start=start,
            passage_end=end, position=position, sentence_id=sentence_id, content_start=content_start,
            content_end=content_end)
    records = {claim_id: record for claim_id, record in records.items() if record is not None}
    _apply_corrections(session, records, team_id)
    return records


def complete(session: Session, records: list[ClaimRecord], team_id: str) -> list[ClaimRecord]:
    """Fill in what an answer quotes: the whole passage (cue sentence and content) as printed, hedges, figures,
    disputes. Only for the few records shown."""
    if not records:
        return records
    by_id = {r.claim_id: r for r in records}
    extents = _passages(session, records)
    texts = dict(session.execute(select(Article.id, Article.raw_text)
                                 .where(Article.id.in_({r.article_id for r in records}))).all())
    for record in records:
        record.passage_start, record.passage_end, record.position = extents[record.claim_id]
        record.passage = texts[record.article_id][record.passage_start:record.passage_end]
    attach_own(session, by_id, ("hedges", "figures"))
    _attach_reporters(session, by_id, team_id)
    attach_disputes(session, by_id, team_id)
    return records


def attach_disputes(session: Session, records: dict[int, ClaimRecord], team_id: str) -> None:
    """The disputes each claim is in, strongest first: for the claims shown, and for how-many's candidates, whose
    rival figures of one count answer together. Each once, however often asked."""
    for claim_id, dispute_id, topic in session.execute(
            select(DisputeClaim.claim_id, Dispute.id, Dispute.topic).join(Dispute, Dispute.id == DisputeClaim.dispute_id)
            .where(DisputeClaim.claim_id.in_(list(records)), Dispute.team_id == team_id)
            .order_by(Dispute.confidence.desc(), Dispute.id)).all():
        if (dispute_id, topic) not in records[claim_id].disputes:
            records[claim_id].disputes.append((dispute_id, topic))


def _attach_reporters(session: Session, records: dict[int, ClaimRecord], team_id: str) -> None:
    """For a claim nested in another's quote, who tells it: a fact-checker weighs "State TV says" differently when
    it is Al Jazeera's correspondent saying that State TV says so. The teller's source as corrected, if it has one."""
    parent_of = dict(session.execute(select(Claim.id, Claim.parent_id).where(
        Claim.id.in_(list(records)), Claim.parent_id.is_not(None))).all())
    parents = brief_claims(session, list(parent_of.values()), team_id)
    for claim_id, parent_id in parent_of.items():
        parent = parents.get(parent_id)
        if parent is not None and parent.attributed:
            records[claim_id].reported_by = parent.source_name or parent.source_text


def load_claims(session: Session, claim_ids: list[int], team_id: str) -> dict[int, ClaimRecord]:
    """The claims ready to quote, keyed by id."""
    records = brief_claims(session, claim_ids, team_id)
    complete(session, list(records.values()), team_id)
    return records


def _passages(session: Session, records: list[ClaimRecord]) -> dict[int, tuple[int, int, int]]:
    """Per claim: the whole sentences covering its cue's sentence and its content, as (start, end, position)."""
    wanted = {r.claim_id: (min(r.passage_start, r.content_start), max(r.passage_end, r.content_end), r.article_id)
              for r in records}
    sentences: dict[int, list[tuple[int, int, int]]] = {}
    for art_id, start, end, position in session.execute(
            select(Sentence.article_id, Sentence.start, Sentence.end, Sentence.position)
            .where(Sentence.article_id.in_({a for _, _, a in wanted.values()})).order_by(Sentence.position)).all():
        sentences.setdefault(art_id, []).append((start, end, position))
    out = {}
    for claim_id, (lo, hi, art_id) in wanted.items():
        covering = [s for s in sentences.get(art_id, []) if s[0] < hi and lo < s[1]]
        out[claim_id] = (covering[0][0], covering[-1][1], covering[0][2]) if covering else (lo, hi, 0)
    return out


def _apply_corrections(session: Session, records: dict[int, ClaimRecord], team_id: str) -> None:
    """The latest correction of each claim decides its source: an entity, a name as the editor typed it, or the
    outlet itself (no source)."""
    rows = session.execute(
        select(Correction, Entity.key, Entity.name).outerjoin(Entity, Entity.id == Correction.source_entity_id)
        .where(Correction.claim_id.in_(list(records)), Correction.team_id == team_id)
        .order_by(Correction.created_at, Correction.id)).all()
    for correction, key, name in rows:
        record = records[correction.claim_id]
        record.corrected = True
        record.source_entity_id = correction.source_entity_id
        record.source_key = key
        record.source_name = name
        record.source_text = correction.source_text or name
        record.attributed = bool(correction.source_text or correction.source_entity_id)
        if not record.attributed:
            record.kind = "statement"


_OWN = {"hedges": Hedge, "figures": Figure}


def attach_own(session: Session, records: dict[int, ClaimRecord], kinds: tuple[str, ...] = ("figures",)) -> None:
    """A claim's own hedges and figures (the `kinds` asked for), plus those of its sentence that no claim owns
    inside its content, and those no claim's content holds at all ("the Network, which deployed nearly 4,000
    monitors, disputed that figure": the sentence's figure is in no content, yet it is what the sentence tells):
    for the claims shown, and for how-many's candidates, which must count what was asked."""
    by_sentence: dict[int, list[ClaimRecord]] = {}
    for r in records.values():
        by_sentence.setdefault(r.sentence_id, []).append(r)
    by_claim = {r.claim_id: r for r in records.values()}
    contents = _content_spans(session, list(by_sentence))
    for target in kinds:
        table = _OWN[target]
        for row in session.execute(select(table).where(or_(table.sentence_id.in_(list(by_sentence)),
                                                           table.claim_id.in_(list(by_claim))))
                                   .order_by(table.start, table.id)).scalars():
            owner = by_claim.get(row.claim_id)      # a caveat in the next sentence: "That figure could not be ..."
            holders = by_sentence.get(row.sentence_id, [])
            loose = target == "figures" and row.claim_id is None and not any(
                start <= row.start and row.end <= end for start, end in contents.get(row.sentence_id, []))
            for r in holders + ([owner] if owner is not None and owner not in holders else []):
                owned = row.claim_id == r.claim_id
                inside = loose or row.claim_id is None and r.content_start <= row.start and row.end <= r.content_end
                values = getattr(r, target)
                if (owned or inside) and _shown(row) not in values:
                    values.append(_shown(row))


def _content_spans(session: Session, sentence_ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    """Where each sentence's claims' contents lie."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for sentence_id, start, end in session.execute(select(Claim.sentence_id, Claim.content_start, Claim.content_end)
                                                   .where(Claim.sentence_id.in_(sentence_ids))).all():
        spans.setdefault(sentence_id, []).append((start, end))
    return spans


def _shown(row: Hedge | Figure) -> str:
    """A hedge or figure as printed; a figure given as a quantity's value with the quantity after it: "at least 43
    (death toll)" of "the death toll has risen to at least 43"."""
    counts = getattr(row, "counts", None)
    return f"{row.text} ({counts})" if counts and counts not in row.text else row.text


# --- other lookups ----------------------------------------------------------------------------------------------

def find_article(session: Session, ref: str, team_id: str) -> Article | None:
    """An article of the workspace by id, exact slug, or a close slug/title ("Jisr al-Shugur" finds
    jisr-al-shughour): fuzzy over the few slugs sharing its first letters."""
    ref = ref.strip()
    if ref.isdigit():
        found = session.get(Article, int(ref)) if len(ref) <= 12 else None     # beyond any id (and BIGINT)
        return found if found and found.team_id == team_id else None
    slug = "-".join(_TOKEN.findall(ref.lower()))
    if not slug:
        return None
    exact = session.exec(select(Article).where(Article.team_id == team_id, Article.slug == slug)).first()
    if exact:
        return exact
    prefix = slug[:3]
    rows = session.execute(select(Article.id, Article.slug).where(
        Article.team_id == team_id, Article.slug >= prefix, Article.slug < prefix + "\uffff").limit(2000)).all()
    best = process.extractOne(slug, {i: s for i, s in rows}, scorer=fuzz.WRatio, score_cutoff=80)
    return session.get(Article, best[2]) if best else _titled(session, slug.split("-"), team_id)


def _titled(session: Session, words: list[str], team_id: str) -> Article | None:
    """The newest article whose title holds every word of the reference ("the Jill Stein article"), as a reader
    names one; short words ("the", "of") are not asked for."""
    wanted = [w for w in words if len(w) > 2][:8]
    if not wanted:
        return None
    title = func.lower(Article.title)
    return session.exec(select(Article).where(Article.team_id == team_id, *(title.contains(w, autoescape=True)
                                                                          for w in wanted))
                        .order_by(Article.ingested_at.desc(), Article.id.desc()).limit(1)).first()


def source_counts(session: Session, team_id: str, *, article_id: int | None = None,
                  limit: int = 30) -> list[tuple[str | None, str | None, int, list[int]]]:
    """Sources by number of claims (resolved entity key, name, count, a few claim ids), most claims first;
    sources the extractor could not resolve are grouped by their words as written."""
    source = func.coalesce(Entity.key, func.lower(Claim.source_text))
    query = (select(source, func.max(Entity.name), func.max(Claim.source_text), func.count(Claim.id),
                    func.min(Claim.id))
             .select_from(Claim).join(Article, Article.id == Claim.article_id)
             .outerjoin(Entity, Entity.id == Claim.source_entity_id)
             .where(Article.team_id == team_id, Claim.attributed.is_(True), source.is_not(None)))
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    rows = session.execute(query.group_by(source).order_by(func.count(Claim.id).desc(), source).limit(limit)).all()
    return [(key, name or written, count, [first]) for key, name, written, count, first in rows]


def describe(session: Session, keys: list[str], team_id: str, *, article_id: int | None = None,
             limit: int = 5) -> list[tuple[Entity, Sentence, Article]]:
    """Entities with a description the articles give, each with the sentence holding it, newest article first."""
    if not keys:
        return []
    query = (select(Entity, Sentence, Article).join(Article, Article.id == Entity.article_id)
             .join(Sentence, (Sentence.article_id == Entity.article_id)
                   & (Sentence.start <= Entity.description_start) & (Sentence.end >= Entity.description_end))
             .where(Entity.key.in_(keys), Article.team_id == team_id, Entity.description.is_not(None)))
    if article_id is not None:
        query = query.where(Article.id == article_id)
    return list(session.execute(query.order_by(Article.ingested_at.desc(), Article.id.desc(), Entity.id, Sentence.id)
                                .limit(limit)).all())


def claims_after(session: Session, anchors: list[tuple[int, int]], window: int, team_id: str) -> list[int]:
    """Claims whose cue's sentence is one of the `window` sentences from each (article id, sentence position)
    anchor on, in order: where a reply to a claim ("X denied the claim") is found."""
    near = or_(*(and_(Claim.article_id == article_id, Sentence.position >= position,
                      Sentence.position <= position + window) for article_id, position in anchors))
    return list(session.execute(select(Claim.id).join(Sentence, Sentence.id == Claim.sentence_id)
                                .join(Article, Article.id == Claim.article_id)
                                .where(Article.team_id == team_id, Claim.attributed.is_(True), near)
                                .order_by(Claim.article_id, Sentence.position, Claim.id)).scalars())


def claims_on_sentences(session: Session, sentence_ids: list[int]) -> dict[int, int]:
    """Per sentence, the claim whose cue sits in it (attributed first), for answers that quote a bare sentence; one
    query for all of them. A sentence with no claim is left out."""
    rows = session.execute(select(Claim.sentence_id, Claim.id).where(Claim.sentence_id.in_(sentence_ids))
                           .order_by(Claim.attributed.desc(), Claim.position, Claim.id)).all()
    found: dict[int, int] = {}
    for sentence_id, claim_id in rows:
        found.setdefault(sentence_id, claim_id)
    return found


def entities_in_sentences(session: Session, sentence_ids: list[int], continued: set[int] = frozenset()
                          ) -> dict[int, set[str]]:
    """Per sentence, the keys of the entities it mentions, however written: a name a question gives may be one of
    them under another alias ("the president" for "Trump"). For the `continued` ones, cut off mid-clause by the
    sentence splitter ("Clinton mentioned disparaging remarks" | "Trump had made about Machado."), the next
    sentence's too."""
    cut_at = {(article_id, position + 1): sentence_id for sentence_id, article_id, position in session.execute(
        select(Sentence.id, Sentence.article_id, Sentence.position).where(Sentence.id.in_(list(continued)))).all()}
    continuing = {sentence_id: cut_at[article_id, position] for sentence_id, article_id, position in session.execute(
        select(Sentence.id, Sentence.article_id, Sentence.position).where(or_(false(), *(
            and_(Sentence.article_id == article_id, Sentence.position == position)
            for article_id, position in cut_at))))} if cut_at else {}
    wanted = set(sentence_ids)
    found: dict[int, set[str]] = {}
    for sentence_id, key in session.execute(
            select(Mention.sentence_id, Entity.key).join(Entity, Entity.id == Mention.entity_id)
            .where(Mention.sentence_id.in_(list(wanted | set(continuing))))).all():
        if sentence_id in wanted:
            found.setdefault(sentence_id, set()).add(key)
        if sentence_id in continuing:
            found.setdefault(continuing[sentence_id], set()).add(key)
    return found
