"""Learned attribution tagging: a CRF finds cues in a sentence, a second CRF tags each cue's source and content.

Both CRFs are trained on PolNeAR train by `python -m bench.train_attributions` and stored in bot/models/.
Features come from the one spaCy parse the pipeline already has (lemma, tag, dependency, the head, a reporting
lexicon, whether a token sits inside quotation marks, and for roles the token's place in the tree relative to
the cue), so tagging costs a small fraction of parsing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER, LEMMA, LOWER, ORTH, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Span as SpacySpan, Token

from bot.text import NormalisedText

MODELS = Path(__file__).resolve().parents[1] / "models"
CUE_MODEL = MODELS / "attribution_cues.crfsuite"
ROLE_MODEL = MODELS / "attribution_roles.crfsuite"
CUE_SCORER = MODELS / "attribution_cue_scorer.npz"
CUE_CHECKER = MODELS / "attribution_cue_checker.npz"

# Reporting lexicon by cue kind: a feature for the CRFs (PolNeAR counts beliefs, intentions, endorsements and
# findings as attributions), and the cue kind of a found cue.
CUE_LEMMAS = {
    "speech": frozenset(
        "say tell add claim deny urge state report announce insist warn argue explain note admit acknowledge "
        "allege confirm accuse blame promise vow declare predict describe ask write testify reply respond "
        "repeat stress emphasise emphasize concede complain call tweet post quote cite suggest charge "
        "boast recall remark comment contend assert maintain reiterate demand pledge threaten question "
        "mock joke dismiss criticise criticize attack slam praise caution".split()),
    "belief": frozenset("believe think feel hope fear expect suspect doubt understand know worry "
                        "assume consider agree disagree wonder realize realise".split()),
    "intention": frozenset("plan intend want aim seek decide try refuse".split()),
    "endorsement": frozenset("back endorse support oppose condemn favor favour reject".split()),
    "finding": frozenset("show find reveal indicate estimate conclude poll survey".split()),
    "report": frozenset("report statement reportedly".split()),
}
_LEXICON = {lemma: kind for kind, lemmas in reversed(CUE_LEMMAS.items()) for lemma in lemmas}
_CHILD_DEPS = (b"ccomp", b"nsubj", b"dobj", b"xcomp", b"agent", b"prep", b"mark", b"dative", b"nsubjpass")


def lexicon_kind(lemma: str) -> str | None:
    return _LEXICON.get(lemma.lower())


def quotation_state(doc: Doc) -> list[bool]:
    """Per token: inside quotation marks (the marks included)."""
    return [opening >= 0 for opening in quotation_openings(doc)]


def quotation_openings(doc: Doc) -> list[int]:
    """Per token: the index of the mark opening the quotation it is in (the marks included), -1 outside.

    A paragraph that ends inside a quotation and is followed by one opening with a quotation mark continues the
    quotation (the press convention), so a quotation can run over paragraphs. Read from the ORTH and IS_SPACE
    arrays: a Token object per word would cost more than the walk.
    """
    strings = doc.vocab.strings
    spaces, orths = doc.to_array([IS_SPACE, ORTH]).T.tolist() if len(doc) else ([], [])
    mark = strings['"']
    openings = [-1] * len(doc)
    opening = -1
    paragraph_start = True
    for i, (space, orth) in enumerate(zip(spaces, orths)):
        if space:
            if "\n" in strings[orth]:
                if opening >= 0 and not _opens_with_quote(spaces, orths, mark, i + 1):
                    opening = -1
                paragraph_start = True
            continue
        if orth == mark and not (opening >= 0 and paragraph_start):
            openings[i] = opening if opening >= 0 else i
            opening = -1 if opening >= 0 else i
        else:
            openings[i] = opening
        paragraph_start = False
    return openings


def _opens_with_quote(spaces: list[int], orths: list[int], mark: int, i: int) -> bool:
    while i < len(spaces) and spaces[i]:
        i += 1
    return i < len(spaces) and orths[i] == mark


def cue_scores(doc: Doc, scorer: tuple[np.ndarray, float]) -> np.ndarray:
    """Per token, a logistic estimate that it is part of a cue, from the parser's own contextual token vectors
    (doc.tensor) of the token and its head: one matrix product, and it generalises past the lexicon."""
    weights, bias = scorer
    if doc.tensor.shape[0] != len(doc) or len(doc) == 0:
        return np.zeros(len(doc))
    return 1.0 / (1.0 + np.exp(-(scorer_inputs(doc) @ weights + bias)))


def scorer_inputs(doc: Doc) -> np.ndarray:
    """The scorer's input per token: its contextual vector and its head's."""
    return np.hstack([doc.tensor, doc.tensor[head_indexes(doc)]])


def head_indexes(doc: Doc) -> np.ndarray:
    return np.arange(len(doc)) + doc.to_array("HEAD").astype(np.int64)


@dataclass(frozen=True)
class TokenFeatures:
    """Per-token features shared by both taggers, computed once per document. `items` holds each token's
    crfsuite attributes as b"name:value" (what crfsuite makes of a {name: value} dict, at a fraction of
    pycrfsuite's cost of converting dicts); the plain lists are the values the sequences combine. Bytes, not
    str: pycrfsuite encodes every str attribute to UTF-8 on every call, an eighth of the taggers' time."""
    items: list[list[bytes]]
    lemmas: list[bytes]
    tags: list[bytes]
    deps: list[bytes]
    quoted: list[bytes]     # b"1" inside quotation marks, b"0" outside


# base_features' features of few values, written once rather than for every token.
_QUOTED = {False: b"q:0", True: b"q:1"}
_LEXICON_FEATURES = {lemma.encode(): f"lex:{kind}".encode() for lemma, kind in _LEXICON.items()}
_HEAD_LEXICON_FEATURES = {lemma.encode(): f"hlex:{kind}".encode() for lemma, kind in _LEXICON.items()}
_SCORE_BUCKETS = tuple(f"cp:{bucket}".encode() for bucket in range(10))


def base_features(doc: Doc, quoted: list[bool], scores: np.ndarray) -> TokenFeatures:
    """Each token's word, lemma, tag, dependency, its head's, lexicon kinds, quotation, capitalisation, cue
    score bucket and which labelled children it has (in plain lists: token objects are slow to create)."""
    lowers, lemmas, tags, deps, titles, uppers = doc.to_array([LOWER, LEMMA, TAG, DEP, IS_TITLE, IS_UPPER]).T
    strings = doc.vocab.strings
    # Each column with its feature names written once per distinct value (b"" the value alone, b"h*:" a head's).
    lower_list, words = _encoded(lowers, strings, (b"", b"w:"))
    lemma_list, lemma_features, head_lemmas = _encoded(lemmas, strings, (b"", b"l:", b"hl:"), str.lower)
    tag_list, tag_features, head_tags = _encoded(tags, strings, (b"", b"t:", b"ht:"))
    dep_list, dep_features, head_deps = _encoded(deps, strings, (b"", b"d:", b"hd:"))
    heads = head_indexes(doc).tolist()
    buckets = np.minimum((scores * 10).astype(np.int64), 9).tolist()
    capitals = [b"cap:T" if title else b"cap:U" if upper else b"cap:l"
                for title, upper in zip(titles.tolist(), uppers.tolist())]
    children: list[list[bytes]] = [[] for _ in heads]
    for i, h in enumerate(heads):
        if h != i:
            dep = dep_list[i]
            if dep in _CHILD_DEPS:
                children[h].append(b"k_" + dep + b":1")
            if lower_list[i] == b":":
                children[h].append(b"k_colon:1")
    items = []
    for i, h in enumerate(heads):
        item = [
            words[i], lemma_features[i], tag_features[i], dep_features[i], head_lemmas[h], head_tags[h],
            head_deps[h], _QUOTED[quoted[i]], _LEXICON_FEATURES.get(lemma_list[i], b"lex:-"),
            _HEAD_LEXICON_FEATURES.get(lemma_list[h], b"hlex:-"), capitals[i], _SCORE_BUCKETS[buckets[i]],
        ]
        if children[i]:
            item += dict.fromkeys(children[i])
        items.append(item)
    return TokenFeatures(items, lemma_list, tag_list, dep_list, [b"1" if q else b"0" for q in quoted])


def _encoded(hashes: np.ndarray, strings: StringStore, names: tuple[bytes, ...] = (b"",),
             convert: Callable[[str], str] = str) -> list[list[bytes]]:
    """Per name, per token the name followed by the token's string (`convert`ed) as UTF-8: the string looked up,
    encoded and joined to each name once per distinct string."""
    distinct, at = np.unique(hashes, return_inverse=True)
    values = [convert(strings[h]).encode() for h in distinct.tolist()]
    at = at.tolist()
    return [[joined[k] for k in at] for joined in ([name + value for value in values] for name in names)]


# The cue tagger's window: (offset, lemma feature name, tag feature name, the feature past the sentence's edge),
# written once rather than formatted for every token.
_WINDOW = tuple((offset, f"{offset}l:".encode(), f"{offset}t:".encode(), f"{offset}l:<edge>".encode())
                for offset in (-2, -1, 1, 2))


def cue_sequence(feats: TokenFeatures, sent: SpacySpan) -> list[list[bytes]]:
    """Features for the cue tagger over one sentence: each token plus its neighbours' lemma and tag."""
    start, end = sent.start, sent.end
    lemmas, tags = feats.lemmas, feats.tags
    seq = []
    for i in range(start, end):
        item = feats.items[i].copy()
        if start + 2 <= i < end - 2:        # most tokens: the whole window inside the sentence, in one step
            item += (b"-2l:" + lemmas[i - 2], b"-2t:" + tags[i - 2], b"-1l:" + lemmas[i - 1], b"-1t:" + tags[i - 1],
                     b"1l:" + lemmas[i + 1], b"1t:" + tags[i + 1], b"2l:" + lemmas[i + 2], b"2t:" + tags[i + 2],
                     b"1w:" + lemmas[i + 1], b"pos:mid")
            seq.append(item)
            continue
        for offset, lemma_name, tag_name, edge in _WINDOW:
            j = i + offset
            if start <= j < end:
                item += (lemma_name + lemmas[j], tag_name + tags[j])
            else:
                item.append(edge)
        item += (b"1w:" + (lemmas[i + 1] if i + 1 < end else b"<edge>"),
                 b"pos:first" if i == start else b"pos:last" if i == end - 1 else b"pos:mid")
        seq.append(item)
    return seq


@dataclass(frozen=True)
class Tree:
    """The parse as plain lists, for walking it many times without creating Token objects: each token's head
    index, dependency label and, for punctuation, its text (UTF-8, as the role features use them)."""
    heads: list[int]
    deps: list[bytes]
    puncts: list[bytes | None]


def parse_tree(doc: Doc) -> Tree:
    strings = doc.vocab.strings
    deps, punct, orth = doc.to_array([DEP, IS_PUNCT, ORTH]).T
    (dep_list,), (orth_list,) = _encoded(deps, strings), _encoded(orth, strings)
    return Tree(head_indexes(doc).tolist(), dep_list,
                [text if p else None for p, text in zip(punct.tolist(), orth_list)])


def role_sequence(feats: TokenFeatures, tree: Tree, sent: SpacySpan, cue: tuple[int, int]) -> list[list[bytes]]:
    """Features for the source/content tagger over the cue's sentence: where each token sits relative to the
    cue, in the text and in the dependency tree."""
    head = cue_head(sent.doc, cue).i
    head_path = _ancestors(tree.heads, head)
    head_quoted = feats.quoted[head]
    head_dep = tree.deps[head]
    cue_lemma = b"cl:" + feats.lemmas[head]
    cue_dep = b"cd:" + head_dep
    cue_quoted = b"cq:" + head_quoted
    # The features that depend on the token only through its side of the cue (and quotation), written once.
    by_rel = {rel: (b"rel:" + rel, b"cd_rel:%s|%s" % (head_dep, rel),
                    {q: b"q_rel:%s%s|%s" % (q, head_quoted, rel) for q in (b"0", b"1")})
              for rel in (b"C", b"L", b"R")}
    lemmas, tags, deps, quoted_flags, puncts = feats.lemmas, feats.tags, feats.deps, feats.quoted, tree.puncts
    seq = []
    branches = []
    for i in range(sent.start, sent.end):
        quoted = quoted_flags[i]
        if i < cue[0]:
            rel, gap = b"L", cue[0] - i
        elif i < cue[1]:
            rel, gap = b"C", 0
        else:
            rel, gap = b"R", i - cue[1] + 1
        branch, side = _branch(tree, i, head, head_path)
        rel_feature, cue_dep_rel, quoted_rel = by_rel[rel]
        item = [
            b"l:" + lemmas[i], b"t:" + tags[i], b"d:" + deps[i], b"q:" + quoted, cue_quoted,
            rel_feature, _GAP_FEATURES[gap] if gap < len(_GAP_FEATURES) else b"gap:far", b"br:" + branch,
            b"side:" + side, b"br_rel:%s|%s|%s" % (branch, side, rel), cue_lemma, cue_dep, cue_dep_rel,
            quoted_rel[quoted], b"br_q:%s|%s%s" % (branch, quoted, head_quoted),
        ]
        if puncts[i] is not None:
            item.append(b"punct:" + puncts[i])
        seq.append(item)
        branches.append(branch)
    lemmas = feats.lemmas[sent.start:sent.end]
    for k, item in enumerate(seq):
        if k > 0:
            item.append(b"-1br:" + branches[k - 1])
            item.append(b"-1l:" + lemmas[k - 1])
        if k + 1 < len(seq):
            item.append(b"1br:" + branches[k + 1])
            item.append(b"1l:" + lemmas[k + 1])
    return seq


def cue_head(doc: Doc, cue: tuple[int, int]) -> Token:
    """The cue token highest in the tree ("according" of "according to", "said" of "has said")."""
    if cue[1] - cue[0] == 1:        # most cues: no Token objects for the heads
        return doc[cue[0]]
    tokens = [doc[i] for i in range(*cue)]
    inside = set(range(*cue))
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def _ancestors(heads: list[int], token: int) -> dict[int, int]:
    """Ancestor index -> that ancestor's child on the path down to `token` (the token itself included)."""
    path = {token: token}
    child = token
    while heads[child] != child:
        path[heads[child]] = child
        child = heads[child]
    return path


def _branch(tree: Tree, token: int, head: int, head_path: dict[int, int]) -> tuple[bytes, bytes]:
    """(dependency label of the branch leading to the token, where that branch hangs).

    side "cue": the token descends from the cue through a child with that label; "up": the token is an
    ancestor of the cue; "lca": the branch from the lowest common ancestor of both.
    """
    if token == head:
        return b"self", b"cue"
    heads, deps = tree.heads, tree.deps
    child = token
    while heads[child] != child:
        parent = heads[child]
        if parent == head:
            return deps[child], b"cue"
        if parent in head_path:
            return deps[child], b"lca:" + deps[head_path[parent]]
        child = parent
    if child in head_path:
        return deps[head_path[child]], b"up"
    return b"none", b"other"


def _bucket(gap: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12, 20):
        if gap <= limit:
            return str(limit)
    return "far"


_GAP_FEATURES = tuple(f"gap:{_bucket(gap)}".encode() for gap in range(21))     # b"gap:far" beyond


_PERSONAL = frozenset("i you we me us".split())
_VERB_TAGS = ("VB", "VBD", "VBZ", "VBP", "VBG", "VBN")


@dataclass(frozen=True)
class TokenCounts:
    """Running counts over a Doc's tokens, so what a span holds costs two look-ups (no Token objects). Plain lists:
    a numpy scalar per look-up and subtraction costs several times a Python int's."""
    words: list[int]           # words (no punctuation or space) before each index
    quoted_words: list[int]    # of them, inside quotation marks
    questions: list[int]       # question marks before each index

    def of(self, counts: list[int], spans: list[tuple[int, int]]) -> int:
        return sum(counts[b] - counts[a] for a, b in spans)


def token_counts(doc: Doc, quoted: list[bool]) -> TokenCounts:
    punct, space, orth = doc.to_array([IS_PUNCT, IS_SPACE, ORTH]).T
    words = (punct == 0) & (space == 0)
    question = orth == doc.vocab.strings["?"]

    def running(flags: np.ndarray) -> list[int]:
        return [0, *np.cumsum(flags).tolist()]
    return TokenCounts(running(words), running(words & np.array(quoted, dtype=bool)), running(question))


def cue_evidence(doc: Doc, counts: TokenCounts, quoted: list[bool], scores: np.ndarray, cue: tuple[int, int],
                 sources: list[tuple[int, int]], contents: list[tuple[int, int]], *, probability: float,
                 tagged_source: bool, rule: bool, cues_in_sentence: int) -> np.ndarray:
    """What the cue checker weighs about one proposed cue: how sure the cue CRF was, what the role CRF found
    around it (a source? how much content, where, quoted, a question?) and what kind of word heads it."""
    head = cue_head(doc, cue)
    words = counts.of(counts.words, contents)
    kind = lexicon_kind(head.lemma_)
    child_deps = {c.dep_ if c.dep_ != "aux" or c.tag_ != "MD" else "modal" for c in head.children}
    return np.array([
        probability,
        float(rule),
        float(scores[head.i]) if len(scores) else 0.0,
        min(cue[1] - cue[0], 6) / 6,
        float(tagged_source),
        float(bool(sources)),
        float(any(b - a == 1 and doc[a].lower_ in _PERSONAL for a, b in sources)),
        np.log1p(words) / 4,
        float(contents[0][0] < cue[0]),
        float(contents[-1][1] > cue[1]),
        counts.of(counts.quoted_words, contents) / words if words else 0.0,
        float(quoted[head.i]),
        float(head.pos_ == "VERB"),
        float(head.pos_ == "NOUN"),
        float("ccomp" in child_deps),
        float(head.dep_ == "ROOT"),
        *(float(kind == k) for k in CUE_LEMMAS),
        min(cues_in_sentence, 4) / 4,
        *(float(head.tag_ == tag) for tag in _VERB_TAGS),
        float("modal" in child_deps),
        float("neg" in child_deps),
        float(counts.of(counts.questions, contents) > 0),
        float(doc[contents[-1][0]].lower_ == "to"),
        np.log1p(min(abs(contents[0][0] - cue[1]), abs(cue[0] - contents[-1][1]))) / 3,
    ])


@dataclass(frozen=True)
class CueChecker:
    """Logistic second opinion on an attribution the taggers propose: is it right, cue, source and content?
    Trained on the proposals of taggers that did not see their articles (bench.train_attributions cross-fits
    it); its threshold is the one with the best F1 there."""
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, evidence: np.ndarray) -> float:
        return 1.0 / (1.0 + math.exp(-(float(evidence @ self.weights) + self.bias)))

    def accepts(self, evidence: np.ndarray) -> bool:
        return self.probability(evidence) >= self.threshold


