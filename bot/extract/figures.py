"""Figures: numbers with their hedges and what they count ("more than 2,000 Syrians" → ≥ 2000 Syrians).

A figure is a run of number words or digits ("30,000", "several hundred", "tens of thousands", "hundreds"),
the hedge just before it ("more than", "an estimated") and the noun phrase it counts, found through the
parse: the noun the number modifies (with its compounds and adjectives and an "of" phrase: "members of the
security forces"), or the object of "of" after a vague plural ("hundreds of soldiers").
Dates, times, ordinals, durations ("a three-hour trek", "two years") and numbers inside names are not figures.
The range [low, high] says what the text commits to; value is the number as written when it is one number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_CURRENCY, LIKE_NUM, LOWER, ORTH
from spacy.tokens import Doc, Token

from bot.extract.sentences import sentence_at
from bot.extract.types import Figure, Sentence, Span
from bot.text import NormalisedText

# Hedge words before a number and what they do to it.
ABOVE, BELOW, NEAR_BELOW, APPROXIMATE = "above", "below", "near_below", "approximate"
SECOND_HAND = "second_hand"     # "a reported £210m": the number as given, by someone unnamed
NUMBER_HEDGES: dict[tuple[str, ...], str] = {
    ("more", "than"): ABOVE, ("over",): ABOVE, ("at", "least"): ABOVE, ("upwards", "of"): ABOVE,
    ("in", "excess", "of"): ABOVE, ("just", "over"): ABOVE, ("well", "over"): ABOVE,
    ("fewer", "than"): BELOW, ("less", "than"): BELOW, ("up", "to"): BELOW, ("under",): BELOW,
    ("as", "many", "as"): BELOW, ("no", "more", "than"): BELOW, ("at", "most"): BELOW,
    ("nearly",): NEAR_BELOW, ("almost",): NEAR_BELOW, ("just", "under"): NEAR_BELOW, ("close", "to"): NEAR_BELOW,
    ("about",): APPROXIMATE, ("around",): APPROXIMATE, ("an", "estimated"): APPROXIMATE,
    ("estimated",): APPROXIMATE, ("some",): APPROXIMATE, ("approximately",): APPROXIMATE,
    ("roughly",): APPROXIMATE, ("an", "approximate"): APPROXIMATE, ("perhaps",): APPROXIMATE,
    ("as", "high", "as"): BELOW, ("as", "much", "as"): BELOW, ("as", "low", "as"): ABOVE, ("as", "few", "as"): ABOVE,
    ("above",): ABOVE, ("well", "above"): ABOVE, ("closer", "to"): APPROXIMATE, ("nearer",): APPROXIMATE,
    ("something", "like"): APPROXIMATE, ("more", "like"): APPROXIMATE,
    ("a", "reported"): SECOND_HAND, ("a", "rumoured"): SECOND_HAND, ("a", "rumored"): SECOND_HAND,
    ("a", "claimed"): SECOND_HAND,
}
APPROXIMATION = 0.1  # "about 30,000" commits to 30,000 ± 10%

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000}
# Vague amounts as ranges; a plural multiplier alone ("hundreds") means 2 to 9.99 of it.
VAGUE = {"several": (2, 9), "few": (2, 5), "couple": (2, 2), "tens": (20, 99), "scores": (40, 99),
         "dozens": (24, 99)}
NOT_FIGURE_ENTITIES = {"DATE", "TIME", "ORDINAL"}
NAME_ENTITIES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "night",
              "weekend", "term"}
# Nouns naming a quantity a bare number is the value of: "the death toll has risen to 43"; the generic ones only
# with what they measure ("the number of missing"): "the figure is 20" says nothing of what it counts.
MEASURE_NOUNS = frozenset("toll tally".split())
GENERIC_MEASURES = frozenset("number count total figure estimate".split())
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
# Money's short multipliers, after a currency sign only ("£60m", "$1.2bn"; "100m" alone is a distance).
ABBREVIATED = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
               "tn": 1_000_000_000_000, "trn": 1_000_000_000_000}
_GLUED = re.compile(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(k|m|mn|bn|b|tn|trn)\.?$", re.I)


_NATIONAL_DOLLAR = re.compile(r"[A-Z]{1,3}\$")      # "A$40 billion", "US$3m", "NZ$", "HK$"


# Currencies named in words after the number ("50,000 lira", "2 million euros"), by the unit of the sum: the sign read
# before a number for those written with one, the ISO code for a currency of one country; a name several countries'
# currencies share (peso, franc, rupee, riyal, dirham, dinar) is left as written.
CURRENCY_NAMES = {"dollar": "$", "pound": "£", "euro": "€", "yen": "¥", "yuan": "CNY", "renminbi": "CNY",
                  "lira": "TRY", "rouble": "RUB", "ruble": "RUB", "rand": "ZAR", "shekel": "ILS", "naira": "NGN",
                  "baht": "THB", "ringgit": "MYR", "rupiah": "IDR", "zloty": "PLN", "hryvnia": "UAH", "forint": "HUF"}
# Currency names several countries share, left as written ("70.4 billion shillings"): sums all the same.
SHARED_CURRENCY_NAMES = frozenset("peso franc rupee riyal rial dirham dinar shilling krona krone cedi kwacha".split())
# ISO codes written as a currency sign is, before the number ("USD 5 million", "EUR 300m").
CURRENCY_CODES = frozenset("USD EUR GBP JPY CHF AUD CAD HKD NZD SGD BRL MXN INR AED SAR".split()) \
    | {unit for unit in CURRENCY_NAMES.values() if unit.isalpha()}


def _is_currency(token: Token) -> bool:
    return token.is_currency or _is_currency_sign(token.text)


def _is_currency_sign(text: str) -> bool:
    """A sign spaCy's lexicon does not mark as currency: "NZ$", "HK$", or an ISO code written before the number."""
    return bool(_NATIONAL_DOLLAR.fullmatch(text)) or text in CURRENCY_CODES


