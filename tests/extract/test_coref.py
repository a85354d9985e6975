"""Speaker resolution on the sample article and small texts, with quotes made by hand so that these tests do not
depend on the attribution extractor (the pipeline tests cover the two together)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.extract.coref import resolve_speakers
from bot.extract.entities import find_entities
from bot.extract.sentences import parse, sentence_at, split_sentences
from bot.text import normalise
from bot.extract.types import Quote, Span


def quotes_for(text, sentences, *sources_and_contents):
    """One quote per (source as written, content[, cue kind]), each found after the previous one."""
    quotes, at = [], 0
    for source, content, *kind in sources_and_contents:
        start = text.index(content, at)
        content_span = Span(start, start + len(content), content)
        source_span = None
        if source:
            # the source is the occurrence nearest to the content, before or after it
            found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(source)}(?!\w)", text)]
            begin = min(found, key=lambda at: abs(at - start))
            source_span = Span(begin, begin + len(source), source)
        at = start + 1
        quotes.append(Quote(cue=content_span if source_span is None else Span(source_span.end, source_span.end, ""),
                            cue_kind=kind[0] if kind else "speech", sources=[source_span] if source_span else [],
                            contents=[content_span], kind="indirect",
                            sentence=sentence_at(sentences, start) or 0))
    return quotes


def resolve(nlp, text, *pairs, norm=None, doc=None, sentences=None):
    norm = norm or normalise(text)
    doc = doc or parse(norm, nlp)
    sentences = sentences or split_sentences(doc, norm)
    quotes = quotes_for(text, sentences, *pairs)
    entities, mentions = find_entities(doc, norm, sentences)
    quotes, entities, mentions = resolve_speakers(doc, norm, sentences, quotes, entities, mentions)
    names = [entities[q.speaker].name if q.speaker is not None else None for q in quotes]
    return names, quotes, entities, mentions


SAMPLE_PAIRS = [
    ("The syrian government", "residents of the town requested"),
    ("state TV", "The Syrian army has begun operations"),
    ("the Syrian government", "120 security personnel were"),
    ("Turkish PM Recep Tayyip Erdogan", "Syria was committing an"),
    ("Syria\\'s government", "the deaths in the town on armed groups"),
    ("they", "refused to open fire on civilians", "intention"),
    ("The BBC\\'s correspondent in Beirut, Lebanon", "the events in Jisr al-Shughour present"),
    ("Al Jazeera\\'s correspondent", "the military operation had been building"),
    ("They [State TV]", "armed gangs are burning the fields"),
    ("she", "The Syrian military, of course"),
    ("Damascus", "armed gangs killed 120 members"),
    ("it", "are soldiers and police shot dead"),
    ("The government", "local residents requested the army"),
    ("Human rights groups", "more than 1,100 people have been killed"),
    ("he", "the Asad regime was committing"),
    ("he", "They are not acting in a humane manner"),
    ("The UN human rights chief, Navi Pillay, and the Pope", "to show restraint"),
    ("our correspondent in Beirut", "One Facebook page was billing"),
    ("one man, who spoke on condition of anonymity", "he had made a three-hour trek"),
    ("He", "an estimated 30,000 Syrian soldiers"),
    (None, "that hundreds of soldiers had also deserted"),
    ("A Syrian government spokeswoman", "there were no refugees fleeing"),
]


@pytest.fixture(scope="module")
def sample(nlp, sample_text, sample_norm, sample_doc, sample_sentences):
    return resolve(nlp, sample_text, *SAMPLE_PAIRS, norm=sample_norm, doc=sample_doc, sentences=sample_sentences)


def speaker_of(sample, source, content_start):
    names, quotes, _, _ = sample
    return next(name for name, q in zip(names, quotes)
                if (q.sources[0].text if q.sources else None) == source and q.contents[0].text.startswith(content_start))


def test_every_form_of_the_syrian_government_is_one_speaker_damascus_included(sample):
    names, quotes, entities, _ = sample
    for source in ("The syrian government", "the Syrian government", "Syria\\'s government", "Damascus",
                   "The government"):
        assert speaker_of(sample, source, "") == "Syrian government", source
    government = next(e for e in entities if e.name == "Syrian government")
    assert "Damascus" in government.aliases
    assert speaker_of(sample, "A Syrian government spokeswoman", "") != "Syrian government"


def test_pronouns_follow_back_to_the_person_speaking(sample):
    assert speaker_of(sample, "he", "the Asad regime") == "Recep Tayyip Erdogan"
    assert speaker_of(sample, "he", "They are not acting") == "Recep Tayyip Erdogan"
    assert speaker_of(sample, "she", "") == speaker_of(sample, "Al Jazeera\\'s correspondent", "")
    assert speaker_of(sample, "she", "") == "Al Jazeera's correspondent"


def test_state_tv_as_written_bracketed_and_as_it_is_one_source(sample):
    state_tv = speaker_of(sample, "state TV", "")
    assert state_tv == "Syrian state TV"
    assert speaker_of(sample, "They [State TV]", "") == state_tv
    assert speaker_of(sample, "it", "") == state_tv


def test_they_refers_to_the_plural_subject_before_it_not_to_the_speaker(sample):
    assert speaker_of(sample, "they", "refused") == "security forces"


def test_named_and_descriptive_sources(sample):
    assert speaker_of(sample, "Turkish PM Recep Tayyip Erdogan", "") == "Recep Tayyip Erdogan"
    assert speaker_of(sample, "The UN human rights chief, Navi Pillay, and the Pope", "") is None   # two speakers
    assert speaker_of(sample, "Human rights groups", "") == "Human rights groups"
    assert speaker_of(sample, "our correspondent in Beirut", "") == "BBC's correspondent in Beirut, Lebanon"
    assert speaker_of(sample, "He", "an estimated") == speaker_of(sample, "one man, who spoke on condition of anonymity", "")
    _, _, entities, _ = sample
    man = next(e for e in entities if e.name == "one man")
    assert man.type == "PERSON" and man.description == "who spoke on condition of anonymity"
    spokeswoman = next(e for e in entities if e.name == "Syrian government spokeswoman")
    assert spokeswoman.type == "PERSON"
    assert next(e for e in entities if e.name == "Human rights groups").type == "GROUP"


def test_sources_keep_their_text_and_a_quote_without_source_has_no_speaker(sample, sample_text):
    names, quotes, _, mentions = sample
    assert speaker_of(sample, None, "that hundreds") is None
    for quote in quotes:
        for span in quote.sources:
            assert sample_text[span.start:span.end] == span.text
    pronoun_mentions = [m for m in mentions if m.span.text in ("he", "she", "He")]
    assert len(pronoun_mentions) == 4
    assert all(sample_text[m.span.start:m.span.end] == m.span.text for m in mentions)


def test_a_later_description_refers_to_the_person_named_in_an_appositive(nlp):
    text = "A government spokeswoman, Jane Doe, said the talks failed. The spokeswoman added that more were planned."
    names, *_ = resolve(nlp, text, ("A government spokeswoman, Jane Doe", "the talks failed"),
                        ("The spokeswoman", "more were planned"))
    assert names == ["Jane Doe", "Jane Doe"]


def test_an_unnamed_coordinator_is_a_person(nlp):
    names, _, entities, _ = resolve(nlp, "The UN coordinator said civilians must never be a target.",
                                    ("The UN coordinator", "civilians must never"))
    assert names == ["UN coordinator"] and next(e for e in entities if e.name == "UN coordinator").type == "PERSON"


def test_they_refers_to_a_group_and_a_capital_to_its_government(nlp):
    text = "Human rights groups say 20 died. They also say the army fired first. Moscow says the claims are false."
    names, _, entities, mentions = resolve(nlp, text, ("Human rights groups", "20 died"), ("They", "the army fired"),
                                    ("Moscow", "the claims are false"))
    assert names == ["Human rights groups", "Human rights groups", "Russian government"]
    government = next(e for e in entities if e.name == "Russian government")
    assert government.type == "ORG" and "Moscow" in government.aliases
    # the city's only mention spoke for the government: no entity is left without a mention
    assert [e.name for e in entities if e.type == "GPE"] == []
    assert {m.entity for m in mentions} == set(range(len(entities)))


def test_a_pronoun_with_nothing_to_refer_to_resolves_to_nobody(nlp):
    text = "He said it would rain. The ministry says roads are closed."
    names, *_ = resolve(nlp, text, ("He", "it would rain"), ("The ministry", "roads are closed"))
    assert names == [None, "ministry"]


def test_she_skips_a_man(nlp):
    text = ("Mr Tom Jones met Ms Ann Lee in Paris. Jones said the talks went well. "
            "She said later that nothing was agreed.")
    names, *_ = resolve(nlp, text, ("Jones", "the talks went well"), ("She", "nothing was agreed"))
    assert names == ["Tom Jones", "Ann Lee"]


def test_they_inside_a_quote_refers_inside_it_and_we_to_the_quotes_speaker(nlp):
    text = ('The mayor said: "The police came at night. They say the protest was illegal. '
            'We reject that." Residents were angry.')
    names, quotes, entities, _ = resolve(nlp, text, ("The mayor", "The police came at night. They say the protest was illegal. We reject that."),
                                         ("They", "the protest was illegal"), ("We", "reject that"))
    assert names == ["mayor", "police", "mayor"]


PIECES = ["President", "Mr", "Ms", "Anna Berg", "Berg", "the government", "Syria's", "Syrian", "officials",
          "he", "she", "they", "it", "who", "said", "says", "that", "\"", ",", ".", "\n", "[State TV]", "Damascus",
          "the spokeswoman", "a man", "told", "al-Shughour", "Jisr", "-", "'s", "no one"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=3, max_size=40), st.data())
def test_any_text_gives_entities_and_speakers_that_point_at_real_things(nlp, pieces, data):
    text = " ".join(pieces) + " Officials said it rained."
    norm = normalise(text)
    doc = parse(norm, nlp)
    sentences = split_sentences(doc, norm)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    picks = data.draw(st.lists(st.sampled_from(words), max_size=4))
    quotes = [Quote(cue=Span(end, end, ""), cue_kind="speech", sources=[Span(start, end, text[start:end])],
                    contents=[], kind="indirect", sentence=sentence_at(sentences, start) or 0)
              for start, end in sorted(set(picks))]
    entities, mentions = find_entities(doc, norm, sentences)
    quotes, entities, mentions = resolve_speakers(doc, norm, sentences, quotes, entities, mentions)
    assert all(q.speaker is None or 0 <= q.speaker < len(entities) for q in quotes)
    assert {m.entity for m in mentions} | {q.speaker for q in quotes if q.speaker is not None} == set(range(len(entities)))
    for mention in mentions:
        assert text[mention.span.start:mention.span.end] == mention.span.text
        assert 0 <= mention.sentence < len(sentences)
    for entity in entities:
        assert entity.name and entity.name in entity.aliases


@pytest.mark.parametrize("text, source, content, speaker", [
    # a pronoun that speaks takes the speaker even when another subject is nearer
    ("Bamberg, the family's lawyer, said the videos do not show whether Scott has anything in his hands, "
     "which he said were at his side.", "he", "were at his side", "Bamberg"),
    # a main clause's subject outranks a nearer object
    ("Don Fowler noted that in 1972 he helped replace Thomas Eagleton as the nominee. "
     "Though that went smoothly, he said the rules were old.", "he", "the rules were old", "Don Fowler"),
    # pronouns after a name tell its gender: "She" skips Rowe, of whom "he" was said
    ("Robin Lake met Jordan Rowe. Lake said she was tired. Rowe said he was not. She later said the talks failed.",
     "She", "the talks failed", "Robin Lake"),
    # an appositive's head noun later stands for the name
    ("Ferdinand Marcos, the dictator of the Philippines, spoke first. Crowds cheered. "
     "The dictator said the vote was fair.", "The dictator", "the vote was fair", "Ferdinand Marcos"),
    # an abbreviated title matches the description
    ("Gov. Pat McCrory called the Guard. Crowds gathered. The governor said order was restored.",
     "The governor", "order was restored", "Pat McCrory"),
    # a description with the name in apposition is that name, for a pronoun after it too, not another "minister"
    ("Pakistan's Prime Minister announced relief. The minister for climate change, Saima Baloch, said the rains "
     "were heavy. She said climate change had made downpours more likely.", "She", "climate change had made",
     "Saima Baloch"),
    # ... even when the parser split the description's head ("co", "-", "author")
    ("Dr. Brandt's co-author, Tomas Lindqvist of the Swedish Polar Research Secretariat, said the findings were "
     "consistent. \"Smaller glaciers go first,\" he said.", "he", "Smaller glaciers go first", "Tomas Lindqvist"),
    # "the company" is the company named before it
    ("Consumer electronics maker Voltaro Inc. said it would recall 2.3 million power banks. Regulators were told. "
     "The company said replacements would ship in six weeks.", "The company", "replacements would ship",
     "Voltaro Inc."),
    ("Harlow Foods Ltd bought the site in May. The council objected. The company said the plans were "
     "lawful.", "The company", "the plans were lawful", "Harlow Foods Ltd"),
    ("West Yorkshire Police arrested 14 people. Neighbours complained. The force said officers had visited the site.",
     "The force", "officers had visited", "West Yorkshire Police"),
    # the governor is not his spokeswoman named in apposition to "the governor"
    ("The governor said 35,000 people had left. A spokeswoman for the governor, Nina Hale, said the figure included "
     "walkers.", "The governor", "35,000 people had left", "governor"),
    # the letters after a name the parser made the subject's head ("KC") are the named person's
    ("Simon Keeler KC said the nurse had falsified records. \"It went into her bag,\" he told the jury.", "he",
     "It went into her bag", "Simon Keeler"),
    # "MP for" is an office, not letters after a name: the person named after it speaks
    ("Conservative MP for North Devon, Peter Ashcombe, said the policy was wrong.",
     "Conservative MP for North Devon, Peter Ashcombe", "the policy was wrong", "Peter Ashcombe"),
    # an acronym that spells a pronoun ("The WHO"), a body's kind before "of" ("The ministry"), a name set off after
    # "according to their label", a relative clause the parser hung on the hospital
    ("A cholera outbreak has killed 63 people, the World Health Organization said. The WHO said 1,840 cases had been "
     "recorded.", "The WHO", "1,840 cases had been recorded", "World Health Organization"),
    ("The Ministry of Health said 27 people had died. The ministry denied that hospitals faced shortages.",
     "The ministry", "hospitals faced shortages", "Ministry of Health"),
    ("The band sold five million records, according to their label, Northlight Records.",
     "their label, Northlight Records", "The band sold five million records", "Northlight Records"),
    ("A doctor at Tessun General Hospital, who spoke on condition of anonymity, said the hospital had run out of "
     "salts.", "A doctor at Tessun General Hospital, who spoke on condition of anonymity", "the hospital had run out",
     "doctor at Tessun General Hospital"),
    # a company whose kind opens the sentence ("Retailer Corvane") is a company "the company" may be
    ("Retailer Corvane said it detected the breach on March 19. But Priya Raghunathan, a researcher at the "
     "cybersecurity firm Blackfen Labs, said Blackfen had alerted Corvane on February 26, weeks before the company "
     "says it detected the breach.", "the company", "it detected the breach", "Corvane"),
    # "it" inside a quotation is the document named in it that says things, not a company beside it
    ("The developer, Castlegate Homes, says the scheme is safe.\n\nCllr Sandra Okafor accused the council of "
     "\"rolling over\". \"The flood report was paid for by Castlegate. Of course it says the site is fine,\" she "
     "said.", "it", "the site is fine", "flood report"),
    # "I" and "my" outside any quotation are the author writing, never a person the column quotes
    ("The minister, Alan Crowther, said a four-day week would wreck productivity.\n\nMy view is that the government "
     "should fund a proper trial. I think he is wrong.", "I", "he is wrong", "the author"),
    # an office no organisation's name starts with: "Cllr Finch", tagged an organisation, is the councillor
    ("The council leader, Cllr Robert Finch, said the target was fixed.\n\nThe developer's director, Neil Hardcastle, "
     "said the school would come first.\n\nCllr Finch rejected the claim. \"I have met them twice,\" he said.",
     "he", "I have met them twice", "Robert Finch"),
    # a name the parser made the root of its sentence ("Whitby conceded defeat.") is its subject all the same
    ("Conservative candidate Mark Whitby said the exit poll was wrong.\n\nThe returning officer, Keith Oduya, said "
     "the count was late.\n\nWhitby conceded defeat. He said it had been a tough night.", "He",
     "it had been a tough night", "Mark Whitby"),
    # "he" is never a band the NER took for a person
    ("Danny Corriveau, the guitarist of the band Velvet Harbour, has died. The band went on hiatus in 1999 after he "
     "collapsed on stage. He later said that sobriety had saved his life.", "He", "sobriety had saved",
     "Danny Corriveau"),
    # a kind of company the article calls none is the company named before it in its sentence, or else before it
    ("Nissan will cut 1,000 jobs at its Sunderland plant, the carmaker said. Unions were angry.", "the carmaker",
     "Nissan will cut 1,000 jobs", "Nissan"),
    ("Carrow Motors cut its forecast. Unions were angry. The carmaker said demand had fallen.", "The carmaker",
     "demand had fallen", "Carrow Motors"),
    # ... but never a body named with "the"
    ("The Treasury said it was watching the market, the bank said.", "the bank", "The Treasury said", "bank"),
    # a body introduced by its kind is that kind later: "the retailer", "the think tank"
    ("The retailer Hallam & Co said sales fell. \"We are disappointed,\" the retailer said.", "the retailer",
     "We are disappointed", "Hallam & Co"),
    ("The think tank Resolution Trust said wages had stalled. The think tank added that rents had risen.",
     "The think tank", "rents had risen", "Resolution Trust"),
    # ... and never one named only after it
    ("Veridian Therapeutics said the drug worked. The company said three patients died. An analyst at Leerink "
     "Partners, Mara Chen, said sales could reach $4 billion.", "The company", "three patients died",
     "Veridian Therapeutics"),
    # ... unless it says more of what it is: a lede's "the national rescue agency", named further down
    ("Officials said 37 people died, but the national rescue agency said the toll was far higher. The National "
     "Emergency Rescue Agency (NERA) said 200 people were missing.", "the national rescue agency",
     "the toll was far higher", "National Emergency Rescue Agency"),
    # one of a group is known by the group (below), unless a name follows
    ("In a statement, one of the family's attorneys, Justin Bamberg, said the videos show Scott calmly leaving his "
     "car.", "one of the family's attorneys, Justin Bamberg", "the videos show", "Justin Bamberg"),
    # "the minister" is not the shadow minister named nearer to it
    ("Health Minister Daniel Hargreaves said 40,000 nurses were hired. But shadow health minister Priya Kaur said "
     "the figure was wrong. The minister said the figures were checked.", "The minister", "the figures were checked",
     "Daniel Hargreaves"),
    # a person the article says goes by "they"; "results" never speak
    ("With most votes counted, Delgado led, according to results published by the state. Independent candidate Sam "
     "Okoro, who uses they/them pronouns, had 2.5%. Okoro said they were proud. They said they would not rule out "
     "running again.", "They", "they would not rule out running again", "Sam Okoro"),
    # the one asked answers the question, not the reporter asking it
    ("The reporter asked Denise Alvarado whether she supported the plan. \"Yes, and I would go further,\" she said.",
     "she", "Yes, and I would go further", "Denise Alvarado"),
    # a person named in a preposition's phrase on the source is someone else, tied to the speaker
    ("A former aide to ex-mayor Tunde Adeyemi told a court that she watched him accept cash.",
     "A former aide to ex-mayor Tunde Adeyemi", "she watched him", "former aide to ex-mayor Tunde Adeyemi"),
    ("A friend of John Smith said he had been worried for weeks.", "A friend of John Smith", "he had been worried",
     "friend of John Smith"),
    # ... save one in an appositive the parser hung inside that phrase
    ("\"Nobody talked about water,\" said the mayor of Zermatt, Romy Imboden.", "the mayor of Zermatt, Romy Imboden",
     "Nobody talked about water", "Romy Imboden"),
    # a name set off after any noun is the person it describes
    ("The United Nations called for an investigation. The UN humanitarian coordinator in Nigeria, Mohamed Fall, said "
     "civilians must never be a target.", "The UN humanitarian coordinator in Nigeria, Mohamed Fall",
     "civilians must never be a target", "Mohamed Fall"),
])
def test_a_source_resolves_to_the_entity_it_refers_to(nlp, text, source, content, speaker):
    names, *_ = resolve(nlp, text, (source, content))
    assert names == [speaker]


def test_a_description_before_another_of_its_kind_is_not_that_other_one(nlp):
    """"The nurse" of the opening is not "Another nurse, Tom Okafor" named a paragraph later, so the "he" after it
    is not Okafor either: the prosecution's words must never go to the witness."""
    names, *_ = resolve(nlp, "Nurse trial opens\n\nThe nurse had falsified records. \"It went into her bag,\" he "
                             "told the jury.\n\nAnother nurse, Tom Okafor, told the court he saw it.\n",
                        ("he", "It went into her bag"), ("Another nurse, Tom Okafor", "he saw it"))
    assert names[0] != "Tom Okafor" and names[1] == "Tom Okafor"


