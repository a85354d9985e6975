"""The configured pipeline (bot.nlp) annotates exactly as the model loaded by spaCy does: its changes are speed only."""

from __future__ import annotations

import numpy as np
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from bot.extract.sentences import add_paragraph_boundaries
from bot.nlp import IndexedAttributeRuler
from bot.settings import load_settings
from bot.text import normalise

ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


def test_configured_pipeline_annotates_the_sample_article_as_spacy_does(nlp, sample_text):
    text = normalise(sample_text).text
    plain_nlp = spacy.load(load_settings().spacy_model)
    add_paragraph_boundaries(plain_nlp)
    add_paragraph_boundaries(nlp)
    plain, configured = plain_nlp(text), nlp(text)
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert np.array_equal(configured.to_array(ANNOTATIONS), plain.to_array(ANNOTATIONS))
    # what the learned cue scorer reads: numpy's and BLIS's matrix products round differently
    assert np.allclose(configured.tensor, plain.tensor, rtol=0, atol=1e-5)


def test_indexed_attribute_ruler_applies_rules_in_order_like_attribute_ruler():
    """Indexed one-token rules and Matcher rules (regex, two tokens, NOT_IN) interleave by rule order: a later
    rule overrides an earlier one on the same token whichever way each is matched."""
    patterns = [
        {"patterns": [[{"LOWER": {"IN": ["zorpa", "ya"]}}]], "attrs": {"LEMMA": "first"}},
        {"patterns": [[{"LOWER": {"REGEX": "^zor"}}]], "attrs": {"LEMMA": "regex"}},
        {"patterns": [[{"LOWER": "ya", "IS_SPACE": False}]], "attrs": {"LEMMA": "you"}},
        {"patterns": [[{"LOWER": "see"}, {"LOWER": "ya"}]], "attrs": {"LEMMA": "pair"}, "index": 1},
        {"patterns": [[{"LOWER": {"NOT_IN": ["see", "ya", "zorpa", ""]}}]], "attrs": {"LEMMA": "other"}},
        {"patterns": [[{"LOWER": "later"}]], "attrs": {"LEMMA": "last"}},
        {"patterns": [[{"LOWER": "zorpa"}]], "attrs": {"LEMMA": "zorp"}},
    ]
    lemmas = []
    for ruler_class in (AttributeRuler, IndexedAttributeRuler):
        nlp = spacy.blank("en")
        ruler = ruler_class(nlp.vocab)
        ruler.add_patterns(patterns)
        lemmas.append([t.lemma_ for t in ruler(nlp("zorpa see ya later ya"))])
    assert lemmas[1] == lemmas[0] == ["zorp", "", "pair", "last", "you"]
