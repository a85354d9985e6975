"""Attributions on the sample article and on small cases for each pattern: cues, sources, contents, kinds."""

from __future__ import annotations

import pytest

from bot.extract.attributions import _quote, _with_negation, _with_verb_of_auxiliary, _words, find_quotes
from bot.extract.attribution_tagger import quotation_state
from bot.extract.sentences import parse, split_sentences
from bot.extract.types import CUE_KINDS, KINDS
from bot.text import normalise


@pytest.fixture(scope="module")
def sample_quotes(sample_doc, sample_norm, sample_sentences):
    return find_quotes(sample_doc, sample_norm, sample_sentences)


@pytest.fixture(scope="module")
def quotes_of(nlp):
    def run(text: str):
        norm = normalise(text)
        doc = parse(norm, nlp)
        return find_quotes(doc, norm, split_sentences(doc, norm))
    return run


def contents_of_cue(quotes, cue: str) -> list[str]:
    """The contents of the quote made with this cue."""
    return [c.text for c in next(q for q in quotes if q.cue.text == cue).contents]


def quote_with(quotes, content_part: str):
    found = [q for q in quotes if any(content_part in c.text for c in q.contents)]
    assert found, f"no quote has content containing {content_part!r}: {[[c.text for c in q.contents] for q in quotes]}"
    return found[0]


def sources(quote) -> list[str]:
    return [s.text for s in quote.sources]


# ---- the sample article -------------------------------------------------------------------------------------

def test_every_span_slices_back_to_its_text(sample_quotes, sample_text):
    assert len(sample_quotes) >= 15
    for quote in sample_quotes:
        for span in (quote.cue, *quote.sources, *quote.contents):
            assert sample_text[span.start:span.end] == span.text
            assert span.text.strip() == span.text and span.text
        assert quote.kind in KINDS and quote.cue_kind in CUE_KINDS


def test_trailing_cue_state_tv(sample_quotes):
    quote = quote_with(sample_quotes, "The Syrian army has begun operations")
    assert sources(quote) == ["state TV"]
    assert quote.cue.text == "says"
    assert quote.kind == "mixed"  # "restore security" is quoted inside reported speech


def test_direct_quote_said_by_he(sample_quotes):
    quote = quote_with(sample_quotes, "They are not acting in a humane manner. This is savagery")
    assert sources(quote) == ["he"]
    assert quote.kind == "direct"
    assert quote.cue.text.startswith("said")


def test_erdogan_says_syria_commits_an_atrocity(sample_quotes):
    quote = quote_with(sample_quotes, "Syria was committing an")
    assert any("Erdogan" in s for s in sources(quote))
    said = [sources(q) for q in sample_quotes if any("the Asad regime was committing" in c.text for c in q.contents)]
    assert said == [["Anatolia news agency"], ["he"]]     # the agency's report, his claim nested in it


def test_quote_over_paragraphs_before_she_said(sample_quotes, sample_text):
    quote = quote_with(sample_quotes, "showdown is imminent in this area")
    assert sources(quote) == ["she"]
    assert quote.kind == "direct"
    first = min(c.start for c in quote.contents)
    assert first < sample_text.index("We have had reports")  # the earlier quoted paragraph belongs to it


def test_nested_attribution_inside_the_correspondents_quote(sample_quotes):
    nested = quote_with(sample_quotes, "armed gangs are burning the fields")
    assert nested.cue.text == "saying"
    assert nested.parent is not None
    outer = sample_quotes[nested.parent]
    assert sources(outer) == ["she"]
    assert sources(nested) == ["They [State TV]"]          # not "They [State TV] are also"


def test_a_live_blog_entry_time_is_no_part_of_the_source(quotes_of):
    quotes = quotes_of("Election night live\n\n10:02pm - An exit poll for the BBC suggested Fiona Grant is on course "
                       "to win.\n\n10:15pm - Conservative candidate Mark Whitby said the exit poll was wrong.\n")
    assert [sources(q) for q in quotes] == [["An exit poll for the BBC"], ["Conservative candidate Mark Whitby"]]


def test_a_hyphenated_word_the_tokenizer_split_opens_the_content_whole(quotes_of):
    quote = quote_with(quotes_of("By-election\n\nConservative party chairman Richard Blake said by-elections were "
                                 "\"always difficult for the governing party\".\n"), "always difficult")
    assert quote.contents[0].text.startswith("by-elections were")


def test_an_adverb_of_the_content_is_what_was_denied(quotes_of):
    quote = quote_with(quotes_of("Doping\n\nOkafor, 27, who won silver in the 100 metres at last year's world "
                                 "championships, denied knowingly taking any banned substance.\n"), "banned substance")
    assert quote.cue.text == "denied" and quote.contents[0].text == "knowingly taking any banned substance"


def test_a_second_cue_of_one_subject_claims_its_own_conjunct(quotes_of):
    quotes = quotes_of("Outbreak\n\nHealth Minister Joseph Mbaru told reporters in the capital that the situation was "
                       "\"under control\" and accused \"certain organisations\" of inflating the numbers.\n")
    assert contents_of_cue(quotes, "accused") == ["\"certain organisations\" of inflating the numbers"]


@pytest.mark.parametrize("text, cue, kind", [
    ("Corriveau struggled openly with alcohol addiction in the late 1990s.\n", "struggled", "action"),
    ("Senate Republicans were openly divided on Wednesday over a $14 billion border security package.\n",
     "were openly divided", "action"),
    ("Corriveau said he struggled openly with alcohol addiction.\n", "said", "speech"),
])
def test_a_verb_no_lexicon_lists_with_a_thing_for_content_is_an_action_not_speech(quotes_of, text, cue, kind):
    """PolNeAR counts these as attributions, so they are kept, but as actions: nobody said anything."""
    quotes = [q for q in quotes_of(f"Profile\n\n{text}") if q.cue.text == cue]
    assert [q.cue_kind for q in quotes] == [kind]


def test_a_claim_nested_in_a_quotation_is_its_own_clause_not_the_quotation_before_it(quotes_of):
    """Corvane says the phone numbers were not taken; the sample the researcher obtained is hers to describe."""
    quotes = quotes_of("Retailer hit by data breach\n\n\"The sample we obtained has home addresses and phone numbers, "
                       "which Corvane says were not taken,\" Raghunathan said.\n")
    nested = next(q for q in quotes if sources(q) == ["Corvane"])
    assert [c.text for c in nested.contents] == ["which", "were not taken"] and nested.parent is not None