@pytest.mark.parametrize("text, pairs, speakers", [
    # a source named in an appositive closing it, which a later "she" picks up, not the judge named before
    ("Judge Helen Okafor set a hearing. Under state law, she can lower damages. One juror, a retired schoolteacher "
     "who asked to be identified only by her first name, Dolores, said the panel had been split. \"Some of us "
     "wanted more,\" she said.",
     [("One juror, a retired schoolteacher who asked to be identified only by her first name, Dolores",
       "the panel had been split"), ("she", "Some of us wanted more")], ["Dolores", "Dolores"]),
    # a name the NER missed that is a body's, not a person's: "it" picks it up
    ("\"It is irresponsible to speculate,\" the spokesperson said.\n\nNetwork Rail, which owns and maintains the "
     "track, said it was too early to say what had caused the derailment. It said it had inspected the section of "
     "line last Thursday and found no faults.",
     [("Network Rail, which owns and maintains the track", "it was too early"), ("It", "it had inspected")],
     ["Network Rail", "Network Rail"]),
    # an epithet is the person last named
    ("Villa manager Tomás Arrieta refused to discuss the Portuguese international.\n\n\u201cWhat I can tell you "
     "is that we need another striker,\u201d the Spaniard said. Rival coach Dan Moss, 34, agreed. \"It is true,\" "
     "the 34-year-old said.",
     [("Villa manager Tomás Arrieta", "the Portuguese international"), ("the Spaniard", "What I can tell you"),
      ("the 34-year-old", "It is true")],
     ["Tomás Arrieta", "Tomás Arrieta", "Dan Moss"]),
    # a plural description is no person, a singular one no group, the whole no part of it
    ("Bill Taylor, an organizer of the rallies, said he expected crowds. Police were ready. "
     "Organizers say they want to avoid violence.",
     [("Bill Taylor, an organizer of the rallies", "he expected crowds"), ("Organizers", "they want to avoid")],
     ["Bill Taylor", "Organizers"]),
    ("About four in 10 South Carolina Republican primary voters backed Trump. Later, voters weighed in on their picks.",
     [("About four in 10 South Carolina Republican primary voters", "Trump"), ("voters", "on their picks")],
     ["About four in 10 South Carolina Republican primary voters", "voters"]),
    # one of a pair is not the pair
    ("Right-wing politicians and average citizens blamed Ms. Merkel. Later the politicians said the borders must close.",
     [("Right-wing politicians and average citizens", "Ms. Merkel"), ("the politicians", "the borders must close")],
     ["Right-wing politicians and average citizens", "politicians"]),
    # a possessive pronoun is followed back to its owner: her campaign is not his campaign
    ("Clinton spoke first. Her campaign said the poll was wrong. Trump spoke next. His campaign said the poll was right.",
     [("Her campaign", "the poll was wrong"), ("His campaign", "the poll was right")],
     ["Clinton's campaign", "Trump's campaign"]),
    # ... to a name owning something in its own sentence
    ("Bernie Sanders spoke in Nevada. Despite Ted Cruz's loss in South Carolina, his supporters are optimistic "
     "that he will win Texas.", [("his supporters", "that he will win Texas")], ["Ted Cruz's supporters"]),
    # ... unless the same words introduced a person by name
    ("Osman was on the flight, his brother Alastair Osman told ITV. Osman was kind, his brother added.",
     [("his brother Alastair Osman", "Osman was on the flight"), ("his brother", "Osman was kind")],
     ["Alastair Osman", "Alastair Osman"]),
    # a person named as the owner of a described person is not that person
    ("Barack Obama spoke in Ohio. Obama's former campaign strategist said the remark was outrageous.",
     [("Obama's former campaign strategist", "the remark was outrageous")], ["Obama's former campaign strategist"]),
    # a relative pronoun owning the claim is the noun its clause describes
    ("\"Democracy works,\" replied Obama, whose criticism of Trump has sharpened since May.",
     [("whose", "criticism of Trump")], ["Obama"]),
    # "the group" is a named body that was the last sentence's subject, never the army
    ("The rights group said the army had a history of inflating death tolls. The NDLF says it is fighting for oil "
     "revenues. The group has claimed responsibility for nine attacks.",
     [("The rights group", "the army had a history"), ("The group", "responsibility for nine attacks")],
     ["rights group", "NDLF"]),
    ("The rights group said the toll was higher. The Nigerian army says it is fighting rebels. The group said 40 "
     "people died.", [("The rights group", "the toll was higher"), ("The group", "40 people died")],
     ["rights group", "rights group"]),
    # "he" in someone's quoted words is someone else: not the speaker, nor an unnamed subject who may be the speaker
    ("A former aide to Tunde Adeyemi testified on Monday. \"He said the money was for the party. I knew it was "
     "wrong,\" Grace Nwosu told the court.", [("Grace Nwosu", "He said the money"), ("He", "the money was for")],
     ["Grace Nwosu", "Tunde Adeyemi"]),
    ("Peter Nwosu took the stand on Monday. \"He said the money was for the party,\" Nwosu told the court.",
     [("Nwosu", "He said the money"), ("He", "the money was for")], ["Peter Nwosu", None]),
    # ... though a "they" there may be a group named before, which is no one speaking
    ("The police said the road was closed. \"They were armed,\" Jane Smith said.",
     [("Jane Smith", "They were armed"), ("They", "were armed")], ["Jane Smith", "police"]),
])
def test_descriptions_agree_with_what_they_refer_to(nlp, text, pairs, speakers):
    names, *_ = resolve(nlp, text, *pairs)
    assert names == speakers


