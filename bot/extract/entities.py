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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process
from spacy.attrs import LEMMA, LOWER, TAG
from spacy.tokens import Doc, Span as SpacySpan, Token

from bot.extract.attribution_tagger import quotation_state
from bot.extract.gazetteer import (
    COUNTRIES,
    COUNTRY_ALIASES,
    COUNTRY_OF_ADJECTIVE,
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    ORGANISATION_NAMES,
)
from bot.extract.sentences import closing_bracket, sentence_at
from bot.extract.types import Entity, Mention, Sentence, Span
from bot.text import NormalisedText

NAMED_LABELS = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())
DETERMINERS = frozenset("the a an".split())
# Titles that make the name after them a person's: "Gov." in "Ohio Gov. John Kasich", "PM" in "Turkish PM ...".
PERSON_TITLES = frozenset(
    "president pm premier chancellor king queen prince princess sheikh emir sultan mr mrs ms miss dr prof professor "
    "sir dame lord lady gen general col colonel capt captain lt lieutenant sgt sergeant adm admiral senator sen rep "
    "congressman congresswoman governor gov mayor judge justice secretary minister pope cardinal bishop archbishop "
    "rev reverend imam ayatollah rabbi ambassador envoy spokesman spokeswoman chairman chairwoman ceo mp mep attorney "
    "sheriff commissioner chief councillor cllr councilor councilman councilwoman alderman inspector detective "
    "superintendent constable prosecutor".split()
)
# Always a person's, whatever the NER says ("Ms Pillay" tagged an organisation).
HONORIFICS = frozenset("mr mrs ms miss dr sir dame lady".split())
# Offices no organisation's name starts with (unlike "General Motors", "King's College"): "Cllr Finch" is a person
# though tagged an organisation.
_OFFICE_TITLES = frozenset("cllr councillor councilor senator sen rep congressman congresswoman mp mep sheriff "
                           "detective constable superintendent inspector prosecutor".split())
# Titles and nouns that tell a person's gender ("Mrs. Clinton" is not Bill Clinton; "the spokeswoman" is a she).
FEMALE_WORDS = frozenset("woman spokeswoman mother daughter wife girl chairwoman ms mrs miss dame lady queen princess "
                         "sister aunt niece grandmother granddaughter widow businesswoman congresswoman".split())
MALE_WORDS = frozenset("man spokesman father son husband boy chairman mr sir king prince lord sheikh brother uncle "
                       "nephew grandfather grandson widower businessman congressman".split())
# Words that precede a name without being part of it: the description "Turkish PM" in "Turkish PM Recep Tayyip Erdogan".
TITLES = PERSON_TITLES | frozenset(
    "prime foreign defence defense interior finance deputy vice chief father leader director officer coach speaker "
    "opposition former acting state attorney commander major republican democrat democratic labour conservative "
    "tory liberal independent executive operating financial managing assistant senior special".split()
)
# Lower-case particles a name may start with ("al-Qaeda", "bin Laden"); other lower-case starts are not names.
NAME_PARTICLES = frozenset("al el bin ibn de da di van von le la du".split())
# NER labels whose span, after a title, is a person's name ("Turkish PM Recep" is tagged a work of art).
_MAYBE_PERSON = frozenset("PERSON WORK_OF_ART PRODUCT EVENT LAW".split())
# Head nouns that make "Syrian" + noun an organisation rather than people described by nationality.
INSTITUTIONS = frozenset(
    "government regime army military authorities authority administration ministry police media tv television "
    "radio forces parliament cabinet embassy navy agency council court presidency junta opposition party "
    "leadership officials".split()
)
# Nouns that describe a person ("the spokeswoman", "the family's lawyer") rather than a group or an institution.
PERSON_NOUNS = frozenset(
    "correspondent reporter journalist editor spokesman spokeswoman spokesperson official minister president man "
    "woman boy girl witness resident activist source diplomat analyst expert officer soldier doctor leader chief "
    "envoy ambassador lawyer professor economist commander mother father son daughter wife husband victim "
    "survivor student teacher worker refugee protester protestor demonstrator member secretary adviser advisor "
    "aide negotiator prosecutor judge candidate author researcher scientist governor mayor "
    "senator lawmaker mp driver farmer owner manager director chairman chairwoman executive friend ally supporter "
    "critic associate colleague staffer strategist lobbyist operative insider partner person voter donor citizen "
    "neighbour neighbor relative observer consultant pollster attorney sheriff nominee rival opponent challenger "
    "founder delegate representative congressman congresswoman businessman businesswoman mogul coach trainer athlete "
    "player captain trader nurse patient engineer employee councillor councilor commissioner juror schoolteacher "
    "paramedic firefighter pilot passenger agent fan pastor priest investigator inspector detective treasurer "
    "recorder clerk superintendent principal landlord tenant shopkeeper mourner parent grandmother grandfather "
    "sister brother uncle aunt cousin trustee striker winger midfielder defender goalkeeper coordinator "
    "administrator organiser organizer campaigner specialist physician surgeon rescuer volunteer medic responder "
    "lifeguard ranger midwife carer caregiver fisherman builder mechanic veteran imam rabbi bishop vicar chef "
    "lecturer headteacher headmaster pharmacist dentist psychologist psychiatrist epidemiologist virologist "
    "historian barrister solicitor coroner magistrate constable sergeant warden consul mediator pundit commentator "
    "columnist broadcaster presenter actor actress singer musician artist novelist photographer filmmaker pupil "
    "scholar shareholder investor entrepreneur banker accountant auditor referee umpire".split()
)
# Letters after a name: honours, degrees, the King's Counsel and members of parliaments.
POST_NOMINALS = frozenset("KC QC MP MSP MEP MLA TD OBE MBE CBE KBE DBE PhD FRS".split())


def post_nominal(token: Token) -> bool:
    """"KC" of "Sarah Lindqvist KC", "Ph.D.": letters after a name, no part of it. Not the office of "Conservative
    MP for North Devon, Peter Ashcombe"."""
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return token.text.replace(".", "") in POST_NOMINALS and following not in ("for", "of")
# Words that stay a name's part after a title-like word: "Queen City", "State of the Union".
GENERIC_NOUNS = INSTITUTIONS | frozenset(
    "city state union house street square hall office church university college school park bridge river "
    "island county district club team league party committee commission".split()
)
# Prepositions and head nouns that show a name is a place.
PLACE_PREPOSITIONS = frozenset("in at near around across into from to towards outside inside throughout".split())
PLACE_NOUNS = frozenset("town city village region province area district country capital border suburb".split())

SPELLING_VARIANT_SCORE = 88  # rapidfuzz ratio from which two names of one article are one name spelt two ways

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?!\w)")     # on text with its apostrophes made straight
_WORD = re.compile(r"[a-z0-9]+")
_DOTTED = re.compile(r"(?<![a-z0-9])(?:[a-z]\.){2,}")
FIRST_NAMES = MALE_FIRST_NAMES | FEMALE_FIRST_NAMES
_COUNTRY_OF_ALIAS = {" ".join(_WORD.findall(alias)): country for alias, country in COUNTRY_ALIASES.items()}


def has_possessive(text: str) -> bool:
    """Whether a name owns something ("Trump's campaign", "Sanders’ aides"): what it names is not a person.
    An apostrophe inside a name ("O'Brien") is no possessive."""
    return _POSSESSIVE.search(text.translate(_APOSTROPHES)) is not None