@lru_cache(maxsize=1)
def cue_checker() -> CueChecker:
    with np.load(CUE_CHECKER) as saved:
        return CueChecker(saved["weights"], float(saved["bias"]), float(saved["threshold"]))


@lru_cache(maxsize=1)
def cue_scorer() -> tuple[np.ndarray, float]:
    return load_scorer(CUE_SCORER)


def load_scorer(path: Path) -> tuple[np.ndarray, float]:
    with np.load(path) as saved:
        return saved["weights"], float(saved["bias"])


@lru_cache(maxsize=1)
def taggers() -> tuple[pycrfsuite.Tagger, pycrfsuite.Tagger]:
    """The cue and role taggers, opened once per process."""
    return open_taggers(CUE_MODEL, ROLE_MODEL)


def open_taggers(cue_model: Path, role_model: Path) -> tuple[pycrfsuite.Tagger, pycrfsuite.Tagger]:
    missing = [p for p in (cue_model, role_model) if not p.exists()]
    if missing:
        raise FileNotFoundError(
            f"attribution model {missing[0].name} missing: run `python -m bench.train_attributions`")
    cue_tagger, role_tagger = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    cue_tagger.open(str(cue_model))
    role_tagger.open(str(role_model))
    return cue_tagger, role_tagger


def runs(labels: list[str], kind: str) -> list[tuple[int, int]]:
    """[start, end) index runs of B-kind/I-kind labels."""
    begin, inside = "B-" + kind, "I-" + kind
    found: list[tuple[int, int]] = []
    start = None
    for i, label in enumerate([*labels, "O"]):
        if start is not None and label != inside:
            found.append((start, i))
            start = None
        if label == begin or (label == inside and start is None):
            start = i
    return found


def body_sentences(doc: Doc, norm: NormalisedText) -> list[SpacySpan]:
    """The parsed sentences that lie in body paragraphs (never the title, headings or datelines)."""
    found = []
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space), None)
        if first is None:
            continue
        block = norm.block_at(first.idx)
        if block is not None and block.kind == "body":
            found.append(sent)
    return found
