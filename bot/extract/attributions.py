"""Attributions (who said what): cue, source and content spans, in original offsets.

Two CRFs trained on PolNeAR (bot.extract.attribution_tagger) find the cues of each body sentence and, per cue,
the source and content tokens of its sentence. Rules then add what a sentence-level tagger cannot see: a
quotation running over earlier sentences or paragraphs before its speaker is named belongs to the content, a
transcript's "NAME:" opens a turn, and a quote whose cue lies inside another quote's content is nested in it
(`Quote.parent`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, ORTH
from spacy.tokens import Doc, Span as SpacySpan, Token

from bot.extract.attribution_tagger import (
    CUE_LEMMAS, base_features, body_sentences, cue_checker, cue_evidence, cue_head, cue_scorer, cue_scores,
    cue_sequence, lexicon_kind, parse_tree, quotation_openings, role_sequence, runs, taggers, token_counts,
)
from bot.extract.entities import INSTITUTIONS, PERSON_NOUNS, with_hyphenated_word
from bot.extract.sentences import closing_bracket, sentence_at
from bot.extract.types import ACTION, Quote, Sentence, Span
from bot.text import NormalisedText

_EDGE = " \t\n,;:-\u2013\u2014"
SPEECH_VERBS = frozenset("say tell claim insist warn add".split())
# "I said ...", "you say ..." inside a quotation: the quoted speaker retelling a conversation, not a new claim.
SPEAKING_PERSONS = frozenset("i you we".split())
SIGNATURE_DASHES = frozenset(("\u2015", "\u2014", "--"))
_TRAILING_PUNCT = ".,;:"
# Paragraph labels that a colon follows without anyone speaking ("Update: ...", "Photo: ...").
NOT_SPEAKERS = frozenset("update note correction editor photo video watch related read source sources click "
                         "follow contact disclosure warning credit image caption advertisement latest breaking "
                         "exclusive analysis opinion live updates clarification full contributing revealed wow "
                         "bombshell look notice guide continued claim claims rating verdict ruling conclusion "
                         "context background".split())     # a fact-check's "CLAIM: ...", "VERDICT: False"
# At most this many words in a transcript speaker's name before its colon: more make a sub-heading run into its
# paragraph ("Veto Power Impedes Peace Efforts: Eliminating ...").
_TURN_NAME_WORDS = 3
# Probability from which a token is taken as cue / content although Viterbi said O (tuned on PolNeAR dev).
CUE_THRESHOLD = 0.35
CONTENT_THRESHOLD = 0.3
# At most this many words between a sentence's start and a cue whose content is the quotation before it
# ("Mr. Trump, the front-runner, said").
_LEADING_SOURCE_TOKENS = 8


def find_quotes(doc: Doc, norm: NormalisedText, sentences: list[Sentence]) -> list[Quote]:
    """Every attribution in the body sentences; speakers are left to coref."""
    openings = quotation_openings(doc)
    quoted = [opening >= 0 for opening in openings]
    checker = cue_checker()
    proposed = list(candidates(doc, norm, openings, *taggers(), cue_scorer()))
    accepted = _with_added_remarks([c for c in proposed if c.by_rule or checker.accepts(c.evidence)], doc)
    is_word = _words(doc)
    cue_tokens = {i for c in accepted for i in range(*c.cue)}
    closings = _closings(openings)
    quotes: list[Quote] = []
    unlisted: set[int] = set()      # quotes whose cue is a verb no reporting lexicon lists ("passed")
    for candidate in accepted:
        contents = _modified_noun(doc, candidate.cue, candidate.contents) \
            or _own_clause_first(doc, candidate.cue, candidate.contents)
        if not contents:
            continue
        for cue, sources, contents in _with_reported_claim(doc, _without_time_preposition(doc, candidate.cue),
                                                           candidate.sources, contents):
            contents = _with_whole_clause(doc, cue, _with_cut_complement(doc, cue, contents))
            contents = _without_cue_phrase(doc, openings, cue, _with_verb_of_auxiliary(doc, contents))
            contents = _with_next_quotation(doc, openings, closings, cue_tokens, cue, contents)
            contents = _gaps_filled(doc, cue, cue_tokens, _up_to_trailing_cue(doc, cue, cue_tokens, contents))
            contents = _without_introduction(doc, openings, cue, _within_noun_phrase(doc, cue, contents))
            contents = _own_conjunct(doc, cue, contents, cue_tokens)
            contents = _without_rival_claim(doc, norm, cue, contents, cue_tokens)
            sources, contents = _passive_agent(doc, cue, sources, contents)
            sources, contents = _appositive_speaker(doc, cue, sources, contents)
            sources, contents = _subject_taken_for_content(doc, cue, sources, contents)
            sources = _whole_subject(doc, cue, _without_verb_group(doc, cue, sources))
            sources = _inside_as_clause(doc, cue, sources)
            sources, contents = _without_antecedent(doc, cue, sources, contents)
            sources, contents = _with_stranded_first_word(doc, sources), _with_stranded_first_word(doc, contents)
            sources, contents = _without_timestamp(doc, sources), _without_timestamp(doc, contents)
            cue, sources = _said_before_source(doc, cue, sources)
            cue, contents = _without_content_adverb(doc, cue, contents)
            contents = _without_source_description(doc, sources, contents)
            if not contents or _expletive(doc, sources) or _not_said(cue_head(doc, cue)) \
                    or _label_before_colon(doc, cue, sources) \
                    or _thing_doing(doc, cue, sources) or _anonymity(doc, cue, contents) \
                    or _done_by_a_thing(doc, cue, sources) or _purpose(doc, cue_head(doc, cue), sources) \
                    or _adding_an_amount(cue_head(doc, cue)) \
                    or _leaves_its_quotation(openings, closings, cue, contents) or _told(doc, cue, sources) \
                    or _passive_subject_alone(doc, cue, sources, contents):
                continue        # "It was not clear whether ...": the outlet's own remark, no one's claim
            quote = _quote(doc, norm, sentences, quoted, is_word, _with_negation(doc, cue), sources, contents)
            if quote is not None:
                quotes.append(quote)
                if _unlisted_verb(doc, cue) or quote.cue_kind == "intention":
                    unlisted.add(id(quote))
    taken = {(q.cue.start, q.cue.end) for q in quotes}
    proposed_tokens = {i for c in proposed for i in range(*c.cue)}
    for cue, sources, contents in (*_signed_quotations(doc, openings), *_transcript_turns(doc, norm),
                                   *_quoted_by(doc, norm), *_estimates(doc, norm, cue_tokens),
                                   *_poll_findings(doc, norm, cue_tokens),
                                   *_unproposed_sayings(doc, norm, quoted, proposed_tokens),
                                   *_trailing_cues(doc, norm, quoted, cue_tokens),
                                   *_parenthetical_cues(doc, norm, quoted, proposed_tokens)):
        quote = _quote(doc, norm, sentences, quoted, is_word, cue, sources, contents)
        if quote is not None and (quote.cue.start, quote.cue.end) not in taken:
            quotes.append(quote)
    cue_starts = {q.cue.start for q in quotes}
    for cue, contents in _unsourced_reports(doc, norm):
        quote = _quote(doc, norm, sentences, quoted, is_word, cue, [], contents, cue_kind="report")
        if quote is not None and quote.cue.start not in cue_starts:
            quotes.append(quote)
    quotes.sort(key=lambda q: q.cue.start)
    # "Pulsetrack passed location data to advertisers, according to an internal memo": inside a claim, a verb no
    # lexicon reports with, or one of intending ("the security forces were shot after they refused to open fire"),
    # is what the claim says was done, not a claim of its own
    quotes = [q for q, parent in zip(quotes, _parents(quotes)) if parent is None or id(q) not in unlisted]
    _nest(quotes)
    return quotes


def _passive_agent(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]], contents: list[tuple[int, int]]
                   ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """"The most common side effects were nausea and dizziness, reported by 11% of participants": a passive cue's
    source is its agent, never the subject of the clause it hangs on (the tagger took "side effects" for the
    source and the agent for the content). What the agent reported is that clause."""
    verb = cue_head(doc, cue)
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if verb.tag_ != "VBN" or agent is None or lexicon_kind(verb.lemma_) is None:
        return sources, contents    # "policymakers have been startled by Trump's remarks": no one reports
    span = _agent_span(agent)
    if any(a < span[1] and span[0] < b for a, b in sources):
        return sources, contents
    remaining = [(a, b) for a, b in _without(contents, [(by.i, span[1])])
                 if any(t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "VERB", "ADJ") for t in doc[a:b])]
    if not remaining and verb.dep_ in ("advcl", "acl"):
        host = verb.head
        remaining = _without([(host.left_edge.i, host.right_edge.i + 1)],
                             [(min(verb.left_edge.i, by.i), verb.right_edge.i + 1)])
    return ([span], remaining) if remaining else (sources, contents)


def _appositive_speaker(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]],
                        contents: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """"The council backs Craig Whitcomb, its president Raymond Kowalczyk said": the parser hangs the speaker on the
    claim's last noun as its appositive and leaves the verb without a subject, so the tagger took the whole
    sentence for source and content alike. A trailing cue with no subject is said by the appositive just before
    it, set off by a comma; what is said ends at that comma."""
    verb = cue_head(doc, cue)
    if cue[0] < 2 or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) \
            or not any(c.dep_ == "ccomp" and c.i < cue[0] for c in verb.children):
        return sources, contents
    token = doc[cue[0] - 1]
    appositive = None
    while token.head.i != token.i and token.right_edge.i == cue[0] - 1:
        if token.dep_ == "appos" and doc[token.left_edge.i - 1].text == ",":
            appositive = token
        token = token.head
    if appositive is None:
        return sources, contents
    comma = appositive.left_edge.i - 1
    said = [(a, min(b, comma)) for a, b in contents if a < comma]
    return ([(appositive.left_edge.i, cue[0])], said) if said else (sources, contents)


def _within_noun_phrase(doc: Doc, cue: tuple[int, int], contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Lindqvist said that the company's claim that the drug was safer was not supported by the data": what a
    reporting noun says ends with its phrase; the rest of the sentence says something about the claim (here,
    another speaker's rebuttal)."""
    noun = cue_head(doc, cue)
    if noun.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.lemma_ == "be" \
            or not any(a >= cue[1] for a, _ in contents):
        return contents     # but "his worry is that ...": the complement is what the noun says
    end = noun.right_edge.i + 1
    run = end
    while run < len(doc) and run - end < 3 and doc[run].is_punct:
        run += 1
        if doc[run - 1].is_quote:
            end = run       # the closing mark of a quotation the phrase ends with ("would 'learn nothing,'")
    kept = [(a, min(b, end)) for a, b in contents if a < end]
    return [(a, b) for a, b in kept if _holds_word(doc[a:b])] or contents