@pytest.mark.parametrize("text, pairs, speakers", [
    # two speakers: neither alone is the source
    ("France and Britain have proposed a resolution. France said the vote would be close.",
     [("France and Britain", "a resolution"), ("France", "the vote would be close")], [None, "France"]),
    ("The UN human rights chief, Navi Pillay, and the Pope have urged Damascus to show restraint.",
     [("The UN human rights chief, Navi Pillay, and the Pope", "Damascus to show restraint")], [None]),
    # one name holding "and" is one speaker
    ("Procter and Gamble said sales fell in March.", [("Procter and Gamble", "sales fell in March")],
     ["Procter and Gamble"]),
])
def test_coordinated_sources_name_no_single_speaker(nlp, text, pairs, speakers):
    names, *_ = resolve(nlp, text, *pairs)
    assert names == speakers


def test_people_named_after_someone_are_not_that_someone(nlp):
    """"some Kendrick supporters" are his supporters: the claim is theirs, not Travis Kendrick's."""
    names, *_ = resolve(nlp, "Republican Travis Kendrick led early. Some Kendrick supporters on social media said "
                             "ballots had been mishandled.", ("Some Kendrick supporters on social media",
                                                              "ballots had been mishandled"))
    assert names == ["Some Kendrick supporters on social media"]


