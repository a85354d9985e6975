"""Where the shared corpora live: `../shared` beside the repository, as on the CI machine."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
POLNEAR = SHARED / "polnear"


def polnear_texts(split: str) -> list[Path]:
    """The split's article texts, sorted; fails loudly when the corpus is missing rather than testing nothing."""
    paths = sorted((POLNEAR / split / "text").glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"no PolNeAR {split} texts under {POLNEAR}: put the shared material beside the repo")
    return paths
