"""Who said it: each quote's source as written, resolved to an entity.

A source is resolved by its head word: a named mention there is the speaker ("Turkish PM Recep Tayyip Erdogan");
a capital city as a source stands for its country's government ("claims by Damascus"); a pronoun is followed back
to the most salient agreeing noun phrase before the quote, main-clause subjects first and nearer sentences first
("he", "she", "they", "it"; "I" and "we" are the enclosing quote's speaker); a description ("The
government", "state TV", "our correspondent in Beirut") is matched to an entity of its number whose names hold
its words and its head word, or becomes an entity of its own ("Al Jazeera's correspondent", "human rights
groups"); one opening with "his", "her", "their" or "its" is its owner's ("her campaign" -> "Hillary
Clinton's campaign"). A quote without a source keeps speaker None: nobody is invented.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy import symbols
from spacy.attrs import DEP, IDX, LOWER, POS
from spacy.tokens import Doc, Token

from bot.extract.entities import (
    BODY_GLOSSES, BODY_HEADS, COMPANY_NOUNS, COMPANY_WORDS, DESCRIPTION_HEAD, FEMALE_WORDS, INSTITUTIONS, MALE_WORDS,
    PERSON_NOUNS, TITLES, fold_name, has_possessive, post_nominal, short_name,
)
from bot.extract.gazetteer import COUNTRY_OF_ADJECTIVE, COUNTRY_OF_CAPITAL, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES
from bot.extract.sentences import sentence_at
from bot.extract.types import Entity, Mention, Quote, Sentence, Span
from bot.text import INSERTED, NormalisedText

PERSON_PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
GROUP_PRONOUNS = frozenset("they them their theirs".split())
THING_PRONOUNS = frozenset("it its".split())
FIRST_PERSON = frozenset("i we me us my our".split())
PRONOUNS = frozenset(PERSON_PRONOUNS) | GROUP_PRONOUNS | THING_PRONOUNS
# Sources that name nobody: a quote from "no one" or "someone" has no speaker to resolve.
NOBODY = frozenset(("no one", *"nobody none anyone anybody someone somebody everyone everybody".split()))
RELATIVE_PRONOUNS = frozenset("who which that whom whose".split())
POSSESSIVE_PRONOUNS = frozenset("his her their its".split())
NOT_SOURCE_POS = frozenset("VERB AUX ADP PART SCONJ CCONJ PUNCT".split())
# Words that do not tell two descriptions apart ("our correspondent in Beirut" = "the BBC's correspondent in Beirut").
_FUNCTION_WORDS = frozenset("the a an our their its his her this that these those of in on at for from by to and".split())
_INDEFINITE = frozenset("a an one another some".split())
# A name opening with a number or a quantifier is a part of a group ("About four in 10 ... voters", "many
# analysts"): a later "voters" or "the analysts" means the whole group, not that part.
_QUANTIFIERS = frozenset("about nearly almost roughly more less fewer some many most few several half all both each "
                         "any one two three four five six seven eight nine ten dozens hundreds thousands".split())
_MODIFIER_DEPS = frozenset("poss compound amod nmod".split())
_NOUN_POS = frozenset((symbols.NOUN, symbols.PROPN, symbols.PRON))
_TITLE_ABBREVIATIONS = {
    "sen": "senator", "gov": "governor", "rep": "representative", "gen": "general", "col": "colonel",
    "lt": "lieutenant", "capt": "captain", "sgt": "sergeant", "adm": "admiral", "prof": "professor",
    "pm": "minister", "rev": "reverend", "pres": "president", "cllr": "councillor",
}
_PREPOSITION = re.compile(r"\s(?:of|for|in|at|from|with|on|to)\s")
_OF = re.compile(r"\sof\s")
_PERSON_WINDOW = 8   # sentences searched back for he/she
_OTHER_WINDOW = 2    # for they/it


def _stem(word: str) -> str:
    """A crude singular, the same on both sides of a comparison: "groups" and "group" match."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> set[str]:
    return {_stem(w) for w in fold_name(text).split() if w not in _FUNCTION_WORDS}