def test_a_content_runs_on_past_a_parenthesis_between_dashes(sample_quotes):
    quote = quote_with(sample_quotes, "such a resolution")
    assert quote.contents[-1].text == ("such a resolution - which does not propose concrete action - could further "
                                       "inflame tensions in an already volatile region")
    assert sources(quote) == ["other nations on the council, including Brazil, China and Russia"]


def test_claims_by_damascus(sample_quotes):
    quote = quote_with(sample_quotes, "armed gangs killed 120 members")
    assert quote.cue.text == "claims by"
    assert sources(quote) == ["Damascus"]


def test_government_claims(sample_quotes):
    first = quote_with(sample_quotes, "residents of the town requested the army")
    assert sources(first) == ["The syrian government"]
    assert first.cue.text == "is saying"
    second = quote_with(sample_quotes, "local residents requested the army")
    assert sources(second) == ["The government"]


def test_human_rights_groups_state_the_death_toll(sample_quotes):
    quote = quote_with(sample_quotes, "more than 1,100 people have been killed")
    assert sources(quote) == ["Human rights groups"]


def test_sources_are_never_headings(sample_quotes, sample_norm):
    headings = {(h.start, h.end) for h in sample_norm.headings}
    for quote in sample_quotes:
        for source in quote.sources:
            assert not any(start <= source.start < end for start, end in headings)


def test_a_sentence_without_attribution_gets_no_quote(sample_quotes, sample_sentences):
    unverified = next(s.index for s in sample_sentences if s.span.text.startswith("The alleged killings"))
    assert not any(q.sentence == unverified for q in sample_quotes)


# ---- small cases ---------------------------------------------------------------------------------------------

def test_plain_reported_speech(quotes_of):
    (quote,) = quotes_of("The minister said the bridge would reopen next week.\n")
    assert sources(quote) == ["The minister"]
    assert quote.cue.text == "said"
    assert quote.contents[0].text == "the bridge would reopen next week"
    assert quote.kind == "indirect" and quote.cue_kind == "speech"


def test_inverted_cue(quotes_of):
    (quote,) = quotes_of('"We will not leave," said the spokesman.\n')
    assert sources(quote) == ["the spokesman"]
    assert "We will not leave" in quote.contents[0].text
    assert quote.kind == "direct"


def test_a_cue_closing_a_long_sentence_after_a_comma(sample_quotes):
    """"..., says our correspondent in Beirut.": the whole clause before the comma is the correspondent's, however
    long it runs."""
    quote = quote_with(sample_quotes, "One Facebook page was billing it")
    assert sources(quote) == ["our correspondent in Beirut"] and quote.cue.text == "says"
    assert quote.contents[0].text.endswith("powerful tribes to the protests")


def test_a_trailing_cue_the_tagger_passes_over_is_read_off_the_parse(quotes_of):
    quotes = quotes_of('One local newspaper was calling it a "week of anger", in an attempt to rally more of the city\'s '
                       'unions to the strike, says our correspondent in Lagos.\n')
    (quote,) = [q for q in quotes if q.parent is None]      # the newspaper's "calling it" is nested in it
    assert sources(quote) == ["our correspondent in Lagos"] and quote.cue.text == "says"
    assert quote.contents[0].text.startswith("One local newspaper")
    assert quote.contents[0].text.endswith("unions to the strike")


def test_according_to_closing_a_long_sentence(quotes_of):
    """The tagger passed over it after a long clause; "according to X" is a cue wherever it stands."""
    (quote,) = quotes_of("Daniel Whitaker, 58, who served as city treasurer from 2015 until his resignation in March, "
                         "was arrested at his home in Ashford early Monday morning, according to the Harlan County "
                         "Sheriff's Office.\n")
    assert quote.cue.text == "according to" and sources(quote) == ["the Harlan County Sheriff's Office"]
    assert quote.contents[0].text.startswith("Daniel Whitaker, 58")


def test_a_rival_estimate_ends_what_according_to_vouches_for(quotes_of):
    quotes = quotes_of("The attendance was the highest since 2019, according to the club, although a Rovers spokesman "
                       "put the number of away fans at 4,100.\n")
    according = quote_with(quotes, "The attendance")
    assert [c.text for c in according.contents] == ["The attendance was the highest since 2019"]
    assert sources(quote_with(quotes, "4,100")) == ["a Rovers spokesman"]


def test_according_to(quotes_of):
    quotes = quotes_of("According to the police, three people were arrested on Friday.\n")
    quote = quote_with(quotes, "three people were arrested")
    assert quote.cue.text == "According to"
    assert sources(quote) == ["the police"]
    assert quote.cue_kind == "according_to"


@pytest.mark.parametrize("text, source, content", [
    ("Donald Trump has invested in some of the companies that he uses as punching bags on the campaign trail, "
     "according to new financial documents he submitted to the U.S. government.\n",
     "new financial documents he submitted to the U.S. government", "Donald Trump has invested"),
    ("According to the newspaper, \u201cAmerica\u2019s porous gun laws empower dealers to sell weapons to essentially "
     "any adult who passes a background check.\u201d\n", "the newspaper", "porous gun laws"),
    # the parse hangs the clause on the object, and the tagger took the object alone for the content
    ("According to conservative talk radio host Rush Limbaugh, the move reeks of fear and desperation.\n",
     "conservative talk radio host Rush Limbaugh", "the move reeks of fear"),
    # a name the parser split ("Diabetes" | "UK") is whole
    ("Around 4.4 million people in the UK have been diagnosed with diabetes, according to Diabetes UK.\n",
     "Diabetes UK", "Around 4.4 million people"),
    # a name set off after the object and ending the sentence says who the source is
    ("The band sold an estimated five million records worldwide, according to their label, Northlight Records.\n",
     "their label, Northlight Records", "The band sold"),
])
def test_according_to_object_is_the_source_not_content(quotes_of, text, source, content):
    """The tagger tagged these objects of "according to" as content and no source."""
    quote = quote_with(quotes_of(text), content)
    assert sources(quote) == [source]
    assert not any(source in c.text for c in quote.contents)


def test_two_claims_in_one_sentence(quotes_of):
    quotes = quotes_of("The mayor said taxes would fall, but the opposition says they will rise.\n")
    assert sources(quote_with(quotes, "taxes would fall")) == ["The mayor"]
    assert sources(quote_with(quotes, "they will rise")) == ["the opposition"]