def _without_time_preposition(doc: Doc, cue: tuple[int, int]) -> tuple[int, int]:
    """"researchers reported on Wednesday": the tagger took the preposition of a date into the cue; reporting "on"
    something is a cue, reporting on a day is not."""
    last = doc[cue[1] - 1]
    objects = [c for c in last.children if c.dep_ == "pobj"]
    if cue[1] - cue[0] > 1 and last.lower_ in _TIME_PREPOSITIONS and objects \
            and all(o.ent_type_ in ("DATE", "TIME") for o in objects):
        return cue[0], cue[1] - 1
    return cue


_TIME_PREPOSITIONS = frozenset("on in during over since throughout".split())     # not "accounted for a quarter"


def _passive_subject_alone(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]],
                           contents: list[tuple[int, int]]) -> bool:
    """"The result has been declared.", "Not all experts were convinced.": a passive cue with no one doing it and
    nothing reported but its subject says who or what it was done to, no claim of anyone's."""
    verb = cue_head(doc, cue)
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if sources or subject is None or any(c.dep_ in ("agent", "ccomp", "xcomp") for c in verb.children):
        return False
    return all(subject.left_edge.i <= a and b <= subject.right_edge.i + 1 for a, b in contents)


def _narrated(doc: Doc, quoted: list[bool], cue: tuple[int, int], contents: list[tuple[int, int]]) -> bool:
    """An unlisted verb whose content is a thing, not a clause, outside quotation marks: something done, not said
    ("Corriveau struggled openly with alcohol addiction", "Senate Republicans were openly divided over ...").
    PolNeAR counts many such as attributions, so they stay, as actions, which no answer shows as said."""
    return _unlisted_verb(doc, cue) and not any(quoted[a] for a, _ in contents) \
        and not any(t.pos_ in ("VERB", "AUX") for a, b in contents for t in doc[a:b])


def _unlisted_verb(doc: Doc, cue: tuple[int, int]) -> bool:
    """A cue that is a verb phrase no word of which a reporting lexicon lists ("passed", "pointed to"; not
    "seemed to think", "according to"), and no participle ("hoping to make an escape", which the lemmatiser
    makes "hop")."""
    tokens = doc[cue[0]:cue[1]]
    head = cue_head(doc, cue)
    return head.pos_ == "VERB" and head.tag_ != "VBG" and tokens[0].lower_ != "according" \
        and not any(lexicon_kind(t.lemma_) for t in tokens)


def _modified_noun(doc: Doc, cue: tuple[int, int], contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Morrow said the amount alleged by prosecutors was "wildly inflated"", "the document Mirzoyan described was
    ...": a cue in a clause on a noun, with no clause of its own, says only that noun. The tagger gave it what the
    sentence goes on to say of the noun, another speaker's (or the outlet's) claim about it."""
    verb = cue_head(doc, cue)
    noun = verb.head
    if verb.dep_ not in ("acl", "relcl") or noun.pos_ not in ("NOUN", "PROPN") or noun.i > verb.i \
            or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) \
            or not all(a > noun.right_edge.i for a, _ in contents):
        return []
    start = next(t.i for t in noun.subtree)
    end = min(verb.left_edge.i, cue[0])
    return [(start, end)] if start < end else []


def _with_added_remarks(accepted: list[Candidate], doc: Doc) -> list[Candidate]:
    """"Natarajan said breaches of telecom companies were dangerous, adding that customers should set up a PIN", "a
    researcher said the true number was higher and accused the company of ...": the parser hangs "adding" or
    "accused" on the reported clause, so the taggers give the remark to that clause's subject. A remark with no
    subject of its own is the speaker's (the speaker's whole subject: "Trump, speaking to a veterans group, said
    ... and warned against ..." is no warning by the group), and the first claim ends before it."""
    for remark in accepted:
        head = cue_head(doc, remark.cue)
        if head.dep_ not in ("advcl", "conj") or lexicon_kind(head.lemma_) != "speech" \
                or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in head.children):
            continue
        speaker = next((c for c in accepted if c is not remark and c.cue[1] <= remark.cue[0] and c.sources
                        and any(a <= head.head.i < b for a, b in c.contents)), None)
        if speaker is None:
            continue
        remark.sources = _whole_subject(doc, speaker.cue, speaker.sources)
        end = remark.cue[0]
        while end > speaker.cue[1] and (doc[end - 1].text in (",", ";") or doc[end - 1].dep_ == "cc"):
            end -= 1        # ", adding", "and accused"
        speaker.contents = [(a, min(b, end)) for a, b in speaker.contents if a < end]
    return accepted


@dataclass
class Candidate:
    """A cue the taggers propose with its source and content tokens, and the evidence the cue checker weighs.
    A cue found by rule (_missed_cues, _nominal_cue) is kept whatever the checker says (by_rule): PolNeAR
    leaves such cues unannotated or rare, so the checker learns to doubt them, yet they are what wire copy
    needs; unless its source is "I", "you" or "we", a speaker retelling a conversation."""
    cue: tuple[int, int]
    sources: list[tuple[int, int]]
    contents: list[tuple[int, int]]
    evidence: np.ndarray
    by_rule: bool


def candidates(doc: Doc, norm: NormalisedText, openings: list[int], cue_tagger, role_tagger,
               scorer: tuple[np.ndarray, float]) -> Iterator[Candidate]:
    """Each cue the cue CRF (or _missed_cues) finds in a body sentence that the role CRF gives a content."""
    quoted = [opening >= 0 for opening in openings]
    closings = _closings(openings)
    scores = cue_scores(doc, scorer)
    feats = base_features(doc, quoted, scores)
    counts = token_counts(doc, quoted)
    tree = parse_tree(doc)
    for sent in body_sentences(doc, norm):
        cue_labels, cue_probabilities = _recall_biased(cue_tagger, cue_sequence(feats, sent), "CUE", CUE_THRESHOLD)
        cues = [(sent.start + a, sent.start + b) for a, b in runs(cue_labels, "CUE")]
        missed = _missed_cues(sent, cues, quoted, feats.lemmas)
        for cue in sorted(cues + missed):
            probability = max((cue_probabilities[i - sent.start] for i in range(*cue)), default=0.0)
            cue, agent = _nominal_cue(doc, cue)
            roles, _ = _recall_biased(role_tagger, role_sequence(feats, tree, sent, cue), "C", CONTENT_THRESHOLD)
            sources = _nearest(cue, [(sent.start + s, sent.start + e) for s, e in runs(roles, "S")])
            if agent is not None:
                sources = [_agent_span(agent)]
            contents = _without_first_conjunct(
                doc, quoted, cue, _without([(sent.start + s, sent.start + e) for s, e in runs(roles, "C")], sources))
            contents = (contents or _adjacent_content(doc, openings, closings, sent, cue) or _reported_clause(doc, cue)
                        or _rest_of_sentence(doc, sent, cue, sources))
            if not contents:
                continue
            tagged_source = bool(sources)
            if not sources and lexicon_kind(cue_head(doc, cue).lemma_) != "intention":
                sources = _subject_source(doc, sent, quoted, cue, contents)
                remaining = _without(contents, sources)
                if not remaining and sources and cue_head(doc, cue).lower_ == "according":
                    # "According to X, ...": the tagger took X, the whole of its content, for the content
                    remaining = _without([(sent.start, sent.end)], [cue, *sources])
                contents, sources = (remaining, sources) if remaining else (contents, [])
            if contents[0][1] <= cue[0]:
                contents = _with_earlier_quotation(openings, contents, cue)
            contents = _with_rest_of_quotation(openings, closings, contents)
            rule = cue in missed or agent is not None
            evidence = cue_evidence(doc, counts, quoted, scores, cue, sources, contents, probability=probability,
                                    tagged_source=tagged_source, rule=rule, cues_in_sentence=len(cues) + len(missed))
            retold = any(b - a == 1 and doc[a].lower_ in SPEAKING_PERSONS for a, b in sources)
            yield Candidate(cue, sources, contents, evidence, rule and not retold)


def _adjacent_content(doc: Doc, openings: list[int], closings: dict[int, int], sent: SpacySpan,
                      cue: tuple[int, int]) -> list[tuple[int, int]]:
    """The content of a cue whose sentence holds none, from the text around it: after a sentence ending in a
    colon ('Cruz continued:' or 'He said:' closing a paragraph), the quotation or paragraph that follows; for a
    cue opening its sentence ('"Who do they think they are?" Trump said of Apple'), the quotation just before.
    The sentence tagger sees neither."""
    last = sent.end - 1
    while last > cue[0] and doc[last].is_space:
        last -= 1
    if doc[last].text == ":":
        following = last + 1
        while following < len(doc) and doc[following].is_space:
            following += 1
        if following == len(doc):
            return []
        if openings[following] == following:
            return [(following, closings[following] + 1)]
        end = following
        while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
            end += 1
        return [(following, end)]
    before = sent.start - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0 or cue[0] - sent.start > _LEADING_SOURCE_TOKENS or openings[before] in (-1, before) \
            or any(openings[i] >= 0 for i in range(sent.start, cue[0])):
        return []
    return [(openings[before], before + 1)]


def _with_lemma(doc: Doc, lemmas: tuple[str, ...]) -> Iterator[Token]:
    """The tokens with one of these lemmas, found in the lemma array (no Token object for every word)."""
    for i in np.flatnonzero(np.isin(doc.to_array(LEMMA), [doc.vocab.strings[w] for w in lemmas])).tolist():
        yield doc[i]


def _holds_word(tokens: SpacySpan) -> bool:
    return any(not (t.is_punct or t.is_space) for t in tokens)