@dataclass
class _Context:
    doc: Doc
    norm: NormalisedText
    sentences: list[Sentence]
    entities: list[Entity]
    mentions: list[Mention]
    token_starts: list[int] = field(default_factory=list)   # original offset of each token
    heads: list[set[str]] = field(default_factory=list)     # per entity: head words a description may use
    known_heads: set[str] = field(default_factory=set)      # every entity's heads together
    words: list[set[str]] = field(default_factory=list)     # per entity: every word of its names
    gender_votes: dict[int, Counter] = field(default_factory=dict)  # per person: he/she that followed a mention
    quoted: list[tuple[int, int]] = field(default_factory=list)  # normalised extents inside quotation marks
    by_token: dict[int, Mention] = field(default_factory=dict)   # token index -> the mention holding it
    sentence_of: list[int] = field(default_factory=list)         # token index -> its sentence's number in the doc
    mention_spans: set[Span] = field(default_factory=set)
    described: set[int] = field(default_factory=set)              # entities made from a common noun, not a name
    they_people: set[int] = field(default_factory=set)            # people the article says go by "they"
    # Per token, read once from the Doc's arrays: the loops over many tokens need no spaCy Token objects.
    lowers: list[int] = field(default_factory=list)         # string hashes
    pos: list[int] = field(default_factory=list)
    deps: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        columns = self.doc.to_array([IDX, LOWER, POS, DEP]).T.tolist() if len(self.doc) else [[], [], [], []]
        starts, self.lowers, self.pos, self.deps = columns
        last = 0
        for idx in starts:
            source = self.norm.sources[idx] if idx < len(self.norm.sources) else INSERTED
            last = source if source != INSERTED else last
            self.token_starts.append(last)
        self.quoted = _quoted_extents(self.norm)
        for number, sent in enumerate(self.doc.sents):
            self.sentence_of.extend([number] * len(sent))
        for mention in self.mentions:
            self.index_mention(mention)
            self.mention_spans.add(mention.span)
        self._count_gender_pronouns()
        self._find_they_people()
        for index, entity in enumerate(self.entities):
            self.heads.append(set())
            self.words.append(set())
            for alias in entity.aliases:
                self._learn(index, alias, entity.type)
            for kind in _kinds(entity):       # "the company", "the firm", "the force"
                self._learn(index, kind, entity.type)
            if entity.description and _is_noun_phrase(entity.description):
                # "the dictator of the Philippines": "the dictator" may later stand for the name, and "the leader
                # of the council" is "the council leader"
                head, *rest = DESCRIPTION_HEAD.split(entity.description, maxsplit=1)
                self._learn(index, head, entity.type)
                if rest and _OF.match(entity.description, len(head)):
                    self.words[index].update(w for w in map(_stem, fold_name(rest[0]).split())
                                             if w not in _FUNCTION_WORDS)

    def _find_they_people(self) -> None:
        """"Independent candidate Sam Okoro, who uses they/them pronouns, ...": "they said" may be Okoro."""
        for match in _THEY_PRONOUNS.finditer(self.norm.text):
            before = [m for m in self.mentions if m.span.start < self.norm.span(match.start(), match.start()).start
                      and self.entities[m.entity].type == "PERSON"]
            if before:
                self.they_people.add(max(before, key=lambda m: m.span.start).entity)

    def _learn(self, index: int, alias: str, entity_type: str, head: str | None = None) -> None:
        folded = [_stem(w) for w in fold_name(alias).split()]
        if not folded:
            return
        self.words[index].update(w for w in folded if w not in _FUNCTION_WORDS)
        heads = {head or folded[-1]}
        if entity_type == "PERSON":
            titles = [w for w in folded if w in TITLES]
            full = [_TITLE_ABBREVIATIONS[w] for w in titles if w in _TITLE_ABBREVIATIONS]
            heads.update(titles + full)  # "Gov. Pat McCrory" is "the governor"
            self.words[index].update(full)
        elif entity_type == "ORG":
            # "Castlegate said" is Castlegate Homes, as the NER missed the short name; "the ministry" the Ministry
            # of Health
            heads.add(_stem(short_name(fold_name(alias).split())[-1]))
            named_for = fold_name(DESCRIPTION_HEAD.split(alias, maxsplit=1)[0]).split()
            if len(named_for) < len(folded):
                heads.add(_stem(named_for[-1]))
        self.heads[index].update(heads)
        self.known_heads.update(heads)

    def add_entity(self, entity: Entity, head: str) -> int:
        self.entities.append(entity)
        self.heads.append(set())
        self.words.append(set())
        self._learn(len(self.entities) - 1, entity.name, entity.type, head)
        return len(self.entities) - 1

    def add_alias(self, index: int, alias: str, head: str | None = None) -> None:
        entity = self.entities[index]
        if alias not in entity.aliases:
            entity.aliases.append(alias)
        self._learn(index, alias, entity.type, head)

    def quotation(self, token: Token) -> int:
        """Index of the quoted stretch holding the token, -1 outside quotation marks."""
        return self.quotation_at(token.idx)

    def quotation_at(self, offset: int) -> int:
        """Index of the quoted stretch holding a normalised offset, -1 outside quotation marks."""
        i = bisect.bisect_right(self.quoted, (offset, len(self.norm.text))) - 1
        return i if i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1] else -1

    def tokens(self, span: Span) -> list[Token]:
        lo = bisect.bisect_left(self.token_starts, span.start)
        hi = bisect.bisect_left(self.token_starts, span.end)
        return [t for t in self.doc[lo:hi] if not t.is_space]

    def token_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self.token_starts, offset) - 1, 0)

    def index_mention(self, mention: Mention) -> None:
        """Its tokens and the letters after a name ("Simon Keeler KC"), which the parser often makes the head."""
        tokens = self.tokens(mention.span)
        for token in tokens:
            self.by_token.setdefault(token.i, mention)
        after = tokens[-1].i + 1 if tokens else len(self.doc)
        while after < len(self.doc) and post_nominal(self.doc[after]):
            self.by_token.setdefault(after, mention)
            after += 1

    def mention_at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def vote_gender(self, index: int, gender: str, weight: int = 1) -> None:
        self.gender_votes.setdefault(index, Counter())[gender] += weight

    def _count_gender_pronouns(self) -> None:
        """"Lake said she": a he or she outside quotes after a person's mention in one sentence votes for their
        gender, unless the mention owns a noun the pronoun more likely stands for."""
        strings = self.doc.vocab.strings
        pronouns = {strings[word]: gender for word, gender in PERSON_PRONOUNS.items()}
        last_person, last_sentence = None, -2
        for i, lower in enumerate(self.lowers):
            mention = self.by_token.get(i)
            if mention is None and lower not in pronouns or self.quotation_at(self.doc[i].idx) != -1:
                continue
            sentence = self.sentence_of[i]
            if mention is not None and self.doc[i].dep_ == "poss":
                last_person = None      # "Mbeki's coach, who asked not to be named because he was ...": the coach
            elif mention is not None:
                if self.entities[mention.entity].type == "PERSON":
                    last_person, last_sentence = mention.entity, sentence
            elif last_person is not None and sentence == last_sentence:
                self.vote_gender(last_person, pronouns[lower])

    def span(self, tokens: list[Token]) -> Span:
        return self.norm.span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def _quoted_extents(norm: NormalisedText) -> list[tuple[int, int]]:
    """Stretches between paired double quotes, paragraph by paragraph; an unclosed quote runs to the paragraph's
    end (a quote continued in the next paragraph opens it again)."""
    extents: list[tuple[int, int]] = []
    text = norm.text
    for block in norm.blocks:
        marks = []
        at = text.find('"', block.start, block.end)     # str.find, not a test of every character
        while at != -1:
            marks.append(at)
            at = text.find('"', at + 1, block.end)
        marks.append(block.end)
        extents.extend((marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2))
    return extents


def resolve_speakers(
    doc: Doc,
    norm: NormalisedText,
    sentences: list[Sentence],
    quotes: list[Quote],
    entities: list[Entity],
    mentions: list[Mention],
) -> tuple[list[Quote], list[Entity], list[Mention]]:
    """Set each quote's speaker (an entity index); may add entities and mentions for the sources it resolves.

    Quotes are resolved in text order, so a pronoun can follow back to a source resolved before it.
    """
    ctx = _Context(doc, norm, sentences, list(entities), list(mentions))
    for quote in sorted(quotes, key=_quote_start):
        quote.speaker = _speaker(ctx, quote, quotes)
    _name_whose(ctx)
    ctx.mentions.sort(key=lambda m: m.span.start)
    return _without_orphans(quotes, ctx.entities, ctx.mentions)


def _name_whose(ctx: _Context) -> None:
    """A description opening with a possessive pronoun ("His spokeswoman, Ashley Moreno") says whose: the person
    is also known by the owner's name ("Travis Kendrick's spokeswoman"), as a question asks for them."""
    for index, entity in enumerate(list(ctx.entities)):
        words = (entity.description or "").split()
        if entity.description_span is None or len(words) < 2 or words[0].lower() not in POSSESSIVE_PRONOUNS:
            continue
        tokens = ctx.tokens(entity.description_span)
        owner = _antecedent(ctx, tokens[0], tokens[0].i, speech=False) if tokens else None
        if owner is not None and owner != index and owner not in ctx.described:
            ctx.add_alias(index, f"{ctx.entities[owner].name}'s {' '.join(words[1:])}")