def test_belief_and_finding_are_attributions_too(quotes_of):
    belief = quote_with(quotes_of("Most economists believe that inflation will ease.\n"), "inflation will ease")
    assert belief.cue_kind == "belief"
    finding = quote_with(quotes_of("A new poll shows that the senator leads by six points.\n"), "leads by six")
    assert finding.cue_kind == "finding"


def test_sentence_without_cue_has_no_quote(quotes_of):
    assert quotes_of("The bridge reopened on Monday after two years of repairs.\n") == []


def test_quote_running_over_sentences_before_the_speaker(quotes_of):
    text = '"The water is rising. We have never seen this. Everyone must leave now," the mayor told reporters.\n'
    quote = quote_with(quotes_of(text), "Everyone must leave now")
    assert sources(quote) == ["the mayor"]
    assert min(c.start for c in quote.contents) <= text.index("The water")


def test_quote_running_over_sentences_after_the_speaker(quotes_of):
    text = ('"Judge," the lawyer said, "I have never had that happen in any case in thirty years. I have never had '
            'a defendant lose his liberty for this." The judge did not answer.\n')
    quote = quote_with(quotes_of(text), "I have never had that happen")
    assert sources(quote) == ["the lawyer"]
    assert max(c.end for c in quote.contents) >= text.index("for this")


def test_quotation_going_on_in_the_next_sentence_after_the_cue(quotes_of):
    text = ('"We will win this state," the senator said on Sunday. "Nobody can stop this campaign now." '
            'The rally ended at noon.\n')
    quote = quote_with(quotes_of(text), "We will win this state")
    assert sources(quote) == ["the senator"]
    assert any("Nobody can stop this campaign now" in c.text for c in quote.contents)
    assert not any("rally" in c.text for c in quote.contents)


def test_quotation_signed_with_a_dash_and_a_name(quotes_of):
    text = ('Readers wrote to us.\n"He has empowered racists to be open with their prejudice. He represents our '
            'greatest shame." \u2015 Sonya Herridge\n"I am so ashamed to be an American today, and so are all of my '
            'friends." \u2015 Jacklyn Ashley\n')
    quotes = quotes_of(text)
    signed = quote_with(quotes, "He represents our greatest shame")
    assert sources(signed) == ["Sonya Herridge"] and signed.cue.text == "\u2015"
    assert signed.contents[0].text.startswith("He has empowered") and signed.kind == "direct"
    assert sources(quote_with(quotes, "ashamed to be an American")) == ["Jacklyn Ashley"]


def test_remarks_quoted_by_a_medium_are_its_report_with_the_speakers_claim_nested(sample_quotes):
    """"Erdogan said Syria was committing an "atrocity", in remarks quoted by Turkish media": Turkish media report
    the saying; "in an interview quoted by Anatolia news agency he said ...": the agency reports what follows."""
    media = next(q for q in sample_quotes if sources(q) == ["Turkish media"])
    assert media.cue.text == "quoted by" and media.cue_kind == "speech"
    assert media.contents[0].text.startswith("Turkish PM Recep Tayyip Erdogan said Syria was committing")
    erdogan = quote_with(sample_quotes, "Syria was committing an")
    assert sample_quotes[erdogan.parent] is media
    agency = next(q for q in sample_quotes if sources(q) == ["Anatolia news agency"])
    assert agency.contents[0].text.startswith("he said the Asad regime")


def test_a_cue_the_tagger_gave_no_content_reports_the_clause_after_it(quotes_of):
    """The role tagger took "Democrats and the media" for a second source and tagged no content: the parse's
    reported clause is the content."""
    text = ("Pence on tweets\nMike Pence says too much is made of Donald Trump\u2019s tweets.\n\nThe Indiana governor said "
            "Democrats and the media are to blame for focusing on \u201che said this, he tweeted that.\u201d\n")
    quote = quote_with(quotes_of(text), "Democrats and the media are to blame")
    assert sources(quote) == ["The Indiana governor"] and quote.cue.text == "said"


def test_a_signature_dash_may_follow_the_quotation_mark_and_end_in_a_period(quotes_of):
    text = ('Readers wrote to us.\n\u201cHe is ignorant of our culture and lives.\u201d\u2015 Pamela Padilla\n'
            '\u201cHe woke us all from our slumber.\u201d \u2015 Julie A. Diaz Martinez.\n')
    quotes = quotes_of(text)
    assert sources(quote_with(quotes, "ignorant of our culture")) == ["Pamela Padilla"]
    assert sources(quote_with(quotes, "from our slumber")) == ["Julie A. Diaz Martinez"]


def test_no_source_when_the_text_names_none(quotes_of):
    (quote,) = quotes_of("It is believed that the fire started in the kitchen.\n")
    assert quote.sources == []
    assert quote.cue.text == "is believed" and quote.cue_kind == "belief"
    assert any(c.text == "that the fire started in the kitchen" for c in quote.contents)


def test_reports_without_a_source_are_sourceless_report_claims(quotes_of, sample_quotes):
    mutiny = quote_with(sample_quotes, "a mutiny among security forces")
    assert mutiny.sources == [] and mutiny.cue.text == "reports of" and mutiny.cue_kind == "report"
    assert mutiny.contents[0].text == "a mutiny among security forces"
    (primed,) = quotes_of("There were reports the militia was being primed to replace the council.\n")
    assert primed.sources == [] and primed.contents[0].text == "the militia was being primed to replace the council"
    (amid,) = quotes_of("The stock fell amid reports that the company would cut jobs.\n")
    assert amid.cue_kind == "report" and amid.contents[0].text == "that the company would cut jobs"
    assert quotes_of("There were no reports of injuries.\n") == []
    assert quotes_of("The police are investigating reports of a shooting near the school.\n") == []


def test_participle_cue_takes_the_main_clause_subject_as_source(quotes_of):
    quotes = quotes_of("A federal judge rejected the request on Monday, saying the courts have no business "
                       "deciding what voters need to know.\n")
    quote = quote_with(quotes, "the courts have no business")
    assert sources(quote) == ["A federal judge"]


def test_a_source_found_inside_a_clause_of_the_subject_is_the_whole_subject(quotes_of):
    """The tagger takes the noun nearest the cue; the one who speaks is the subject the clause belongs to."""
    quotes = quotes_of("A UN official, who asked not to be named because he was not authorised to speak to the media, "
                       "said the number of missing could be as high as 200.\n")
    quote = quote_with(quotes, "the number of missing")
    assert sources(quote)[0].startswith("A UN official")