@lru_cache(maxsize=1 << 16)
def fold_name(text: str) -> str:
    """The key that joins names across articles: lower case, no accents, no leading determiner or possessive 's,
    words split at hyphens and apostrophes, a country's adjective replaced by the country ("Syrian" -> "syria").
    Cached: extraction, coreference and the store fold the same names again and again."""
    text = unicodedata.normalize("NFKD", text).translate(_APOSTROPHES)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\\", "")
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)  # "U.S." -> "us"
    words = _WORD.findall(_POSSESSIVE.sub(" ", text))
    while words and words[0] in DETERMINERS:
        words = words[1:]
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):  # the longest country name or adjective first
            gram = " ".join(words[i:i + n])
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
    name: str               # as the normalised text has it
    votes: Counter = field(default_factory=Counter)
    institution: bool = False
    key: str = field(init=False)
    span: Span | None = None        # in the original text, once known to lie in a body sentence
    sentence: int | None = None
    gender: str | None = None       # from a title written with it ("Mrs.", "spokesman")

    def __post_init__(self) -> None:
        self.key = fold_name(self.name)


def find_entities(doc: Doc, norm: NormalisedText, sentences: list[Sentence]) -> tuple[list[Entity], list[Mention]]:
    """Canonical entities in order of first mention, and every named mention in the body sentences."""
    found: list[_Mention] = []
    for m in _raw_mentions(doc):
        m.span = _span(doc, norm, m.start, m.end)
        m.sentence = sentence_at(sentences, m.span.start)
        if m.sentence is not None:  # titles, headings and datelines hold no mentions
            found.append(m)
    groups = _group(found)
    quoted = quotation_state(doc)
    headlines = {sent.start for sent in doc.sents if _in_headline(sent[0])} if groups else set()
    entities: list[Entity] = []
    mentions: list[Mention] = []
    for group in groups:
        index = len(entities)
        entities.append(_entity(doc, norm, group, quoted, headlines))
        mentions.extend(Mention(span=m.span, entity=index, sentence=m.sentence) for m in group)
    mentions.sort(key=lambda m: (m.span.start, m.span.end))     # a name inside a longer mention is its own
    return entities, mentions


def _raw_mentions(doc: Doc) -> list[_Mention]:
    mentions: list[_Mention] = []
    taken: set[int] = set()
    for token in _institution_heads(doc):
        institution = _institution(doc, token)
        if institution is not None:
            mentions.append(institution)
            taken.update(range(institution.start, institution.end))
    # Adjectives last: "French" in "French President Emmanuel Macron" belongs to the person's mention.
    for start, end, label in sorted(_named_spans(doc), key=lambda e: e[2] == "NORP"):
        if label not in NAMED_LABELS or any(i in taken for i in range(start, end)):
            continue
        mention = _widened(doc, start, end, label)
        # the name must be free; its title may hold a name taken already ("Stein" of "Stein spokeswoman Melezia
        # Figueroa", "Clinton" of "Clinton spokesman Nick Merrill")
        if mention is not None and not any(i in taken for i in range(mention.name_start, mention.end)):
            mentions.append(mention)
            taken.update(range(mention.start, mention.end))
    proper_nouns = [doc[i] for i in np.flatnonzero(doc.to_array(TAG) == doc.vocab.strings["NNP"]).tolist()]
    for token in proper_nouns:
        person = _untagged_person(doc, token, taken)
        if person is not None:
            mentions.append(person)
            taken.update(range(person.start, person.end))
    surnames = {m.key.split()[-1] for m in mentions if m.votes["PERSON"] > 0 and len(m.key.split()) > 1}
    for token in proper_nouns:
        who = _age_after(doc, token.i + 1) or _relative_who_after(doc, token.i + 1)
        if token.i not in taken and token.dep_ not in ("compound", "flat") \
                and (fold_name(token.text) in surnames or who):
            # "Lake said" after "Robin Lake", "Emery, who guided Villa ...": the NER missed the bare surname
            votes = Counter({"PERSON": 3 if who else 1})
            start = token.i
            while start > 0 and doc[start - 1].tag_ == "NNP" and doc[start - 1].dep_ == "compound" \
                    and doc[start - 1].head.i == token.i and start - 1 not in taken and doc[start - 1].is_title:
                start -= 1      # "Tunde Adeyemi", whose first name the NER missed with the rest
            mentions.append(_Mention(start, token.i + 1, start, "PERSON", doc[start:token.i + 1].text, votes))
    # the place of an office ("State" of "Secretary of State Francisco Delgado") is part of a title, not a mention
    offices = [(m.start, m.name_start) for m in mentions if m.name_start > m.start]
    mentions = [m for m in mentions if not (m.start > 0 and doc[m.start - 1].lower_ == "of"
                                            and any(s <= m.start and m.end <= e for s, e in offices))]
    mentions.sort(key=lambda m: m.start)
    return mentions


def _named_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The NER's entities as (start, end, label), a first name joined to the surname the NER cut off before the
    letters after it: "Sarah Whitlock KC" tagged "Sarah" a person and "KC" (or "Whitlock KC") an organisation."""
    joined: list[tuple[int, int, str]] = []
    consumed = 0
    for ent in doc.ents:
        start, end, label = ent.start, ent.end, ent.label_
        if end <= consumed:
            continue        # the letters after a name joined before
        after = end
        while label == "PERSON" and after < len(doc) and doc[after].tag_ == "NNP" and not post_nominal(doc[after]):
            after += 1
        if label == "PERSON" and after < len(doc) and post_nominal(doc[after]):
            end, consumed = after, after + 1
        if label == "PERSON" and (surname := _after_nickname(doc, end)) is not None:
            end, consumed = surname, surname     # 'Dave "Digger" Morris', which the NER cut at the nickname
        joined.append((start, end, label))
    return joined


_NICKNAME = re.compile(r'\s+"[^"]+"\s+')


def _after_nickname(doc: Doc, end: int) -> int | None:
    """The end of the surname after a nickname in quotation marks ('Dave "Digger" Morris'), if one follows."""
    if end + 3 >= len(doc) or doc[end].text != '"':
        return None
    close = next((i for i in range(end + 2, min(end + 4, len(doc))) if doc[i].text == '"'), None)
    if close is None or close + 1 >= len(doc) or not all(t.is_title for t in doc[end + 1:close]) \
            or doc[close + 1].ent_type_ != "PERSON" or doc[close + 1].ent_iob_ != "B":
        return None
    surname = close + 2
    while surname < len(doc) and doc[surname].ent_iob_ == "I":
        surname += 1
    return surname


def _institution_heads(doc: Doc) -> list[Token]:
    """The tokens _institution may start from (an institution noun by lemma or written form), found from the Doc's
    arrays: a spaCy Token built for every word cost more than the rest of the entity stage's walk."""
    strings = doc.vocab.strings
    lowers, lemmas = doc.to_array([LOWER, LEMMA]).T
    named = [h for h in set(lowers.tolist()) if strings[h] in INSTITUTIONS]
    named += [h for h in set(lemmas.tolist()) if strings[h].lower() in INSTITUTIONS]
    return [doc[i] for i in np.flatnonzero(np.isin(lowers, named) | np.isin(lemmas, named)).tolist()]