def _without_orphans(
    quotes: list[Quote], entities: list[Entity], mentions: list[Mention]
) -> tuple[list[Quote], list[Entity], list[Mention]]:
    """Drop entities left with no mention and no quote (a capital whose only mention spoke for its government)."""
    used = {m.entity for m in mentions} | {q.speaker for q in quotes if q.speaker is not None}
    if len(used) == len(entities):
        return quotes, entities, mentions
    new_index = {old: new for new, old in enumerate(i for i in range(len(entities)) if i in used)}
    for mention in mentions:
        mention.entity = new_index[mention.entity]
    for quote in quotes:
        if quote.speaker is not None:
            quote.speaker = new_index[quote.speaker]
    return quotes, [e for i, e in enumerate(entities) if i in used], mentions


def _quote_start(quote: Quote) -> int:
    return min([quote.cue.start, *(s.start for s in quote.sources), *(c.start for c in quote.contents)])


def _speaker(ctx: _Context, quote: Quote, quotes: list[Quote]) -> int | None:
    """The first of the quote's sources as written that resolves to an entity."""
    for source in quote.sources:
        speaker = _source_entity(ctx, source, quote, quotes)
        if speaker is not None:
            return speaker
    return None


def _source_entity(ctx: _Context, source: Span, quote: Quote, quotes: list[Quote]) -> int | None:
    tokens = ctx.tokens(source)
    if not tokens:
        return None
    tokens = _bracketed(tokens) or tokens
    while len(tokens) > 1 and post_nominal(tokens[-1]):
        tokens = tokens[:-1]    # "Prosecutor Sarah Lindqvist KC": the parser made "KC" the head
    if len(tokens) == 1 and tokens[0].text in ("Q", "A") and quote.cue.text == ":":
        # "Q: How much does the robot cost?" asks, unnamed; "A: The system itself is around £1.5 million" is the
        # answer of the one the piece interviews
        return _interviewee(ctx) if tokens[0].text == "A" else None
    head = _head(tokens)
    while post_nominal(head) and head.i > tokens[0].i:
        head = head.nbor(-1)    # "Sarah Lindqvist KC, for the Crown": the parser made "KC" the head
    if " ".join(t.lower_ for t in tokens) in NOBODY or head.lower_ in NOBODY:
        return None
    if head.pos_ in NOT_SOURCE_POS and ctx.mention_at(head) is None:
        return None  # a verb or particle the attribution extractor took for a source ("said")
    person = next((t for t in head.children if _hung_on_noun(t) and (m := ctx.mention_at(t)) is not None
                   and _is_person(ctx.entities[m.entity])), None)
    if person is not None:
        return ctx.mention_at(person).entity
    whole = _partitive_whole(head)
    if whole is not None:   # "One of them said": one of the group named before, unless a name follows
        named = next((m for t in tokens if t.i > whole.i and t.nbor(-1).text == "," and (m := ctx.mention_at(t))
                      is not None and _is_person(ctx.entities[m.entity])), None)
        if named is not None and not any(t.lower_ == "and" for t in tokens):
            return named.entity     # "one of the family's attorneys, Justin Bamberg"
        head, tokens = whole, list(whole.subtree)
    if head.lower_ in RELATIVE_PRONOUNS and ctx.mention_at(head) is None:     # not "The WHO said"
        clause = next((t for t in head.ancestors if t.dep_ == "relcl"), None)
        if clause is None:
            return None  # "that" or "which" standing alone names nobody
        head = clause.head  # "officials who said", "Obama, whose criticism ...": the noun the clause describes
        tokens = _name_tokens(list(head.subtree), head)
    if head.lower_ in FIRST_PERSON:
        speaker = _enclosing_speaker(quote, quotes, source.start)
        return speaker if speaker is not None or ctx.quotation(head) != -1 else _author(ctx)
    if head.lower_ in PRONOUNS:
        quoting = _enclosing_speaker(quote, quotes, source.start) if ctx.quotation(head) != -1 else None
        entity = _antecedent(ctx, head, ctx.token_at(_quote_start(quote)), quote.cue_kind == "speech", quoting)
        if entity is not None:
            _add_mention(ctx, ctx.span([head]), entity)
            if head.lower_ in PERSON_PRONOUNS:
                ctx.vote_gender(entity, PERSON_PRONOUNS[head.lower_], 2)
        return entity
    if _coordinated(ctx, tokens, head):
        return None
    if _epithet(tokens, head):
        earlier = [m for m in ctx.mentions if m.span.start < ctx.token_starts[head.i]
                   and _is_person(ctx.entities[m.entity])]
        if earlier:     # "the Spaniard said", "the 34-year-old said": the person last named
            return max(earlier, key=lambda m: m.span.start).entity
    for resolve in (_named, _issuer, _person_described, _description):
        entity = resolve(ctx, tokens, head)
        if entity is not None:
            if resolve is _named and ctx.mention_at(head) is None:  # "One juror, ..., Dolores": "she" may pick up "juror"
                _add_mention(ctx, ctx.span(_name_tokens(tokens, head)), entity)
            return entity
    return None


def _interviewee(ctx: _Context) -> int | None:
    """The person an interview's answers ("A: ...") are by: the one the article names most often."""
    counts = Counter(m.entity for m in ctx.mentions if ctx.entities[m.entity].type == "PERSON")
    return counts.most_common(1)[0][0] if counts else None


def _partitive_whole(head: Token) -> Token | None:
    """The group of "one of them", "two of the protesters": the source is one of that group, which is how a reader
    knows them (the article names no one more)."""
    if head.lower_ not in _PART_WORDS and not head.like_num:
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


_PART_WORDS = frozenset("one some many several most few all each either".split())


def _epithet(tokens: list[Token], head: Token) -> bool:
    """"the Spaniard", "the Frenchman", "the 34-year-old": a sports and profile writer's name for the person just
    named, never a new speaker."""
    if len(tokens) < 2 or tokens[0].lower_ != "the" or head.tag_ in ("NNS", "NNPS"):
        return False
    word = "".join(t.text_with_ws for t in tokens[1:]).strip().lower()
    return word in _DEMONYMS or bool(_DEMONYM_MAN.fullmatch(word) or _AGED.fullmatch(word))