def test_whose_a_possessive_description_says_is_an_alias_of_the_person(nlp):
    """"His spokeswoman, Ashley Moreno" after "Kendrick's campaign disputed that.": she is Travis Kendrick's
    spokeswoman (a campaign cannot be "his"), and a question may call her that."""
    text = ("Republican Travis Kendrick trailed. Campaign manager Dennis Ruiz said Alvarado had won. Kendrick's "
            "campaign disputed that. His spokeswoman, Ashley Moreno, said the Republican was on track to win.")
    _, _, entities, _ = resolve(nlp, text, ("His spokeswoman, Ashley Moreno", "the Republican was on track"))
    moreno = next(e for e in entities if e.name == "Ashley Moreno")
    assert "Travis Kendrick's spokeswoman" in moreno.aliases and moreno.description == "His spokeswoman"


def test_a_he_after_a_described_coach_is_the_coach(nlp):
    text = ("Dr. Ross Tucker said the defence was plausible. Mbeki's coach, who asked not to be named, said the "
            "athlete had been devastated. He said she had received threats.")
    names, *_ = resolve(nlp, text, ("He", "she had received threats"))
    assert names == ["Mbeki's coach"]


def test_a_company_s_short_name_the_ner_missed_is_the_company(nlp):
    text = ("The scheme, put forward by the developer Castlegate Homes, will include 420 flats. Castlegate said the "
            "difference was due to rooftop plant equipment.")
    names, *_ = resolve(nlp, text, ("Castlegate", "the difference was due"))
    assert names == ["Castlegate Homes"]


