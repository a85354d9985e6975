"""The spaCy pipeline, loaded once per process; its name is a setting so a deployment can use the official model.

Two changes make the pipeline faster without changing a single annotation (checked token by token on PolNeAR):
the neural components multiply their matrices with numpy's OpenBLAS on one thread instead of the generic BLIS
kernel the blis wheel runs on this hardware, and the attribute ruler looks its one-token rules up by tag and
word instead of running all of them through spaCy's Matcher on every token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

import spacy
from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

INDEXED_ATTRIBUTE_RULER = "newsbot_attribute_ruler"


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    return load_pipeline(model)


def load_pipeline(model: str) -> Language:
    """A fresh copy of the configured pipeline (load_nlp shares one per process)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed; set NEWSBOT_SPACY_MODEL or install the package"
        ) from exc
    _multiply_with_openblas(nlp)
    _index_attribute_ruler(nlp)
    _split_signature_dashes(nlp)
    _keep_title_abbreviations(nlp)
    _end_sentences_after_units(nlp)
    _split_national_dollars(nlp)
    return nlp


# Abbreviated ranks and titles the tokenizer split from their full stop, so the parser ended a sentence there:
# "The head of the association, Sgt. Tom Kowalski, said ..." became two sentences.
TITLE_ABBREVIATIONS = ("Sgt.", "Cpl.", "Det.", "Insp.", "Supt.", "Cmdr.", "Const.", "Amb.", "Atty.", "Hon.",
                       "Lt.", "Col.", "Capt.", "Maj.", "Pres.", "Cllr.")


def _keep_title_abbreviations(nlp: Language) -> None:
    for abbreviation in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


def _end_sentences_after_units(nlp: Language) -> None:
    """A one-letter unit glued to a number keeps the full stop after it apart: the tokenizer splits "m" off "£210m"
    and "5g", and its case for the initial "m." then joined the sentence's full stop to it, so "... for a reported
    £210m. The club has ..." was one sentence. The letters are those the tokenizer splits off a number as a unit;
    "a.m.", "p.m." and "e.g." are cases of their own."""
    tokenizer = nlp.tokenizer
    units = {case for case in tokenizer.rules
             if len(case) == 2 and case[1] == "." and _unit_after_number(tokenizer, case[0])}
    tokenizer.rules = {case: tokens for case, tokens in tokenizer.rules.items() if case not in units}


def _unit_after_number(tokenizer, letter: str) -> bool:
    suffix = tokenizer.suffix_search(f"1{letter}")
    return suffix is not None and suffix.group() == letter


def _split_national_dollars(nlp: Language) -> None:
    """A national dollar sign is split from the number after it as "$" is: spaCy's prefixes know "US$", "C$" and
    "A$" only, so "HK$3.5", "NZ$2" and "S$5" were one token and "HK$3.5 billion" was read as "billion"."""
    tokenizer = nlp.tokenizer
    national_dollar = r"^[A-Z]{1,3}\$(?=\d)"
    tokenizer.prefix_search = re.compile(f"{tokenizer.prefix_search.__self__.pattern}|{national_dollar}").search


def _split_signature_dashes(nlp: Language) -> None:
    """The horizontal bar signing a quotation is a token even when it follows the closing quotation mark with no
    space ('..."― Pamela Padilla'): spaCy's infixes split the em dash but not it, so '"―' was one token and the
    quotation went unsigned. It stands between spaces everywhere in PolNeAR train, so the models see no change."""
    tokenizer = nlp.tokenizer
    if tokenizer.infix_finditer is not None:
        tokenizer.infix_finditer = re.compile(f"{tokenizer.infix_finditer.__self__.pattern}|\u2015").finditer