_DEMONYMS = frozenset(w for w in COUNTRY_OF_ADJECTIVE if " " not in w) | frozenset(
    "spaniard briton brit scot dane swede finn pole turk argentine filipino texan californian londoner".split()
    + ["new yorker"])
_DEMONYM_MAN = re.compile(r"(?:french|english|irish|welsh|scots|dutch)(?:wo)?man")
_AGED = re.compile(r"\d{1,3}-year-old")


_DETERMINING = frozenset(("det", "poss", "nummod"))


def _coordinated(ctx: _Context, tokens: list[Token], head: Token) -> bool:
    """"France and Britain", "Navi Pillay, and the Pope": several speakers, so no one of them is the source (the
    source as written names them all). A name holding "and" ("Procter and Gamble") is one mention, and common
    nouns sharing one determiner ("the former secretary of state and current nominee") describe one speaker."""
    inside = {t.i for t in tokens}
    own = ctx.mention_at(head)
    return any(c.dep_ == "conj" and c.i in inside and (own is None or ctx.mention_at(c) is not own)
               and not (head.pos_ == c.pos_ == "NOUN" and not any(d.dep_ in _DETERMINING for d in c.children))
               for c in head.children)


def _issuer(ctx: _Context, tokens: list[Token], head: Token) -> int | None:
    """Who issued "the statement" that speaks: "a statement from the authority" is the authority's, and in "Mr
    Whitfield's family released a statement through police. '...,' the statement said." the family speaks, not a
    speaker called "statement"."""
    if head.lemma_.lower() not in _ISSUED:
        return None
    author = next((o for p in head.rights if p.dep_ == "prep" and p.lower_ in ("from", "by")
                   for o in p.children if o.dep_ == "pobj"), None)
    if author is not None:      # "according to a statement from the authority": the authority's
        return _entity_or_description(ctx, author)
    if tokens[0].lower_ not in ("the", "this", "that", "its", "their"):
        return None
    first = ctx.doc[head.sent.start - 1].sent.start if head.sent.start else 0     # this sentence and the one before
    for token in reversed(ctx.doc[first:head.i]):
        if token.dep_ == "dobj" and token.lemma_.lower() == head.lemma_.lower() and token.head.pos_ == "VERB":
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return _entity_or_description(ctx, subject)
    return None


def _entity_or_description(ctx: _Context, noun: Token) -> int | None:
    """The entity a noun phrase refers to, else the one its words describe."""
    entity = _entity_of(ctx, noun)
    return entity if entity is not None else _description(ctx, list(noun.subtree), noun)


_ISSUED = frozenset("statement letter release memo note".split())


def _person_described(ctx: _Context, tokens: list[Token], head: Token) -> int | None:
    """"lobbyist and GOP strategist Charlie Black": a person noun or title whose phrase names one person after it,
    not one before it ("Obama's strategist", "some Kendrick supporters": the people are his, not him) nor one in a
    preposition's phrase ("an aide to Tunde Adeyemi", "a friend of John Smith": someone else, tied to him). Any
    other noun too when the name is set off after it: "The UN humanitarian coordinator in Nigeria, Mohamed Fall"."""
    personal = head.lemma_.lower() in PERSON_NOUNS or head.lower_ in TITLES
    if head.tag_ == "NNS" or not personal and head.pos_ != "NOUN":
        return None
    owners = {d.i for t in tokens if t.dep_ == "poss" for d in t.subtree}
    people = {m.entity for m in map(ctx.mention_at, [t for t in _name_tokens(tokens, head)
                                                     if t.i not in owners and t.i > head.i
                                                     and not _in_prepositional_phrase(t, head)
                                                     and (personal or _set_off(t, head))])
              if m is not None and ctx.entities[m.entity].type == "PERSON"}
    return people.pop() if len(people) == 1 else None


def _set_off(token: Token, head: Token) -> bool:
    """In an appositive set off by a comma within the head's phrase."""
    for node in (token, *token.ancestors):
        if node.i == head.i:
            return False
        if node.dep_ == "appos" and token.doc[node.left_edge.i - 1].text == ",":
            return True
    return False


def _in_prepositional_phrase(token: Token, head: Token) -> bool:
    """Inside a prepositional phrase on the head, not in an appositive within it: "Tunde Adeyemi" of "an aide to
    Tunde Adeyemi", not "Romy Imboden" of "the mayor of Zermatt, Romy Imboden" (the parser hangs her on Zermatt)."""
    for node in (token, *token.ancestors):
        if node.dep_ == "appos":
            return False
        if node.head.i == head.i:
            return node.dep_ == "prep"
    return False


def _head(tokens: list[Token]) -> Token:
    """The token of a source phrase whose syntactic head lies outside it."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def _bracketed(tokens: list[Token]) -> list[Token]:
    """"They [State TV]": the editor's clarification inside brackets names the source."""
    opens = [i for i, t in enumerate(tokens) if t.text == "["]
    closes = [i for i, t in enumerate(tokens) if t.text == "]"]
    if opens and closes and closes[0] > opens[0] + 1:
        return tokens[opens[0] + 1:closes[0]]
    return []


def _named(ctx: _Context, tokens: list[Token], head: Token) -> int | None:
    """The entity named at the head, or in an appositive to it ("The UN human rights chief, Navi Pillay"; also
    when the parser split the head: "co-author, Tomas Lindqvist" made "co", "-" and "author" each a subject), or
    in one closing the source ("One juror, a retired schoolteacher who ..., Dolores")."""
    inside = {t.i for t in tokens}
    tops = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    for token in (head, *(c for top in tops for c in top.children if c.dep_ == "appos")):
        mention = ctx.mention_at(token)
        if mention is not None:
            return _metonymy(ctx, mention)
    last = next((t for t in reversed(tokens) if not t.is_punct), head)    # "One juror, a retired ..., Dolores"
    mention = ctx.mention_at(last) if last.dep_ == "appos" and head.lemma_.lower() in PERSON_NOUNS else None
    if mention is not None and _is_person(ctx.entities[mention.entity]):
        return mention.entity
    # "their label, Northlight Records" (the parser hung the name elsewhere): the body named right after the noun
    mention = ctx.mention_at(last) if head.pos_ == "NOUN" and head.lemma_.lower() not in PERSON_NOUNS \
        and head.i + 2 < len(ctx.doc) and ctx.doc[head.i + 1].text == "," else None
    if mention is not None and ctx.entities[mention.entity].type == "ORG" \
            and ctx.tokens(mention.span)[0].i == head.i + 2:
        return mention.entity
    return None