def test_a_he_after_a_person_owning_a_noun_is_no_vote_on_their_gender(nlp):
    """"Mbeki's coach, who asked not to be named because he was not authorised": he is the coach, so Mbeki is not
    taken for a man, and "Her lawyer" is still hers."""
    text = ("The agency banned Kiara Mbeki after she missed three tests. Her lawyer, Paul Greene, said the ban was "
            "unjust. Mbeki's coach, who asked not to be named because he was not authorised to speak and he feared "
            "for his job, said the athlete was devastated.")
    _, _, entities, _ = resolve(nlp, text, ("Her lawyer, Paul Greene", "the ban was unjust"))
    assert "Kiara Mbeki's lawyer" in next(e for e in entities if e.name == "Paul Greene").aliases


def test_a_possessive_description_is_no_name_of_whom_it_refers_to(nlp):
    text = "Osman was on the flight, his brother Alastair Osman told ITV. Osman was kind, his brother added."
    names, _, entities, _ = resolve(nlp, text, ("his brother Alastair Osman", "Osman was on the flight"),
                                    ("his brother", "Osman was kind"))
    assert names == ["Alastair Osman", "Alastair Osman"]
    assert "his brother" not in next(e for e in entities if e.name == "Alastair Osman").aliases


@pytest.mark.parametrize(("text", "claim", "named_after"), [
    ("Veridian said the drug worked. The company said three patients died. An analyst at Leerink Partners, Mara "
     "Chen, said sales could reach $4 billion.", ("The company", "three patients died"), "Leerink Partners"),
    ("Corvanta has applied to the FDA. The agency said it approved a similar drug in 2023. In Europe, the European "
     "Medicines Agency declined to approve it.", ("The agency", "it approved a similar drug"),
     "European Medicines Agency"),
])
def test_the_company_or_agency_is_never_one_named_only_after_it(nlp, text, claim, named_after):
    names, *_ = resolve(nlp, text, claim)
    assert names != [named_after]


