"""Who said it: each quote's source as written, resolved to an entity.

A source is resolved by its head word: a named mention there is the speaker ("Turkish PM Recep Tayyip Erdogan");
a capital city as a source stands for its country's government ("claims by Damascus"); a pronoun is followed back
to the latest compatible earlier mention ("he", "she", "they", "it"); a description ("The government", "state TV",
"our correspondent in Beirut") is matched to an earlier entity whose words contain it, or becomes an entity of its
own ("Al Jazeera's correspondent", "human rights groups"). A quote without a source keeps speaker None: nobody is
invented.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.extract.entities import INSTITUTIONS, fold_name
from bot.extract.places import COUNTRY_OF_ADJECTIVE, COUNTRY_OF_CAPITAL
from bot.extract.sentences import sentence_at
from bot.extract.types import Entity, Mention, Quote, Sentence, Span
from bot.text import INSERTED, NormalisedText

PERSON_PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female"}
GROUP_PRONOUNS = frozenset("they them".split())
THING_PRONOUNS = frozenset("it".split())
# Head nouns of descriptions that name a person ("the spokeswoman") rather than a group or an institution.
PERSON_NOUNS = frozenset(
    "correspondent reporter journalist editor spokesman spokeswoman spokesperson official minister president man "
    "woman boy girl witness resident activist source diplomat analyst expert officer soldier doctor leader chief "
    "envoy ambassador lawyer professor economist commander mother father son daughter wife husband victim "
    "survivor student teacher worker refugee protester protestor demonstrator member secretary adviser advisor "
    "aide negotiator prosecutor judge candidate author researcher scientist governor mayor "
    "senator lawmaker mp driver farmer owner manager director chairman chairwoman executive".split()
)
FEMALE_NOUNS = frozenset("woman spokeswoman mother daughter wife girl chairwoman".split())
MALE_NOUNS = frozenset("man spokesman father son husband boy chairman".split())
FEMALE_TITLES = frozenset("ms mrs miss dame lady queen princess".split())
MALE_TITLES = frozenset("mr sir king prince lord sheikh".split())
# Words that do not tell two descriptions apart ("our correspondent in Beirut" = "the BBC's correspondent in Beirut").
_FUNCTION_WORDS = frozenset("the a an our their its his her this that these those of in on at for from by to and".split())
_INDEFINITE = frozenset("a an one another some".split())


@dataclass
class _Context:
    doc: Doc
    norm: NormalisedText
    sentences: list[Sentence]
    entities: list[Entity]
    mentions: list[Mention]
    token_starts: list[int]     # original offset of each token, for mapping spans back to tokens

    def tokens(self, span: Span) -> list[Token]:
        lo = bisect.bisect_left(self.token_starts, span.start)
        hi = bisect.bisect_left(self.token_starts, span.end)
        return [t for t in self.doc[lo:hi] if not t.is_space]

    def mention_at(self, token: Token) -> Mention | None:
        at = self.token_starts[token.i]
        return next((m for m in self.mentions if m.span.start <= at < m.span.end), None)


def resolve_speakers(
    doc: Doc,
    norm: NormalisedText,
    sentences: list[Sentence],
    quotes: list[Quote],
    entities: list[Entity],
    mentions: list[Mention],
) -> tuple[list[Quote], list[Entity], list[Mention]]:
    """Set each quote's speaker (an entity index); may add entities and mentions for the sources it resolves."""
    ctx = _Context(doc, norm, sentences, list(entities), list(mentions), _token_starts(doc, norm))
    for quote in sorted(quotes, key=_quote_start):
        quote.speaker = _speaker(ctx, quote)
    ctx.mentions.sort(key=lambda m: m.span.start)
    return quotes, ctx.entities, ctx.mentions


def _token_starts(doc: Doc, norm: NormalisedText) -> list[int]:
    starts: list[int] = []
    last = 0
    for token in doc:
        source = norm.sources[token.idx] if token.idx < len(norm.sources) else INSERTED
        last = source if source != INSERTED else last
        starts.append(last)
    return starts


def _quote_start(quote: Quote) -> int:
    return min([quote.cue.start, *(s.start for s in quote.sources), *(c.start for c in quote.contents)])


def _speaker(ctx: _Context, quote: Quote) -> int | None:
    if not quote.sources:
        return None
    source = quote.sources[0]
    tokens = ctx.tokens(source)
    if not tokens:
        return None
    bracketed = _bracketed(tokens)
    if bracketed:
        return _description(ctx, bracketed, _head(bracketed), quote, add_mention=False)
    head = _head(tokens)
    if head.lower_ in PERSON_PRONOUNS or head.lower_ in GROUP_PRONOUNS or head.lower_ in THING_PRONOUNS:
        entity = _antecedent(ctx, head, _quote_start(quote))
        if entity is not None:
            _add_mention(ctx, _token_span(ctx, [head]), entity)
        return entity
    named = _named(ctx, head)
    if named is not None:
        return named
    return _description(ctx, tokens, head, quote, add_mention=True)


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