@pytest.mark.parametrize("sentence, verb, cue", [
    ("That number has not been confirmed by other agencies.", "confirmed", "not been confirmed"),
    ("The ministry did not deny the report.", "deny", "not deny"),
    ("The ministry denied the report.", "denied", "denied"),
])
def test_a_negated_cue_keeps_its_negation(nlp, sentence, verb, cue):
    """"not been confirmed by other agencies" is no confirmation: whatever the tagger marked, the cue says so
    wherever the claim is shown."""
    doc = parse(normalise(sentence + "\n"), nlp)
    at = next(t.i for t in doc if t.text == verb)
    start, end = _with_negation(doc, (at, at + 1))
    assert doc[start:end].text == cue


def test_transcript_turns_name_the_speaker_before_the_colon(quotes_of):
    text = ("The interview was broadcast on Sunday.\n"
            "WALLACE: Will she be at the debate tomorrow night? Many viewers want to know.\n"
            "PENCE: She will not be attending. That was never the plan, and it will not change.\n"
            "Update: The debate starts at nine.\n"
            "The Latest: Trump urges supporters to monitor polling places on the day.\n"
            "CLAIM: Unemployment in the UK has doubled since 2020.\n"
            "VERDICT: False. Unemployment has risen modestly since 2020, but it has not doubled.\n")
    quotes = quotes_of(text)
    answer = quote_with(quotes, "She will not be attending")
    assert sources(answer) == ["PENCE"] and answer.cue.text == ":"
    assert answer.contents[-1].text.endswith("it will not change")  # the whole turn, over its sentences
    assert sources(quote_with(quotes, "Many viewers want to know")) == ["WALLACE"]
    assert not any(s.text in ("Update", "The Latest", "CLAIM", "VERDICT") for q in quotes for s in q.sources)


def test_a_headline_phrase_before_a_colon_is_no_speaker(quotes_of):
    """A title or a label run into its text ("Stealth Over Health: ...", "Wow: ...") is not someone speaking, as a
    name before a colon is ("Sanders: Clinton needs to ...")."""
    quotes = quotes_of("Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics.\n"
                       "The campaign said she was fine on Sunday.\n"
                       "Wow: Glenn Beck Just Responded To Palin With One Brutal Line.\n")
    assert not any(s.text in ("Stealth Over Health", "Wow") for q in quotes for s in q.sources)
    assert sources(quote_with(quotes_of("Sanders: Clinton needs to get away from all of this personality stuff.\n"
                                        "He spoke in Ohio on Friday.\n"), "Clinton needs to")) == ["Sanders"]


def test_colon_closing_a_paragraph_introduces_the_quotation_after_it(quotes_of):
    text = ('The senator spoke after the vote on Tuesday. In a long speech, she said:\n'
            '"This bill will not pass the House. We will fight it in every district."\n')
    quote = quote_with(quotes_of(text), "We will fight it in every district")
    assert sources(quote) == ["she"] and quote.cue.text == "said"
    assert quote.contents[0].text.lstrip('"').startswith("This bill will not pass")


def test_cue_sentence_after_a_quoted_question_takes_the_question(quotes_of):
    text = '"Who do they think they are?" Trump said of Apple in February, when the company balked.\n'
    quote = quote_with(quotes_of(text), "Who do they think they are?")
    assert sources(quote) == ["Trump"] and quote.kind == "direct"


def test_a_cue_opening_a_paragraph_takes_no_quotation_from_the_paragraph_before(quotes_of):
    text = ('"Every month of delay matters," she said. "We are asking the FDA to move quickly."\n\n'
            'Not everyone agrees. Some neurologists say the cost would strain health systems.\n')
    assert not [q for q in quotes_of(text) if "move quickly" in q.contents[0].text and q.cue.text != "said"]


@pytest.mark.parametrize(("text", "verb", "content"), [
    ("Pulsefit said at the time that it had fixed the problem within 48 hours.\n", "said",
     "that it had fixed the problem within 48 hours"),
    ("The chief executive rejected that view. He told investors on a conference call that the benefit grew over "
     "time.\n", "told", "that the benefit grew over time"),
])
def test_a_that_clause_the_parser_hung_on_the_verb_s_own_phrase_is_still_said(quotes_of, text, verb, content):
    quote = next(q for q in quotes_of(text) if q.cue.text == verb)
    assert [c.text for c in quote.contents] == [content]


@pytest.mark.parametrize("text", [
    "Mbeki's coach, who asked not to be named because he was not authorised to speak, said she was devastated.\n",
    "One official, who requested anonymity to discuss the talks, said a deal was close.\n",
])
def test_how_a_source_stays_anonymous_is_no_claim(quotes_of, text):
    quotes = quotes_of(text)
    assert [q.cue.text for q in quotes] == ["said"]


def test_according_to_vouches_for_no_rival_s_reply_after_it(quotes_of):
    quotes = quotes_of("Gunmen attacked a crowded market on Saturday, killing at least 34 civilians, according to "
                       "the Congolese army, while the rebel group accused of the attack said government soldiers were "
                       "responsible for most of the deaths.\n")
    army = next(q for q in quotes if q.cue.text == "according to")
    assert " / ".join(c.text for c in army.contents) == \
        "Gunmen attacked a crowded market on Saturday, killing at least 34 civilians"


def test_the_it_of_it_was_not_clear_is_nobody(quotes_of):
    """"It was not clear whether ..." is the outlet's own remark: no claim, so coref cannot give it to the last
    organisation named; "It said" is a source."""
    quotes = quotes_of("The agency approved the drug. It was not clear whether the results would apply to people "
                       "without heart disease. It said the review would take a year.\n")
    assert [q.cue.text for q in quotes if any("clear" in c.text or "results" in c.text for c in q.contents)] == []
    assert "the review would take a year" in quote_with(quotes, "the review").contents[0].text


def test_an_estimate_put_at_a_number_is_its_source_s_claim(quotes_of):
    """"X puts the figure at more than 1,000": the taggers pass over it, yet it is the number two sources give."""
    quotes = quotes_of("Council officers expect about 450 journeys a day. The residents' association puts the figure "
                       "at more than 1,000.\n")
    quote = quote_with(quotes, "more than 1,000")
    assert (sources(quote), quote.cue.text) == (["The residents' association"], "puts the figure at")
    assert [c.text for c in quote.contents] == ["more than 1,000"]