def test_a_name_given_an_age_is_a_person_a_he_can_refer_to(nlp):
    """The NER took "Gerald" for a place, so "he" skipped him and gave his words to the fire chief."""
    text = ("Fire update\n\nThe Sonoma County fire chief, Robert Haney, said the blaze had burned 18,000 acres.\n\n"
            "Another evacuee, Gerald, 71, said he had received no warning on his phone. \"Nobody called, nobody "
            "knocked,\" he said.\n")
    names, *_ = resolve(nlp, text, ("Another evacuee, Gerald, 71", "he had received no warning"),
                        ("he", "Nobody called, nobody knocked"))
    assert names == ["Gerald", "Gerald"]


def test_a_sister_is_a_she_though_her_description_names_her_brother(nlp):
    """"Mr Okoro's sister, Grace Okoro": "Mr" is her brother's title; "her brother" is hers, not an invented
    "Sophie's brother", and "she" is Grace Okoro."""
    text = ("Shooting\n\nAnother resident, Sophie, 45, said she heard two shots.\n\nMr Okoro's sister, Grace Okoro, "
            "said her brother had recently lost his job. \"He needed help, not bullets,\" she said.\n")
    names, _, entities, _ = resolve(nlp, text, ("she", "He needed help, not bullets"))
    assert names == ["Grace Okoro"]
    assert "Sophie's brother" not in {e.name for e in entities}