def _signed_quotations(doc: Doc, openings: list[int]):
    """(cue, sources, contents) of a quotation signed with a dash and a name at the end of its line:
    '"... our greatest shame." ― Sonya Herridge' (testimonials, readers' voices, epigraphs)."""
    dash_orths = [doc.vocab.strings[dash] for dash in SIGNATURE_DASHES]
    for i in np.flatnonzero(np.isin(doc.to_array(ORTH), dash_orths)):     # no Token object per word
        dash = doc[int(i)]
        if dash.i == 0 or doc[dash.i - 1].text != '"':
            continue
        close = dash.i - 1
        name_end = dash.i + 1
        while name_end < len(doc) and not doc[name_end].is_space and name_end - dash.i <= 6 \
                and (doc[name_end].pos_ in ("PROPN", "PUNCT") or doc[name_end].is_title):    # "Julie A. Diaz"
            name_end += 1
        at_line_end = name_end == len(doc) or doc[name_end].is_space and "\n" in doc[name_end].text
        if not at_line_end or not any(t.pos_ == "PROPN" for t in doc[dash.i + 1:name_end]):
            continue
        while doc[name_end - 1].is_punct:       # "― Carla Sanchez." is signed Carla Sanchez
            name_end -= 1
        start = openings[close]
        if 0 <= start and close - start > 1:
            yield (dash.i, dash.i + 1), [(dash.i + 1, name_end)], [(start + 1, close)]


def _quoted_by(doc: Doc, norm: NormalisedText):
    """(cue, sources, contents) of remarks "quoted by" a medium: in 'Erdogan said Syria was committing an
    "atrocity", in remarks quoted by Turkish media', Turkish media reports the whole saying, and Erdogan's claim is
    nested in theirs. The tagger has no such cue to learn from (PolNeAR has one), yet it tells a fact-checker whose
    report a claim comes through."""
    for verb in _with_lemma(doc, ("quote",)):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None) if verb.dep_ == "acl" else None
        medium = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        phrase = verb.head.head             # "in" of "in remarks quoted by ..."
        if medium is None or verb.head.dep_ != "pobj" or norm.block_at(verb.idx).kind != "body":
            continue
        saying = next((t for t in phrase.ancestors if t.pos_ == "VERB" and lexicon_kind(t.lemma_) == "speech"), None)
        if saying is None:
            continue
        if phrase.i < saying.i:             # "in an interview quoted by Anatolia news agency he said ..."
            start, end = phrase.right_edge.i + 1, saying.right_edge.i + 1
        else:
            start, end = saying.left_edge.i, phrase.left_edge.i
        while start < end and doc[start].text in (",", ";"):
            start += 1
        while end > start and doc[end - 1].text in (",", ";"):
            end -= 1
        if start < end:
            yield (verb.i, agent.i + 1), [(medium.left_edge.i, medium.right_edge.i + 1)], [(start, end)]


def _estimates(doc: Doc, norm: NormalisedText, cue_tokens: set[int]):
    """(cue, sources, contents) of an estimate "X put the figure at more than 1,000" ("puts", "placed", "pegged")
    the taggers passed over: PolNeAR's cue is "puts the figure at", its content the number, which is what two
    sources disagree on ("Holloway put the club's adjusted loss at 31 million pounds"); or, with no number, "the
    rescue agency put the toll far higher", the comparison with another source's figure."""
    for verb in _with_lemma(doc, _ESTIMATE_VERBS):
        misread = verb.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in verb.children)  # "Analysts estimate" as a noun
        if verb.pos_ != "VERB" and not misread or verb.i in cue_tokens or norm.block_at(verb.idx).kind != "body":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        measured = next((c for c in verb.children if c.dep_ == "dobj"), None)
        at = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at" and c.i > verb.i), None)
        value = next((c for c in at.children if c.dep_ == "pobj"), None) if at is not None else None
        if value is None and at is not None:    # "at closer to 15,000": the parser hung the hedge on "at"
            value = next((c for c in at.children if any(t.like_num for t in c.subtree)), None)
        if subject is None or measured is None:
            continue
        source = (subject.left_edge.i, subject.right_edge.i + 1)
        if doc[source[1] - 1].pos_ == "ADP":
            source = (source[0], verb.i)    # "Analysts at Deloitte estimate": the parser left "Deloitte" on the verb
        if value is not None and any(t.like_num for t in value.subtree):
            yield (verb.i, at.i + 1), [source], [(value.left_edge.i, value.right_edge.i + 1)]
            continue
        # "the national rescue agency put the toll far higher": no number, a comparison with the one before
        compared = next((c for c in verb.children if c.tag_ in ("JJR", "RBR") and c.i > measured.i), None)
        if compared is not None and measured.lemma_.lower() in _MEASURES:
            yield (verb.i, verb.i + 1), [source], [(measured.left_edge.i, compared.right_edge.i + 1)]


def _estimating(verb: Token) -> bool:
    """"put the figure at 15,000": an estimate of a measure, another source's number."""
    return verb.lemma_ in _ESTIMATE_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in _MEASURES
                                                  for c in verb.children)


_ESTIMATE_VERBS = ("put", "place", "peg", "estimate", "value")
_MEASURES = frozenset("toll number figure count total cost estimate tally loss losses damage".split())


def _unproposed_sayings(doc: Doc, norm: NormalisedText, quoted: list[bool], proposed: set[int]):
    """(cue, sources, contents) of "X said/told ... that ..." that no candidate came from: the parser hung the
    that-clause on a noun ("Pulsefit said at the time that it had fixed the problem", "He told investors on a
    conference call that the benefit grew"), so the taggers saw no cue or found it no content. Not one the cue
    checker turned down, nor a saying denied ("did not say that")."""
    for verb in _with_lemma(doc, _SAYING_VERBS):
        if verb.i in proposed or verb.pos_ != "VERB" or norm.block_at(verb.idx).kind != "body" \
                or any(c.dep_ == "neg" for c in verb.children):
            continue
        cue = (verb.i, verb.i + 1)
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in ("it", "that")), None)
        if subject is None or quoted[verb.i] or _reported_clause(doc, cue):
            continue
        contents = _clause_after(doc, cue)      # with no clause in the parse: from the "that" after the verb
        if contents and any(c.dep_ in ("prep", "dobj", "dative") and c.left_edge.i <= contents[0][0] <= c.right_edge.i
                            for c in verb.children):    # only a that-clause hung on the verb's own phrase
            yield cue, [(subject.left_edge.i, subject.right_edge.i + 1)], contents


_SAYING_VERBS = ("say", "tell")


def _trailing_cues(doc: Doc, norm: NormalisedText, quoted: list[bool], accepted: set[int]):
    """(cue, sources, contents) of a reporting clause closing a sentence after its claim, when no accepted candidate
    came from it: "Walking was linked to a lower risk of dementia, a study has found", "Harwell won the seat, the
    returning officer announced shortly after 3am on Friday". The claim is the verb's clausal complement, ending at
    the comma before its subject; the verb takes no object of its own. The shape alone tells a claim, so this
    holds even where the cue checker turned the taggers' candidate down."""
    for verb in doc:
        if verb.dep_ not in ("ROOT", "acl", "ccomp") or verb.pos_ != "VERB" or verb.i in accepted or quoted[verb.i] \
                or lexicon_kind(verb.lemma_) is None and verb.lemma_ != "hear" \
                or norm.block_at(verb.idx).kind != "body" \
                or any(c.dep_ in ("neg", "dobj", "ccomp", "xcomp") and c.i > verb.i for c in verb.children):
            continue
        if verb.dep_ == "ROOT":
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
            claim = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
        elif verb.dep_ == "ccomp":  # "..., a jury at Leeds Crown Court has heard.": parsed as the complement of
            # the claim's last verb, closing the sentence
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
            closing = all(t.is_punct or t.is_space for t in doc[verb.i + 1:verb.sent.end])     # nothing after it
            claim = verb.sent.root if verb.head.i < verb.i and closing else None
        else:   # "..., a study found.": parsed as a noun (an object, even) with a reduced relative clause, hung on
            # the claim's verb
            subject = verb.head if verb.head.dep_ in ("npadvmod", "dobj", "appos") and verb.head.pos_ == "NOUN" \
                else None
            claim = subject.head if subject is not None and subject.head.pos_ in ("VERB", "AUX") else None
        if subject is None or claim is None or subject.tag_ in ("PRP", "WP", "WDT", "EX"):
            continue
        if verb.lemma_ == "hear" and subject.lemma_.lower() not in _HEARINGS:
            continue    # "..., the inquest heard": what a court is told; not what anyone else happened to hear
        comma = subject.left_edge.i - 1
        if comma <= claim.left_edge.i or doc[comma].text != "," \
                or not _holds_word(doc[claim.left_edge.i:comma]):
            continue
        if verb.dep_ == "ROOT" and claim.right_edge.i + 1 != comma:
            continue
        start = verb.i
        while start - 1 > subject.right_edge.i and doc[start - 1].dep_ in ("aux", "advmod") \
                and doc[start - 1].head.i == verb.i:
            start -= 1      # "has found", "also said"
        yield (start, verb.i + 1), [(subject.left_edge.i, verb.i if verb.dep_ == "acl" else subject.right_edge.i + 1)], \
            [(claim.left_edge.i, comma)]


# Who hears a claim in a court report: "..., the inquest heard", "..., a jury at Leeds Crown Court has heard".
_HEARINGS = frozenset("court jury inquest tribunal hearing trial".split())


