"""The spaCy pipeline, loaded once per process; its name is a setting so a deployment can use the official model."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed; set NEWSBOT_SPACY_MODEL or install the package"
        ) from exc