def _metonymy(ctx: _Context, mention: Mention) -> int:
    """A capital city that speaks is its country's government: "claims by Damascus" = the Syrian government."""
    entity = ctx.entities[mention.entity]
    country = COUNTRY_OF_CAPITAL.get(fold_name(entity.name))
    if entity.type not in ("GPE", "LOC") or country is None:
        return mention.entity
    adjective = next((a for a, c in COUNTRY_OF_ADJECTIVE.items() if c == country), country.lower())
    name = f"{adjective.title()} government"
    key = fold_name(name)
    government = next((i for i, e in enumerate(ctx.entities) if fold_name(e.name) == key), None)
    if government is None:
        government = ctx.add_entity(Entity(name=name, type="ORG", aliases=[name]), "government")
    ctx.add_alias(government, _text(ctx.tokens(mention.span)), "government")
    mention.entity = government
    return government


def _description(ctx: _Context, tokens: list[Token], head: Token) -> int | None:
    """An entity the description fits ("The government" -> "Syrian government"), else a new entity. A
    description opening with a possessive pronoun is the person it introduced ("his brother Alastair Osman ...
    his brother added"), else the pronoun is followed back: "her campaign" is the campaign of the woman last
    named, never the campaign of whoever "his campaign" was."""
    name_tokens = _name_tokens(tokens, head)
    words = _words(_text(name_tokens))
    if not words:
        return None
    head_word = _stem(fold_name(head.text))
    span = ctx.span(name_tokens)
    name = _text(name_tokens)
    plural = _plural(ctx, head)
    owner = match = None
    if name_tokens[0].lower_ in POSSESSIVE_PRONOUNS:
        match = _introduced_as(ctx, name, span.start)
        owner = None if match is not None else _possessor(ctx, name_tokens)
        if owner is not None:
            owner_name = ctx.entities[owner].name
            name = f"{owner_name}'s {_text(name_tokens[1:])}"
            match = _fitting_entity(ctx, head_word, words | _words(owner_name.split()[-1]), span.start, plural)
        elif match is None:
            key = fold_name(name)   # whose it is unknown: only the same words seen before may be the same thing
            match = next((i for i, e in enumerate(ctx.entities) if fold_name(e.name) == key), None)
    elif name_tokens[0].lower_ not in _INDEFINITE:
        match = _fitting_entity(ctx, head_word, words, span.start, plural)
        if match is None and len(words) == 1 and head.lemma_.lower() in COMPANY_NOUNS and not plural:
            match = _company_before(ctx, head, span.start)
        if len(name_tokens) == 2 and head.lemma_.lower() in _GROUP_NOUNS:
            match = _group_subject_before(ctx, head, match)
    if match is None:
        name = _spokesperson_of_kind(ctx, name_tokens, head, span.start) or name
        clause = _clause(tokens, head) or _appositive(tokens, head)
        match = ctx.add_entity(Entity(
            name=_strip_determiner(name), type=_description_type(head), aliases=[_strip_determiner(name)],
            description=_text(clause) if clause else None, description_span=ctx.span(clause) if clause else None,
        ), head_word)
        if head.pos_ != "PROPN":
            ctx.described.add(match)
    elif name_tokens[0].lower_ not in POSSESSIVE_PRONOUNS:   # "his brother" is no name of him
        ctx.add_alias(match, name, head_word)
    _add_mention(ctx, span, match)
    return match


def _company_before(ctx: _Context, head: Token, before: int) -> int | None:
    """"Carrow Motors will cut 1,000 jobs, the carmaker said": a kind of company no entity was called stands for the
    company named before it in its sentence, else for the nearest company named before (as "the company" does).
    A body named with "the" ("the Treasury", "the Home Office") is taken for no company."""
    text = ctx.norm.original
    named = [m for m in ctx.mentions if ctx.token_starts[head.sent.start] <= m.span.start < before
             and ctx.entities[m.entity].type == "ORG" and not _is_person(ctx.entities[m.entity])
             and not text[max(0, m.span.start - 4):m.span.start].lower().endswith("the ")
             and not set(fold_name(ctx.entities[m.entity].name).split()) & INSTITUTIONS]
    if named:
        return max(named, key=lambda m: m.span.start).entity
    return _fitting_entity(ctx, "company", {"company"}, before, False)


def _spokesperson_of_kind(ctx: _Context, name_tokens: list[Token], head: Token, before: int) -> str | None:
    """"A company spokesperson" after Calderwood Pharma is "Calderwood Pharma spokesperson": the name says whom
    they speak for, so that what the company said includes what they said."""
    if head.lower_ not in _SPOKESPEOPLE:
        return None
    kind = next((t for t in name_tokens if t.dep_ == "compound" and t.head.i == head.i
                 and _stem(t.lower_) in _KIND_STEMS), None)
    owner = _fitting_entity(ctx, _stem(kind.lower_), {_stem(kind.lower_)}, before, False) if kind else None
    return f"{ctx.entities[owner].name} {head.text}" if owner is not None else None


_SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson".split())


# Nouns that pick up a body of any kind the article named: "The NDLF says ... The group has claimed ...".
_GROUP_NOUNS = frozenset("group organisation organization movement militia faction coalition alliance".split())