def _untagged_person(doc: Doc, head: Token, taken: set[int]) -> _Mention | None:
    """A proper-noun chain the NER missed that a title or a known first name shows to be a person's name."""
    if head.tag_ != "NNP" or head.dep_ in ("compound", "flat") or head.i in taken:
        return None
    start = head.i
    while start > 0 and doc[start - 1].tag_ == "NNP" and doc[start - 1].dep_ == "compound" \
            and doc[start - 1].head.i == head.i and start - 1 not in taken:
        start -= 1
    words = [_word(doc[i]) for i in range(start, head.i + 1)]
    if len(words) < 2 or not (set(words[:-1]) & PERSON_TITLES or words[0] in FIRST_NAMES):
        return None
    return _widened(doc, start, head.i + 1, "PERSON")


def _institution(doc: Doc, head: Token) -> _Mention | None:
    """"Syrian state TV", "Syria's government", "Anatolia news agency": a named modifier on an institution noun."""
    if head.lemma_.lower() not in INSTITUTIONS and head.lower_ not in INSTITUTIONS:
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
    return _Mention(start, head.i + 1, start, "ORG", _text(doc[start:head.i + 1]), Counter({"ORG": 3}), institution=True)


def _widened(doc: Doc, start: int, end: int, label: str) -> _Mention | None:
    """The whole proper-noun chain around an NER span, titles split off a person's name.

    The chain's head decides the label when the NER tagged it ("Ohio" starts "Ohio Gov. John Kasich", a person).
    """
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct
                           or doc[start].tag_ in ("RB", "RBR", "RBS") and doc[start].is_sent_start):
        start += 1      # "Later Corriveau said": the adverb opening the sentence is no part of the name
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_lower):
        end -= 1  # "Minnesota Vikings - while": the NER ran past the name
    while end - 1 > start and post_nominal(doc[end - 1]):
        end -= 1  # "Sarah Lindqvist KC", "Jane Hill MP": the letters after a name are no part of it
    if end - 3 > start and doc[end - 1].is_digit and doc[end - 2].text in ("-", "\u2013") and doc[end - 3].is_digit:
        end -= 3  # "Benfica 2-1": the score the NER ran on into
    if start >= end:
        return None
    tagged_start = start
    head = _chain_head(doc, start, end)
    if post_nominal(head):
        head = doc[end - 1]
    end = max(end, head.i + 1)
    label = head.ent_type_ if head.ent_type_ in NAMED_LABELS else label
    while start > 0 and _left_of_name(doc[start - 1], start, end):
        start -= 1
    office_end = start
    start = _office_start(doc, start, end)
    titled = [i for i in range(start, end - 1) if _word(doc[i]) in PERSON_TITLES]
    name_start = start
    honoured = any(_word(doc[i]) in HONORIFICS | _OFFICE_TITLES for i in titled)
    # a title in lower case before two words is no part of an organisation's name: "Rwandan government spokeswoman
    # Yolande Makolo", which the NER took whole for an organisation
    described = bool(titled) and doc[titled[-1]].is_lower and end - titled[-1] > 2
    named = bool(titled) and any(_word(doc[i]) in FIRST_NAMES for i in range(titled[-1] + 1, end - 1))
    if label in _MAYBE_PERSON or titled and (honoured or described or named or label not in ("ORG", "FAC")):
        name_start = max(titled[-1] + 1 if titled else start, office_end if start < office_end else start)
        while name_start < end - 1 and _is_title(doc[name_start]):
            name_start += 1
        if label == "PERSON" and any(_word(doc[i]) in TITLES for i in range(name_start, tagged_start)):
            name_start = tagged_start   # "Leeds City Council leader James Lewthwaite": the NER's name
        person = _person_start(head)
        if label == "PERSON" and name_start < person < end - 1 and _word(doc[person]) in FIRST_NAMES:
            name_start = person         # "Maricopa County Recorder Janet Pruitt": the name the NER gave the head
        if end - name_start == 1 and doc[name_start].lower_ in GENERIC_NOUNS:
            name_start = start  # "Queen City", "State of the Union": a name, not a title and a word
    if label == "PERSON" and end - name_start > 2 and _word(doc[name_start]) not in FIRST_NAMES \
            and (_word(doc[name_start + 1]) in FIRST_NAMES and (doc[name_start].is_sent_start or _in_headline(doc[start]))
                 or _word(doc[name_start]) in PERSON_NOUNS):
        name_start += 1     # a capitalised first word before a full name: "Rival Hillary Clinton", "Activist Angela
        # Davis", and a role before any full name: "Manager Paulo Ferreira"
    company_kind = end - name_start > 1 and doc[name_start].is_sent_start and doc[name_start].lower_ in COMPANY_NOUNS
    if company_kind:
        name_start += 1     # "Retailer Corvane said": the kind of company, capitalised to open the sentence
    if not any(_word(doc[i]) in TITLES or _word(doc[i]) in PERSON_NOUNS or doc[i].lower_ in COUNTRY_OF_ADJECTIVE
               for i in range(start, name_start)):
        start = name_start  # "pro-" in "pro-Reagan" is neither name nor title
    name = _text(doc[name_start:end])
    if label == "PERSON" and (nicknamed := _NICKNAME.search(name)):
        name = name[:nicknamed.start()] + " " + name[nicknamed.end():]      # 'Dave "Digger" Morris' is Dave Morris
    first_word = re.split(r"[\s-]+", name.lower(), maxsplit=1)[0]
    if not name[:1].isupper() and first_word not in NAME_PARTICLES:
        return None  # "gallon", "pro-Reagan": not a name
    if label == "PERSON" and doc[end - 1].tag_ == "NNPS" and not titled:
        label = "ORG"  # "Charlotte Panthers", "Pell Grants": a plural is not one person
    votes = Counter({label: 1 if label != "NORP" else 0.5})
    if company_kind:
        votes["ORG"] += 3
    if titled and name_start > titled[-1]:
        votes["PERSON"] += 3
    if name_start < end - 1 and _word(doc[name_start]) in FIRST_NAMES and label not in ("ORG", "FAC", "GPE", "LOC"):
        votes["PERSON"] += 2  # not for "Charlotte Observer"
    if label == "PERSON" and end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "which":
        votes["ORG"] += 2   # "Network Rail, which owns the track": no person
    if _relative_who_after(doc, end) and label in ("ORG", "PRODUCT", "PERSON"):
        votes["PERSON"] += 2  # "Emery, who guided Villa to the Champions League": a person, whatever the NER said
    if label == "PERSON" and not titled and (doc[end - 1].lower_ in BODY_HEADS
                                             or any(t.lower_ in ("for", "and") for t in doc[name_start:end])):
        votes["ORG"] += 3   # "Transport for Wales", "Network Rail": a body the NER took for a person
    if end - name_start == 1 and doc[name_start].dep_ == "appos" and doc[name_start].head.lemma_.lower() == "name":
        votes["PERSON"] += 2  # "identified only by her first name, Dolores"
    if _age_after(doc, end):
        votes["PERSON"] += 3  # "Another evacuee, Gerald, 71, said": the NER took Gerald for a place
    if doc[end - 1].lower_.rstrip(".") in STREET_WORDS and end - name_start > 1:
        votes["FAC"] += 3     # "Mill Lane", "Harbour Road": a street, whatever the NER says
    if _employer(doc[end - 1]):
        votes["ORG"] += 2     # "Analysts at Peel Hunt", "a lawyer at Bailey & Glasser"
    if _tie_to(doc[end - 1]):
        votes["PERSON"] += 3  # "A former aide to Tunde Adeyemi": the NER took him for a place
    _place_votes(doc[end - 1], votes)
    _list_votes(doc[end - 1], votes)
    _gloss_votes(doc[end - 1], votes)
    if not titled and _ACRONYM.fullmatch(name) and len(name.replace(".", "")) <= 4 and votes.pop("PERSON", 0):
        votes["ORG"] += 1   # "OCHA", "NATO": initials name a body, whatever noun the parser hung them on
    if name in ORGANISATION_NAMES:
        votes["ORG"] += 3
    return _Mention(start, end, name_start, label, name, votes, gender=_titled_gender(doc[start:name_start]))