def _parenthetical_cues(doc: Doc, norm: NormalisedText, quoted: list[bool], proposed: set[int]):
    """(cue, sources, contents) of a reporting clause set off inside a claim ("Harlan leads Whitcomb, a Quinnipiac
    poll showed, even as ..."), which the parser reads as a relative clause on the noun before it, so no candidate
    came from it. What it reports is its host clause up to the comma; a true relative clause opens with its
    pronoun ("..., which the poll showed") or takes an object of its own."""
    for verb in doc:
        if verb.dep_ != "relcl" or verb.i in proposed or quoted[verb.i] or lexicon_kind(verb.lemma_) is None \
                or norm.block_at(verb.idx).kind != "body" \
                or any(c.dep_ in ("dobj", "ccomp", "xcomp", "neg") for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        comma = subject.left_edge.i - 1 if subject is not None else -1
        if subject is None or subject.tag_ in ("WDT", "WP", "PRP") or comma < verb.head.i or doc[comma].text != ",":
            continue
        host = next((t for t in verb.head.ancestors if t.pos_ in ("VERB", "AUX") and _finding_clause(t)), None)
        if host is not None and host.left_edge.i < comma and _holds_word(doc[host.left_edge.i:comma]):
            yield (verb.i, verb.i + 1), [(subject.left_edge.i, subject.i + 1)], [(host.left_edge.i, comma)]


def _poll_findings(doc: Doc, norm: NormalisedText, cue_tokens: set[int]):
    """(cue, sources, contents) of a finding stated "in" a poll: "In a CNN poll, Clinton held a 24-point lead",
    "Trump has a decisive lead in the polls". PolNeAR annotates the poll as the source, "in" as the cue and the
    clause as the content; the taggers seldom find them, and a fact-checker asks whose numbers these are."""
    for poll in _with_lemma(doc, _POLL_NOUNS):
        preposition = poll.head
        if poll.dep_ != "pobj" or preposition.lower_ != "in" or preposition.i in cue_tokens \
                or norm.block_at(poll.idx).kind != "body":
            continue
        clause = next((t for t in (preposition.head, *preposition.head.ancestors) if t.pos_ in ("VERB", "AUX")),
                      None)
        if clause is None or not _finding_clause(clause) or not any(c.dep_ != "det" for c in poll.children):
            continue        # "where he leads in the polls", "to get 15 percent in the polls": no finding stated
        start, end = clause.left_edge.i, clause.right_edge.i + 1
        contents = [(a, b) for a, b in ((start, preposition.left_edge.i), (preposition.right_edge.i + 1, end))
                    if _holds_word(doc[a:b])]
        if contents:
            yield (preposition.i, preposition.i + 1), [(poll.left_edge.i, poll.right_edge.i + 1)], contents


_POLL_NOUNS = ("poll", "survey", "polling")


def _finding_clause(verb: Token) -> bool:
    """A clause stating something with a subject of its own, not one describing a noun or saying a purpose."""
    return verb.dep_ in ("ROOT", "ccomp", "conj") \
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _unsourced_reports(doc: Doc, norm: NormalisedText):
    """(cue, contents) of a second-hand account that names no source: "there are reports of a mutiny among
    security forces", "there were reports the SDF were being primed ...", "... amid reports that ...". The tagger
    passes over them (PolNeAR has few, annotated as a source-less cue with the reported event as content), yet
    wire copy sets them against a named source's version. A report with an owner ("Reuters' report") or an
    agent ("reports by state media", see _nominal_cue) is not source-less, and "no reports of" reports nothing."""
    reports = np.flatnonzero(doc.to_array(LEMMA) == doc.vocab.strings["report"])
    for sent in body_sentences(doc, norm):
        for i in reports[(sent.start <= reports) & (reports < sent.end)]:    # no Token object per word
            noun = doc[int(i)]
            if noun.pos_ != "NOUN":
                continue
            existential = noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children)
            if not (existential or noun.dep_ == "pobj" and noun.head.lower_ == "amid"):
                continue
            if any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by" or c.dep_ == "det" and c.lower_ == "no"
                   for c in noun.children):
                continue
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "that"):
                    event = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if event is not None:
                        yield (noun.i, child.i + 1), [(event.left_edge.i, event.right_edge.i + 1)]
                        break
                elif child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX") and not any(
                        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "WDT" for c in child.children):
                    yield (noun.i, noun.i + 1), [(child.left_edge.i, child.right_edge.i + 1)]
                    break


def _transcript_turns(doc: Doc, norm: NormalisedText):
    """(cue, sources, contents) of a paragraph opened by a speaker's name and a colon, as in interview
    transcripts ("PENCE: Well, look, ..."; "Q: ..."): the name is the source, the rest of the paragraph the
    content, whatever its sentences."""
    words = np.flatnonzero(doc.to_array(IS_SPACE) == 0) if len(doc) else np.array([], dtype=np.int64)
    for block in norm.blocks:
        paragraph = doc.char_span(block.start, block.end, alignment_mode="expand") if block.kind == "body" else None
        if paragraph is None:
            continue
        inside = words[np.searchsorted(words, paragraph.start):np.searchsorted(words, paragraph.end)].tolist()
        tokens = [doc[i] for i in inside[:7]]   # the words a name and its colon can be: no Token for the others
        first = 1 if tokens and tokens[0].text == '"' else 0
        colon = next((k for k in range(first + 1, min(first + 6, len(inside))) if tokens[k].text == ":"), None)
        if colon is None or len(inside) - colon < 4:
            continue
        name = tokens[first:colon]
        if len(name) > _TURN_NAME_WORDS or not all(_speaker_word(t) for t in name):
            continue
        cue, sources = _said_before_source(doc, (tokens[colon].i, tokens[colon].i + 1), [(name[0].i, name[-1].i + 1)])
        yield cue, sources, [(tokens[colon].i + 1, inside[-1] + 1)]


def _thing_doing(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]]) -> bool:
    """"such a resolution - which does not propose concrete action -": a thing that "which" stands for doing what
    no reporting verb says is no source."""
    return len(sources) == 1 and doc[sources[0][0]:sources[0][1]].text.lower() == "which" \
        and not lexicon_kind(cue_head(doc, cue).lemma_)


def _told(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]]) -> bool:
    """"We were told everything was under control": the subject of a passive "told" heard the claim; who made it
    the sentence does not say, and it is not the subject's."""
    verb = cue_head(doc, cue)
    if verb.lemma_ not in _TELLING_VERBS or not any(c.dep_ == "auxpass" for c in verb.children) \
            or any(c.dep_ == "agent" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subject is not None and any(a <= subject.i < b for a, b in sources)


_TELLING_VERBS = frozenset("tell inform assure promise advise warn reassure".split())


def _leaves_its_quotation(openings: list[int], closings: dict[int, int], cue: tuple[int, int],
                          contents: list[tuple[int, int]]) -> bool:
    """'"We got more votes than anyone told us we would," Okoro said': a cue inside a quotation reports within it;
    a content running out past its closing mark is a misreading ("anyone" saying "we would, Okoro said")."""
    opening = openings[cue[0]]
    return opening >= 0 and any(end > closings[opening] + 1 for _, end in contents)


def _done_by_a_thing(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]]) -> bool:
    """"Kenya was hit by severe floods", "trusts have been the hardest hit by shortages": a passive verb of harm
    done by a thing rather than a person or body reports nobody's claim."""
    verb = cue_head(doc, cue)
    if verb.lemma_.lower() not in _HARM_VERBS or not any(c.dep_ == "auxpass" for c in verb.children) \
            or len(sources) != 1:
        return False
    return not any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.pos_ in ("PROPN", "PRON")
                   or t.lemma_.lower() in PERSON_NOUNS or t.lemma_.lower() in INSTITUTIONS
                   for t in doc[sources[0][0]:sources[0][1]])


def _adding_an_amount(verb: Token) -> bool:
    """"council tax would rise by 4.99%, adding about £98 a year to a typical bill", "adding to pressure on the
    bank": "add" with something added to something, or an amount, says nothing anyone said."""
    if verb.lemma_.lower() != "add" or any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return False
    return any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in verb.children) or any(
        c.dep_ == "dobj" and any(t.like_num or t.tag_ == "$" for t in c.subtree) for c in verb.children)


_HARM_VERBS = frozenset("hit strike affect damage destroy ravage batter devastate flood sweep wash kill injure "
                        "cause disrupt".split())


def _purpose(doc: Doc, verb: Token, sources: list[tuple[int, int]]) -> bool:
    """"Mwaura said the cabinet would meet to consider whether ...": an infinitive saying what another subject's
    clause, one the source is no part of, is for is no claim of the source ("Sanders visited NBC to discuss his
    remarks" is his)."""
    if verb.dep_ not in ("advcl", "acl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    clause = verb.head
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and bool(sources) \
        and all(b <= clause.left_edge.i or a > clause.right_edge.i for a, b in sources)


def _label_before_colon(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]]) -> bool:
    """A title or label run into its text ("Stealth Over Health: Hillary Clinton Was Headed ...", "Wow: ..."): no
    speaker before the colon, whichever tagger proposed it; "Sanders: Clinton needs to ..." is one."""
    if doc[cue[0]:cue[1]].text != ":" or not sources:
        return False
    name = [t for a, b in sources for t in doc[a:b] if not t.is_space]
    return len(name) > _TURN_NAME_WORDS or not all(_speaker_word(t) for t in name)


def _speaker_word(token: Token) -> bool:
    """A word a transcript speaker's name can hold: capitalised, neither a paragraph label ("Update:", "Wow:") nor
    a function word ("The Latest:", "Stealth Over Health:"), though "Q" and "A" may be a whole name."""
    return token.text == "." or (token.is_alpha and (token.is_upper or token.is_title)
                                 and token.lower_ not in NOT_SPEAKERS and not (token.is_stop and len(token) > 1))