def test_a_finding_stated_in_a_poll_is_the_poll_s(quotes_of):
    """"In a CNN poll released Monday, Clinton held a 24-point lead": the poll is the source, "in" the cue."""
    quotes = quotes_of("The race tightened this week. In a CNN poll released Monday, Clinton held a 24-point lead "
                       "over Sanders among black voters.\n")
    quote = quote_with(quotes, "Clinton held a 24-point lead")
    assert (sources(quote), quote.cue.text, quote.cue_kind) == (["a CNN poll released Monday"], "In", "finding")
    assert quote.contents[0].text == "Clinton held a 24-point lead over Sanders among black voters"


@pytest.mark.parametrize("text", [
    "Sanders hopes to climb in the latest CNN poll before the convention.\n",            # a purpose, no finding stated
    "He spent the summer in Iowa, where he was rising in the Des Moines Register poll.\n",       # a clause describing a place
])
def test_polls_named_without_a_finding_give_no_claim(quotes_of, text):
    assert not [q for q in quotes_of(text) if q.cue.text.lower() == "in"]


@pytest.mark.parametrize("text, outer_source, verb, noun_source", [
    ("Election night\n\nHe rejected suggestions by some Kendrick supporters on social media that ballots had been "
     "mishandled in Washoe County, saying there was no evidence.\n", "He", "rejected",
     "some Kendrick supporters on social media"),
    ("Election night\n\nThe minister rejected claims by the opposition that the vote was rigged.\n", "The minister",
     "rejected", "the opposition"),
])
def test_a_claim_reported_as_someone_elses_is_theirs_and_the_reporters_verb_is_his(quotes_of, text, outer_source,
                                                                                  verb, noun_source):
    """"He rejected suggestions by X that Y": X suggested Y; he only rejected the suggestions."""
    quotes = quotes_of(text)
    (reported,) = [q for q in quotes if q.cue.text.endswith(" by")]
    assert sources(reported) == [noun_source] and reported.contents[0].text.startswith("that ")
    (rejection,) = [q for q in quotes if q.cue.text == verb]
    assert sources(rejection) == [outer_source] and rejection.contents[0].text.startswith(("suggestions", "claims"))


@pytest.mark.parametrize("text, verb", [
    ("Recall\n\nThe commission said it had opened an investigation into whether the company had reported the "
     "problem quickly enough.\n", "reported"),
    ("Glaciers\n\nLosses reached twice the level predicted in 2015.\n", "predicted"),
])
def test_a_reporting_verb_asked_about_or_describing_a_noun_is_no_claim(quotes_of, text, verb):
    assert not [q for q in quotes_of(text) if verb in q.cue.text]


def test_a_cue_reporting_a_clause_of_its_own_does_not_take_the_quotation_before_it(quotes_of):
    """The role tagger gave "told" no content and the parser hung the that-clause on "a conference call": the
    quotation closing the paragraph before is Dr. Marsh's, not Feld's."""
    quotes = quotes_of("Trial\n\n\"This is not a cure,\" said Dr. Helen Marsh. \"But it is time that families did not "
                       "have before.\"\n\nIts chief executive, Robert Feld, told analysts on a conference call that the "
                       "company would file for approval with the Food and Drug Administration before the end of the "
                       "year.\n")
    (feld,) = [q for q in quotes if q.cue.text == "told"]
    assert feld.contents[0].text.startswith("that the company would file")


def _token_range(doc, words: str) -> tuple[int, int]:
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words))
    return span.start, span.end


def test_a_content_cut_after_an_auxiliary_runs_on_to_the_end_of_its_verb(sample_doc):
    """The role tagger stopped at "were" of "an estimated 30,000 Syrian soldiers were massing near the town"."""
    start, end = _token_range(sample_doc, "an estimated 30,000 Syrian soldiers were")
    [(a, b)] = _with_verb_of_auxiliary(sample_doc, [(start, end)])
    assert a == start
    assert sample_doc[a:b].text.startswith("an estimated 30,000 Syrian soldiers were massing near the town")


def test_a_content_fragment_of_punctuation_alone_is_dropped(sample_doc, sample_norm, sample_sentences):
    """A tagger's stray fragment at the escaped quotation mark before "They [State TV] are also saying" is no part
    of what State TV says."""
    cue = _token_range(sample_doc, "saying")
    clause = _token_range(sample_doc, "that armed gangs are burning the fields around Jisr al-Shugur")
    mark = clause[0] - 1
    while sample_doc[mark].text != '"':
        mark -= 1
    quote = _quote(sample_doc, sample_norm, sample_sentences, quotation_state(sample_doc), _words(sample_doc), cue,
                   [], [(mark, mark + 1), clause])
    assert [c.text for c in quote.contents] == ["that armed gangs are burning the fields around Jisr al-Shugur"]


def test_a_quotations_cue_phrase_is_not_content_and_the_next_quotation_joins(quotes_of):
    quotes = quotes_of('Harborline agreed to buy Crestmark.\n\n"This is about scale and about reach," Raman said on a '
                       'call with analysts. "Together we can put our brands in front of shoppers."\n')
    quote = quote_with(quotes, "about scale")
    assert sources(quote) == ["Raman"]
    assert [c.text for c in quote.contents] == ['"This is about scale and about reach,"',
                                                '"Together we can put our brands in front of shoppers."']


def test_officials_of_a_relative_clause_run_into_the_noun_it_describes_speak_of_it(quotes_of):
    quotes = quotes_of("After four hours of comment, the board voted to close two schools, a move district officials "
                       "say will save about $2.3 million a year.\n")
    quote = quote_with(quotes, "$2.3 million")
    assert sources(quote) == ["district officials"]
    assert [c.text for c in quote.contents] == ["will save about $2.3 million a year"]


