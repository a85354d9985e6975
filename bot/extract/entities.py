"""Named entities: spaCy's mentions grouped into canonical entities with aliases, types and descriptions.

The statistical NER cuts names short ("Turkish PM Recep" tagged a work of art, "Erdogan" left out) and mistypes
them ("Jisr al-Shughour" a person), so mentions are first widened to the whole proper-noun chain of their head,
titles are split off the name ("Turkish PM" | "Recep Tayyip Erdogan"), and the type is voted across every mention
of an entity with the parse's evidence (a title means a person; "in X", "the town of X" mean a place).
A country's adjective or possessive on an institution ("the Syrian government", "Syria's government") makes one
institutional entity, so the store can join it across articles on `fold_name`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token

from bot.extract.places import COUNTRIES, COUNTRY_ALIASES, COUNTRY_OF_ADJECTIVE
from bot.extract.sentences import sentence_at
from bot.extract.types import Entity, Mention, Sentence, Span
from bot.text import NormalisedText

NAMED_LABELS = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())
DETERMINERS = frozenset("the a an".split())
# Words that precede a name without being part of it: the description "Turkish PM" in "Turkish PM Recep Tayyip Erdogan".
TITLES = frozenset(
    "president pm prime minister premier chancellor king queen prince princess sheikh emir sultan mr mrs ms miss "
    "dr prof professor sir dame lord lady gen general col colonel maj major capt captain lt lieutenant sgt sergeant "
    "adm admiral commander senator sen rep representative congressman congresswoman governor gov mayor judge "
    "justice secretary foreign defence defense interior finance deputy vice chief pope cardinal bishop archbishop "
    "rev reverend father imam ayatollah rabbi ambassador envoy spokesman spokeswoman leader chairman chairwoman "
    "ceo director officer coach mp mep speaker opposition former acting state".split()
)
MALE_TITLES = frozenset("mr sir king prince lord father sheikh emir sultan congressman spokesman chairman".split())
FEMALE_TITLES = frozenset("mrs ms miss dame lady queen princess congresswoman spokeswoman chairwoman".split())
# Head nouns that make "Syrian" + noun an organisation rather than people described by nationality.
INSTITUTIONS = frozenset(
    "government regime army military authorities authority administration ministry police media tv television "
    "radio forces parliament cabinet embassy navy agency council court presidency junta opposition party "
    "leadership officials".split()
)
# Prepositions and head nouns that show a name is a place.
PLACE_PREPOSITIONS = frozenset("in at near around across into from to towards outside inside throughout".split())
PLACE_NOUNS = frozenset("town city village region province area district country capital border suburb".split())

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?=\s|$)")
_WORD = re.compile(r"[a-z0-9]+")
_COUNTRY_OF_ALIAS = {" ".join(_WORD.findall(alias)): country for alias, country in COUNTRY_ALIASES.items()}


def fold_name(text: str) -> str:
    """The key that joins names across articles: lower case, no accents, no leading determiner or possessive 's,
    words split at hyphens and apostrophes, a country's adjective replaced by the country ("Syrian" -> "syria")."""
    text = unicodedata.normalize("NFKD", text).translate(_APOSTROPHES)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\\", "")
    words = _WORD.findall(_POSSESSIVE.sub(" ", text))
    while words and words[0] in DETERMINERS:
        words = words[1:]
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            gram = " ".join(words[i:i + n])
            if len(words) - i < n:
                continue
            if gram in COUNTRIES:
                out.append(gram)
                break
            country = COUNTRY_OF_ADJECTIVE.get(gram) or _COUNTRY_OF_ALIAS.get(gram)
            if country is not None:
                out.append(country.lower())
                break
        else:
            n = 1
            out.append(words[i])
        i += n
    return " ".join(out)


@dataclass
class _Mention:
    """One mention before grouping: the tokens as written and the name they carry."""

    start: int              # token indexes, end exclusive
    end: int
    name_start: int         # the name proper, titles and possessors left out
    label: str
    votes: Counter = field(default_factory=Counter)
    institution: bool = False

    def name(self, doc: Doc) -> str:
        return _text(doc[self.name_start:self.end])

    def key(self, doc: Doc) -> str:
        return fold_name(self.name(doc))


def find_entities(doc: Doc, norm: NormalisedText, sentences: list[Sentence]) -> tuple[list[Entity], list[Mention]]:
    """Canonical entities in order of first mention, and every named mention in the body sentences."""
    found = [m for m in _raw_mentions(doc) if _in_body(doc, norm, sentences, m)]
    groups = _group(doc, found)
    entities: list[Entity] = []
    mentions: list[Mention] = []
    for group in groups:
        index = len(entities)
        entities.append(_entity(doc, norm, group))
        for m in group:
            span = _span(doc, norm, m.start, m.end)
            mentions.append(Mention(span=span, entity=index, sentence=sentence_at(sentences, span.start)))
    mentions.sort(key=lambda m: m.span.start)
    return entities, mentions


