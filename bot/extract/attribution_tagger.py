"""Learned attribution tagging: a CRF finds cues in a sentence, a second CRF tags each cue's source and content.

Both CRFs are trained on PolNeAR train by `python -m bench.train_attributions` and stored in bot/models/.
Features come from the one spaCy parse the pipeline already has (lemma, tag, dependency, the head, a reporting
lexicon, whether a token sits inside quotation marks, and for roles the token's place in the tree relative to
the cue), so tagging costs a small fraction of parsing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.tokens import Doc, Span as SpacySpan, Token

from bot.text import NormalisedText

MODELS = Path(__file__).resolve().parents[1] / "models"
CUE_MODEL = MODELS / "attribution_cues.crfsuite"
ROLE_MODEL = MODELS / "attribution_roles.crfsuite"
CUE_SCORER = MODELS / "attribution_cue_scorer.npz"

# Reporting lexicon by cue kind: a feature for the CRFs (PolNeAR counts beliefs, intentions, endorsements and
# findings as attributions), and the cue kind of a found cue.
CUE_LEMMAS = {
    "speech": frozenset(
        "say tell add claim deny urge state report announce insist warn argue explain note admit acknowledge "
        "allege confirm accuse blame promise vow declare predict describe ask write testify reply respond "
        "repeat stress emphasise emphasize concede complain call tweet post quote cite suggest charge "
        "boast recall remark comment contend assert maintain reiterate demand pledge threaten question "
        "mock joke dismiss criticise criticize attack slam praise".split()),
    "belief": frozenset("believe think feel hope fear expect suspect doubt understand know worry "
                        "assume consider agree disagree wonder realize realise".split()),
    "intention": frozenset("plan intend want aim seek decide try refuse".split()),
    "endorsement": frozenset("back endorse support oppose condemn favor favour reject".split()),
    "finding": frozenset("show find reveal indicate estimate conclude poll survey".split()),
    "report": frozenset("report statement reportedly".split()),
}
_LEXICON = {lemma: kind for kind, lemmas in reversed(CUE_LEMMAS.items()) for lemma in lemmas}
_CHILD_DEPS = ("ccomp", "nsubj", "dobj", "xcomp", "agent", "prep", "mark", "dative", "nsubjpass")


def lexicon_kind(lemma: str) -> str | None:
    return _LEXICON.get(lemma.lower())


def quotation_state(doc: Doc) -> list[bool]:
    """Per token: inside quotation marks (the marks included)."""
    return [opening >= 0 for opening in quotation_openings(doc)]


def quotation_openings(doc: Doc) -> list[int]:
    """Per token: the index of the mark opening the quotation it is in (the marks included), -1 outside.

    A paragraph that ends inside a quotation and is followed by one opening with a quotation mark continues the
    quotation (the press convention), so a quotation can run over paragraphs.
    """
    openings = [-1] * len(doc)
    opening = -1
    paragraph_start = True
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                if opening >= 0 and not _opens_with_quote(doc, token.i + 1):
                    opening = -1
                paragraph_start = True
            continue
        if token.text == '"' and not (opening >= 0 and paragraph_start):
            openings[token.i] = opening if opening >= 0 else token.i
            opening = -1 if opening >= 0 else token.i
        else:
            openings[token.i] = opening
        paragraph_start = False
    return openings


def _opens_with_quote(doc: Doc, i: int) -> bool:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i < len(doc) and doc[i].text == '"'


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


def base_features(doc: Doc, quoted: list[bool], scores: np.ndarray) -> list[dict[str, str]]:
    """Per-token features shared by both taggers; computed once per document (in plain lists: token objects
    are slow to create)."""
    words = [(t.lower_, t.lemma_.lower(), t.tag_, t.dep_, "T" if t.is_title else "U" if t.is_upper else "l")
             for t in doc]
    heads = head_indexes(doc).tolist()
    buckets = np.minimum((scores * 10).astype(np.int64), 9).tolist()
    feats = []
    for i, (lower, lemma, tag, dep, cap) in enumerate(words):
        _, head_lemma, head_tag, head_dep, _ = words[heads[i]]
        feats.append({
            "w": lower,
            "l": lemma,
            "t": tag,
            "d": dep,
            "hl": head_lemma,
            "ht": head_tag,
            "hd": head_dep,
            "q": "1" if quoted[i] else "0",
            "lex": _LEXICON.get(lemma, "-"),
            "hlex": _LEXICON.get(head_lemma, "-"),
            "cap": cap,
            "cp": str(buckets[i]),
        })
    for i, h in enumerate(heads):
        if h != i:
            dep = words[i][3]
            if dep in _CHILD_DEPS:
                feats[h]["k_" + dep] = "1"
            if words[i][0] == ":":
                feats[h]["k_colon"] = "1"
    return feats


def cue_sequence(feats: list[dict[str, str]], sent: SpacySpan) -> list[dict[str, str]]:
    """Features for the cue tagger over one sentence: each token plus its neighbours' lemma and tag."""
    seq = []
    for i in range(sent.start, sent.end):
        f = dict(feats[i])
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if sent.start <= j < sent.end:
                f[f"{offset}l"] = feats[j]["l"]
                f[f"{offset}t"] = feats[j]["t"]
            else:
                f[f"{offset}l"] = "<edge>"
        f["1w"] = f.get("1l", "")
        f["pos"] = "first" if i == sent.start else "last" if i == sent.end - 1 else "mid"
        seq.append(f)
    return seq