@dataclass
class _Amount:
    low: float
    high: float
    vague: bool


def find_figures(doc: Doc, norm: NormalisedText, sentences: list[Sentence]) -> list[Figure]:
    figures: list[Figure] = []
    i = 0
    for start in _possible_starts(doc):
        if start < i:
            continue
        group = _number_group(doc, start)
        if not group:
            continue
        i = group[-1].i + 1
        figure = _figure(doc, norm, sentences, group)
        upper = _range_end(doc, group)
        if figure is not None and upper:
            i = upper[-1].i + 1
            figure = _range(norm, figure, _figure(doc, norm, sentences, upper))
        if figure is not None:
            if figure.counts is None and _refers_back(doc, group[-1]):
                figure.counts = next((f.counts for f in reversed(figures)
                                      if f.counts and figure.sentence - f.sentence <= _REFERRING_SENTENCES), None)
            figures.append(figure)
    _count_bare_numbers(figures)
    return figures


def _count_bare_numbers(figures: list[Figure]) -> None:
    """A number that names nothing it counts ("you get something like 25,000", "the 40,000 figure") counts what
    the same number counted before it, else the nearest figure of its size ("40,000 additional nurses"), or, in the
    article's opening sentences, the first after it: two sources' figures for one thing can then be compared.
    Not money, shares or small numbers, which stand for too many things."""
    def counting(f: Figure) -> bool:
        return bool(f.counts) and f.counts.lower() not in GENERIC_MEASURES and f.counts not in CURRENCY_SIGNS \
            and not _is_currency_sign(f.counts) and bool(f.value)

    for n, figure in enumerate(figures):
        if figure.counts and figure.counts.lower() not in GENERIC_MEASURES or not figure.value \
                or figure.value < _BARE_MINIMUM or "%" in figure.span.text or YEAR.fullmatch(figure.span.text):
            continue
        alike = [f for f in figures if counting(f) and 1 / _BARE_RATIO <= figure.value / f.value <= _BARE_RATIO]
        before = [f for f in alike if f.span.start < figure.span.start]
        after = [f for f in alike if f.span.start > figure.span.start and f.sentence <= _OPENING_SENTENCES]
        same = [f for f in before if f.value == figure.value]
        source = (same or before)[-1] if before else after[0] if after and figure.sentence < _OPENING_SENTENCES \
            else None
        if source is not None:
            figure.counts = source.counts


CURRENCY_SIGNS = frozenset("$£€¥")     # a sum's sign, here, in the questions and in the disputes
SHARE = re.compile(r"%|per ?cent", re.I)  # how a figure says it is a share
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")     # a number that may be a year ("2019"), here and in disputes
_BARE_MINIMUM = 100         # "won 3-1", "aged 64": small bare numbers count too many different things
_BARE_RATIO = 3             # "25,000" may count what "40,000 additional nurses" counted; "64" may not
_OPENING_SENTENCES = 3      # an article's opening sentences give figures its body goes on to explain