def _nearest(cue: tuple[int, int], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The one source span closest to the cue: an attribution has one source, and a sentence with two claims
    has the other claim's source in it too."""
    if len(spans) <= 1:
        return spans
    return [min(spans, key=lambda s: cue[0] - s[1] if s[1] <= cue[0] else s[0] - cue[1])]


def _subject_source(doc: Doc, sent: SpacySpan, quoted: list[bool], cue: tuple[int, int],
                    contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cue's grammatical subject when the tagger found no source, followed up through participles and
    complements ("A judge ruled Monday, saying ...": the judge says) and clauses misread as what a subjectless
    cue reports, or the object of "according to": the
    tagger misses long or distant ones, and tags some as content ("..., according to the budget office": the
    caller cuts them out of it). Not for intention words: what someone requested or intends is no claim of
    theirs."""
    token = cue_head(doc, cue)
    noun = token.head
    if token.dep_ == "acl" and token.tag_ == "VBD" and noun.dep_ == "ROOT" and noun.i < token.i:
        # "Trustee Angela Brooks, who represents ..., called the process rushed": a clause on a name is never in the
        # past tense; the parser made the sentence's subject its root
        end = token.i
        while end > noun.i and doc[end - 1].is_punct:
            end -= 1
        return [(noun.left_edge.i, end)]
    for _ in range(3):
        # "Ardakani has in the past accused ...": the parser may hang the subject on the auxiliary
        children = [*token.children, *(c for a in token.children if a.dep_ in ("aux", "auxpass") for c in a.children)]
        subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass", "agent")
                        or c.dep_ == "prep" and c.lower_ == "to" and token.lower_ == "according"), None)
        if subject is not None:
            if subject.dep_ in ("agent", "prep"):
                subject = next((c for c in subject.children if c.dep_ == "pobj"), None)
            if subject is None or subject.tag_ in ("WDT", "EX") or not (sent.start <= subject.i < sent.end):
                return []
            span = _agent_span(subject) if subject.dep_ == "pobj" else (subject.left_edge.i, subject.right_edge.i + 1)
            if span[0] < cue[1] and cue[0] < span[1]:
                return [(subject.i, subject.i + 1)]
            if subject.dep_ != "pobj" and any(a <= span[0] and span[1] <= b for a, b in contents):
                return []   # the subject of a clause the tagger took whole as content: cut out, neither is right
            return [span]
        if token.dep_ in ("advcl", "xcomp", "conj") and token.head.i != token.i:
            token = token.head
        elif (first := _first_conjunct(token, quoted)) is not None:
            token = first
        else:
            return []
    return []


def _first_conjunct(verb: Token, quoted: list[bool]) -> Token | None:
    """The earlier verb a cue verb with no subject of its own is joined to: its conj head, or a clause before it
    that the parser took for what the cue reports ("Trump summed up Clinton as terrible, denounced her record":
    a reporting verb needs a subject, so a subjectless one after a comma is the second verb of the first
    clause's subject). A quotation is what someone said, never such a clause."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    first = verb.head if verb.dep_ == "conj" else _reported_before(verb)
    if first is None or first.i >= verb.i or first.pos_ not in ("VERB", "AUX") or quoted[first.i]:
        return None
    if verb.dep_ != "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in first.children):
        return None
    return first


def _without_first_conjunct(doc: Doc, quoted: list[bool], cue: tuple[int, int],
                            contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Kasich jokingly offered the man a job, then says he'll welcome advice": the tagger took the first verb's
    clause, subject and all, for the content of the second. It is dropped when the cue has other content."""
    first = _first_conjunct(cue_head(doc, cue), quoted)
    if first is None:
        return contents
    kept = [(a, b) for a, b in contents if not (a <= first.i < b and b <= cue[0])]
    return kept or contents


def _without(spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with the tokens of `taken` cut out: a source is never part of its content."""
    left = []
    for start, end in spans:
        for a, b in sorted(taken):
            if a < end and start < b:
                if start < a:
                    left.append((start, a))
                start = max(start, b)
        if start < end:
            left.append((start, end))
    return left


# The lowercased lemmas _missed_cues looks at, as TokenFeatures holds them: a speech verb, or a word of the lexicon.
_POSSIBLE_CUES = frozenset(lemma.encode() for lemma in SPEECH_VERBS.union(*CUE_LEMMAS.values(), {"accord"}))


def _missed_cues(sent: SpacySpan, cues: list[tuple[int, int]], quoted: list[bool], lemmas: list[bytes]
                 ) -> list[tuple[int, int]]:
    """Unambiguous cues the tagger passed over. PolNeAR leaves attributions nested in a quotation unannotated,
    so the tagger is shy there ("They are also saying that ..." inside a correspondent's quote); and a reporting
    noun with its agent and a clause ("claims by Damascus that ...") is rarer in its data than in wire copy.
    Only tokens whose lowercased lemma (`lemmas`) is a speech verb or in the lexicon can be one: the rest are
    passed over without making Token objects of them."""
    covered = {i for a, b in cues for i in range(a, b)}
    found = []
    for i in range(sent.start, sent.end):
        if i in covered or lemmas[i] not in _POSSIBLE_CUES:
            continue
        t = sent.doc[i]
        if _according_to(t) is not None:
            found.append((t.i, t.i + 2))
        elif t.pos_ == "VERB" and t.lemma_ in SPEECH_VERBS:
            deps = {c.dep_ for c in t.children}
            if quoted[t.i] and deps & {"nsubj", "nsubjpass"} and "ccomp" in deps or _closes_sentence(t, sent):
                found.append((t.i, t.i + 1))
        elif t.pos_ == "NOUN" and lexicon_kind(t.lemma_) and (agent := _agent(t)) is not None \
                and any(c.dep_ in ("acl", "ccomp", "relcl") for c in (*t.children, *agent.children)):
            found.append((t.i, t.i + 1))
    return found


def _reported_before(verb: Token) -> Token | None:
    """The head of the clause a cue reports when that clause comes first ("The army has moved in, he said")."""
    return next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i), None)


def _reported_clause(doc: Doc, cue: tuple[int, int]) -> list[tuple[int, int]]:
    """The content of a cue the role tagger gave none, read off the parse: the clause it reports, before it ("The
    army has moved in, he said") or after it ("The governor said Democrats and the media are to blame ...": the
    tagger took the clause's subject for a second source and left the rest untagged)."""
    head = cue_head(doc, cue)
    reported = _reported_before(head) or next((c for c in head.children if c.dep_ == "ccomp"), None)
    return [(reported.left_edge.i, reported.right_edge.i + 1)] if reported is not None else []


def _closes_sentence(verb: Token, sent: SpacySpan) -> bool:
    """A cue that ends its sentence after a comma, its subject beside it, the clause it reports before it ("...,
    says our correspondent in Beirut."; "..., the bank warned."): the tagger can pass over one that follows a long
    clause, though nothing else reads that way."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    reported = _reported_before(verb)
    if subject is None or reported is None:
        return False
    first, last = min(verb.i, subject.left_edge.i), max(verb.i, subject.right_edge.i)
    return (first > sent.start and sent.doc[first - 1].text == "," and reported.right_edge.i < first
            and all(t.is_punct or t.is_space for t in sent.doc[last + 1:sent.end]))


# Nouns naming what someone said, beside the reporting lexicon's ("claims", "reports"): "suggestions by X that".
REPORTING_NOUNS = frozenset("suggestion allegation accusation assertion insinuation speculation rumour rumor "
                            "warning prediction charge complaint".split())


def _agent(noun: Token) -> Token | None:
    """X of "claims by X"."""
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _according_to(token: Token) -> Token | None:
    """X of "according to X"."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.nbor().lower_ != "to":
        return None
    return next((c for c in token.nbor().children if c.dep_ == "pobj"), None)


def _agent_span(agent: Token) -> tuple[int, int]:
    """The agent's phrase ("by X", "according to X") up to a comma after its head: the parser hangs "the move reeks
    of fear" on "Rush Limbaugh" in "According to ... Rush Limbaugh, the move reeks of fear and desperation"."""
    doc = agent.doc
    end = next((t.i for t in doc[agent.i + 1:agent.right_edge.i + 1] if t.text == ","), agent.right_edge.i + 1)
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end - 1].is_title and doc[end].ent_type_ != "DATE":
        end += 1    # "according to Diabetes UK": the parser hung "UK" on "according"
    return agent.left_edge.i, _with_closing_name(doc, end)


def _with_closing_name(doc: Doc, end: int) -> int:
    """The end of a source phrase taking in the name set off after it that ends the sentence ("according to their
    label, Northlight Records."), however the parser hung the name: the name says who the source is."""
    last = doc[end - 1].sent.end if end < len(doc) else end
    while last > end and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    if end + 1 < last and doc[end].text == "," and all(t.pos_ == "PROPN" for t in doc[end + 1:last]):
        return last
    return end


def _rest_of_sentence(doc: Doc, sent: SpacySpan, cue: tuple[int, int], sources: list[tuple[int, int]]
                      ) -> list[tuple[int, int]]:
    """The content of "according to X" the tagger gave none: the rest of its sentence ("Whitaker was arrested at
    his home, according to the sheriff's office.")."""
    if doc[cue[0]].lower_ != "according" or not sources:
        return []
    return [(a, b) for a, b in _without([(sent.start, sent.end)], [cue, *sources])
            if _holds_word(doc[a:b])]


def _nominal_cue(doc: Doc, cue: tuple[int, int]) -> tuple[tuple[int, int], Token | None]:
    """A reporting noun with its agent ("claims by Damascus", "reports by state media"), or "according to X": the
    cue is the noun and "by" (or "according to"), the source the agent, whatever wider phrase the tagger marked ("is
    in response to claims")."""
    according = _according_to(doc[cue[0]])
    if according is not None:
        return (cue[0], cue[0] + 2), according
    for token in doc[cue[0]:min(cue[1] + 1, len(doc))]:
        agent = _agent(token) if token.pos_ == "NOUN" and lexicon_kind(token.lemma_) else None
        if agent is not None:
            return (token.i, agent.head.i + 1), agent
    return cue, None


def _without_rival_claim(doc: Doc, norm: NormalisedText, cue: tuple[int, int], contents: list[tuple[int, int]],
                         cue_tokens: set[int]) -> list[tuple[int, int]]:
    """What "according to X" vouches for stops where a clause with a claim of its own begins: in "Gunmen attacked
    a market, killing at least 34 civilians, according to the army, while the rebel group said soldiers were
    responsible", the army's account is the attack, not the rebels' reply (the tagger gave it "killing" and the
    while-clause); nor is what the source itself goes on to say in a relative clause."""
    according = cue_head(doc, cue)
    if according.lower_ != "according":
        return _before_rival_clause(doc, according, contents, cue_tokens)
    clause = according.head
    if contents and clause.pos_ in ("VERB", "AUX") and clause.left_edge.i < contents[0][0] <= clause.i < cue[0]:
        contents = [(clause.left_edge.i, contents[0][1]), *contents[1:]]     # the claim's whole subject: "Daniel
        # Whitaker, 58, who served as city treasurer ..., was arrested ..., according to the Sheriff's Office"
    source = _according_to(according)
    speaking = [c for c in source.children if c.dep_ == "relcl" and any(t.i in cue_tokens for t in c.subtree)] \
        if source is not None else []
    if speaking:        # "..., according to the Red Crescent, which said it had set up tents": its own claim
        contents = _without(contents, [(c.left_edge.i, c.right_edge.i + 1) for c in speaking]) or contents
    rivals = ((node, c) for node in according.ancestors for c in node.children
              if c.dep_ in ("advcl", "conj") and c.i > according.i and (c.i in cue_tokens or _estimating(c))
              and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children))
    clause, rival = next(rivals, (None, None))
    if rival is None:
        return contents
    start = clause.left_edge.i
    while start < rival.left_edge.i and norm.block_at(doc[start].idx).kind != "body":
        start += 1      # the wire dateline the parser hung on the sentence ("GOMA, Congo (AP) —")
    clause = _without([(start, rival.left_edge.i)], [(according.left_edge.i, according.right_edge.i + 1)])
    return [(a, b) for a, b in clause if _holds_word(doc[a:b])] or contents