STREET_WORDS = frozenset("street st road rd lane avenue ave boulevard drive way square terrace crescent highway "
                         "parkway".split())


def _employer(root: Token) -> bool:
    """A name after "at" on a person's noun: where the analysts or the lawyer work."""
    preposition = root.head
    return root.dep_ == "pobj" and preposition.lower_ == "at" and preposition.head.lemma_.lower() in PERSON_NOUNS


# Nouns of one person's tie to another: "an aide to X", "the widow of X" say X is a person.
PERSONAL_TIES = frozenset("aide wife husband widow widower son daughter mother father brother sister friend "
                          "girlfriend boyfriend fiance fiancee cousin nephew niece uncle aunt".split())


def _tie_to(root: Token) -> bool:
    """A name after "to" or "of" on one person's tie to another: "a former aide to Tunde Adeyemi"."""
    preposition = root.head
    return root.dep_ == "pobj" and preposition.lower_ in ("to", "of") and preposition.head.tag_ == "NN" \
        and preposition.head.lemma_.lower() in PERSONAL_TIES


def _relative_who_after(doc: Doc, end: int) -> bool:
    """A name followed by ", who ...": a person, unless the name ends a phrase a person was named before ("a
    professor at New York University, who", "of Bethesda, Md., who") or names a people ("Republicans, who")."""
    return end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who" \
        and doc[end - 1].dep_ not in ("pobj", "appos") and doc[end - 1].tag_ != "NNPS"


def _age_after(doc: Doc, end: int) -> bool:
    """A name followed by an age set off by commas ("Gerald, 71,"): only people are given one."""
    return end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].text.isdigit() \
        and 0 < int(doc[end + 1].text) < 120 and doc[end + 2].text in (",", ".")


def _titled_gender(titles: SpacySpan) -> str | None:
    words = {_word(t) for t in titles}
    return "female" if words & FEMALE_WORDS else "male" if words & MALE_WORDS else None