_REFERRING_SENTENCES = 2       # "the figure" stands for a figure this many sentences back at most


def _refers_back(doc: Doc, number: Token) -> bool:
    """A number given as the value of "the figure" or "that number" with no of-phrase: "The developer's own study
    put the figure at 12" counts what the figure before it counted (46 homes losing sunlight)."""
    quantity = _quantity_of(number)
    return quantity is not None and quantity.lemma_.lower() in GENERIC_MEASURES and not _of_phrase(doc, quantity) \
        and any(c.lower_ in ("the", "that", "this") for c in quantity.children)


def _range_end(doc: Doc, group: list[Token]) -> list[Token]:
    """The number group closing a range that opens with `group`: "35 to 45 percent", "between $90 million and $120
    million", "10-12 people", "two or three", "two, maybe three"; [] when none does."""
    j = group[-1].i + 1
    if j + 1 >= len(doc):
        return []
    link = doc[j].lower_
    if _is_share(group):
        return []   # "4 in 10", "a 4-3 vote": no end of a range
    if group[0].i > 0 and doc[group[0].i - 1].lower_ == "from":
        return []   # "rose from 5 to 7 percent": a change, not a range
    between = group[0].i > 0 and doc[group[0].i - 1].lower_ == "between" or group[0].i > 1 and \
        _is_currency(doc[group[0].i - 1]) and doc[group[0].i - 2].lower_ == "between"
    if link == "," and doc[j + 1].lower_ in _ALTERNATIVES and j + 2 < len(doc):
        j += 1      # "two, maybe three shots"
    elif not (link in ("to", "-", "\u2013", "or") or link == "and" and between):
        return []
    start = j + 2 if _is_currency(doc[j + 1]) and j + 2 < len(doc) else j + 1
    upper = _number_group(doc, start)
    amounts = (_amount(group), _amount(upper)) if upper else (None, None)
    return upper if all(amounts) and amounts[0].high < amounts[1].low else []


_ALTERNATIVES = frozenset("maybe perhaps possibly".split())


def _range(norm: NormalisedText, lower: Figure, upper: Figure | None) -> Figure:
    """One figure from a range's two ends: from the lower end's bound to the upper end's, counting what the upper
    end counts ("35 to 45 percent": 35 alone counted nothing)."""
    if upper is None:
        return lower
    start, end = lower.span.start, max(lower.span.end, upper.span.end)
    counts = upper.counts or lower.counts
    if counts and not upper.counts and upper.span.text in counts:   # "10 and 12 people": the lower end's noun
        counts = counts.split(upper.span.text, 1)[1].strip() or None
    return Figure(span=Span(start, end, norm.original[start:end]), value=None, low=lower.low, high=upper.high,
                  hedge=lower.hedge or "between", counts=counts, sentence=lower.sentence)


def _figure(doc: Doc, norm: NormalisedText, sentences: list[Sentence], group: list[Token]) -> Figure | None:
    """A share ("4 in 10 voters", "two-thirds of Republicans") or a tally ("a 4-3 vote", "a 2-1 defeat") is kept as
    written, without bounds: it counts no number of voters, and a range of shares beside ranges of counts would read
    as one."""
    share = _is_share(group)
    amount = None if share else _amount(group)
    if amount is None and not share or _not_a_count(group):
        return None
    currency = doc[group[0].i - 1] if group[0].i > 0 and _is_currency(doc[group[0].i - 1]) else None
    counted = [currency] if currency is not None else _counted(doc, group)
    while counted and counted[0].is_quote:
        counted = counted[1:]       # 'heard "two, maybe three" shots'
    if counted and counted[-1].lemma_.lower() in TIME_UNITS:
        return None  # a duration
    if counted and counted[0].text == "-" and counted[-1].dep_ in ("compound", "amod", "nmod") \
            and counted[-1].head.i > counted[-1].i:
        counted = []  # "the 1,100-officer department": its size, no count of officers beside another source's
    start = currency or group[0]
    hedge_tokens, effect = _hedge_before(doc, start.i)
    if hedge_tokens is None and amount is not None and amount.vague:
        hedge_tokens = [t for t in group if t.lower_ in VAGUE or _plural_multiplier(t)]
        hedge_tokens += [doc[group[-1].i + 1]] if _of_follows(doc, group[-1].i) else []
    last = counted[-1] if counted and group[-1].i < counted[0].i <= group[-1].i + 2 else group[-1]
    if hedge_tokens is None:
        hedge_tokens, effect = _hedge_after(doc, last.i + 1)     # "five shots at least", "a dozen or so"
        last = hedge_tokens[-1] if hedge_tokens else last
    low, high = _bounds(amount, effect) if amount is not None else (None, None)
    first = hedge_tokens[0] if hedge_tokens and hedge_tokens[0].i < start.i else start
    span = norm.span(first.idx, last.idx + len(last.text.rstrip(".") if last.lower_.rstrip(".") in ABBREVIATED else last))
    sentence = sentence_at(sentences, span.start)
    if sentence is None:
        return None
    return Figure(
        span=span,
        value=None if amount is None or amount.vague else _as_written(amount),
        low=low,
        high=high,
        hedge=_text(doc, hedge_tokens) if hedge_tokens else None,
        counts=(_currency_named(counted, group) or _text(doc, counted)) if counted else None,
        sentence=sentence,
    )