def _before_rival_clause(doc: Doc, verb: Token, contents: list[tuple[int, int]], cue_tokens: set[int]
                         ) -> list[tuple[int, int]]:
    """"..., researchers reported on Wednesday, though experts cautioned the findings were preliminary": a clause
    set against the cue's with a subject and a cue of its own is another source's claim, not more of this one's,
    hung on the cue or on the claim ("The Gazette said the cuts would fall on the plant, while the company said
    ...")."""
    rival = next((c for c in verb.subtree if c.dep_ == "advcl" and c.i > verb.i
                  and (c.i in cue_tokens and lexicon_kind(c.lemma_) or _estimating(c))     # "put the figure at"
                  and (c.head.i == verb.i or doc[c.left_edge.i - 1].text == ",")     # not "that while he fears"
                  and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)
                  and any(m.dep_ == "mark" and m.lower_ in _CONTRASTING for m in c.children)), None)
    rival = rival or _rival_conjunct(verb, cue_tokens)
    if rival is None:
        return contents
    stop = rival.left_edge.i
    if rival.dep_ == "conj":            # without the ", but" joining the two
        stop = max(j.i for j in verb.children if j.dep_ == "cc" and j.i < stop)
        while doc[stop - 1].text in (",", ";"):
            stop -= 1
    kept = [(a, min(b, stop)) for a, b in contents if a < stop]
    kept = [(a, b) for a, b in kept if not all(t.is_punct or t.is_space or t.ent_type_ in ("DATE", "TIME")
                                               for t in doc[a:b])]
    return kept or contents


def _without_content_adverb(doc: Doc, cue: tuple[int, int], contents: list[tuple[int, int]]
                            ) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """"denied knowingly taking any banned substance": an adverb closing the cue that qualifies the content's verb
    belongs to what was denied; without it the denial reads as a wider one."""
    start, end = cue
    while end - start > 1 and doc[end - 1].dep_ == "advmod" and doc[end - 1].head.i >= end:
        end -= 1
    if end == cue[1] or not contents or contents[0][0] != cue[1]:
        return cue, contents
    return (start, end), [(end, contents[0][1]), *contents[1:]]


def _own_conjunct(doc: Doc, cue: tuple[int, int], contents: list[tuple[int, int]], cue_tokens: set[int]
                  ) -> list[tuple[int, int]]:
    """"Mbaru told reporters that the situation was under control and accused "certain organisations" of ...": the
    second cue of one subject claims what its own conjunct says, not what the first cue's does."""
    verb = cue_head(doc, cue)
    if verb.dep_ != "conj" or verb.head.i not in cue_tokens:
        return contents
    start = verb.left_edge.i
    return [(max(a, start), b) for a, b in contents if b > start] or contents


def _rival_conjunct(verb: Token, cue_tokens: set[int]) -> Token | None:
    """"Investigators have not determined a cause, but Pacific Crest Electric said ...": a clause joined to the
    cue's with a speech cue and a named subject of its own is that subject's claim. Not "..., but she knows" nor
    "..., but now Benford plans": the same source going on."""
    own = {t.lower_ for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") for t in s.subtree}
    for c in verb.children:
        subject = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
        if c.dep_ == "conj" and c.i in cue_tokens and lexicon_kind(c.lemma_) == "speech" and subject is not None \
                and subject.pos_ in ("NOUN", "PROPN") and subject.lower_ not in own \
                and any(j.dep_ == "cc" and verb.i < j.i < c.i for j in verb.children):
            return c
    return None


def _anonymity(doc: Doc, cue: tuple[int, int], contents: list[tuple[int, int]]) -> bool:
    """"who asked not to be named because he was not authorised to speak", "who requested anonymity to discuss the
    talks": how a source is kept anonymous, which describes the source and claims nothing."""
    content = doc[contents[0][0]:contents[-1][1]].text
    return bool(_ANONYMITY.search(doc[cue[0]:cue[1]].text) or _ANONYMITY.match(content)
                or any(_ANONYMITY.match(doc[a:b].text) for a, b in contents))


_ANONYMITY = re.compile(r"(?:not to be (?:named|identified|quoted)|anonymity|to remain anonymous"
                        r"|(?:to be )?identified only by (?:her|his|their) first name)\b", re.I)


def _own_clause_first(doc: Doc, cue: tuple[int, int], contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clause a cue reports in its own sentence rather than a quotation in the sentence before: "... did not
    have before." Its chief executive, Robert Feld, told analysts that the company would file ...' is Feld's
    filing, not the quotation another speaker's cue closed; nor is a lone function word its content. A quotation
    closing the paragraph before is no content at all (empty: no claim)."""
    sent = doc[cue[0]].sent
    if len(contents) == 1 and contents[0][1] - contents[0][0] == 1 and doc[contents[0][0]].is_stop:
        return _reported_clause(doc, cue) or contents     # the tagger stopped after "an" of "an estimated 30,000"
    if not contents or contents[-1][1] > sent.start:
        return contents
    own = _clause_after(doc, cue)
    if own or not any("\n" in t.text for t in doc[contents[-1][1]:sent.start]):
        return own or contents
    return []       # "Not everyone agrees." opening a paragraph does not agree with the quotation ending the last


def _clause_after(doc: Doc, cue: tuple[int, int]) -> list[tuple[int, int]]:
    """The clause a cue reports after it in its sentence, by the parse or else from the "that" after the cue to
    the sentence's end: the parser hung "that the company would file" on "a conference call" of "told analysts on
    a conference call that ..."."""
    own = [c for c in _reported_clause(doc, cue) if c[0] > cue[0]]
    sent = doc[cue[0]].sent
    that = next((t.i for t in doc[cue[1]:sent.end] if t.lower_ == "that"), None)
    if own or that is None:
        return own
    end = sent.end
    while end > that + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return [(that, end)]


def _with_reported_claim(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]],
                         contents: list[tuple[int, int]]) -> list[tuple[tuple[int, int], list, list]]:
    """"He rejected suggestions by some supporters that ballots had been mishandled": two claims, his rejection of
    the suggestions and the supporters' suggestion, whatever span the tagger marked ("rejected suggestions by some
    supporters on" as the cue and "social media that ballots ..." as the content gave him their claim)."""
    inside = [doc[i] for i in range(*cue)]
    for noun in (*inside, *(c for t in inside for c in t.children if c.dep_ == "dobj")):
        if noun.pos_ != "NOUN" or not (lexicon_kind(noun.lemma_) or noun.lemma_.lower() in REPORTING_NOUNS) \
                or noun.head.pos_ != "VERB" or noun.head.i == noun.i:
            continue
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if agent is None or clause is None:
            continue
        verb = noun.head
        reported = ((noun.i, by.i + 1), [(agent.left_edge.i, agent.right_edge.i + 1)],
                    [(clause.left_edge.i, clause.right_edge.i + 1)])
        if verb.i not in range(*cue):   # the tagger's cue was the noun's: the verb's claim has its own subject
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None or not lexicon_kind(verb.lemma_):
                return [reported]
            sources = [(subject.left_edge.i, subject.right_edge.i + 1)]
        return [((verb.i, verb.i + 1), sources, [(noun.left_edge.i, noun.right_edge.i + 1)]), reported]
    return [(cue, sources, contents)]


def _recall_biased(tagger, sequence: list[list[str]], kind: str, threshold: float
                   ) -> tuple[list[str], list[float]]:
    """Viterbi labels, with a token the tagger gives at least `threshold` probability of being `kind` labelled
    so: both CRFs lose more on recall than on precision, so a lower bar than 0.5 scores better. Also returns
    each token's probability of being `kind` (1.0 where Viterbi already said so)."""
    labels = tagger.tag(sequence)
    begin, inside = f"B-{kind}", f"I-{kind}"
    marginal = tagger.marginal
    if set(tagger.labels()) == {begin, inside, "O"}:     # P(kind) = 1 - P(O): one call per token
        probabilities = [1.0 - marginal("O", i) for i in range(len(labels))]
    else:
        probabilities = [marginal(begin, i) + marginal(inside, i) if label == "O" else 1.0
                         for i, label in enumerate(labels)]
    for i, label in enumerate(labels):
        if label == "O" and probabilities[i] >= threshold:
            previous = labels[i - 1] if i else "O"
            labels[i] = inside if previous in (begin, inside) else begin
    return labels, probabilities


def _without_verb_group(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A source without the words of the cue's verb group at its edge: the tagger took "are also" of "They [State
    TV] are also saying" for part of who speaks."""
    head = cue_head(doc, cue).i
    trimmed = []
    for start, end in sources:
        while end > start and doc[end - 1].head.i == head and doc[end - 1].dep_ in _VERB_GROUP:
            end -= 1
        while start < end and doc[start].head.i == head and doc[start].dep_ in _VERB_GROUP:
            start += 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def _with_negation(doc: Doc, cue: tuple[int, int]) -> tuple[int, int]:
    """The cue with the negation of its verb group ("has not been confirmed by", "did not say"): a claim its source
    did not make must not read as one they did (PolNeAR annotates such attributions, so they are kept)."""
    head = cue_head(doc, cue)
    negation = next((c for c in head.children if c.dep_ == "neg" and c.i < cue[0]), None)
    if negation is None or any(doc[i].head.i != head.i or doc[i].dep_ not in _VERB_GROUP
                               for i in range(negation.i, cue[0])):
        return cue
    return negation.i, cue[1]