def _person_start(head: Token) -> int:
    """Where the NER's person name holding `head` starts (the end of the Doc when it tagged none there)."""
    if head.ent_type_ != "PERSON":
        return len(head.doc)
    i = head.i
    while i > 0 and head.doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _gloss_votes(root: Token, votes: Counter) -> None:
    """A name glossed by a noun is of its kind: "the Mukhabaraat (secret police)" an organisation, "Bamberg, the
    family's lawyer" and "Its spokeswoman, Nadia Farrow" a person, "the capital, Terel" a place."""
    glosses = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos" or root.dep_ == "nmod" and root.head.i > root.i \
            and any(t.text in (",", "(") for t in root.doc[root.i:root.head.i]):
        glosses.append(root.head)       # set off: not "the Red Cross regional director", whose employer it names
    for gloss in glosses:
        if gloss.pos_ != "NOUN" or gloss.tag_ == "NNS":
            continue
        if gloss.lemma_.lower() in INSTITUTIONS or gloss.lower_ in INSTITUTIONS:
            votes["ORG"] += 2
        elif gloss.lemma_.lower() in PERSON_NOUNS:
            votes["PERSON"] += 2
        elif gloss.lemma_.lower() in PLACE_NOUNS:
            votes["GPE"] += 2


def _word(token: Token) -> str:
    return token.lower_.rstrip(".")


def _chain_head(doc: Doc, start: int, end: int) -> Token:
    """Follow compound links rightwards: "Recep" -> "Erdogan" when the NER stopped short."""
    token = doc[end - 1]
    while token.dep_ in ("compound", "flat") and token.head.i > token.i and token.head.tag_ in ("NNP", "NNPS") \
            and all(doc[i].tag_ in ("NNP", "NNPS", "HYPH") or doc[i].dep_ == "compound" for i in range(token.i + 1, token.head.i)):
        token = token.head
    return token


def _left_of_name(token: Token, start: int, end: int) -> bool:
    """A capitalised compound or title word, or a country adjective, directly before the name and part of its phrase."""
    if not (start <= token.head.i < end) or token.dep_ not in ("compound", "amod", "nmod", "flat") or token.is_punct:
        return False
    return token.tag_ in ("NNP", "NNPS") or _word(token) in TITLES or token.lower_ in COUNTRY_OF_ADJECTIVE


def _office_start(doc: Doc, start: int, end: int) -> int:
    """Where an office "TITLE of PLACE" before a name starts ("Secretary of State Francisco Delgado", "Minister of
    Health Ana Reyes"): the parser hangs the office's capitalised words on "of", not on the name."""
    i = start - 1
    while i > 1 and doc[i].tag_ in ("NNP", "NNPS") and doc[i].dep_ in ("pobj", "compound"):
        i -= 1
    if i == start - 1 and i > 0 and doc[i].lower_ == "of" and _word(doc[i - 1]) in TITLES \
            and any(_word(doc[k]) in FIRST_NAMES for k in range(start + 1, end - 1)):
        return i - 1    # the NER began at the office's place: "Secretary of [State Adrian Mena]"
    office = doc[i - 1] if i < start - 1 and i > 0 and doc[i].lower_ == "of" else None
    if office is not None and _word(office) in TITLES and start <= office.head.i < end \
            and office.dep_ in ("compound", "nmod"):
        return office.i
    return start


def _is_title(token: Token) -> bool:
    word = _word(token)
    return word in TITLES or word in COUNTRY_OF_ADJECTIVE or token.is_lower or token.tag_ == "POS" or token.is_punct


def _place_votes(root: Token, votes: Counter) -> None:
    """"in X", "from X" hint at a place; "the town of X", "cities including X" show one."""
    if root.dep_ != "pobj" or root.head.head.lower_ == "according":
        return      # "According to Kamanga": a source, no place
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


def _group(mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions whose names fold alike, differ only in spelling, or give the surname of one full name.

    A bare surname shared by several full names ("Clinton" after "Bill Clinton" and "Hillary Clinton") goes, mention
    by mention, to the full name mentioned most often before it, the latest of those on a tie.
    """
    by_key: dict[str, list[_Mention]] = {}
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
    groups: list[list[_Mention]] = []
    first_keys: list[str] = []         # groups[i][0].key: the keys are distinct, so only close spellings can join
    for key, group in by_key.items():
        close = process.extract(key, first_keys, scorer=fuzz.ratio, score_cutoff=SPELLING_VARIANT_SCORE, limit=None)
        twin = next((groups[i] for i in sorted(i for _, _, i in close)
                     if _spelling_variants(key, first_keys[i], group[0], groups[i][0])), None)
        if twin is None:
            groups.append(group)
            first_keys.append(key)
        else:
            twin.extend(group)
    groups = _with_qualified_names_joined(_with_short_names_joined(_with_acronyms_joined(groups)))
    # Longest names first, so that a surname always joins a full name that is kept.
    groups.sort(key=lambda g: -max(len(m.key.split()) for m in g))
    kept: list[tuple[list[_Mention], set[tuple[str, ...]]]] = []
    for group in groups:
        part = _name_part(group)
        owners = [g for g, forms in kept if _part_of_name(part, forms)]
        if not owners:
            forms = {tuple(m.key.split()) for m in group} if part.personish or _mistyped_person(group, groups) \
                else set()
            kept.append((group, forms))
            continue
        unowned = []
        for m in group:
            # of the full names its title does not contradict ("Mrs. Clinton" is not "Bill Clinton"), the one
            # written most often before it, then the latest: the article's main "Scott", not a relative named once
            fitting = [g for g in owners if m.gender is None or _gender(g) in (None, m.gender)]
            if not fitting:
                unowned.append(m)
                continue
            earlier = [(sum(o.start < m.start for o in g), max((o.start for o in g if o.start < m.start), default=-1),
                        n) for n, g in enumerate(fitting)]
            count, _, n = max(earlier)
            fitting[n if count else 0].append(m)
        if unowned:
            kept.append((unowned, set()))
    for group, _ in kept:
        group.sort(key=lambda m: m.start)
    return sorted((group for group, _ in kept), key=lambda g: g[0].start)


def _with_acronyms_joined(groups: list[list[_Mention]]) -> list[list[_Mention]]:
    """"IMF" joins "International Monetary Fund" and "U.N." joins "United Nations" when one name in the article
    has those initials."""
    by_initials: dict[str, list[list[_Mention]]] = {}
    for group in groups:
        if not _personish(group):
            for m in group:
                for initials in _initials(m.name):
                    by_initials.setdefault(initials, []).append(group)

    def owners(group: list[_Mention]) -> list[list[_Mention]]:
        acronym = group[0].name.replace(".", "")
        return by_initials.get(acronym, []) if 2 <= len(acronym) <= 6 and acronym.isupper() else []
    return _joined_to_one_owner(groups, owners)


def _initials(name: str) -> set[str]:
    """The acronyms a name may go by: of every word, of every part of a hyphenated word ("World Anti-Doping
    Agency": WADA), and without a leading qualifier ("U.S. Food and Drug Administration": FDA; "Irish Data
    Protection Commission": DPC)."""
    found = set()
    for words in (name.split(), name.replace("-", " ").split()):
        words = [w for w in words if w.lower() not in _ACRONYM_SKIPS]
        if len(words) > 1 and all(w[:1].isupper() for w in words):
            found.add("".join(w[0] for w in words))
            if len(words) > 2:
                found.add("".join(w[0] for w in words[1:]))
    return found


def _joined_to_one_owner(groups: list[list[_Mention]],
                         owners: Callable[[list[_Mention]], list[list[_Mention]]]) -> list[list[_Mention]]:
    """Each group whose `owners(group)` name exactly one other group joins it; the others are kept."""
    kept: list[list[_Mention]] = []
    for group in groups:
        found = list({id(g): g for g in owners(group) if g is not group}.values())
        if len(found) == 1:
            found[0].extend(group)
        else:
            kept.append(group)
    return kept


_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,5}")
_ACRONYM_SKIPS = frozenset("of and the for on in &".split())
# Words a company's full name adds to the name it goes by: "Northwind" is "Northwind Motors".
COMPANY_WORDS = frozenset(
    "inc corp corporation co company companies group holdings ltd plc llc ag sa motors airlines airways industries "
    "international technologies technology systems energy pharmaceuticals bank developments properties partners "
    "enterprises ventures electronics labs networks communications therapeutics biosciences biotech pharma homes "
    "housing estates foods brands"
    .split())

# Nouns that describe a company: "the company" may stand for an organisation described so or named with COMPANY_WORDS.
COMPANY_NOUNS = frozenset(
    "company firm maker manufacturer automaker carmaker retailer supplier producer developer carrier airline bank "
    "insurer lender chain conglomerate startup giant operator provider drugmaker chipmaker".split())
# What an appositive or a description calls a body, not a person: "Velvet Harbour, the band", "the charity Shelter".
BODY_GLOSSES = INSTITUTIONS | COMPANY_NOUNS | frozenset("group charity organisation organization campaign network "
                                                        "coalition alliance band club team label union".split())
# Where a description's head ends: "the guitarist | of the band Velvet Harbour".
DESCRIPTION_HEAD = re.compile(r"\s(?:of|for|in|at|from|with|and|on|to)\s")


def short_name(words: list[str]) -> list[str]:
    """A company's folded name without the words saying it is one: "northwind motors" -> "northwind"."""
    cut = len(words)
    while cut > 1 and words[cut - 1] in COMPANY_WORDS:
        cut -= 1
    return words[:cut]


def _with_short_names_joined(groups: list[list[_Mention]]) -> list[list[_Mention]]:
    """"Northwind" joins "Northwind Motors" (and "Acme" "Acme Corp."): the name a company goes by is its full name
    without the words saying it is a company, when just one name in the article reads so."""
    full_names: dict[tuple[str, ...], list[list[_Mention]]] = {}
    for group in groups:
        if not _personish(group):
            for m in group:
                words = m.key.split()
                short = short_name(words)
                if len(short) < len(words):
                    full_names.setdefault(tuple(short), []).append(group)
    # the short name may be taken for a person ("Voltaro said", "Harlow said"), so long as only the NER says so: not
    # more words than a surname, a first name or a title ("Mr. Paulson" is no Paulson Partners)
    def owners(group: list[_Mention]) -> list[list[_Mention]]:
        words = group[0].key.split()
        if _type_votes(group).most_common(1)[0][0] == "PERSON" and (
                len(words) > 1 or words[0] in FIRST_NAMES or any(m.votes["PERSON"] > 1 for m in group)):
            return []
        return full_names.get(tuple(words), [])
    return _joined_to_one_owner(groups, owners)


# A name's last word that makes it a body's: "Network Rail", "Anglian Water".
BODY_HEADS = frozenset("rail railway railways transport water energy airways airlines airport council police "
                        "university college hospital trust bank group news".split())
# Words a body's full name adds to the name it goes by, beside a country's: "Kenya Red Cross Society" is the Red Cross.
BODY_WORDS = frozenset("society association federation foundation institute institution organisation organization "
                       "authority agency service trust union league".split())


def _with_qualified_names_joined(groups: list[list[_Mention]]) -> list[list[_Mention]]:
    """"Red Cross" joins "Kenya Red Cross Society" and "Statistics Authority" "UK Statistics Authority": a body's
    name inside just one longer name that adds only a country and words saying what kind of body it is."""
    def body(group: list[_Mention]) -> bool:
        return _type_votes(group).most_common(1)[0][0] == "ORG" and not _personish(group)

    bodies = [(g, g[0].key.split()) for g in groups if body(g)]

    def owners(group: list[_Mention]) -> list[list[_Mention]]:
        words = group[0].key.split()
        if not body(group) or not words or " ".join(words) in COUNTRIES:
            return []
        return [g for g, full in bodies if len(full) > len(words) and _within(words, full)]
    return _joined_to_one_owner(groups, owners)


def _within(words: list[str], full: list[str]) -> bool:
    """`words` run unbroken in `full`, and the rest of `full` is countries and kinds of body."""
    for i in range(len(full) - len(words) + 1):
        if full[i:i + len(words)] == words:
            rest = full[:i] + full[i + len(words):]
            return all(w in COUNTRIES or w in BODY_WORDS for w in rest)
    return False


class _NamePart(NamedTuple):
    """What _part_of_name asks of a group, worked out once per group rather than once per full name."""

    words: list[str]
    institution: bool
    personish: bool
    placed: bool            # more place votes than the NER gave: a place's name
    acronym: bool           # "U.N.", "EU": never a person's surname ("Un" of "Kim Jong Un")


def _name_part(group: list[_Mention]) -> _NamePart:
    votes = sum((m.votes for m in group), Counter())
    return _NamePart(group[0].key.split(), group[0].institution, _personish(group),
                     votes["GPE"] + votes["LOC"] + votes["FAC"] + votes["NORP"] > len(group),
                     all(_ACRONYM.fullmatch(m.name) for m in group))


def _part_of_name(part: _NamePart, full_names: set[tuple[str, ...]]) -> bool:
    """A surname ("Erdogan", "Wasserman Schultz", a transliteration "Qaddafi") or a known first name ("Bernie")
    of a person's full name; never a place's name."""
    if not full_names or part.institution or part.acronym:
        return False
    words = part.words
    if not any(len(words) < len(full) for full in full_names):
        return False
    if part.placed and not part.personish:
        return False
    for full in full_names:
        if len(words) >= len(full):
            continue
        if list(full[-len(words):]) == words:
            return True  # "Garland" after "Merrick Garland", even if the NER called it a place
        if part.personish and list(full[-len(words):-1]) == words[:-1] and _alike(words[-1], full[-1], 85):
            return True
        if len(words) == 1 and words[0] == full[0] and (words[0] in FIRST_NAMES or part.personish):
            return True
    return False


def _gender(group: list[_Mention]) -> str | None:
    """A person's gender by the titles written with the name, else by a known first name."""
    titled = {m.gender for m in group} - {None}
    if len(titled) == 1:
        return titled.pop()
    first = max((m.key.split() for m in group), key=len)[0]
    return "female" if first in FEMALE_FIRST_NAMES else "male" if first in MALE_FIRST_NAMES else None


def _mistyped_person(group: list[_Mention], groups: list[list[_Mention]]) -> bool:
    """A full name the NER typed otherwise ("Unai Emery" as an organisation) whose last word is, alone, surely a
    person's elsewhere ("Emery, who guided Villa ..."): the surname may join it."""
    words = group[0].key.split()
    if len(words) not in (2, 3) or group[0].institution or words[-1] in COMPANY_WORDS or words[-1] in BODY_HEADS:
        return False
    if any(g is not group and _personish(g) and g[0].key.split()[1:] and g[0].key.split()[-1] == words[-1]
           for g in groups):
        return False        # "Washington Post Trump" beside "Donald Trump": the surname is his
    return any(g[0].key == words[-1] and sum(m.votes["PERSON"] for m in g) >= 3 for g in groups)


def _personish(group: list[_Mention]) -> bool:
    return any(m.votes["PERSON"] > 0 for m in group)


def _spelling_variants(a: str, b: str, ma: _Mention, mb: _Mention) -> bool:
    """"Jisr al-Shughour" and "Jisr al-Shugur"; two people's names must also share the first name. A name running
    on into a longer word is another name ("New York" and "New Yorker", "Syria" and "Syrian"), save a person's
    name by one letter."""
    if ma.institution or mb.institution:
        return False
    short, long = sorted((a, b), key=len)
    people = ma.votes["PERSON"] > 0 and mb.votes["PERSON"] > 0
    if people and a.split()[0] != b.split()[0]:
        return False
    if long.startswith(short) and long[len(short):][:1].isalpha() and not (people and len(long) == len(short) + 1):
        return False    # but "Helena Brand" is "Helena Brandt" misspelt
    return _alike(a, b, SPELLING_VARIANT_SCORE)


def _alike(a: str, b: str, threshold: float) -> bool:
    """Spelling variants ("Jisr al-Shughour", "Jisr al-Shugur"); short names must match exactly."""
    return a == b or min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= threshold


def _entity(doc: Doc, norm: NormalisedText, group: list[_Mention], quoted: list[bool], headlines: set[int]
            ) -> Entity:
    """`headlines`: where the sentences set in title case start (_in_headline)."""
    entity_type = _type_votes(group).most_common(1)[0][0]
    names = Counter(m.name for m in group)
    outside_headlines = {m.name for m in group if doc[m.start].sent.start not in headlines}
    in_prose = {m.name for m in group if m.name in outside_headlines and not quoted[m.start]}
    canonical = max(names, key=lambda n: (n in outside_headlines, *_informative(n), n in in_prose, len(n.split()),
                                          names[n], -_first(group, n)))
    aliases = list(dict.fromkeys([canonical, *(_text(doc[m.start:m.end]) for m in group), *names]))
    described = _description(doc, group, entity_type)
    if described is None:
        return Entity(name=canonical, type=entity_type, aliases=aliases)
    start, end = described
    end = closing_bracket(doc, start, end)
    while start < end - 1 and doc[start].is_punct:
        start += 1      # '"That report is wrong," a Harborline spokeswoman, Megan Cole, said': not the quote mark
    if entity_type == "PERSON" and _described_as_body(_text(doc[start:end])):
        entity_type = "ORG"     # "the band Velvet Harbour", which the NER took for a person
    return Entity(name=canonical, type=entity_type, aliases=aliases,
                  description=_text(doc[start:end]), description_span=_span(doc, norm, start, end))


def _described_as_body(description: str) -> bool:
    """Whether a description's head calls its entity a body and no word of it a person: not "a Washington-based
    developer and spokeswoman for the EB-5 Investment Coalition"."""
    words = fold_name(DESCRIPTION_HEAD.split(description, maxsplit=1)[0]).split()
    return bool(words) and words[-1] in BODY_GLOSSES and not PERSON_NOUNS.intersection(fold_name(description).split())


def _in_headline(token: Token) -> bool:
    """Whether a token's sentence is set in title case ("Obama Says African-American Museum Will Tell of ..."),
    where the NER runs a name into the words beside it: such a name ("Obama Says") is no entity's name when the
    article's prose names it too."""
    words = [t for t in token.sent if t.is_alpha and not t.is_stop]
    return len(words) >= 3 and all(t.text[0].isupper() for t in words)


def _type_votes(group: list[_Mention]) -> Counter:
    """The mentions' votes summed; a bare surname of a person named in full ("Trump" beside "Donald Trump") votes
    for a person whatever the NER guessed for it: it tags "Trump" alone an organisation ten times in an article; a
    name ending in a company's word votes for an organisation."""
    surnames = {m.key.split()[-1] for m in group
                if m.votes["PERSON"] > 0 and len(m.key.split()) > 1 and m.key.split()[0] in FIRST_NAMES}
    votes = Counter()
    for m in group:
        if m.key in surnames:
            votes.update(Counter({"PERSON": sum(m.votes.values())}))
        elif len(m.key.split()) > 1 and m.key.split()[-1] in COMPANY_WORDS:   # "Calderwood Pharma", tagged a person
            votes.update(Counter({"ORG": sum(m.votes.values()) + 1}))
        else:
            votes.update(m.votes)
    return votes


def _informative(name: str) -> tuple[bool, bool, bool]:
    """Not a country's adjective, a proper form, more than one word: "Israel" over "Israeli", "Recep Tayyip
    Erdogan" over "Erdogan", "Syrian government" over "syrian government". Among these, _entity prefers a name
    the article writes itself over one in someone's quoted words ("Crooked Hillary Clinton"), then more words."""
    words = name.split()
    proper = sum(w[:1].isupper() for w in words) == len(words) or len(words) > 1 and words[-1].islower()
    return (name.lower() not in COUNTRY_OF_ADJECTIVE, proper, len(words) > 1)


def _first(group: list[_Mention], name: str) -> int:
    return next(m.start for m in group if m.name == name)


def _with_qualifier(doc: Doc, start: int) -> int:
    """A description's start taken back over a word opening its sentence that changes what the role says: "Shadow
    education secretary", "Former health minister" (capitalised only by their place, so not taken as lower-case
    words of the title)."""
    if start > 0 and doc[start - 1].lower_ in _QUALIFIERS and doc[start - 1].is_sent_start:
        return start - 1
    return start


# Words before a role that change what it says: a shadow secretary is in opposition, a former minister no longer.
_QUALIFIERS = frozenset("shadow former acting deputy interim outgoing incoming junior vice ex".split())
_DESCRIPTION_WORDS = 16
_GLOSS_WORDS = 6        # "(secret police)", "(a federal regulator)"; longer brackets are remarks


def _description(doc: Doc, group: list[_Mention], entity_type: str) -> tuple[int, int] | None:
    """From an appositive ("The UN human rights chief, Navi Pillay"), a relative clause on a possessed name
    ("the BBC's Owen Bennett-Jones, who is in Yayladagi"), a noun phrase set off before the name, the title before
    the name ("Turkish PM") or else, for a person, the common noun phrase before the name ("Green Party presidential
    candidate Jill Stein") or a relative clause saying who they are ("Maria Delgado, whose two children ...")."""
    for m in group:
        if entity_type in ("GPE", "LOC") and m.start >= 2 and doc[m.start - 1].text == "," \
                and doc[m.start - 2].ent_type_ in ("GPE", "LOC"):
            continue        # "The BBC's correspondent in Beirut, Lebanon,": the country of a place, no appositive
        after = m.end     # past the letters after a name: "Sarah Whitlock KC, the barrister representing ..."
        while after < len(doc) and post_nominal(doc[after]):
            after += 1
        root = doc[after - 1]
        while root.dep_ in ("conj", "cc") and m.start <= root.head.i < root.i:
            root = root.head    # "The retailer Hallam & Co": the name hangs on "Hallam", not on "Co"
        head = root.head
        while head.dep_ == "pobj" and _role_noun(head.head.head) and (
                head.pos_ == "PROPN" and head.lower_ not in PERSON_NOUNS and head.lower_ not in TITLES
                or head.head.head.lemma_.lower() in PERSON_NOUNS):
            head = head.head.head   # "the mayor of Zermatt, Romy Imboden": the parser hung the name on "Zermatt";
            # "A spokeswoman for the governor, Nina Hale": she is the spokeswoman, not the governor (but "the
            # resignation of the sitting MP, Martin Royce": the MP is the role)
        if root.dep_ == "appos" and head.lemma_.lower() in _NAMING_NOUNS:
            named = _named_in_clause(head)
            if named:
                return named
            continue
        if root.dep_ == "appos" and _role_noun(head) and head.i < m.start:
            end = head.i + 1
            while end < m.start and not doc[end].is_punct:
                end += 1
            if doc[end].text == "," and end + 1 == m.start and end - head.left_edge.i <= _DESCRIPTION_WORDS:
                return head.left_edge.i, end
            if end == m.start == head.i + 1 and head.pos_ == "NOUN" and end - head.left_edge.i <= _DESCRIPTION_WORDS:
                return head.left_edge.i, end        # "the American investor Richard Kaine"
        # "Dr. Farah Naz, a WHO epidemiologist in Hyderabad," (tagged a verb), "Tomas Lindqvist, a co-author,"
        # (split into three appositives)
        glosses = [c for c in root.rights if c.dep_ == "appos"
                   and (c.pos_ == "NOUN" or doc[c.left_edge.i].lower_ in DETERMINERS or _one_of(c))]
        if glosses and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in glosses[0].children):
            glosses = []    # "backs Craig Whitcomb, its president Raymond Kowalczyk said": another person's role
        if glosses and glosses[0].left_edge.i == after + 1 and doc[after].text == ",":
            end = glosses[0].right_edge.i + 1
            for gloss in glosses[1:]:
                end = gloss.right_edge.i + 1 if gloss.left_edge.i == end else end
            if end - glosses[0].left_edge.i > _DESCRIPTION_WORDS:
                end = _before_relative_clause(glosses[0], end)
            if end - glosses[0].left_edge.i <= _DESCRIPTION_WORDS:
                return glosses[0].left_edge.i, end
        relative = [c for c in root.rights if c.dep_ == "relcl"]
        if relative and any(c.dep_ == "poss" for c in root.lefts):
            return root.left_edge.i, relative[0].right_edge.i + 1
        gloss = _bracketed_gloss(doc, m.end)
        if gloss:
            return gloss
        if entity_type == "PERSON" and after < len(doc) and doc[after].lower_ in ("of", "at", "from") \
                and doc[after].head.i == root.i and _affiliation(doc[after]):
            return after, doc[after].right_edge.i + 1   # "Dr Nadia Petrov of the national seismology institute"
    for m in group:
        described = _set_off_before(doc, m)
        if described:
            return described
    titled = [m for m in group if m.name_start > m.start and not m.institution
              and not all(_word(t) in HONORIFICS or t.is_punct for t in doc[m.start:m.name_start])]    # not "Ms."
    if titled:
        m = max(titled, key=lambda m: m.name_start - m.start)
        start, end = m.start, m.name_start
        while end > start and (_word(doc[end - 1]) in HONORIFICS or doc[end - 1].is_punct):
            end -= 1        # "Superintendent Dr. Karen Whitlock" is described "Superintendent"
        start = with_hyphenated_word(doc, start)    # "ex-mayor", "vice-president": the title is the whole word; an
        # ex-mayor is no mayor
        while doc[start].lower_ != "former" and start > 0 and doc[start - 1].is_lower and doc[start - 1].is_alpha \
                and doc[start - 1].dep_ in ("compound", "amod", "nmod") and start <= doc[start - 1].head.i < m.end:
            start -= 1      # the lower-case words the title goes with: "shadow health minister Ms Priya Kaur"
        return _with_qualifier(doc, start), end
    if entity_type == "PERSON" or entity_type == "ORG" and any(_kind_before(doc, m) for m in group):
        for m in group:
            before = doc[m.start - 1] if m.start else None
            if before is not None and (before.tag_ == "NN" or before.is_sent_start and before.tag_ == "NNP"
                                       and before.lower_ in PERSON_NOUNS | COMPANY_NOUNS) \
                    and before.dep_ in ("compound", "nmod") \
                    and m.start <= before.head.i < m.end and m.start - before.left_edge.i <= _DESCRIPTION_WORDS:
                start = before.left_edge.i
                punctuated = [t.i for t in doc[start:m.start]
                              if t.is_punct and t.tag_ != "POS" and not joining_hyphen(t)]
                return _with_qualifier(doc, punctuated[-1] + 1 if punctuated else start), m.start
    if entity_type == "PERSON":
        return next(filter(None, (_relative_clause_after(doc, m) for m in group)), None)
    return None


def joining_hyphen(token: Token) -> bool:
    """A hyphen inside a word the tokenizer split ("Nigerian-born", "by-elections"), no punctuation between words."""
    return token.text == "-" and token.i > 0 and not token.nbor(-1).whitespace_ and not token.whitespace_


def with_hyphenated_word(doc: Doc, start: int) -> int:
    """Where a span starting at `start` starts when it takes in the word the tokenizer split off before it at a
    hyphen: "by-" of "by-elections", "ex-" of "ex-mayor"."""
    hyphenated = start >= 2 and joining_hyphen(doc[start - 1]) and doc[start - 2].is_alpha
    return start - 2 if hyphenated else start


def _kind_before(doc: Doc, m: _Mention) -> bool:
    """Whether a body's name follows the common noun saying what kind of body it is: "electronics maker Voltaro",
    "the think tank Resolution Trust", "the charity Shelter" (in lower case, after a determiner: not "Tuesday")."""
    before = doc[m.start - 1] if m.start else None
    if before is not None and before.is_sent_start and before.lower_ in COMPANY_NOUNS:
        return True         # "Retailer Corvane said"
    if before is None or before.tag_ != "NN" or not before.is_lower:
        return False
    first = before.left_edge.i
    return before.lemma_.lower() in COMPANY_NOUNS or any(doc[i].lower_ in DETERMINERS for i in (first, first - 1)
                                                         if i >= 0)


# Nouns a name is given by: "who uses the name Tamuno Jack", "known by the nickname General Pinto".
_NAMING_NOUNS = frozenset("name pseudonym nickname alias moniker".split())


def _named_in_clause(naming: Token) -> tuple[int, int] | None:
    """"Its spokesman, who uses the name Tamuno Jack,": the person is the noun the clause giving the name
    describes, not "the name"."""
    clause = next((a for a in naming.ancestors if a.dep_ in ("relcl", "acl")), None)
    if clause is None or not _role_noun(clause.head) or clause.head.i > clause.i:
        return None
    described = clause.head
    end = clause.left_edge.i
    while end > described.i + 1 and naming.doc[end - 1].is_punct:
        end -= 1
    return (described.left_edge.i, end) if end - described.left_edge.i <= _DESCRIPTION_WORDS else None


def _affiliation(preposition: Token) -> bool:
    """Whether the preposition's phrase after a person's name names a body they belong to: "of the national
    seismology institute", "at Imperial College London"; not a place ("of Ohio") nor a person."""
    body = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    if body is None or preposition.right_edge.i - preposition.i > _DESCRIPTION_WORDS // 2:
        return False
    return body.ent_type_ in ("ORG", "FAC") or body.lemma_.lower() in INSTITUTIONS | _AFFILIATIONS


_AFFILIATIONS = frozenset("institute university college school hospital centre center laboratory lab museum "
                          "foundation trust society agency bank council union association charity".split())


def _role_noun(token: Token) -> bool:
    """A common noun, or a role capitalised as a title ("The Climate Change Minister, Priya Raman,")."""
    return token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.lower_ in PERSON_NOUNS


def _before_relative_clause(gloss: Token, end: int) -> int:
    """Where a long appositive's relative clause starts ("a nutritional epidemiologist at the London School of
    Hygiene and Tropical Medicine | who was not involved in the research"): what the person is comes before it."""
    clause = next((t for t in gloss.subtree if t.dep_ in ("relcl", "acl") and t.head.i >= gloss.i), None)
    if clause is None or clause.left_edge.i <= gloss.i:
        return end
    end = clause.left_edge.i
    while gloss.doc[end - 1].is_punct:
        end -= 1        # "a lawyer for the Sierra Club, | who ..."
    return end


def _set_off_before(doc: Doc, m: _Mention) -> tuple[int, int] | None:
    """A noun phrase set off by a comma before a name in commas that the parser did not make its appositive:
    "The authority's chair, Sir Robert Chote, wrote ..."."""
    if m.start < 2 or doc[m.start - 1].text != "," or m.end >= len(doc) or doc[m.end].text != ",":
        return None
    noun = doc[m.start - 2]
    start = noun.left_edge.i
    if not _role_noun(noun) or noun.right_edge.i != noun.i or m.start - start > _DESCRIPTION_WORDS \
            or not (start == noun.sent.start or doc[start - 1].is_punct):
        return None
    while start < noun.i and doc[start].tag_ in ("WDT", "WP", "IN", "CC"):
        start += 1      # "-- which Apple's chief executive, Tim Cook, called ...": from "Apple's"
    return start, noun.i + 1


# What a relative clause says a person is or does for a living: "who served as ambassador", "who heads the centre".
_BEING_VERBS = frozenset("be serve head work lead run chair represent teach direct manage found own live".split())


def _relative_clause_after(doc: Doc, m: _Mention) -> tuple[int, int] | None:
    """A relative clause set off after a person's name: "Maria Delgado, whose two children attend the school"."""
    root = doc[m.end - 1]
    clause = next((c for c in root.rights if c.dep_ == "relcl"), None)
    if clause is None or m.end + 1 >= len(doc) or doc[m.end].text != "," or clause.right_edge.i + 1 - m.end > _DESCRIPTION_WORDS \
            or not (doc[m.end + 1].lower_ == "whose" or doc[m.end + 1].lower_ == "who" and clause.lemma_ in _BEING_VERBS):
        return None
    return m.end + 1, clause.right_edge.i + 1


def _one_of(token: Token) -> bool:
    """"one of the DPC's two commissioners": a description by the group the person belongs to."""
    return token.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _bracketed_gloss(doc: Doc, after: int) -> tuple[int, int] | None:
    """A common noun phrase in brackets right after a name ("the Mukhabaraat (secret police)", "the Bureau (a
    federal regulator)"): the article saying what the name is. Not an acronym or a party label ("(CBO)", "(D-Mo.)"),
    which open with a capital, nor a remark with a verb ("(pictured)")."""
    if after >= len(doc) or doc[after].text != "(":
        return None
    close = next((t.i for t in doc[after + 1:after + 2 + _GLOSS_WORDS] if t.text == ")"), None)
    inside = doc[after + 1:close] if close else []
    if inside and inside[0].is_lower and inside[-1].pos_ == "NOUN" \
            and all(t.is_alpha or t.text in "-'" for t in inside) and not any(t.pos_ in ("VERB", "AUX") for t in inside):
        return after + 1, close
    return None


def _span(doc: Doc, norm: NormalisedText, start: int, end: int) -> Span:
    return norm.span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))


def _text(span) -> str:
    return span.text.strip()