@pytest.mark.parametrize("text, cues", [
    # harm done by a thing is no one's claim
    ("Kenya was hit by severe floods in 2024 that killed more than 290 people.", []),
    ("Hospital trusts in the north of England have been the hardest hit by shortages, with some wards relying on "
     "agency staff for up to a fifth of their shifts.", []),
    # what another subject's clause is for is not the speaker's claim
    ("Government spokesman Isaac Mwaura said the cabinet would meet on Thursday to consider whether to declare a "
     "national disaster.", ["said"]),
    # who heard a claim is not who made it
    ("Its general secretary, Dave Pryce, said inspectors had been cut.\n\n\u201cWe warned Network Rail in writing "
     "that inspections were being stretched. We were told everything was under control.\n\n\u201cFour people are "
     "dead,\u201d Mr Pryce said.", ["said", "said"]),
    # the description set off before a source is nothing it said
    ("The authority's chair, Sir Robert Chote, wrote to the Department of Health in October.", []),
    # a statement scheduled is nothing said yet; interest shown is no finding
    ("The mission's chief observer, Anna Lindqvist, is due to present a preliminary statement on Friday.", []),
    ("Manchester United and Bayern Munich had also shown interest in Costa, who scored 31 goals last season.", []),
    ("The poll shows support for the plan at 40 percent.", ["shows support for"]),
    ("His mother sat in the public gallery. She wept as the footage was shown.", []),
    # what someone is reluctant to say is not said
    ("Turkey's Prime Minister Erdogan has previously been reluctant to criticise Syria.", []),
    # what a claim says was done is no claim of its own
    ("The fitness app Pulsetrack passed precise location data to advertising partners for two years, according to "
     "an internal memo seen by Reuters.", ["according to"]),
    # nor what a claim says someone intended or refused
    ("Activists said the security forces were shot by government troops, after they refused to open fire on "
     "civilians.", ["said"]),
    # the reporter's question is not the answer's claim
    ("Asked whether observers would be allowed to take part, he said that was a matter for the government.",
     ["said"]),
])
def test_what_reports_no_claim(quotes_of, text, cues):
    assert [q.cue.text for q in quotes_of(text + "\n")] == cues


def test_a_cue_inside_a_quotation_reports_nothing_past_its_closing_mark(quotes_of):
    quotes = quotes_of("Okoro thanked supporters. \u201cWe got more votes than anyone told us we would,\u201d Okoro "
                       "said. They said they would not rule out running again in 2030.\n")
    assert all(q.contents[-1].text != "we would,\u201d Okoro said" for q in quotes)


def test_a_remark_added_with_adding_is_the_speakers_and_ends_the_claim_before_it(quotes_of):
    quotes = quotes_of("Natarajan said breaches of telecom companies were particularly dangerous because phone numbers "
                       "are often used to reset passwords, adding that customers should set up a PIN immediately.\n")
    added = quote_with(quotes, "set up a PIN")
    assert sources(added) == ["Natarajan"]
    said = quote_with(quotes, "breaches of telecom")
    assert "adding" not in said.contents[-1].text


def test_a_remark_with_no_subject_of_its_own_is_the_speakers(quotes_of):
    quotes = quotes_of("Telecom giant hacked\n\nCorvana Communications said on Tuesday that hackers had stolen data, but "
                       "an independent security researcher said the true number was \"at least 5 million\" and accused "
                       "the company of understating the breach.\n")
    assert sources(quote_with(quotes, "hackers had stolen")) == ["Corvana Communications"]     # not "Communications"
    accused = quote_with(quotes, "understating")
    assert sources(accused) == ["an independent security researcher"]
    assert quote_with(quotes, "true number").contents[-1].text.endswith('5 million"')


def test_the_speaker_of_an_as_clause_is_inside_it(quotes_of):
    quote = quote_with(quotes_of("Climate\n\nHawaii, as one of Mr. Obama's climate advisers pointed out, normally "
                                 "does not get back-to-back hurricanes.\n"), "hurricanes")
    assert sources(quote) == ["one of Mr. Obama's climate advisers"]       # not "Hawaii, as one of ..."


def test_said_opening_the_sentence_is_the_cue_of_the_name_after_it(quotes_of):
    (quote,) = quotes_of("Said Ellis: \u201cI don\u2019t get the sense she\u2019s the least bit interested in tax "
                         "reform.\u201d\n")
    assert (quote.cue.text, sources(quote)) == ("Said", ["Ellis"])


@pytest.mark.parametrize(("text", "content"), [
    ("Gondwe denied that the ruling party had pressured local officials to delay the opening of polling stations.",
     "that the ruling party had pressured local officials to delay the opening of polling stations"),
    ("National Weather Service meteorologist Dan Okafor said the red flag conditions would persist until at least "
     "Thursday morning.", "the red flag conditions would persist until at least Thursday morning"),
])
def test_a_content_cut_inside_its_clause_runs_to_the_clause_s_end(quotes_of, text, content):
    """The tagger stopped at the subject ("that the ruling party") or at "until": the claim misquoted."""
    (quote,) = quotes_of(f"Title\n\n{text}\n")
    assert quote.contents[-1].text == content


def test_a_quotation_after_a_reported_claim_is_the_same_speaker_s(quotes_of):
    """'She added that ... "..."': the quotation with no cue of its own goes on with her words, not the outlet's."""
    quotes = quotes_of("Food study\n\nDr Rachel Kim, an epidemiologist, said the study was important.\n\nShe added that the "
                       "category was very broad. \"Wholemeal bread and a can of cola end up in the same group. That is "
                       "not very helpful.\"\n")
    added = quote_with(quotes, "category was very broad")
    assert added.contents[-1].text.endswith('That is not very helpful."') and added.kind == "mixed"


def test_a_claim_reported_inside_a_quotation_is_nested_and_indirect(quotes_of):
    """'"The government says 12 people died. We have the names of 31."': Haddad's words throughout; the
    government's figure is reported inside them, not quoted from it."""
    quotes = quotes_of("Toll\n\nEmergency Watch said it had counted 31 bodies.\n\n\"We publish our methods,\" said Leila "
                       "Haddad, the group's director. \"The government says 12 people died. We have the names of 31.\"\n")
    haddad = quote_with(quotes, "We publish our methods")
    assert haddad.contents[-1].text.endswith('We have the names of 31."')
    (government,) = [q for q in quotes if sources(q) == ["The government"]]
    assert government.parent is not None and quotes[government.parent] is haddad and government.kind == "indirect"


def test_words_the_tagger_left_out_between_two_pieces_of_one_content_are_in_it(quotes_of):
    """With the paragraph alone the tagger gave "One Facebook page was billing it a "Day of Tribes"" and "the
    protests": the words between have no cue, so the content is one piece."""
    quote = quote_with(quotes_of("Protests\n\nOne Facebook page was billing it a \"Day of Tribes\", in an attempt to draw "
                                 "in more of Syria's powerful tribes to the protests, says our correspondent in "
                                 "Beirut.\n"), "One Facebook page")
    assert [c.text for c in quote.contents] == [
        "One Facebook page was billing it a \"Day of Tribes\", in an attempt to draw in more of Syria's powerful tribes "
        "to the protests"]