def _currency_named(counted: list[Token], group: list[Token]) -> str | None:
    """The unit of a sum whose currency is named after it alone ("50,000 lira": TRY), so a question of how much finds
    it; one qualified by its country ("Hong Kong dollars") keeps its name. "200 pounds" is a weight unless a multiplier
    makes it a sum ("3 million pounds")."""
    name = counted[0].lower_.removesuffix("s") if len(counted) == 1 else None
    if name == "pound" and not any(t.lower_.rstrip("s") in MULTIPLIERS for t in group):
        return None
    return CURRENCY_NAMES.get(name)


def _possible_starts(doc: Doc) -> list[int]:
    """The tokens a number group can start at (see _number_group): number-like, or a number, vague or article word.
    Decided once per distinct word through the Doc's arrays, instead of building every token: most are none."""
    if not len(doc):
        return []
    words = doc.to_array([LOWER, LIKE_NUM, ORTH, IS_CURRENCY])
    lowers = numpy.unique(words[:, 0])
    starting = [h for h in lowers.tolist() if _may_start(doc.vocab.strings[h])]
    signs = [h for h in numpy.unique(words[:, 2]).tolist() if _is_currency_sign(doc.vocab.strings[h])]
    after_currency = numpy.roll(words[:, 3].astype(bool) | numpy.isin(words[:, 2], signs), 1)
    after_currency[0] = False
    return numpy.flatnonzero(words[:, 1].astype(bool) | numpy.isin(words[:, 0], starting) | after_currency).tolist()


def _may_start(word: str) -> bool:
    return word in ("a", "an") or word in UNITS or word in VAGUE or word.rstrip("s") in MULTIPLIERS


def _is_number_word(token: Token) -> bool:
    word = token.lower_
    return bool(_DIGITS.match(token.text)) or word in UNITS or word in VAGUE or word.rstrip("s") in MULTIPLIERS \
        or (token.like_num and "-" in word and all(part in UNITS for part in word.split("-")))


def _plural_multiplier(token: Token) -> bool:
    word = token.lower_
    return word.endswith("s") and word[:-1] in MULTIPLIERS


def _number_group(doc: Doc, start: int) -> list[Token]:
    """The run of number tokens starting at `start` ("several hundred", "tens of thousands"), or []."""
    token = doc[start]
    if token.lower_ in ("a", "an") and start + 1 < len(doc) and doc[start + 1].lower_ in MULTIPLIERS:
        return [token] + _number_group(doc, start + 1)  # "a dozen", "a hundred"
    money = start > 0 and _is_currency(doc[start - 1])
    if money and _GLUED.match(token.text):
        return [token]      # "£1.2bn"
    if not _is_number_word(token):
        return []
    if token.lower_ in ("few", "couple") and not (start > 0 and doc[start - 1].lower_ == "a"):
        return []
    group = [token]
    i = start + 1
    while i < len(doc):
        nxt = doc[i]
        if _is_number_word(nxt) and nxt.lower_ not in VAGUE:
            group.append(nxt)
            i += 1
        elif i + 1 < len(doc) and _compound_dash(group[-1], nxt, doc[i + 1]):
            group += [nxt, doc[i + 1]]  # "Twenty-five", which the tokenizer splits in three
            i += 2
        elif nxt.lower_ == "of" and i + 1 < len(doc) and group[-1].lower_ in VAGUE \
                and doc[i + 1].lower_.rstrip("s") in MULTIPLIERS:
            group += [nxt, doc[i + 1]]  # "tens of thousands"
            i += 2
        else:
            break
    if money and i < len(doc) and doc[i].lower_.rstrip(".") in ABBREVIATED and not doc[i - 1].whitespace_:
        group.append(doc[i])    # "£60" "m"
        return group
    return group + _share_tail(doc, i, group)


