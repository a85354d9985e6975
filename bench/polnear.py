"""PolNeAR brat standoff loader: article texts with their gold attributions (source, cue, content spans).

The corpus lives in `../shared/polnear/{train,dev}` beside the repository: `text/*.txt` and
`attributions/ARTICLE_ANNOTATOR.ann`. Articles annotated twice keep the first annotation file in sorted order.
A span may be discontinuous (`start end;start end`), so every role is a tuple of (start, end) fragments.
Attribution relations without a cue or content (unfinished annotations) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "polnear"
SPLITS = ("train", "dev")

Fragments = tuple[tuple[int, int], ...]

_SPAN_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_RELATION_LINE = re.compile(r"^E\d+\t(.*)$")


@dataclass(frozen=True)
class GoldAttribution:
    cue: Fragments
    sources: tuple[Fragments, ...]     # empty when the text names no source
    contents: tuple[Fragments, ...]    # "Content" and any further "Content2" ...


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def split_dir(split: str) -> Path:
    if split not in SPLITS:
        raise ValueError(f"unknown PolNeAR split {split!r}; choose one of {', '.join(SPLITS)}")
    path = POLNEAR / split
    if not (path / "text").is_dir():
        raise FileNotFoundError(f"no PolNeAR {split} split under {path}: put the shared material beside the repo")
    return path


def load_split(split: str, limit: int | None = None) -> list[Article]:
    """Every article of the split that has an annotation file, sorted by name."""
    root = split_dir(split)
    annotations: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles = []
    for text_path in sorted((root / "text").glob("*.txt")):
        ann = annotations.get(text_path.stem)
        if ann is None:
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append(Article(text_path.stem, text, parse_ann(ann.read_text(encoding="utf-8"))))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """Attributions of one brat file; span text fields may run over lines, so only line heads are read."""
    spans: dict[str, Fragments] = {}
    relations: list[str] = []
    for line in ann.splitlines():
        if m := _SPAN_LINE.match(line):
            spans[m.group(1)] = tuple(
                tuple(int(x) for x in piece.split()) for piece in m.group(3).split(";")
            )
        elif m := _RELATION_LINE.match(line):
            relations.append(m.group(1))
    found = []
    for relation in relations:
        roles: dict[str, list[Fragments]] = {}
        for arg in relation.split():
            role, _, ref = arg.partition(":")
            if ref in spans:
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(spans[ref])
        if roles.get("Cue") and roles.get("Content"):
            found.append(GoldAttribution(roles["Cue"][0], tuple(roles.get("Source", ())), tuple(roles["Content"])))
    return tuple(found)