def _subject_taken_for_content(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]],
                               contents: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """"She seemed to suggest that the party had failed", "The club's finance director, Emma Lowe, acknowledged
    that ...": with no source found, content fragments inside the subject of the cue (or of the verb whose
    complement the cue is) before it are who speaks, the whole subject, not what was said."""
    if sources:
        return sources, contents
    head = cue_head(doc, cue)
    verbs = [head, head.head] if head.dep_ == "xcomp" else [head]
    subject = next((c for v in verbs for c in v.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        first, last = subject.left_edge.i, subject.right_edge.i + 1
    elif head.dep_ == "acl" and head.head.dep_ == "ROOT" and head.head.i < cue[0]:
        first, last = head.head.left_edge.i, cue[0]     # the parser made the sentence one noun phrase
    else:
        return sources, contents
    inside = [(a, b) for a, b in contents if first <= a and b <= last]
    if not inside or last > cue[0] or len(inside) == len(contents):
        return sources, contents
    while last > first + 1 and doc[last - 1].is_punct:
        last -= 1
    return [(first, last)], [c for c in contents if c not in inside]


def _whole_subject(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cue's whole subject for a source found inside a clause of it: in "A UN official, who asked not to be named
    because he was not authorised to speak to the media, said ..." the tagger took "the media", the noun nearest
    the cue, for who speaks; and the subject after an inverted cue for a source found before it ("..., in an
    attempt to rally the city's unions to the strike, says our correspondent in Lagos")."""
    subject = next((c for c in cue_head(doc, cue).children if c.dep_ == "nsubj"), None)
    if subject is None or not sources:
        return sources
    first, last = subject.left_edge.i, subject.right_edge.i + 1
    if all(first <= a and b <= last and not a <= subject.i < b for a, b in sources) \
            and any(t.dep_ in ("relcl", "acl", "appos") for t in subject.children):
        return [(first, last)]
    if subject.i > cue[1] and subject.pos_ in ("NOUN", "PROPN") and all(b <= cue[0] for a, b in sources):
        return [(first, last)]
    return sources


def _said_before_source(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]]
                        ) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """"Said Ellis: "I don't get the sense ..."": the parser makes "Said" part of a name, so the colon was the cue
    and "Said Ellis" who speaks, or "Said Ellis:" the cue with no one speaking; the reporting verb opening the
    sentence is the cue, the name after it the source."""
    in_source = bool(sources) and sources[0][0] < cue[0]
    start, end = sources[0] if in_source else cue
    verb = doc[start]
    if end - start < 2 or not verb.is_sent_start or verb.lower_ not in _INVERTED_SAYINGS:
        return cue, sources
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return (start, start + 1), [(start + 1, end), *(sources[1:] if in_source else [])]


_INVERTED_SAYINGS = frozenset("said says added adds asked asks wrote writes explained recalled".split())


def _inside_as_clause(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Hawaii, as one of Mr. Obama's climate advisers pointed out, normally does not get ...": the speaker of a cue
    in a clause set off by ", as" is inside that clause, never the subject of the sentence around it (the parser
    hangs "as" on "Hawaii" as a preposition, so the tagger gives the source from "Hawaii" on)."""
    trimmed = []
    for a, b in sources:
        marker = next((i for i in range(b - 2, a, -1) if doc[i].lower_ == "as" and doc[i - 1].text == ","), None)
        trimmed.append((marker + 1, b) if marker is not None and b == cue[0] else (a, b))
    return trimmed


def _without_source_description(doc: Doc, sources: list[tuple[int, int]], contents: list[tuple[int, int]]
                                ) -> list[tuple[int, int]]:
    """"The authority's chair, Sir Robert Chote, wrote to the department": the noun phrase set off before the
    source describes it and is nothing it said."""
    if not sources or not any(doc[i].text == "," for i in range(sources[0][1] - 1, min(sources[0][1] + 1, len(doc)))):
        return contents     # the source is set off by commas on both sides
    start = sources[0][0]
    return [(a, b) for a, b in contents if not (b == start - 1 and doc[b].text == "," and a < b
                                                and doc[a:b].root.pos_ in ("NOUN", "PROPN")
                                                and not any(t.pos_ in ("VERB", "AUX") for t in doc[a:b]))]


def _with_stranded_first_word(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parser now and then makes a paragraph's first word a sentence of its own ("Corvana | Communications said
    ..."): a span starting right after such a word starts with it; and the tokenizer splits a hyphenated word
    ("by-elections"): a span starting inside one starts with the whole word."""
    if not spans:
        return spans
    a, b = spans[0]
    before = doc[a - 1] if a > 0 else None
    if before is not None and before.is_alpha and before.is_sent_start and before.i + 1 == a \
            and before.sent.end == a:
        return [(a - 1, b), *spans[1:]]
    return [(with_hyphenated_word(doc, a), b), *spans[1:]]     # "by-elections", not "elections"


def _without_timestamp(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A live blog's entry time is no part of who spoke or what was said: "10:02pm - An exit poll for the BBC"."""
    if not spans:
        return spans
    a, b = spans[0]
    end = a
    while end < b and (_CLOCK.match(doc[end].text) or end > a and doc[end].lower_ in _MERIDIEMS):
        end += 1
    if end == a or end >= b or doc[end].text not in _ENTRY_MARKS:
        return spans
    return [(end + 1, b), *spans[1:]]


_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?$", re.IGNORECASE)
_MERIDIEMS = frozenset("am pm a.m. p.m.".split())
_ENTRY_MARKS = frozenset("- \u2013 \u2014 :".split())


def _without_antecedent(doc: Doc, cue: tuple[int, int], sources: list[tuple[int, int]],
                        contents: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """", a move district officials say will save $2.3 million": a relative clause the parser ran into one noun
    phrase ("a" ... "officials" do not agree in number). The officials speak, of the move: their content is what
    follows the cue, not the sentence the move sums up."""
    if len(sources) != 1:
        return sources, contents
    first, last = sources[0]
    if last - first < 3 or doc[first].lower_ not in ("a", "an") or doc[first - 1].text != "," \
            or doc[first + 1].tag_ != "NN" or doc[last - 1].tag_ != "NNS" or last != cue[0]:
        return sources, contents
    return [(first + 2, last)], [(a, b) for a, b in contents if a >= cue[1]] or contents


def _with_cut_complement(doc: Doc, cue: tuple[int, int], contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The rest of a clause the content after its cue was cut from: in "say such a resolution - which does not
    propose concrete action - could further inflame tensions" the parser makes "resolution" the object of "say"
    and the rest a second complement, and the tagger stops at the dash. A content inside the cue's object runs
    on to the end of the complement clause that follows the object."""
    start, end = contents[-1]
    if start < cue[1]:
        return contents
    head = cue_head(doc, cue)
    for obj in head.children:
        if obj.dep_ == "dobj" and obj.left_edge.i <= start and end <= obj.right_edge.i + 1:
            clause = next((c for c in head.children if c.dep_ == "ccomp" and c.left_edge.i == obj.right_edge.i + 1),
                          None)
            if clause is not None:
                return [*contents[:-1], (start, max(end, clause.right_edge.i + 1))]
    return contents


def _up_to_trailing_cue(doc: Doc, cue: tuple[int, int], cue_tokens: set[int], contents: list[tuple[int, int]]
                        ) -> list[tuple[int, int]]:
    """"..., in an attempt to draw in more of Syria's powerful tribes to the protests, says our correspondent": a cue
    set off by a comma at the end of its sentence (inverted, "says X") has everything before that comma for its
    content; the tagger stopped at a closing quotation mark."""
    start, end = contents[-1]
    comma = cue[0] - 1
    if end > comma or doc[comma].text != "," or doc[start].sent != doc[cue[0]].sent \
            or any(i in cue_tokens for i in range(end, comma)):
        return contents
    return [*contents[:-1], (start, comma)]


def _gaps_filled(doc: Doc, cue: tuple[int, int], cue_tokens: set[int], contents: list[tuple[int, int]]
                 ) -> list[tuple[int, int]]:
    """"One Facebook page was billing it a "Day of Tribes", in an attempt to draw in more of Syria's powerful tribes
    to the protests, says our correspondent": the tagger left out words between two pieces of one content on the
    same side of the cue. The words between are part of it unless a cue stands there (the '"...," she said, "..."'
    of a quotation split around its cue) or a sentence ends there."""
    filled = [contents[0]]
    for start, end in contents[1:]:
        previous_start, previous_end = filled[-1]
        same_side = previous_end <= cue[0] and end <= cue[0] or previous_start >= cue[1] and start >= cue[1]
        if same_side and doc[previous_start].sent == doc[end - 1].sent \
                and not any(i in cue_tokens for i in range(previous_end, start)):
            filled[-1] = (previous_start, end)
        else:
            filled.append((start, end))
    return filled


def _with_whole_clause(doc: Doc, cue: tuple[int, int], contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Gondwe denied that the ruling party had pressured local officials ...": the tagger stopped inside the
    subject ("that the ruling party") or on a word that needs what follows it ("would persist until"). A content
    inside the cue's complement clause that leaves out the clause's verb, or ends on such a word, runs on to the
    clause's end; one that cuts a phrase off a word in it takes in that phrase."""
    start, end = contents[-1]
    if start < cue[1]:
        return contents
    head = cue_head(doc, cue)
    clause = next((c for c in head.children
                   if c.dep_ in ("ccomp", "xcomp") and c.left_edge.i <= start <= c.right_edge.i), None)
    if clause is None or end > clause.right_edge.i:
        return contents
    if not start <= clause.i < end or doc[end - 1].pos_ in _DANGLING:
        return [*contents[:-1], (start, clause.right_edge.i + 1)]
    cut = _cut_dependent(doc, start, end)
    return [*contents[:-1], (start, cut.right_edge.i + 1)] if cut is not None else contents


def _cut_dependent(doc: Doc, start: int, end: int) -> Token | None:
    """The phrase right after tokens [start, end) that hangs on a word inside them: "that the ruling party had
    pressured local officials | to delay the opening of polling stations"."""
    if end >= len(doc) or doc[end].is_punct or doc[end].is_space:
        return None
    node = doc[end]
    while node.head.i >= end and node.head is not node:
        node = node.head
    return node if start <= node.head.i < end and node.dep_ not in ("cc", "conj", "punct") else None


_DANGLING = frozenset(("ADP", "DET", "AUX", "CCONJ", "SCONJ", "PART"))


def _with_verb_of_auxiliary(doc: Doc, contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A content the tagger cut after an auxiliary ("an estimated 30,000 Syrian soldiers were") runs on to the end
    of the verb the auxiliary belongs to ("were massing near the town")."""
    start, end = contents[-1]
    last = doc[end - 1]
    if last.dep_ in ("aux", "auxpass") and end <= last.head.i < last.sent.end:
        return [*contents[:-1], (start, last.head.right_edge.i + 1)]
    return contents


_VERB_GROUP = frozenset(("aux", "auxpass", "neg", "advmod"))


_DONE_BY = frozenset(("agent", "dobj", "ccomp", "xcomp", "oprd", "dative"))


def _not_said(verb: Token) -> bool:
    """A reporting verb that reports nothing: asked about ("an investigation into whether the company had reported
    the problem") or describing a noun with no one doing it ("almost twice the rate predicted a decade ago")."""
    children = list(verb.children)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ in _DONE_BY for c in children):
        return True     # but "One of the docs who sent the letter called Oz a quack": a misparse of a claim
    if (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _SCHEDULED
            or any(c.dep_ == "acomp" and c.lemma_.lower() in _SCHEDULED for c in children)) \
            and not any(t.dep_ == "ccomp" for t in verb.subtree):
        return True     # "Lindqvist is due to present a preliminary statement on Friday": nothing said yet
    if any(c.dep_ == "acomp" and c.lemma_.lower() in _RELUCTANT
           and any(x.dep_ == "xcomp" and lexicon_kind(x.lemma_) == "speech" for x in c.children) for c in children):
        return True     # "Erdogan has previously been reluctant to criticise Syria": he has not criticised it
    if verb.lemma_ == "ask" and ((verb.tag_ == "VBN" or verb.dep_ == "advcl" and verb.lower_ == "asked")
                                 and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") for c in children)
                                 or verb.i > 0 and verb.nbor(-1).text == ","
                                 and not any(c.dep_ in ("dobj", "dative") for c in children)):
        return True     # "Asked whether observers would be allowed in, he said ...", "Ferreira, asked about ...,"
    if any(c.dep_ == "mark" and c.lower_ == "than" for c in children):
        return True     # "the evidence is thinner than campaigners claim": they claim something else
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if lexicon_kind(verb.lemma_) == "speech" and len(subjects) == 1 \
            and (subjects[0].lower_ in _NO_ONE or any(d.lower_ == "no" for d in subjects[0].children)):
        return True     # "Nobody from the district has told us ...": no one said it
    if verb.lemma_ == "show" and any(c.dep_ == "auxpass" for c in children) \
            and not any(c.dep_ in ("ccomp", "xcomp") for c in children):
        return True     # "She wept as the footage was shown": shown to the court, not shown to be true
    if verb.lemma_ == "show" and any(c.dep_ == "dobj" and c.lemma_.lower() in _SHOWN_QUALITIES for c in children):
        return True     # "Manchester United had also shown interest in Costa": no finding shown
    if verb.lemma_ in ("write", "speak", "talk") and any(c.dep_ == "prep" and c.lower_ == "to" for c in children) \
            and not any(c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis") or c.dep_ == "prep"
                        and c.lower_ in ("about", "on", "of") for c in children):
        return True     # "Sir Robert Chote wrote to the Department of Health in October": to whom, not what
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _NOT_YET for c in children) \
            and any(c.dep_ == "aux" and c.lower_ in ("can", "could") for c in children):
        return True     # "We need trials before we can tell people that walking will prevent dementia": not told
    return any(c.dep_ == "mark" and c.lower_ == "whether" for c in children)


_NOT_YET = frozenset("before until unless".split())


_SCHEDULED = frozenset("due schedule set poise".split())
_RELUCTANT = frozenset("reluctant unwilling hesitant loath loth afraid wary".split())
_NO_ONE = frozenset("nobody none neither nothing noone".split())
_CONTRASTING = frozenset("though although while whereas but".split())
_SHOWN_QUALITIES = frozenset("interest restraint courage willingness leadership respect mercy "
                             "solidarity patience resilience".split())


def _expletive(doc: Doc, sources: list[tuple[int, int]]) -> bool:
    """Whether the source is the "it" of "It was not clear whether ...", "It seems ...": nobody."""
    if len(sources) != 1 or sources[0][1] - sources[0][0] != 1:
        return False
    token = doc[sources[0][0]]
    return token.lower_ == "it" and token.head.lemma_ in _EXPLETIVE_VERBS


_EXPLETIVE_VERBS = frozenset("be seem appear remain become".split())


def _without_introduction(doc: Doc, openings: list[int], cue: tuple[int, int], contents: list[tuple[int, int]]
                          ) -> list[tuple[int, int]]:
    """'Sen. McCaskill scolded him: "...," she said.': the words before the colon opening the quotation say who
    speaks and how; they are not what the trailing cue's speaker said."""
    opening = min((openings[i] for a, b in contents for i in range(a, b) if openings[i] >= 0), default=-1)
    if opening < 0 or cue[0] < opening:
        return contents
    before = opening - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0 or doc[before].text != ":":
        return contents
    return [(max(a, opening), b) for a, b in contents if b > opening] or contents


def _with_earlier_quotation(openings: list[int], contents: list[tuple[int, int]], cue: tuple[int, int]
                            ) -> list[tuple[int, int]]:
    """Stretch a content that starts inside a quotation back to the quotation's opening mark, so a quote
    running over several sentences or paragraphs before "she said" is one content. Not for a cue inside that
    quotation: '"... phone numbers, which Corvane says were not taken," Raghunathan said.' Corvane says only the
    clause."""
    start, end = contents[0]
    first = openings[start]
    return [(first, end), *contents[1:]] if 0 <= first < start and openings[cue[0]] != first else contents


def _with_rest_of_quotation(openings: list[int], closings: dict[int, int], contents: list[tuple[int, int]]
                            ) -> list[tuple[int, int]]:
    """Stretch a last content that is a quotation from its opening mark on to the quotation's end, so a quote
    going on over further sentences after '"...," she said, "...' is one content (the sentence tagger stops at
    its sentence). A clause reported inside someone's quotation keeps its extent."""
    start, end = contents[-1]
    first = openings[start]
    if first < 0 or start > first + 1 or openings[end - 1] != first or closings[first] < end:
        return contents
    return [*contents[:-1], (start, closings[first] + 1)]


def _closings(openings: list[int]) -> dict[int, int]:
    """Opening mark index -> index of the quotation's last token (its closing mark, if it has one)."""
    return {opening: i for i, opening in enumerate(openings) if opening >= 0}


def _without_cue_phrase(doc: Doc, openings: list[int], cue: tuple[int, int], contents: list[tuple[int, int]]
                        ) -> list[tuple[int, int]]:
    """A quotation's cue phrase is no part of what was said: in '"This is about scale," Raman said on a call with
    analysts.' the content is the quotation, not "analysts" too (which kept the quotation after from joining)."""
    if not any(end <= cue[0] and openings[start] >= 0 for start, end in contents):
        return contents
    phrases = [c for c in cue_head(doc, cue).children if c.dep_ in ("prep", "agent") and c.i >= cue[0]]
    return [(start, end) for start, end in contents
            if not (start >= cue[1] and any(p.left_edge.i <= start and end <= p.right_edge.i + 1 for p in phrases))]


def _with_next_quotation(doc: Doc, openings: list[int], closings: dict[int, int], cue_tokens: set[int],
                         cue: tuple[int, int], contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Add the quotation opening the next sentence of the paragraph to a quoted content before its cue, or to a
    content after its cue that ends the sentence: the press goes on '"...," she said. "..."' and 'She added that
    the category was very broad. "..."' with no second cue. Not when that sentence has a cue of its own."""
    start, end = contents[-1]
    quoted_before = end <= cue[0] and openings[start] >= 0
    ending_after = start >= cue[1] and not any(t.is_alpha for t in doc[end:doc[end - 1].sent.end])
    if not (quoted_before or ending_after):
        return contents
    last = max(end, cue[1])
    following = doc[last - 1].sent.end
    if any(t.is_space and "\n" in t.text for t in doc[last:following]):
        return contents         # the sentence ends its paragraph (its newline counted in it)
    while following < len(doc) and doc[following].is_space:
        if "\n" in doc[following].text:
            return contents
        following += 1
    if following >= len(doc) or openings[following] != following:
        return contents
    close = closings[following]
    if close == following or any(i in cue_tokens and openings[i] != following
                                 for i in range(following, doc[close].sent.end)):
        return contents     # a cue outside the quotation is another speaker's; one inside it, a claim it reports
    return [*contents, (following, close + 1)]


def _quote(doc: Doc, norm: NormalisedText, sentences: list[Sentence], quoted: list[bool], is_word: list[bool],
           cue: tuple[int, int], sources: list[tuple[int, int]], contents: list[tuple[int, int]],
           cue_kind: str | None = None) -> Quote | None:
    cue_span = _span(doc, norm, cue) or _span(doc, norm, cue, trim=False)
    index = sentence_at(sentences, cue_span.start)
    content_spans = [s for s in (_span(doc, norm, c) for c in contents)
                     if s is not None and any(ch.isalnum() for ch in s.text)]     # not a lone '\"' left over
    if index is None or not content_spans:
        return None
    return Quote(
        cue=cue_span,
        cue_kind=cue_kind or (ACTION if _narrated(doc, quoted, cue, contents) else _cue_kind(doc, cue)),
        sources=[s for s in (_span(doc, norm, r) for r in sources) if s is not None and s.text],
        contents=content_spans,
        kind=_kind(quoted, is_word, contents),
        sentence=index,
    )


def _cue_kind(doc: Doc, cue: tuple[int, int]) -> str:
    words = [t.lower_ for t in doc[cue[0]:cue[1]]]
    if "according" in words:
        return "according_to"
    kinds = [lexicon_kind(t.lemma_) for t in doc[cue[0]:cue[1]]]
    kinds += [lexicon_kind(t.lemma_) for t in doc[cue[0]].children if doc[cue[0]].dep_ == "prep" and t.dep_ == "pobj"]
    return next((k for k in kinds if k), "speech")


def _kind(quoted: list[bool], is_word: list[bool], contents: list[tuple[int, int]]) -> str:
    """direct: all content words inside quotation marks; mixed: some; indirect: none."""
    words = [quoted[i] for a, b in contents for i in range(a, b) if is_word[i]]
    if words and all(words):
        return "direct"
    return "mixed" if any(words) else "indirect"


def _words(doc: Doc) -> list[bool]:
    """Per token: a word, neither punctuation nor space (read from the arrays, no Token objects)."""
    if not len(doc):
        return []
    return [not (punct or space) for punct, space in doc.to_array([IS_PUNCT, IS_SPACE]).tolist()]


_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"     # as the article prints them


def _nest(quotes: list[Quote]) -> None:
    """Set `parent` to the quote with the smallest content holding this quote's cue. A claim reported inside a
    quotation ('"The government says 12 people died."') is indirect: the quotation marks are its reporter's, and
    only a quotation of its own inside them ('They are saying "..."') makes it direct."""
    for quote, parent in zip(quotes, _parents(quotes)):
        quote.parent = parent
        quoted_itself = any(c.text[:1] in _QUOTE_MARKS for c in quote.contents)
        if parent is not None and quote.kind == "direct" and not quoted_itself:
            quote.kind = "indirect"


def _parents(quotes: list[Quote]) -> list[int | None]:
    """Per quote, the index of the quote with the smallest content holding its cue, if any."""
    extents = [(c.start, c.end, i) for i, q in enumerate(quotes) for c in q.contents]
    sizes = [sum(c.end - c.start for c in q.contents) for q in quotes]
    parents = []
    for n, quote in enumerate(quotes):
        start, end = quote.cue.start, quote.cue.end
        holders = {i for a, b, i in extents if a <= start and end <= b and i != n}
        parents.append(min((sizes[i], i) for i in holders)[1] if holders else None)
    return parents


def _span(doc: Doc, norm: NormalisedText, tokens: tuple[int, int], trim: bool = True) -> Span | None:
    """Token range [start, end) as an original span, edge spaces and separating punctuation trimmed (None if
    nothing is left: a cue that is a colon keeps it, untrimmed)."""
    last = doc[closing_bracket(doc, *tokens) - 1]
    start, end = doc[tokens[0]].idx, last.idx + len(last)
    return norm.trimmed_span(start, end, _EDGE, _EDGE + _TRAILING_PUNCT) if trim else norm.span(start, end)