def _named(ctx: _Context, head: Token) -> int | None:
    """The entity named at the head, or in an appositive to it ("The UN human rights chief, Navi Pillay")."""
    for token in (head, *(c for c in head.children if c.dep_ == "appos")):
        mention = ctx.mention_at(token)
        if mention is not None:
            return _metonymy(ctx, mention)
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
        government = len(ctx.entities)
        ctx.entities.append(Entity(name=name, type="ORG", aliases=[name]))
    alias = mention.span.text
    if alias not in ctx.entities[government].aliases:
        ctx.entities[government].aliases.append(alias)
    mention.entity = government
    return government


def _description(ctx: _Context, tokens: list[Token], head: Token, quote: Quote, add_mention: bool) -> int | None:
    """An earlier entity the description fits ("The government" -> "Syrian government"), else a new entity."""
    name_tokens = _name_tokens(tokens, head)
    span = _token_span(ctx, name_tokens)
    words = _content_words(span.text)
    if not words:
        return None
    indefinite = name_tokens[0].lower_ in _INDEFINITE
    match = None if indefinite else _fitting_entity(ctx, words, fold_name(head.text), span.start)
    if match is None:
        named = _named(ctx, head)
        if named is not None:
            return named
        match = len(ctx.entities)
        name = _strip_determiner(_text(name_tokens))
        ctx.entities.append(Entity(name=name, type=_description_type(head), aliases=[name],
                                   description=_relative_clause(ctx, tokens, head)))
    elif _text(name_tokens) not in ctx.entities[match].aliases:
        ctx.entities[match].aliases.append(_text(name_tokens))
    if add_mention:
        _add_mention(ctx, span, match)
    return match


def _name_tokens(tokens: list[Token], head: Token) -> list[Token]:
    """The description without a relative clause or an "including ..." list: "one man, who spoke ..." -> "one man"."""
    kept: list[Token] = []
    for t in tokens:
        if t.i > head.i and (_in_clause(t, head) or t.lower_ == "including"):
            break
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


def _relative_clause(ctx: _Context, tokens: list[Token], head: Token) -> str | None:
    clause = [t for t in tokens if t.i > head.i and _in_clause(t, head)]
    return _text(clause) if clause else None


def _content_words(text: str) -> set[str]:
    return {w for w in fold_name(text).split() if w not in _FUNCTION_WORDS}


def _fitting_entity(ctx: _Context, words: set[str], head_word: str, before: int) -> int | None:
    """The entity whose names hold every word of the description and end with its head word; the nearest
    earlier mention wins, else the first later one."""
    fitting = set()
    for index, entity in enumerate(ctx.entities):
        for alias in entity.aliases:
            folded = fold_name(alias).split()
            if folded and folded[-1] == head_word or head_word in folded[-1:]:
                if words <= _content_words(" ".join(entity.aliases)):
                    fitting.add(index)
                    break
    if not fitting:
        return None
    earlier = [m for m in ctx.mentions if m.entity in fitting and m.span.start < before]
    if earlier:
        return max(earlier, key=lambda m: m.span.start).entity
    later = [m for m in ctx.mentions if m.entity in fitting]
    return min(later, key=lambda m: m.span.start).entity if later else min(fitting)


def _description_type(head: Token) -> str:
    lemma = head.lemma_.lower()
    if lemma in INSTITUTIONS or head.lower_ in INSTITUTIONS:
        return "ORG"
    plural = head.tag_ in ("NNS", "NNPS")
    if lemma in PERSON_NOUNS and not plural:
        return "PERSON"
    return "GROUP" if plural else "ORG"


def _antecedent(ctx: _Context, pronoun: Token, before: int) -> int | None:
    """The latest earlier mention of an entity the pronoun can refer to (gender and number agreeing)."""
    word = pronoun.lower_
    for mention in sorted((m for m in ctx.mentions if m.span.start < before), key=lambda m: -m.span.start):
        entity = ctx.entities[mention.entity]
        if word in PERSON_PRONOUNS:
            if entity.type == "PERSON" and _gender(entity) in (None, PERSON_PRONOUNS[word]):
                return mention.entity
        elif word in GROUP_PRONOUNS:
            if entity.type in ("GROUP", "ORG", "NORP") and before - mention.span.end < 600:
                return mention.entity
        elif entity.type in ("ORG", "GPE") and before - mention.span.end < 300:
            return mention.entity
    return None


def _gender(entity: Entity) -> str | None:
    words = {w for alias in entity.aliases for w in fold_name(alias).split()}
    if words & (FEMALE_NOUNS | FEMALE_TITLES):
        return "female"
    if words & (MALE_NOUNS | MALE_TITLES):
        return "male"
    return None


def _strip_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in ("the", "a", "an") and rest else text


def _text(tokens: list[Token]) -> str:
    """Tokens as the normalised text has them (no escaping backslashes)."""
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text


def _token_span(ctx: _Context, tokens: list[Token]) -> Span:
    return ctx.norm.span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def _add_mention(ctx: _Context, span: Span, entity: int) -> None:
    if any(m.span == span for m in ctx.mentions):
        return
    ctx.mentions.append(Mention(span=span, entity=entity, sentence=sentence_at(ctx.sentences, span.start)))