def test_a_remark_joined_to_the_claim_is_the_whole_subject_s_not_the_audience_s(quotes_of):
    quotes = quotes_of("Cyber\n\nTrump, speaking to a veterans group in Virginia, said he would order a thorough review "
                       "of the nation's computer defenses and warned against potential hackers from China.\n")
    for content in ("a thorough review", "potential hackers"):      # the remark's words may come with him or not
        assert sources(quote_with(quotes, content)) in (["Trump"], ["Trump, speaking to a veterans group in Virginia"])


@pytest.mark.parametrize(("text", "source", "content"), [
    ('Morrow said the amount alleged by prosecutors was "wildly inflated".', "prosecutors", "the amount"),
    ('Hajizada said the document Mirzoyan described was "a non-paper prepared by one side".', "Mirzoyan",
     "the document"),
])
def test_a_cue_on_a_noun_says_only_that_noun(quotes_of, text, source, content):
    """What the sentence goes on to say of the amount is Morrow's claim, never the prosecutors'."""
    (quote,) = [q for q in quotes_of(f"Court\n\n{text}\n") if sources(q) == [source]]
    assert [c.text for c in quote.contents] == [content]


@pytest.mark.parametrize("text, content", [
    # "denounced" is parsed as reporting the clause before it, "said" as joined to "denounced"
    ('Trump summed up Clinton as "terrible," denounced her record as secretary of state and said she should '
     'not even be allowed to run for office.\n', "she should not even be allowed to run"),
    ('Trump summed up Clinton as "terrible," denounced her record as secretary of state and said she should '
     'not even be allowed to run for office.\n', "her record as secretary of state"),
    ("Kasich jokingly offered the man a job as Secretary of Defense, then says he will welcome advice from "
     "anyone who wants to talk to him.\n", "he will welcome advice"),
])
def test_a_verb_with_no_subject_after_a_first_clause_shares_that_clauses_subject(quotes_of, text, content):
    quote = quote_with(quotes_of(text), content)
    assert sources(quote) == [text.split()[0]]
    assert not any(text.split()[1] in c.text for c in quote.contents)    # the first clause is no part of it


def test_a_speaker_parsed_as_the_claims_appositive_says_the_claim(quotes_of):
    """The parser hung "its president Raymond Kowalczyk" on Whitcomb: source and content were the whole sentence."""
    quote = quote_with(quotes_of("The Pennsylvania Building Trades Council backs Craig Whitcomb, its president "
                                 "Raymond Kowalczyk said on Wednesday.\n"), "backs")
    assert sources(quote) == ["its president Raymond Kowalczyk"]
    assert [c.text for c in quote.contents] == ["The Pennsylvania Building Trades Council backs Craig Whitcomb"]


def test_a_reporting_clause_set_off_inside_a_claim_reports_it(quotes_of):
    """The parser read "a Quinnipiac poll showed" as a relative clause on Whitcomb: no candidate came from it."""
    quotes = quotes_of("Harlan leads Whitcomb, a Quinnipiac poll showed, even as a union endorsed her opponent.\n")
    quote = quote_with(quotes, "Harlan leads")
    assert (quote.cue.text, sources(quote), [c.text for c in quote.contents]) == (
        "showed", ["a Quinnipiac poll"], ["Harlan leads Whitcomb"])


def test_a_passive_cue_is_said_by_its_agent(quotes_of):
    quote = quote_with(quotes_of("The most common side effects were nausea and dizziness, reported by 11% and 7% "
                                 "of participants respectively.\n"), "nausea and dizziness")
    assert sources(quote) == ["11% and 7% of participants"]


def test_a_contrasting_claim_hung_on_the_cue_is_its_own_sources(quotes_of):
    quotes = quotes_of("An experimental pill reduced migraine days by 47% in a small trial, researchers reported on "
                       "Wednesday, though experts cautioned the findings were preliminary.\n")
    reported = quote_with(quotes, "47%")
    assert sources(reported) == ["researchers"] and reported.cue.text == "reported"
    assert not any("preliminary" in c.text or "Wednesday" in c.text for c in reported.contents)
    assert sources(quote_with(quotes, "the findings were preliminary")) == ["experts"]


def test_what_a_reporting_noun_says_ends_with_its_phrase(quotes_of):
    quotes = quotes_of('Lindqvist said, however, that the company\'s claim that the drug was "safer than any existing '
                       'migraine preventive" was not supported by the data.\n')
    assert contents_of_cue(quotes, "claim") == ['that the drug was "safer than any existing migraine preventive"']


@pytest.mark.parametrize("text, cue", [
    ("Manager Paulo Ferreira, asked about the reports after Saturday's defeat at Brentford, said he was focused "
     "on the pitch.\n", "asked"),
    ('One parent spoke. "Nobody from the district has told us how that is supposed to be safe," she said.\n', "told"),
])
def test_no_claim_by_the_one_asked_or_by_nobody(quotes_of, text, cue):
    quotes = quotes_of(text)
    assert [q for q in quotes if q.cue.text.startswith("said")], "the speaker's own claim is kept"
    assert not [q for q in quotes if q.cue.text.startswith(cue)]


def test_a_passive_cue_with_no_one_doing_it_and_only_its_subject_is_no_claim(quotes_of):
    assert quotes_of("Walking study\n\nNot all experts were convinced. The result has been declared.\n") == []


def test_a_comparison_with_what_others_claim_is_no_claim_of_theirs(quotes_of):
    """"thinner than campaigners claim": they claim something else."""
    quotes = quotes_of("Column\n\nDr Naomi Feld, an economist, said the pilot was not a random sample.\n\nDr Feld is "
                       "right that the evidence is thinner than campaigners claim.\n")
    assert [q.cue.text for q in quotes] == ["said"]


def test_putting_a_toll_higher_is_a_claim_of_its_own(quotes_of):
    quotes = quotes_of("At least 37 people were killed, provincial officials said, but the national rescue agency put "
                       "the toll far higher.\n")
    put = next(q for q in quotes if q.cue.text == "put")
    assert sources(put) == ["the national rescue agency"] and [c.text for c in put.contents] == ["the toll far higher"]


def test_according_to_stops_before_what_its_source_says_in_a_relative_clause(quotes_of):
    quotes = quotes_of("Around 4,500 people have been displaced, according to the Red Crescent, which said it had set "
                       "up tents for 1,200 families.\n")
    according = next(q for q in quotes if q.cue.text == "according to")
    assert [c.text for c in according.contents] == ["Around 4,500 people have been displaced"]
    assert quote_with(quotes, "it had set up tents").cue.text == "said"