def _group_subject_before(ctx: _Context, head: Token, fitting: int | None) -> int | None:
    """"The group" right after a sentence whose subject is a named body not of another kind ("The rights group said
    ... The NDLF says ... The group has claimed"): that body, unless the entity the words fit was named since."""
    sentence = head.sent
    if sentence.start == 0:
        return fitting
    previous = ctx.doc[sentence.start - 1].sent
    subject = next((c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    mention = ctx.mention_at(subject) if subject is not None else None
    if mention is None or mention.entity == fitting:
        return fitting
    entity = ctx.entities[mention.entity]
    words = fold_name(entity.name).split()
    if entity.type != "ORG" or _is_person(entity) or not words or words[-1] in INSTITUTIONS \
            or words[-1] in COMPANY_WORDS or _stem(words[-1]) in _KIND_STEMS:
        return fitting      # no "group" is the army, a company or a ministry
    at = ctx.token_starts[head.i]
    named_since = any(m.entity == fitting and mention.span.start < m.span.start < at for m in ctx.mentions)
    return fitting if named_since else mention.entity


def _introduced_as(ctx: _Context, phrase: str, before: int) -> int | None:
    """The person an earlier mention introduced with these words: "his brother Alastair Osman", "his wife, Jane"."""
    wanted = " ".join(phrase.lower().split())
    for mention in sorted(ctx.mentions, key=lambda m: m.span.start, reverse=True):
        if mention.span.start >= before or not _is_person(ctx.entities[mention.entity]):
            continue
        start = mention.span.start
        lead = " ".join(ctx.norm.original[max(0, start - len(wanted) - 3):start].lower().split()).rstrip(" ,")
        if lead.endswith(wanted) and (len(lead) == len(wanted) or not lead[-len(wanted) - 1].isalnum()):
            return mention.entity
    return None


def _possessor(ctx: _Context, tokens: list[Token]) -> int | None:
    """The named entity a description's opening possessive pronoun refers to ("her" in "her campaign"), if any
    (not another description: "its hosts" after "Fox News's reporting" are not the reporting's hosts)."""
    first = tokens[0]
    if len(tokens) < 2 or first.dep_ != "poss" or first.head not in tokens or first.head.dep_ == "poss":
        return None   # "his show's listeners": the pronoun owns the show, not the listeners
    owner = _antecedent(ctx, first, first.i, speech=False)
    return None if owner in ctx.described else owner


def _name_tokens(tokens: list[Token], head: Token) -> list[Token]:
    """The description without a relative clause, an "including ..." list or a name's appositive: "one man, who
    spoke ..." -> "one man"."""
    kept: list[Token] = []
    for t in tokens:
        if t.i > head.i and (_in_clause(t, head) or t.lower_ == "including" or t.text == "," and head.pos_ == "PROPN"
                             or t.text == "," and t.i + 1 < len(t.doc) and t.nbor(1).tag_ in ("WP", "WP$")):
            break       # "Emergency Watch, a rights group that ...": the name ends at its appositive; "A doctor at
            # Tessun General Hospital, who spoke on condition of anonymity": at the clause, however it was hung
        kept.append(t)
    while len(kept) > 1 and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
        kept.pop()
    return kept


def _in_clause(token: Token, head: Token) -> bool:
    """Inside a relative or participial clause on the head: "who spoke on condition of anonymity"."""
    for node in (token, *token.ancestors):
        if node.i == head.i:
            return False
        if node.dep_ in ("relcl", "acl") and node.head.i == head.i:
            return True
    return False


def _clause(tokens: list[Token], head: Token) -> list[Token]:
    return [t for t in tokens if t.i > head.i and _in_clause(t, head)]


def _appositive(tokens: list[Token], head: Token) -> list[Token]:
    """What a name's appositive says it is: "a rights group that monitors the conflict"."""
    gloss = next((c for c in head.rights if c.dep_ == "appos"), None) if head.pos_ == "PROPN" else None
    inside = {t.i for t in tokens}
    return [t for t in gloss.subtree if t.i in inside] if gloss is not None else []


def _fitting_entity(ctx: _Context, head_word: str, words: set[str], before: int, plural: bool) -> int | None:
    """The entity with this head word whose names hold every word of the description and that agrees in number
    (no person for "organizers", no group for "the candidate", no part of a group for the whole), not a pair the
    description names one of ("the media" is not "media and voters"), nor another office ("shadow minister"); the
    nearest earlier mention wins, else the first later one."""
    fitting = {i for i in range(len(ctx.entities))
               if head_word in ctx.heads[i] and words <= ctx.words[i] and _fits_number(ctx.entities[i], words, plural)
               and (words == ctx.words[i] or not _is_pair(ctx.entities[i].name))
               and not (ctx.words[i] & _QUALIFIERS) - words}
    if not fitting:
        return None
    earlier = [m for m in ctx.mentions if m.entity in fitting and m.span.start < before]
    if earlier:
        return max(earlier, key=lambda m: m.span.start).entity
    if head_word in _KIND_STEMS and len(words) < 3:
        return None     # "the company" is one named before it, not an analyst's firm named at the end; "the
        # national rescue agency" of a lede is the National Emergency Rescue Agency named further down
    fitting = {i for i in fitting if not _ANOTHER_OF_ITS_KIND.match(ctx.entities[i].description or "")}
    later = [m for m in ctx.mentions if m.entity in fitting]
    return min(later, key=lambda m: m.span.start).entity if later else min(fitting, default=None)


# A description saying its entity is not the one of that kind before it ("Another nurse, Tom Okafor"), which no
# earlier "the nurse" can be.
_ANOTHER_OF_ITS_KIND = re.compile(r"(?:another|other|a second|a fellow|a different)\b", re.IGNORECASE)
# Words that make an office another one: "the minister" is not the shadow minister, "the president" not the vice
# president or a former one.
_QUALIFIERS = frozenset("shadow former deputy vice".split())


def _is_pair(name: str) -> bool:
    """"media and voters", not "Experts on North Korea and nuclear nonproliferation"."""
    return " and " in _PREPOSITION.split(name, maxsplit=1)[0]


def _plural(ctx: _Context, noun: Token) -> bool:
    """A plural common noun; the tagger also takes names ending in s for plurals ("Sanders", "Sims")."""
    if noun.tag_ != "NNS":
        return False
    if not noun.text[:1].isupper():
        return True
    return noun.is_sent_start and not any(noun.lower_ in fold_name(alias).split() for entity in ctx.entities
                                          if _is_person(entity) for alias in entity.aliases)


def _fits_number(entity: Entity, words: set[str], plural: bool) -> bool:
    person = _is_person(entity)
    first = fold_name(entity.name).split()[:1]
    if not person and first and (first[0] in _QUANTIFIERS or first[0][0].isdigit()) and first[0] not in words:
        return False
    return not person if plural else entity.type != "GROUP"


def _description_type(head: Token) -> str:
    """Institutions are organisations, singular person nouns and names the NER missed people, plurals groups."""
    lemma = head.lemma_.lower()
    if lemma in INSTITUTIONS or head.lower_ in INSTITUTIONS:
        return "ORG"
    if head.tag_ == "NNP" and not head.ent_type_:
        doc = head.doc
        body = head.lower_ in BODY_HEADS or any(t.lower_ in ("for", "of") for t in head.lefts) \
            or any(c.dep_ == "prep" and c.lower_ in ("for", "of") for c in head.children) \
            or head.i + 2 < len(doc) and doc[head.i + 1].text == "," and doc[head.i + 2].lower_ == "which"
        body = body or any(c.dep_ == "appos" and c.lemma_.lower() in BODY_GLOSSES for c in head.children)
        return "ORG" if body else "PERSON"      # "Network Rail, which ...", "Transport for Wales"
    plural = head.tag_ in ("NNS", "NNPS")
    if lemma in PERSON_NOUNS and not plural:
        return "PERSON"
    return "GROUP" if plural else "ORG"


AUTHOR = "the author"


def _author(ctx: _Context) -> int:
    """Who "I" and "we" are outside any quotation ("My view is that ...", "I think he is wrong", "We rate this claim
    False"): the article's author, one entity per article, never a person quoted in it."""
    found = next((i for i, e in enumerate(ctx.entities) if e.name == AUTHOR and e.type == "PERSON"), None)
    if found is not None:
        return found
    return ctx.add_entity(Entity(name=AUTHOR, type="PERSON", aliases=[AUTHOR],
                                 description="the article's own author, writing in the first person"), "author")


def _enclosing_speaker(quote: Quote, quotes: list[Quote], at: int) -> int | None:
    """"I" or "we" inside a quote is whoever speaks the enclosing quote."""
    if quote.parent is not None:
        return quotes[quote.parent].speaker
    holding = [(c.end - c.start, q.speaker) for q in quotes if q is not quote and q.speaker is not None
               for c in q.contents if c.start <= at < c.end]
    return min(holding)[1] if holding else None


def _antecedent(ctx: _Context, pronoun_token: Token, before: int, speech: bool = True,
                quoting: int | None = None) -> int | None:
    """The most salient noun phrase before token `before` that the pronoun can refer to (gender and number
    agreeing), within a few sentences, skipping other speakers' quoted words; for he/she, else the latest person
    mentioned earlier.

    `quoting` is whoever speaks the quotation holding the pronoun: a "he" in Grace Nwosu's words is someone else,
    and not an unnamed person outside them either ("A former aide testified. '"He said ...,"' Nwosu told the
    court": the aide is likely Nwosu), so no new entity is made from one."""
    pronoun = pronoun_token.lower_
    own_quotation = ctx.quotation(pronoun_token)
    window = _PERSON_WINDOW if pronoun in PERSON_PRONOUNS else _OTHER_WINDOW
    before = min(before, len(ctx.doc))
    here = ctx.sentence_of[min(before, len(ctx.doc) - 1)]
    best: tuple[float, int] | None = None
    chosen: int | Token | None = None
    modifier_deps = {ctx.doc.vocab.strings[dep] for dep in _MODIFIER_DEPS}
    poss, nmod, propn = ctx.doc.vocab.strings["poss"], ctx.doc.vocab.strings["nmod"], symbols.PROPN
    for i in range(before - 1, -1, -1):
        distance = here - ctx.sentence_of[i]
        if distance > window:
            break
        hung = ctx.deps[i] == nmod and ctx.pos[i] == propn and pronoun in PERSON_PRONOUNS \
            and _hung_on_noun(ctx.doc[i]) and ctx.doc[i].head.dep_ in ("nsubj", "nsubjpass")
        if ctx.deps[i] in modifier_deps and not (ctx.deps[i] == poss and ctx.pos[i] == propn or hung) \
                or ctx.pos[i] not in _NOUN_POS:
            continue   # a modifier is no antecedent, save a name owning something ("Ted Cruz's shortcoming")
        token = ctx.doc[i]
        if ctx.quotation(token) not in (-1, own_quotation):
            continue
        entity = _entity_of(ctx, token)
        if entity is not None and entity == quoting:
            continue
        if entity is not None and _agrees(ctx, pronoun, entity, token):
            candidate: int | Token = entity
        elif entity is None and token.dep_ in ("nsubj", "nsubjpass") and _noun_agrees(pronoun, token) \
                and (quoting is None or pronoun not in PERSON_PRONOUNS or ctx.quotation(token) == own_quotation):
            candidate = token
        else:
            continue
        # a person's name hung on the subject (_hung_on_noun) is as salient as the subject
        score = (_salience(token.head if hung else token, distance, speech), token.i)
        if best is None or score > best:
            best, chosen = score, candidate
    if isinstance(chosen, Token):
        return _description(ctx, [t for t in chosen.subtree if t.i <= chosen.i], chosen)
    if chosen is not None:
        return chosen
    if pronoun in PERSON_PRONOUNS:
        at = ctx.token_starts[before] if before < len(ctx.token_starts) else len(ctx.norm.original)
        earlier = [m for m in ctx.mentions if m.span.start < at and m.entity != quoting
                   and _agrees(ctx, pronoun, m.entity, None)]
        if earlier:
            return max(earlier, key=lambda m: m.span.start).entity
    return None


def _hung_on_noun(token: Token) -> bool:
    """A name the parser hung on the noun after it: "Financial analyst Kieran Moss of the consultancy Deloitte
    Sports Group said" makes "Group" the subject and "Moss" its modifier, though Moss speaks."""
    return token.dep_ == "nmod" and token.pos_ == "PROPN" and token.i < token.head.i


def _salience(token: Token, distance: int, speech: bool) -> float:
    """How likely a pronoun `distance` sentences later picks this noun up: a main clause's subject most, any
    subject more than the rest, one point less per sentence back. A pronoun that does something other than speak
    takes the nearest subject in its own sentence ("the security forces were shot ..., after they refused");
    one that speaks is more likely the article's speaker ("Bamberg said ... Scott ..., which he said ..."). A
    name owning something in the pronoun's own sentence comes next ("Despite Cruz's loss, his supporters ...")."""
    if token.dep_ == "poss":
        if distance == 0 and not speech:
            return 1.55
        # "Kendrick's campaign disputed that. His spokeswoman ...": the owner of a subject that cannot be "he"
        owned = token.head
        if distance > 0 and owned.dep_ == "nsubj" and owned.head.dep_ == "ROOT" and owned.pos_ == "NOUN" \
                and owned.lemma_.lower() not in PERSON_NOUNS:
            return 1.4 - distance
        return -distance - 0.5
    verb = token.head
    if speech and verb.lemma_ == "ask" and token.dep_ in ("dobj", "nsubj") \
            and any(c.dep_ == "dobj" for c in verb.children):
        # "The reporter asked Alvarado whether ... 'Yes,' she said": the one asked answers
        return (1.6 if token.dep_ == "dobj" else -0.5) - distance
    if token.dep_ == "ROOT" and token.pos_ == "NOUN" and distance > 0 and token.lemma_.lower() in PERSON_NOUNS \
            and any(c.dep_ == "appos" for c in token.children):
        return 1.5 - distance   # "The shadow health secretary, Mark Delaney, accused ...": parsed as one noun phrase
    if token.dep_ == "ROOT" and token.pos_ == "PROPN" and distance > 0 and token.left_edge.i == token.i \
            and any(c.dep_ == "dobj" for c in token.children):
        return 1.5 - distance   # "Whitby conceded defeat.": the parser made the name the root, its verb a modifier
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return -float(distance)
    if distance == 0 and not speech:
        return 1.6
    while verb.dep_ == "conj":
        verb = verb.head
    return (1.5 if verb.dep_ == "ROOT" else 0.5) - distance


def _entity_of(ctx: _Context, token: Token) -> int | None:
    """The entity a noun phrase head refers to: a mention there, or a description fitting a known entity."""
    mention = ctx.mention_at(token)
    if mention is not None:
        return mention.entity
    if token.pos_ != "NOUN":
        return None
    # "The minister for climate change, Saima Baloch, said": the description is the name after it
    named = [ctx.mention_at(c) for c in token.rights if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if named and named[0] is not None:
        return named[0].entity
    head_word = _stem(fold_name(token.text))
    if head_word not in ctx.known_heads:
        return None
    modifiers = [t for t in token.lefts if t.dep_ in _MODIFIER_DEPS]
    words = _words(" ".join(t.text for t in (*modifiers, token)))
    return _fitting_entity(ctx, head_word, words, ctx.token_starts[token.i], _plural(ctx, token))


def _noun_agrees(pronoun: str, noun: Token) -> bool:
    """A subject no entity stands for yet that the pronoun can still refer to: "The police ... They say", or a
    name the NER missed ("Reynolds says ... she says")."""
    if noun.pos_ == "PROPN":
        return pronoun in PERSON_PRONOUNS and noun.tag_ == "NNP" and not noun.ent_type_
    if noun.pos_ != "NOUN":
        return False
    lemma, plural = noun.lemma_.lower(), noun.tag_ == "NNS"
    institution = lemma in INSTITUTIONS or noun.lower_ in INSTITUTIONS
    if pronoun in PERSON_PRONOUNS:
        other = MALE_WORDS if PERSON_PRONOUNS[pronoun] == "female" else FEMALE_WORDS
        return lemma in PERSON_NOUNS and not plural and lemma not in other
    if pronoun in GROUP_PRONOUNS:
        return plural and (lemma in PERSON_NOUNS or institution) or institution
    # "The flood report was paid for by Castlegate. Of course it says the site is fine": a document speaks too
    return not plural and (institution or pronoun == "it" and _stem(noun.lower_) in _THING_STEMS)


def _agrees(ctx: _Context, pronoun: str, index: int, token: Token | None) -> bool:
    entity = ctx.entities[index]
    if pronoun in PERSON_PRONOUNS:
        return _is_person(entity) and _gender(ctx, index) in (None, PERSON_PRONOUNS[pronoun])
    plural = token is not None and token.tag_ in ("NNS", "NNPS")
    if pronoun in GROUP_PRONOUNS:
        if index in ctx.they_people:
            return True
        if entity.type == "GROUP" and index in ctx.described and ctx.heads[index] & _THING_STEMS:
            return False    # "results published by the secretary of state" are no "they" who spoke
        return entity.type in ("GROUP", "NORP") or entity.type == "ORG" and (plural or token is None)
    return entity.type in ("ORG", "GPE") and not plural


_THEY_PRONOUNS = re.compile(r"\b(?:uses?|using|goes by|go by|prefers?)\s+(?:the\s+)?(?:pronouns?\s+)?\"?they\s*/\s*them\b",
                            re.I)
# Plural things a source may be ("according to results published by ...") that never speak as "they".
_THING_STEMS = frozenset(_stem(w) for w in "results figures data numbers statistics documents records polls surveys "
                         "reports studies estimates files memos emails messages letters photos videos images filings "
                         "analyses tallies counts".split())
# Nouns that pick up an organisation named before them, never one named only after: "The agency approved ..." after
# the FDA is not the European Medicines Agency of the next paragraph.
_KIND_STEMS = frozenset(_stem(w) for w in ("company", "firm", "force", "agency", "ministry", "department",
                                           "regulator", "commission", "council", "newspaper"))


def _kinds(entity: Entity) -> tuple[str, ...]:
    """The common nouns that may stand for an organisation: "the company" for one named as a company ("Voltaro
    Inc.") or described as one ("Consumer electronics maker"), "the force" for a police force."""
    if entity.type != "ORG":
        return ()
    named = fold_name(entity.name).split()[-1:]
    described = fold_name(entity.description).split()[-1:] if entity.description else []
    if named and named[0] in COMPANY_WORDS or described and described[0] in COMPANY_NOUNS:
        return ("company", "firm")
    return ("force",) if named and named[0] in ("police", "constabulary") else ()


def _is_person(entity: Entity) -> bool:
    """A person, or a name the NER mistyped that starts with a known first name ("Carly Fiorina"; not "Bernie
    Sanders's campaign")."""
    words = fold_name(entity.name).split()
    return entity.type == "PERSON" or entity.type == "ORG" and len(words) in (2, 3) and \
        (words[0] in FEMALE_FIRST_NAMES or words[0] in MALE_FIRST_NAMES) and not has_possessive(entity.name)


def _gender(ctx: _Context, index: int) -> str | None:
    """From a title or noun ("Ms", "spokeswoman", "sister"), a known first name, or the pronouns that followed its
    mentions."""
    words = ctx.words[index]
    female, male = bool(words & FEMALE_WORDS), bool(words & MALE_WORDS)
    if female != male:      # both: "Mr Okoro's sister" holds her brother's title; the name decides
        return "female" if female else "male"
    first = fold_name(ctx.entities[index].name).split()[:1]
    if first and first[0] in FEMALE_FIRST_NAMES:
        return "female"
    if first and first[0] in MALE_FIRST_NAMES:
        return "male"
    votes = ctx.gender_votes.get(index)
    if votes:
        (gender, count), *rest = votes.most_common()
        if not rest or count >= 2 * rest[0][1]:
            return gender
    return None


def _is_noun_phrase(description: str) -> bool:
    """An appositive or title ("the UN human rights chief", "Turkish PM"), not a clause about the entity."""
    return "," not in description and description.split()[0].lower() not in ("who", "which", "that", "whose")


def _strip_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in ("the", "a", "an") and rest else text


def _text(tokens: list[Token]) -> str:
    """Tokens as the normalised text has them (no escaping backslashes)."""
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text


def _add_mention(ctx: _Context, span: Span, entity: int) -> None:
    sentence = sentence_at(ctx.sentences, span.start)
    if sentence is None or span in ctx.mention_spans:
        return
    mention = Mention(span=span, entity=entity, sentence=sentence)
    ctx.mentions.append(mention)
    ctx.mention_spans.add(span)
    ctx.index_mention(mention)