def _compound_dash(tens: Token, dash: Token, unit: Token) -> bool:
    """The hyphen of a number word written in two ("Eighty-five"): no range "80-5", no tally, no share."""
    return dash.text == "-" and not tens.whitespace_ and not dash.whitespace_ and UNITS.get(tens.lower_, 0) >= 20 \
        and UNITS.get(tens.lower_, 0) % 10 == 0 and 0 < UNITS.get(unit.lower_, 0) < 10


# "two-thirds", "three-quarters": a number then one of these makes a share.
FRACTIONS = frozenset("half halves third thirds quarter quarters fifth fifths tenth tenths".split())


def _share_tail(doc: Doc, i: int, group: list[Token]) -> list[Token]:
    """The rest of a share after its first number, or []: "in 10" of "4 in 10", "out of five" of "three out of
    five", "-thirds" of "two-thirds". The second number is no year ("5 in 2016" is five), the first no part of a
    name ("Uranium One in three separate transactions")."""
    if any(t.ent_type_ in NAME_ENTITIES for t in group):
        return []
    words = [t.lower_ for t in doc[i:i + 4]]
    every = next((p for p in _PER if words[:len(p)] == list(p)), None)   # "4 in every 100,000": no year follows
    link = every or next((p for p in (("in",), ("out", "of")) if words[:len(p)] == list(p)), ())
    tail = list(doc[i:i + len(link) + 1]) if link else []
    if len(tail) == len(link) + 1 and _is_number_word(tail[-1]) and tail[-1].ent_type_ not in NOT_FIGURE_ENTITIES:
        shares = _amount(group), _amount(tail[-1:])
        if all(shares) and shares[0].high <= shares[1].low \
                and (every or shares[1].low <= 1000 or not YEAR.fullmatch(tail[-1].text)):
            return tail     # "1 in 10,000 patients"; but "5 in 2016" is five
    if words[:1] == ["-"] and len(words) > 1 and words[1] in FRACTIONS:
        return list(doc[i:i + 2])
    if words[:1] and words[0] in _DASHES and len(words) > 1 and words[2:3] != words[:1] \
            and _is_tally(group, doc[i + 1]):
        return list(doc[i:i + 2])   # not a telephone number's "800-273-8255"
    return []


_DASHES = frozenset(("-", "\u2013"))


def _is_tally(group: list[Token], second: Token) -> bool:
    """"4-3", "2-1": a vote's or a match's two counts, the larger first (a range's "10-12" rises); no year's
    ("1990-91")."""
    first = group[0].text
    return len(group) == 1 and first.isdigit() and second.text.isdigit() and not YEAR.fullmatch(first) \
        and int(first) >= int(second.text)


_PER = (("in", "every"), ("out", "of", "every"), ("for", "every"), ("per",))


def _is_share(group: list[Token]) -> bool:
    """A share or a tally (see _share_tail)."""
    return any(t.lower_ in ("in", "out", "for", "per") or t.lower_ in FRACTIONS
               or t.text in _DASHES and not _compound_dash(t.nbor(-1), t, t.nbor(1)) for t in group)