def test_an_estimate_the_parser_read_as_a_noun_is_still_the_analysts(quotes_of):
    quotes = quotes_of("Supporters reacted cautiously.\n\nAnalysts at Deloitte estimate Harbour City's annual revenue at "
                       "roughly £190m, placing it 14th in the league by income.\n")
    estimate = quote_with(quotes, "£190m")
    assert sources(estimate) == ["Analysts at Deloitte"] and estimate.cue.text.startswith("estimate")


def test_the_subject_of_a_raising_verb_speaks(quotes_of):
    """"She seemed to suggest that ...": the tagger took "She" for part of what was said; she said it."""
    quote = quote_with(quotes_of("Sarandon spoke on Monday. She seemed to suggest that the party had failed.\n"),
                       "the party had failed")
    assert sources(quote) == ["She"] and [c.text for c in quote.contents] == ["that the party had failed"]


def test_a_subject_the_parser_hung_on_the_auxiliary_speaks(quotes_of):
    """"Ardakani has in the past accused ...": the parser made "Ardakani" the subject of "has", not of "accused"."""
    quote = quote_with(quotes_of("Iran blames foreign groups\n\nArdakani has in the past accused the United States and "
                                 "Israel of supporting separatist groups.\n"), "separatist groups")
    assert sources(quote) == ["Ardakani"]


def test_a_subject_parsed_as_the_sentence_root_speaks(quotes_of):
    """"The club's finance director, Emma Lowe, acknowledged last month that ...": the parser made "director" the
    root and "acknowledged" its modifier; the tagger took the subject for content. The subject speaks."""
    quote = quote_with(quotes_of("The club's finance director, Emma Lowe, acknowledged last month that Northbridge "
                                 "would need to raise about £30m from player sales.\n"), "would need to raise")
    assert sources(quote) == ["The club's finance director, Emma Lowe"]
    assert not any("director" in c.text for c in quote.contents)


@pytest.mark.parametrize("text, kept", [
    ("Under the proposals, council tax would rise by 4.99%, adding about £98 a year to a typical Band D bill.\n", []),
    ("Clinton won Mississippi, adding to her run of victories in the South.\n", []),
    ("The company said the merger would create jobs, adding that it expected approval.\n",
     ["the merger would create jobs", "that it expected approval"]),
    ("He added to reporters that the vote was close.\n", ["that the vote was close"])])
def test_adding_an_amount_or_to_something_says_nothing(quotes_of, text, kept):
    assert [q.contents[0].text for q in quotes_of(text)] == kept


@pytest.mark.parametrize("text, source, cue", [
    ("Walking was linked to a lower risk of dementia, a study found.\n", "a study", "found"),
    ("Walking 30 minutes a day was linked to a 23% lower risk of dementia, a study published in The Lancet has "
     "found.\n", "a study published in The Lancet", "has found"),
    ("Labour's Anna Harwell won the seat with 48.2% of the vote, the returning officer announced shortly after 3am "
     "on Friday.\n", "the returning officer", "announced"),
    # a court report: what a court heard is an allegation, never the outlet's own statement
    ("Nurse lied about drug records, jury told\n\nA nurse stole painkillers from a hospital ward and falsified "
     "records to hide the thefts, a jury at Leeds Crown Court has heard.\n\nRachel Dunmore, 41, denies 12 counts of "
     "theft.\n", "a jury at Leeds Crown Court", "has heard")])
def test_a_trailing_reporting_clause_closes_its_claim_however_parsed(quotes_of, text, source, cue):
    """The claim, a comma, who reports it and the verb: parsed as a main verb, or as a noun with a reduced relative
    clause ("a study found"), even as a second object of the claim's verb ("the returning officer announced") or as
    the complement of its last verb ("a jury ... has heard")."""
    claim = text.split(", " + source)[0].split("\n")[-1]
    quote = quote_with(quotes_of(text), claim)
    assert sources(quote) == [source] and quote.cue.text == cue and quote.contents[0].text == claim


def test_what_someone_else_heard_is_no_claim_of_theirs(quotes_of):
    assert quotes_of("The roof collapsed at noon, neighbours heard.\n") == []


def test_a_question_put_to_a_source_is_no_claim_of_theirs(quotes_of):
    quotes = quotes_of("Candidate concedes\n\nAsked whether he blamed the party leadership, Sir Geoffrey said: \"I am "
                       "not going to get into that tonight.\"\n")
    assert [(sources(q), q.cue.text) for q in quotes] == [(["Sir Geoffrey"], "said")]


@pytest.mark.parametrize("text, contents", [
    ("The Gazette said the cuts would fall mainly on the engine plant, while the company said production at "
     "Solihull would continue.\n",
     ["the cuts would fall mainly on the engine plant", "production at Solihull would continue"]),
    ("Ms Rao said the government would need to recruit 40,000 extra staff, while the Department for Education put "
     "the figure at 15,000.\n", ["the government would need to recruit 40,000 extra staff"]),
    ("Rabbi Hier has said that while he fears comparing any event to the Holocaust, the threat is real.\n",
     ["that while he fears comparing any event to the Holocaust, the threat is real"]),
    ("Wildfire cause unclear\n\nInvestigators have not determined a cause, but Pacific Crest Electric said in a "
     "filing with state regulators that one of its lines in the area had experienced a fault.\n",
     ["a cause", "that one of its lines in the area had experienced a fault"]),
    ("Woodrow Benford says he did not know much about Sanders, but now Benford plans to caucus for him.\n",
     ["he did not know much about Sanders, but now Benford plans to caucus for him"])])
def test_a_rival_claim_set_against_the_content_ends_it(quotes_of, text, contents):
    """", while the company said ..." or ", but the utility said ..." hung on the Gazette's claim is the company's
    claim, not more of the Gazette's; "that while he fears ..." inside the claim, with no comma before it, and
    "but now Benford plans" are the speaker's own."""
    assert [q.contents[0].text for q in quotes_of(text) if q.cue.text.endswith(("said", "says", "determined"))] \
        == contents


def test_a_saying_that_cannot_happen_yet_is_no_claim(quotes_of):
    """"We need trials before we can tell people that walking will prevent dementia": nobody tells them that."""
    quotes = quotes_of("Dr Fiona Kemp said: \"We need trials before we can tell people that walking will prevent "
                       "dementia.\"\n")
    assert [q.cue.text for q in quotes] == ["said"]