@pytest.mark.parametrize("source", ["Prosecutor Sarah Lindqvist KC", "Prosecutor Sarah Lindqvist KC, for the Crown,",
                                    "Sarah Lindqvist KC, the barrister representing the family,"])
def test_letters_after_a_name_leave_one_person(nlp, source):
    """"Prosecutor Sarah Lindqvist KC" and "Ms Lindqvist" are one speaker, not an organisation called "... KC", nor
    "Sarah" and "Lindqvist KC" (the NER's cut when a description follows)."""
    text = (f"Trial opens\n\n{source} told jurors that Fraser had waited for an hour.\n\n\"This was "
            "not a fight that got out of hand,\" Ms Lindqvist said.\n")
    names, _, entities, _ = resolve(nlp, text, (source.rstrip(","), "Fraser had waited"),
                                    ("Ms Lindqvist", "This was not a fight"))
    assert names == ["Sarah Lindqvist", "Sarah Lindqvist"]
    assert not [e for e in entities if "KC" in e.name or e.name == "Sarah"]
    if "barrister" in source:
        assert next(e for e in entities if e.name == "Sarah Lindqvist").description == \
            "the barrister representing the family"


def test_a_source_named_with_an_appositive_is_named_without_it(nlp):
    """"Emergency Watch, a rights group that monitors the conflict," (a name the NER missed): the body is
    "Emergency Watch", an organisation, and the appositive says what it is."""
    text = "Toll\n\nEmergency Watch, a rights group that monitors the conflict, said it had counted 31 bodies.\n"
    names, quotes, entities, _ = resolve(nlp, text, ("Emergency Watch, a rights group that monitors the conflict",
                                                     "it had counted 31 bodies"))
    watch = entities[quotes[0].speaker]
    assert (watch.name, watch.type, watch.description) == (
        "Emergency Watch", "ORG", "a rights group that monitors the conflict")