def _multiply_with_openblas(nlp: Language) -> None:
    """numpy's matrix product for every neural component, the shared tok2vec included: a third of spaCy's time on
    one core (BLIS falls back to its generic kernel here). One BLAS thread: parallel work is one process per core,
    and threads on these small matrices cost more CPU than they save. The vectors (doc.tensor, which the learned
    cue scorer reads) differ from BLIS's by rounding (at most 3.8e-6 over PolNeAR dev and the first 300 train
    articles, where every tag, part of speech, dependency, head, lemma, entity and sentence start is the same):
    models trained on BLIS vectors must be trained again (`bench.train_attributions`)."""
    threadpool_limits(1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def _index_attribute_ruler(nlp: Language) -> None:
    if "attribute_ruler" in nlp.pipe_names and type(nlp.get_pipe("attribute_ruler")) is AttributeRuler:
        patterns = nlp.get_pipe("attribute_ruler").patterns
        nlp.replace_pipe("attribute_ruler", INDEXED_ATTRIBUTE_RULER).add_patterns(patterns)


# Token attributes a one-token rule may test, in the order of the per-token value tuples below.
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, with the one-token rules that test TAG, LOWER, DEP or IS_SPACE for equality (or
    membership) found through a dict keyed by (tag, lower) instead of spaCy's Matcher, which tries every rule on
    every token (the model's 179 rules cost 18 ms per article). Other rules still go through a Matcher; the
    matches are applied in rule order exactly as the AttributeRuler does."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clear_index()

    def clear(self) -> None:
        super().clear()
        self._clear_index()

    def _clear_index(self) -> None:
        self._others = Matcher(self.vocab, validate=self.validate)
        # (tag, lower) -> [(rule number, match id, the rule's other tests)]; None: the rule does not test it
        self._by_tag_lower: dict[tuple[int | None, int | None], list[tuple[int, int, tuple]]] = {}

    def add(self, patterns, attrs, index: int = 0) -> None:
        key = len(self.attrs)
        super().add(patterns, attrs, index)
        match_id = self.vocab.strings[str(key)]
        for pattern in patterns:
            tests = _one_token_tests(self.vocab, pattern)
            if tests is None:
                self._others.add(match_id, [pattern])
                continue
            keyed = {name: values for name, values, negated in tests if name in ("TAG", "LOWER") and not negated}
            rest = tuple((_TESTED.index(name), frozenset(values), negated) for name, values, negated in tests
                         if name not in keyed)
            for tag, lower in product(keyed.get("TAG", (None,)), keyed.get("LOWER", (None,))):
                self._by_tag_lower.setdefault((tag, lower), []).append((key, match_id, rest))

    def match(self, doc):
        matches = [(int(self.vocab.strings[m]), m, s, e)
                   for m, s, e in self._others(doc, allow_missing=True, as_spans=False)]
        index = self._by_tag_lower
        for i, values in enumerate(doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()):
            tag, lower = values[0], values[1]
            for key in ((tag, lower), (tag, None), (None, lower), (None, None)):
                for rule, match_id, rest in index.get(key, ()):
                    if all((values[k] in allowed) != negated for k, allowed, negated in rest):
                        matches.append((rule, match_id, i, i + 1))
        matches.sort()
        return matches


def _one_token_tests(vocab, pattern: list[dict]) -> list[tuple[str, tuple[int, ...], bool]] | None:
    """[(attribute, the values tested (string hashes, '' being 0; or 0/1), whether the test is NOT_IN)] of a
    one-token pattern made only of equality, IN and NOT_IN tests on the attributes the index knows; None for any
    other pattern (left to the Matcher)."""
    if len(pattern) != 1:
        return None
    tests = []
    for name, value in pattern[0].items():
        if name not in _TESTED:
            return None
        negated = False
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN"):
                return None
            negated = "NOT_IN" in value
            value = value["NOT_IN" if negated else "IN"]
        else:
            value = [value]
        if name == "IS_SPACE":
            if not all(isinstance(v, bool) for v in value):
                return None
            tests.append((name, tuple(int(v) for v in value), negated))
        elif all(isinstance(v, str) for v in value):
            tests.append((name, tuple(vocab.strings.add(v) for v in value), negated))
        else:
            return None
    return tests


@Language.factory(INDEXED_ATTRIBUTE_RULER, default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)