def _raw_mentions(doc: Doc) -> list[_Mention]:
    mentions: list[_Mention] = []
    taken: set[int] = set()
    for token in doc:
        institution = _institution(doc, token)
        if institution is not None:
            mentions.append(institution)
            taken.update(range(institution.start, institution.end))
    # Adjectives last: "French" in "French President Emmanuel Macron" belongs to the person's mention.
    for ent in sorted(doc.ents, key=lambda e: e.label_ == "NORP"):
        if ent.label_ not in NAMED_LABELS or any(t.i in taken for t in ent):
            continue
        mention = _widened(doc, ent.start, ent.end, ent.label_)
        if mention is not None and not any(i in taken for i in range(mention.start, mention.end)):
            mentions.append(mention)
            taken.update(range(mention.start, mention.end))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _institution(doc: Doc, head: Token) -> _Mention | None:
    """"Syrian state TV", "Syria's government", "Anatolia news agency": a named modifier on an institution noun."""
    if head.lemma_.lower() not in INSTITUTIONS and head.text.lower() not in INSTITUTIONS:
        return None
    if head.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
        return None
    modifiers = [c for c in head.lefts if c.dep_ in ("amod", "compound", "poss", "nmod")]
    named = [c for c in modifiers if c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON", "LOC")]
    if not named:
        return None
    start = min(c.left_edge.i for c in named)
    while start < head.i and doc[start].lower_ in DETERMINERS:
        start += 1
    if any(doc[i].is_punct and doc[i].text not in "-'" for i in range(start, head.i)):
        return None
    return _Mention(start, head.i + 1, start, "ORG", Counter({"ORG": 3}), institution=True)


def _widened(doc: Doc, start: int, end: int, label: str) -> _Mention | None:
    """The whole proper-noun chain around an NER span, titles split off the name proper."""
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    head = _chain_head(doc, start, end)
    if head.i >= end:
        end = head.i + 1
    while start > 0 and _left_of_name(doc[start - 1], start, end):
        start -= 1
    name_start = start
    while name_start < end - 1 and _is_title(doc[name_start]):
        name_start += 1
    votes = Counter({label: 1 if label != "NORP" else 0.5})
    if name_start > start and any(doc[i].lower_ in TITLES for i in range(start, name_start)):
        votes["PERSON"] += 2
    _place_votes(doc[end - 1], votes)
    _list_votes(doc[end - 1], votes)
    if not any(c.isalpha() for c in _text(doc[name_start:end])):
        return None
    return _Mention(start, end, name_start, label, votes)


def _chain_head(doc: Doc, start: int, end: int) -> Token:
    """Follow compound links rightwards: "Recep" -> "Erdogan" when the NER stopped short."""
    token = doc[end - 1]
    while token.dep_ in ("compound", "flat") and token.head.i > token.i and token.head.tag_ in ("NNP", "NNPS") \
            and all(doc[i].tag_ in ("NNP", "NNPS", "HYPH") or doc[i].dep_ == "compound" for i in range(token.i + 1, token.head.i)):
        token = token.head
    return token


def _left_of_name(token: Token, start: int, end: int) -> bool:
    """A capitalised compound or title word, or a country adjective, directly before the name and part of its phrase."""
    if not (start <= token.head.i < end) or token.dep_ not in ("compound", "amod", "nmod", "flat"):
        return False
    return token.tag_ in ("NNP", "NNPS") or token.lower_ in TITLES or token.lower_ in COUNTRY_OF_ADJECTIVE


def _is_title(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return word in TITLES or word in COUNTRY_OF_ADJECTIVE or token.is_lower or token.tag_ == "POS"


def _place_votes(root: Token, votes: Counter) -> None:
    """"in X", "from X" hint at a place; "the town of X", "cities including X" show one."""
    if root.dep_ != "pobj":
        return
    if root.head.head.lemma_.lower() in PLACE_NOUNS:
        votes["GPE"] += 3
    elif root.head.lower_ in PLACE_PREPOSITIONS:
        votes["GPE"] += 1


def _list_votes(root: Token, votes: Counter) -> None:
    """Names listed together are of one kind: "Deraa, Baniyas, Rastan, Latakia" are all places."""
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    listed = [first, *(t for t in first.subtree if t.dep_ == "conj" and t.i != root.i)]
    labels = Counter(t.ent_type_ for t in listed if t.i != root.i and t.ent_type_ in NAMED_LABELS)
    for label, count in labels.items():
        votes[label] += min(count, 2)


def _in_body(doc: Doc, norm: NormalisedText, sentences: list[Sentence], m: _Mention) -> bool:
    block = norm.block_at(doc[m.start].idx)
    return block is not None and block.kind == "body"


def _group(doc: Doc, mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions whose names fold alike, differ only in spelling, or give the surname of one full name.

    A bare surname shared by several full names ("Clinton" after "Bill Clinton" and "Hillary Clinton") goes, mention
    by mention, to the full name mentioned last before it.
    """
    by_key: dict[str, list[_Mention]] = {}
    for m in mentions:
        by_key.setdefault(m.key(doc), []).append(m)
    groups: list[list[_Mention]] = []
    for key, group in by_key.items():
        twin = next((g for g in groups if _spelling_variants(key, g[0].key(doc), group[0], g[0])), None)
        if twin is None:
            groups.append(group)
        else:
            twin.extend(group)
    full_names = [g for g in groups if _personish(g) and len(g[0].key(doc).split()) > 1]
    kept: list[list[_Mention]] = []
    for group in groups:
        key = group[0].key(doc)
        owners = [g for g in full_names if len(key.split()) == 1 and _personish(group)
                  and any(_alike(key, m.key(doc).split()[-1], 85) for m in g)]
        if not owners:
            kept.append(group)
            continue
        for m in group:
            earlier = [(max((o.start for o in g if o.start < m.start), default=-1), n) for n, g in enumerate(owners)]
            latest, n = max(earlier)
            owners[n if latest >= 0 else 0].append(m)
    for group in kept:
        group.sort(key=lambda m: m.start)
    return sorted(kept, key=lambda g: g[0].start)


def _personish(group: list[_Mention]) -> bool:
    return any(m.votes["PERSON"] > 0 for m in group)


def _spelling_variants(a: str, b: str, ma: _Mention, mb: _Mention) -> bool:
    """"Jisr al-Shughour" and "Jisr al-Shugur"; two people's names must also share the first name."""
    if ma.institution or mb.institution:
        return False
    if ma.votes["PERSON"] > 0 and mb.votes["PERSON"] > 0 and a.split()[0] != b.split()[0]:
        return False
    return _alike(a, b, 88)


def _alike(a: str, b: str, threshold: float) -> bool:
    """Spelling variants ("Jisr al-Shughour", "Jisr al-Shugur"); short names must match exactly."""
    return a == b or min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= threshold


def _entity(doc: Doc, norm: NormalisedText, group: list[_Mention]) -> Entity:
    votes = Counter()
    for m in group:
        votes.update(m.votes)
    entity_type = votes.most_common(1)[0][0]
    names = Counter(m.name(doc) for m in group)
    canonical = max(names, key=lambda n: (_informative(n), names[n], -_first(group, doc, n)))
    aliases = list(dict.fromkeys([canonical, *(_text(doc[m.start:m.end]) for m in group), *names]))
    described = _description(doc, group)
    if described is None:
        return Entity(name=canonical, type=entity_type, aliases=aliases)
    start, end = described
    return Entity(name=canonical, type=entity_type, aliases=aliases,
                  description=_text(doc[start:end]), description_span=_span(doc, norm, start, end))


def _informative(name: str) -> tuple[int, int]:
    """Proper forms first, then more words: "Recep Tayyip Erdogan" over "Erdogan" and "syrian government"."""
    words = name.split()
    return (sum(w[:1].isupper() for w in words) == len(words) or len(words) > 1 and words[-1].islower(), len(words))


def _first(group: list[_Mention], doc: Doc, name: str) -> int:
    return next(m.start for m in group if m.name(doc) == name)


def _description(doc: Doc, group: list[_Mention]) -> tuple[int, int] | None:
    """From an appositive ("The UN human rights chief, Navi Pillay"), a relative clause on a possessed name
    ("the BBC's Owen Bennett-Jones, who is in Yayladagi") or else the title before the name ("Turkish PM")."""
    for m in group:
        root = doc[m.end - 1]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < m.start:
            head = root.head
            end = head.i + 1
            while end < m.start and not doc[end].is_punct:
                end += 1
            return head.left_edge.i, end
        for child in root.children:
            if child.dep_ == "appos" and child.i > root.i and child.pos_ == "NOUN":
                return child.left_edge.i, child.right_edge.i + 1
        relative = [c for c in root.rights if c.dep_ == "relcl"]
        if relative and any(c.dep_ == "poss" for c in root.lefts):
            return root.left_edge.i, relative[0].right_edge.i + 1
    titled = [m for m in group if m.name_start > m.start and not m.institution]
    if titled:
        m = max(titled, key=lambda m: m.name_start - m.start)
        return m.start, m.name_start
    return None


def _span(doc: Doc, norm: NormalisedText, start: int, end: int) -> Span:
    return norm.span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))


def _text(span) -> str:
    return span.text.strip()