def test_the_statement_that_speaks_is_its_issuer_s(nlp):
    text = ("Family\n\nMr Whitfield's family released a statement through police. \"Jordan was a loving son,\" the "
            "statement said.\n")
    names, *_ = resolve(nlp, text, ("the statement", "Jordan was a loving son"))
    assert names == ["Mr Whitfield's family"]


def test_a_statement_from_a_body_is_the_body_s(nlp):
    text = ("Doping\n\nThe Portuguese Anti-Doping Authority suspended the striker. He tested positive in March, "
            "according to a statement from the authority.\n")
    names, *_ = resolve(nlp, text, ("a statement from the authority", "He tested positive in March"))
    assert names == ["Portuguese Anti-Doping Authority"]


def test_a_name_the_ner_typed_an_organisation_is_a_person_who_does_things(nlp):
    """"Unai Emery" (typed an organisation) and "Emery, who guided Villa" (missed): one person, the "he" who
    speaks next, not the referee named between."""
    text = ("Villa draw\n\nUnai Emery accused referee Simon Hooper of \"changing the game\" after Newcastle were awarded "
            "a penalty.\n\nEmery, who guided Villa to the Champions League last season, said his squad was stretched. "
            "'We have almost 10 players injured,' he said.\n")
    names, *_ = resolve(nlp, text, ("Emery, who guided Villa to the Champions League last season",
                                    "his squad was stretched"), ("he", "We have almost 10 players injured"))
    assert names == ["Unai Emery", "Unai Emery"]


def test_one_of_a_group_is_known_by_the_group(nlp):
    names, *_ = resolve(nlp, "Two people with knowledge of the talks said the consortium had offered more. One of them "
                             "said the fund would hold a minority stake.",
                        ("Two people with knowledge of the talks", "the consortium had offered"),
                        ("One of them", "the fund would hold"))
    assert names == ["Two people with knowledge of the talks"] * 2


def test_a_pronoun_picks_up_the_person_of_a_sentence_parsed_as_one_noun_phrase(nlp):
    """"The shadow health secretary, Mark Delaney, accused ministers of ...": the parser made "secretary" the root of
    a noun phrase, no subject; it is still the sentence's subject, nearer than the doctor who spoke before."""
    text = ("Drug recall row\n\nProfessor Rajesh Menon, a hepatologist, said two patients had needed intensive care.\n\n"
            "The shadow health secretary, Mark Delaney, accused ministers of \"leaving patients in the dark\". He claimed "
            "the government had known about the problem for a month.\n")
    names, *_ = resolve(nlp, text, ("He", "the government had known"))
    assert names == ["Mark Delaney"]


def test_a_company_named_like_a_person_and_its_spokesperson_speak_for_it(nlp):
    """The NER tagged "Calderwood Pharma" a person; its name ends in a company's word, so "The company" is it, and
    "A company spokesperson" is named for it."""
    text = ("Drug recall\n\nCalderwood Pharma said the recall was a precaution. A company spokesperson insisted that "
            "the risk was low. The company denied that it had been slow to act.\n")
    names, _, entities, _ = resolve(nlp, text, ("Calderwood Pharma", "the recall was"),
                                    ("A company spokesperson", "that the risk"), ("The company", "that it had been"))
    assert names == ["Calderwood Pharma", "Calderwood Pharma spokesperson", "Calderwood Pharma"]
    assert next(e for e in entities if e.name == "Calderwood Pharma").type == "ORG"