def role_sequence(feats: list[dict[str, str]], sent: SpacySpan, cue: tuple[int, int]) -> list[dict[str, str]]:
    """Features for the source/content tagger over the cue's sentence: where each token sits relative to the
    cue, in the text and in the dependency tree."""
    doc = sent.doc
    head = cue_head(doc, cue)
    head_path = _ancestors(head)
    head_feats = feats[head.i]
    seq = []
    for i in range(sent.start, sent.end):
        token = doc[i]
        base = feats[i]
        rel = "C" if cue[0] <= i < cue[1] else "L" if i < cue[0] else "R"
        gap = (cue[0] - i) if rel == "L" else (i - cue[1] + 1) if rel == "R" else 0
        branch, side = _branch(token, head, head_path)
        f = {
            "l": base["l"],
            "t": base["t"],
            "d": base["d"],
            "q": base["q"],
            "cq": head_feats["q"],
            "rel": rel,
            "gap": _bucket(gap),
            "br": branch,
            "side": side,
            "br_rel": f"{branch}|{side}|{rel}",
            "cl": head_feats["l"],
            "cd": head.dep_,
            "cd_rel": f"{head.dep_}|{rel}",
            "q_rel": f"{base['q']}{head_feats['q']}|{rel}",
            "br_q": f"{branch}|{base['q']}{head_feats['q']}",
        }
        if token.is_punct:
            f["punct"] = token.text
        seq.append(f)
    for i, f in enumerate(seq):
        for offset in (-1, 1):
            j = i + offset
            if 0 <= j < len(seq):
                f[f"{offset}br"] = seq[j]["br"]
                f[f"{offset}l"] = seq[j]["l"]
    return seq


def cue_head(doc: Doc, cue: tuple[int, int]) -> Token:
    """The cue token highest in the tree ("according" of "according to", "said" of "has said")."""
    tokens = [doc[i] for i in range(*cue)]
    inside = set(range(*cue))
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def _ancestors(token: Token) -> dict[int, Token]:
    """Ancestor index -> that ancestor's child on the path down to `token` (the token itself included)."""
    path = {token.i: token}
    child = token
    while child.head.i != child.i:
        path[child.head.i] = child
        child = child.head
    return path


def _branch(token: Token, head: Token, head_path: dict[int, Token]) -> tuple[str, str]:
    """(dependency label of the branch leading to the token, where that branch hangs).

    side "cue": the token descends from the cue through a child with that label; "up": the token is an
    ancestor of the cue; "lca": the branch from the lowest common ancestor of both.
    """
    if token.i == head.i:
        return "self", "cue"
    child = token
    while child.head.i != child.i:
        parent = child.head
        if parent.i == head.i:
            return child.dep_, "cue"
        if parent.i in head_path:
            if parent.i == token.i:
                return head_path[parent.i].dep_, "up"
            return child.dep_, "lca:" + head_path[parent.i].dep_
        child = parent
    if child.i in head_path:
        return head_path[child.i].dep_, "up"
    return "none", "other"


def _bucket(gap: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12, 20):
        if gap <= limit:
            return str(limit)
    return "far"


@lru_cache(maxsize=1)
def cue_scorer() -> tuple[np.ndarray, float]:
    with np.load(CUE_SCORER) as saved:
        return saved["weights"], float(saved["bias"])


@lru_cache(maxsize=1)
def taggers() -> tuple[pycrfsuite.Tagger, pycrfsuite.Tagger]:
    """The cue and role taggers, opened once per process."""
    missing = [p for p in (CUE_MODEL, ROLE_MODEL) if not p.exists()]
    if missing:
        raise FileNotFoundError(
            f"attribution model {missing[0].name} missing: run `python -m bench.train_attributions`")
    cue_tagger, role_tagger = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    cue_tagger.open(str(CUE_MODEL))
    role_tagger.open(str(ROLE_MODEL))
    return cue_tagger, role_tagger


def runs(labels: list[str], kind: str) -> list[tuple[int, int]]:
    """[start, end) index runs of B-kind/I-kind labels."""
    found: list[tuple[int, int]] = []
    start = None
    for i, label in enumerate([*labels, "O"]):
        if start is not None and label != f"I-{kind}":
            found.append((start, i))
            start = None
        if label == f"B-{kind}" or (label == f"I-{kind}" and start is None):
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