def _amount(group: list[Token]) -> _Amount | None:
    """The range a number group commits to: "30,000" → [30000, 30000]; "several hundred" → [200, 900]."""
    low = high = None
    vague = False
    for position, token in enumerate(group):
        word = token.lower_
        if word in ("of", "a", "an") or word == "-" and _compound_dash(token.nbor(-1), token, token.nbor(1)):
            continue
        glued = _GLUED.match(token.text)
        if glued:
            value = float(glued.group(1).replace(",", "")) * ABBREVIATED[glued.group(2).lower()]
            piece = (value, value)
        elif position > 0 and word.rstrip(".") in ABBREVIATED and low is not None:
            low, high = low * ABBREVIATED[word.rstrip(".")], high * ABBREVIATED[word.rstrip(".")]
            continue
        elif _DIGITS.match(token.text):
            value = float(token.text.replace(",", ""))
            piece = (value, value)
        elif word in UNITS or "-" in word:
            value = float(sum(UNITS[part] for part in word.split("-")))
            piece = (value, value)
        elif word in VAGUE:
            piece, vague = VAGUE[word], True
        elif word in MULTIPLIERS or word.rstrip("s") in MULTIPLIERS:
            unit = MULTIPLIERS[word.rstrip("s")]
            if low is None:
                if word in MULTIPLIERS:
                    low = high = 1.0  # "hundred soldiers" as "a hundred"
                else:
                    low, high, vague = 2.0, 9.99, True  # "hundreds" alone
                    if unit == 12:
                        low, high = 2.0, 8.25  # "dozens": 24 to 99
            low, high = low * unit, high * unit
            continue
        else:
            return None
        if low is None or position == 0:
            low, high = float(piece[0]), float(piece[1])
        else:
            low, high = low + piece[0], high + piece[1]  # "twenty five"
    if low is None:
        return None
    return _Amount(low=low, high=round(high, 2), vague=vague)


_IDIOMS_OF_ZERO = frozenset("tolerance sum hour".split())


def _not_a_count(group: list[Token]) -> bool:
    """Dates, times, ordinals, durations, numbers inside names, and a lone "one" (a pronoun more often). A sum after
    a currency sign is none of these, whatever the entity recogniser says (it took "NZ$2bn" for a date)."""
    first, last = group[0], group[-1]
    doc = first.doc
    money = first.i > 0 and _is_currency(doc[first.i - 1])
    if not money and any(t.ent_type_ in NOT_FIGURE_ENTITIES | NAME_ENTITIES for t in group) \
            and not _elided_count(last):
        return True
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    after = doc[last.i + 2] if last.i + 2 < len(doc) else None
    if nxt is not None and nxt.text == "-" and after is not None and after.lemma_.lower() in TIME_UNITS:
        return True  # "a three-hour trek"
    if len(group) == 1 and first.lower_ == "one":
        return True
    if len(group) == 1 and first.lower_ == "zero" and nxt is not None and nxt.lemma_.lower() in _IDIOMS_OF_ZERO:
        return True  # "zero tolerance": a stance, no count
    # a name's number after it: "PowerCube 20", "Apollo 11", a stage's "phase 3"
    return not money and len(group) == 1 and first.dep_ == "nummod" and first.head.i == first.i - 1 \
        and first.head.pos_ in ("NOUN", "PROPN")


def _counted(doc: Doc, group: list[Token]) -> list[Token]:
    """Tokens of the noun phrase the number counts, or [] when it counts nothing named."""
    inside = {t.i for t in group}
    end = group[-1].i
    head = next((t.head for t in group if t.head.i not in inside and t.head.i > end
                 and t.head.pos_ in ("NOUN", "PROPN", "SYM")), None)
    if head is not None:
        return _with_modifiers(doc, head, end + 1) + _of_phrase(doc, head)
    if end + 2 < len(doc) and doc[end + 1].lower_ == "per" and doc[end + 2].lower_ == "cent":
        return [doc[end + 1], doc[end + 2]] + _of_phrase(doc, doc[end + 2])    # "6.3 per cent", parsed apart
    if _of_follows(doc, end):
        return _of_phrase(doc, group[-1])[1:]  # "hundreds of soldiers": the soldiers
    return _measured(group[-1]) or _elided_count(group[-1])


def _elided_count(number: Token) -> list[Token]:
    """What a bare number counts when it is the subject of a verb joined to one whose subject a number counts:
    "12 people had died and 47 had been wounded" (47 people; the NER took "47" for a date)."""
    verb = number.head
    if number.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "conj" or YEAR.fullmatch(number.text):
        return []
    counted = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")
                    and any(n.dep_ == "nummod" for n in c.children)), None)
    if counted is None:
        return []
    return _with_modifiers(number.doc, counted, max(n.i for n in counted.children if n.dep_ == "nummod") + 1)


def _measured(number: Token) -> list[Token]:
    """The quantity a bare number is given as, named by the subject or object of its verb: "the death toll ... has
    risen to at least 43", "put the death toll at about 70", "the number of missing could be as high as 200". So
    two figures for one death toll can be compared, though neither names what it counts beside the number."""
    quantity = _quantity_of(number)
    if quantity is None:
        return []
    measured = _of_phrase(number.doc, quantity)
    if not measured and quantity.lemma_.lower() in GENERIC_MEASURES:
        return []
    start = next(t.i for t in quantity.subtree if t.dep_ != "det")
    return list(number.doc[start:quantity.i + 1]) + measured


def _quantity_of(number: Token) -> Token | None:
    """The measure noun ("toll", "figure", "number") the subject or object of the number's verb, before it."""
    token = number
    for _ in range(3):              # up "to"/"at"/"as high as" to the verb
        if token.dep_ not in ("pobj", "prep", "acomp", "attr", "advmod") or token.head is token:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            break
    else:
        return None
    quantity = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                     and (c.lemma_.lower() in MEASURE_NOUNS | GENERIC_MEASURES
                          or token.lemma_.lower() in _LEVEL_VERBS and c.dep_ == "nsubj" and c.pos_ == "NOUN")), None)
    return quantity if quantity is not None and quantity.i < number.i else None


# Verbs giving their subject's level: "Nursing vacancies stood at around 31,000" counts vacancies.
_LEVEL_VERBS = frozenset("stand reach total rise fall climb drop hit top exceed number".split())


def _with_modifiers(doc: Doc, head: Token, earliest: int) -> list[Token]:
    """The head noun with its modifiers after the number ("Syrian soldiers", "class action lawsuits")."""
    return list(doc[max(earliest, head.left_edge.i):head.i + 1])


def _of_phrase(doc: Doc, head: Token) -> list[Token]:
    """"of the security forces" right after the head noun, as tokens (the "of" included), or []."""
    if not _of_follows(doc, head.i):
        return []
    preposition = doc[head.i + 1]
    objects = [child for child in preposition.children if child.dep_ == "pobj"]
    if not objects:
        return []
    return [preposition] + list(doc[preposition.i + 1:objects[0].i + 1])


def _of_follows(doc: Doc, i: int) -> bool:
    return i + 1 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 1].head.i == i


def _hedge_before(doc: Doc, start: int) -> tuple[list[Token] | None, str | None]:
    """The longest hedge phrase ending just before token `start`, and its effect."""
    before = tuple(t.lower_ for t in doc[max(0, start - _LONGEST_HEDGE):start])
    for words, effect in _HEDGES_LONGEST_FIRST:
        if len(words) <= len(before) and before[len(before) - len(words):] == words:
            return list(doc[start - len(words):start]), effect
    return None, None


def _hedge_after(doc: Doc, end: int) -> tuple[list[Token] | None, str | None]:
    """A hedge phrase starting at token `end`, after the figure ("five shots at least"), and its effect."""
    after = tuple(t.lower_ for t in doc[end:end + 2])
    effect = HEDGES_AFTER.get(after)
    return (list(doc[end:end + 2]), effect) if effect else (None, None)


HEDGES_AFTER = {("at", "least"): ABOVE, ("or", "more"): ABOVE, ("and", "counting"): ABOVE, ("or", "so"): APPROXIMATE,
                ("at", "most"): BELOW, ("or", "fewer"): BELOW, ("or", "less"): BELOW}
_HEDGES_LONGEST_FIRST = sorted(NUMBER_HEDGES.items(), key=lambda item: -len(item[0]))
_LONGEST_HEDGE = len(_HEDGES_LONGEST_FIRST[0][0])


def _bounds(amount: _Amount, effect: str | None) -> tuple[float | None, float | None]:
    if effect == ABOVE:
        return amount.low, None
    if effect == BELOW:
        return None, amount.high
    if effect == NEAR_BELOW:
        return round(amount.high * (1 - APPROXIMATION), 2), amount.high
    if effect == APPROXIMATE:
        return round(amount.low * (1 - APPROXIMATION), 2), round(amount.high * (1 + APPROXIMATION), 2)
    return amount.low, amount.high


def _as_written(amount: _Amount) -> float | None:
    return amount.low if amount.low == amount.high else None


def _text(doc: Doc, tokens: list[Token]) -> str:
    """The normalised text from the first to the last token (what is counted, the hedge words)."""
    return doc[tokens[0].i:tokens[-1].i + 1].text
