from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.extract.entities import find_entities, fold_name, has_possessive
from bot.extract.sentences import parse, split_sentences
from bot.text import normalise


@pytest.fixture(scope="module")
def sample(sample_doc, sample_norm, sample_sentences):
    return find_entities(sample_doc, sample_norm, sample_sentences)


def entity_with(entities, alias):
    found = [e for e in entities if alias in e.aliases]
    assert len(found) == 1, f"{alias!r} in {len(found)} entities"
    return found[0]


def entities_of(nlp, text):
    norm = normalise(text)
    doc = parse(norm, nlp)
    return find_entities(doc, norm, split_sentences(doc, norm))


@pytest.mark.parametrize("a, b", [
    ("Syria's government", "the Syrian government"),
    ("The syrian government", "the Syrian government"),
    ("Syria\\'s government", "Syrian government"),
    ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
    ("Jisr al-Shughour", "Jisr al Shughour"),
    ("the UK", "Britain"),
    ("US", "the United States"),
    ("Turkey’s", "Turkey"),
    ("the South Korean army", "South Korea's army"),
])
def test_fold_name_joins_forms_of_one_name(a, b):
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize("a, b", [
    ("Syrians", "Syria"),
    ("Syrian army", "Syrian government"),
    ("Austria", "Australia"),
    ("Czech Republic", "Czech Republic Republic"),
])
def test_fold_name_keeps_different_names_apart(a, b):
    assert fold_name(a) != fold_name(b)


PIECES = st.sampled_from(["the ", "The ", "a ", "Syrian ", "Syria's ", "Czech ", "Republic ", "UK", "US ", "South ",
                          "Korean ", "é", "’s", "-", "'", " ", "a", "s", "T", "\\"])


@given(st.lists(PIECES | st.text(max_size=3), max_size=12).map("".join))
def test_fold_name_is_idempotent_and_plain(text):
    folded = fold_name(text)
    assert fold_name(folded) == folded
    assert folded == folded.lower().strip()
    assert "  " not in folded and "'" not in folded


def test_titles_and_spellings_group_into_one_entity(sample):
    entities, _ = sample
    erdogan = entity_with(entities, "Erdogan")
    assert erdogan.name == "Recep Tayyip Erdogan"
    assert erdogan.type == "PERSON"
    assert {"Turkish PM Recep Tayyip Erdogan", "Prime Minister Erdogan"} <= set(erdogan.aliases)
    assert erdogan.description == "Turkish PM"
    asad = entity_with(entities, "President Asad")
    assert asad.name == "Asad" and "Asad" in asad.aliases and asad.type == "PERSON"
    town = entity_with(entities, "Jisr al-Shughour")
    assert "Jisr al-Shugur" in town.aliases
    assert town.type == "GPE"  # the NER calls it a person in most sentences; "the town of", "in" outvote it


def test_a_country_adjective_or_possessive_on_an_institution_is_one_entity(sample):
    entities, _ = sample
    government = entity_with(entities, "Syria's government")
    assert government.name == "Syrian government"
    assert government.type == "ORG"
    assert {"syrian government", "Syrian government"} <= set(government.aliases)
    assert entity_with(entities, "Syrian state TV") is not government
    syria = entity_with(entities, "Syria")
    assert syria.type == "GPE" and syria is not government


def test_descriptions_come_from_appositives_and_relative_clauses(sample, sample_text):
    entities, _ = sample
    pillay = entity_with(entities, "Navi Pillay")
    assert pillay.description == "The UN human rights chief"
    assert "Ms Pillay" in pillay.aliases
    owen = entity_with(entities, "Owen Bennett-Jones")
    assert "BBC" in owen.description and owen.description.endswith("who is in Yayladagi")
    for entity in (pillay, owen):
        span = entity.description_span
        assert sample_text[span.start:span.end] == span.text
    assert entity_with(entities, "Lebanon").description is None   # "correspondent in Beirut, Lebanon": its country


def test_a_place_after_a_place_is_its_region_not_an_appositive(nlp):
    entities, _ = entities_of(nlp, "Trump spoke at a rally in Novi, Michigan, on Friday. Marc H. Morial, the chief "
                                   "executive of the National Urban League, said turnout mattered.")
    assert entity_with(entities, "Michigan").description is None
    assert entity_with(entities, "Marc H. Morial").description == "the chief executive of the National Urban League"


def test_a_bracketed_gloss_after_a_name_describes_it_and_an_acronym_or_party_label_does_not(sample, nlp):
    entities, _ = sample
    assert entity_with(entities, "Mukhabaraat").description == "secret police"
    entities, _ = entities_of(nlp, "The Congressional Budget Office (CBO) said costs would rise. Sen. Claire "
                                   "McCaskill (D-Mo.) scolded him. The Consumer Financial Protection Bureau (a federal "
                                   "regulator) imposed a penalty.")
    assert entity_with(entities, "Claire McCaskill").description == "Sen."
    assert entity_with(entities, "Congressional Budget Office").description is None
    assert entity_with(entities, "Consumer Financial Protection Bureau").description == "a federal regulator"


def test_listed_names_vote_for_one_type(sample):
    entities, _ = sample
    for city in ("Deraa", "Hama", "Homs", "Yayladagi"):
        assert entity_with(entities, city).type == "GPE"
    assert entity_with(entities, "Mukhabaraat").type == "ORG"  # "(secret police)" outvotes the NER's person
    assert entity_with(entities, "UN").type == "ORG"           # "The UN human rights chief": the NER said person


def test_a_name_in_a_persons_title_leaves_the_person_named(nlp):
    """"Stein spokeswoman Melezia Figueroa": "Stein" is a mention of its own, and the spokeswoman is still a person
    with her title as description, not an organisation called "Stein spokeswoman Melezia Figueroa"."""
    entities, mentions = entities_of(nlp, "Jill Stein left the venue. Stein spokeswoman Melezia Figueroa said the "
                                          "candidate was headed to interviews. Figueroa said Stein complied.")
    figueroa = entity_with(entities, "Figueroa")
    assert (figueroa.name, figueroa.type, figueroa.description) == ("Melezia Figueroa", "PERSON", "Stein spokeswoman")
    assert len([m for m in mentions if m.entity == entities.index(entity_with(entities, "Jill Stein"))]) == 3


def test_a_platform_the_ner_takes_for_a_person_is_an_organisation(nlp):
    """"reported her presence on Twitter": a person named Twitter would be the next sentence's "she"."""
    entities, _ = entities_of(nlp, "A reporter spotted Stein and reported her presence on Twitter. She left at noon.")
    assert entity_with(entities, "Twitter").type == "ORG"


def test_mentions_slice_back_and_stay_out_of_titles_and_headings(sample, sample_text, sample_sentences):
    entities, mentions = sample
    assert mentions == sorted(mentions, key=lambda m: m.span.start)
    for mention in mentions:
        assert sample_text[mention.span.start:mention.span.end] == mention.span.text
        sentence = sample_sentences[mention.sentence].span
        assert sentence.start <= mention.span.start and mention.span.end <= sentence.end
    assert not any("Smokescreen" in e.aliases for e in entities)
    assert {m.entity for m in mentions} == set(range(len(entities)))


def test_a_bare_surname_goes_to_the_full_name_mentioned_most_then_last(nlp):
    entities, _ = entities_of(nlp, "Bill Clinton spoke first. Hillary Clinton said she would win. "
                                   "Clinton added that the race was close.")
    assert [e.name for e in entities] == ["Bill Clinton", "Hillary Clinton"]
    assert "Clinton" in entities[1].aliases


def test_a_gendered_title_keeps_a_surname_from_a_full_name_of_the_other_gender(nlp):
    entities, _ = entities_of(nlp, "Former President Bill Clinton spoke first. Mrs. Clinton said the plan would "
                                   "work. Later, Hillary Clinton said she would win. Mr. Clinton smiled.")
    assert entity_with(entities, "Mrs. Clinton").name == "Hillary Clinton"
    assert entity_with(entities, "Mr. Clinton").name == "Bill Clinton"
    alone, _ = entities_of(nlp, "President Bill Clinton spoke first. Mrs. Clinton said the plan would work.")
    assert entity_with(alone, "Mrs. Clinton").name != "Bill Clinton"


def test_an_acronym_is_no_persons_surname(nlp):
    entities, _ = entities_of(nlp, "South Korea accused the North's leader, Kim Jong Un, of recklessness. The U.N. "
                                   "called an emergency meeting on Friday.")
    assert entity_with(entities, "U.N.").name == "U.N."
    assert entity_with(entities, "Kim Jong Un").type == "PERSON"


def test_a_name_the_ner_ran_into_a_title_case_headline_is_not_the_entitys_name(nlp):
    entities, _ = entities_of(nlp, "Obama Says African-American Museum Will Tell of 'Suffering and Delight.'\n\n"
                                   "WASHINGTON -- President Obama, dedicating the museum on Saturday, said it would "
                                   "tell an American story. Mr. Obama said the museum was a gift.")
    assert entity_with(entities, "Mr. Obama").name == "Obama"


def test_an_epithet_in_a_quotation_or_a_sentences_first_word_is_no_part_of_the_name(nlp):
    entities, _ = entities_of(nlp, "Hillary Clinton spoke first. He says, \u201cIt was harder than working "
                                   "Crooked Hillary Clinton.\u201d Activist Angela Davis agreed with her.")
    assert entity_with(entities, "Crooked Hillary Clinton").name == "Hillary Clinton"
    assert any(e.name == "Angela Davis" for e in entities)


def test_a_bodys_name_inside_its_full_name_is_that_body_and_its_initials_no_person(nlp):
    entities, _ = entities_of(nlp, "The Kenya Red Cross Society said it had recorded 112 deaths. Ahmed Idris, the Red "
                                   "Cross regional coordinator, said more would be found. The UK Statistics Authority "
                                   "wrote to ministers. The Statistics Authority chair agreed. A spokeswoman for the "
                                   "United Nations Office for the Coordination of Humanitarian Affairs (OCHA) spoke.")
    assert entity_with(entities, "Red Cross").name == "Kenya Red Cross Society"
    assert entity_with(entities, "Statistics Authority").name == "UK Statistics Authority"
    assert entity_with(entities, "OCHA").type == "ORG"


@pytest.mark.parametrize("text, alias, name", [
    # the NER began at the office's place, or ran a county and an office into the name
    ("Arizona Secretary of State Adrian Mena said no complaint had been made.", "Secretary of State Adrian Mena",
     "Adrian Mena"),
    ("Maricopa County Recorder Janet Pruitt, a Republican, said there was no evidence.", "Janet Pruitt",
     "Janet Pruitt"),
])
def test_a_persons_name_is_the_name_the_ner_gave_not_the_office_before_it(nlp, text, alias, name):
    entities, _ = entities_of(nlp, text)
    person = entity_with(entities, alias)
    assert (person.name, person.type) == (name, "PERSON")


def test_people_with_one_surname_stay_apart_and_transliterations_join(nlp):
    entities, _ = entities_of(nlp, "John Smith and Joan Smith came. Colonel Muammar Gaddafi said the rebels "
                                   "would lose. Col Qaddafi spoke in Tripoli.")
    names = [e.name for e in entities]
    assert "John Smith" in names and "Joan Smith" in names
    gaddafi = entity_with(entities, "Qaddafi")
    assert gaddafi.name == "Muammar Gaddafi" and gaddafi.description == "Colonel"


def test_a_country_adjective_before_a_title_belongs_to_the_person(nlp):
    entities, _ = entities_of(nlp, "French President Emmanuel Macron disagreed with Germany.")
    macron = entity_with(entities, "French President Emmanuel Macron")
    assert macron.name == "Emmanuel Macron" and macron.description == "French President"


@pytest.mark.parametrize("text, name, description", [
    # the common noun phrase before the name, stopping at punctuation
    ("Green Party presidential candidate Jill Stein was escorted off the premises.", "Jill Stein",
     "Green Party presidential candidate"),
    ("The club's owner, the American investor Richard Kaine, has not commented.", "Richard Kaine",
     "the American investor"),
    ("Republican pollster Daron Shaw said the race was close.", "Daron Shaw", "Republican pollster"),
    ("Nigerian-born British sprinter Marcus Okafor has been banned, the Athletics Integrity Unit said.",
     "Marcus Okafor", "Nigerian-born British sprinter"),
    ("The talks ended, and campaign manager Robby Mook left.", "Robby Mook", "campaign manager"),
    # an office before the name; "Ms." says nothing about Karen Liu
    ("District Attorney Maria Delgado said the case was strong.", "Maria Delgado", "District Attorney"),
    ("Police Chief John Smith said the road was closed.", "John Smith", "Police Chief"),
    ("Shares fell.\nChief executive Karen Liu said sales were weak. \"We were wrong,\" Ms. Liu told analysts.\n",
     "Karen Liu", "Chief executive"),
    # several title words, an office "of" a place, an office after an organisation's name
    ("Detective Chief Inspector Karen Whitlow told a news conference.", "Karen Whitlow", "Detective Chief Inspector"),
    ("Voltaro Chief Executive Nadia Sorensen said in a statement.", "Nadia Sorensen", "Voltaro Chief Executive"),
    ("Secretary of State Francisco Delgado said 95,000 ballots remained.", "Francisco Delgado", "Secretary of State"),
    ("Leeds City Council leader James Lewthwaite said the authority would act.", "James Lewthwaite",
     "Leeds City Council leader"),
    # an appositive the tagger took for a verb, or split in three ("co", "-", "author")
    ("Dr. Farah Naz, a WHO epidemiologist in Hyderabad, said water was needed.", "Farah Naz",
     "a WHO epidemiologist in Hyderabad"),
    ("Tomas Lindqvist, a co-author, said it.", "Tomas Lindqvist", "a co-author"),
    # a role naming another person after a name is that person's ("its president" is Kowalczyk, not Whitcomb)
    ("The council backs Craig Whitcomb, its president Raymond Kowalczyk said.", "Craig Whitcomb", None),
    ("\"It is sensitive,\" said Des Hogan, one of the DPC's two commissioners.", "Des Hogan",
     "one of the DPC's two commissioners"),
    # ... or on the person the description is of: she is the spokeswoman, not the governor
    ("A spokeswoman for the governor, Nina Hale, said the figure included walkers.", "Nina Hale",
     "A spokeswoman for the governor"),
    # ... also after a capitalised office with letters that, followed by "for", are the office itself
    ("Conservative MP for North Devon, Peter Ashcombe, said the policy was wrong.", "Peter Ashcombe",
     "Conservative MP for North Devon"),
    # an appositive the parser hung on the place in the description
    ("\"Nobody talked about water,\" said the mayor of Zermatt, Romy Imboden.", "Romy Imboden", "the mayor of Zermatt"),
    # an honorific after the office is no part of it; lower-case words before the office are
    ("Superintendent Dr. Karen Whitlock said the vote was final.", "Karen Whitlock", "Superintendent"),
    ("But shadow health minister Ms Priya Kaur said the figure was wrong.", "Priya Kaur", "shadow health minister"),
    # a hyphenated title is the whole word: an ex-mayor is no mayor
    ("A former aide to ex-mayor Tunde Adeyemi told a court he took cash.", "Tunde Adeyemi", "ex-mayor"),
    # a description set off before the name that the parser did not make its appositive; never the quote mark
    ("The authority's chair, Sir Robert Chote, wrote to the Department of Health.", "Robert Chote",
     "The authority's chair"),
    ("\"That report is simply wrong,\" a Harborline spokeswoman, Megan Cole, said.", "Megan Cole",
     "a Harborline spokeswoman"),
    # with nothing else, a relative clause saying who the person is
    ("\"It works,\" said Maria Delgado, whose two children attend the school.", "Maria Delgado",
     "whose two children attend the school"),
    ("Luis Rubio, who heads the Center of Research for Development, said so.", "Luis Rubio",
     "who heads the Center of Research for Development"),
])
def test_a_person_is_described_by_the_words_the_article_puts_before_or_beside_the_name(nlp, text, name, description):
    """Not always a title, yet what a reader asking "who is Jill Stein?" or "who is Maria Delgado?" needs."""
    entities, _ = entities_of(nlp, text)
    assert entity_with(entities, name).description == description


@pytest.mark.parametrize("text, name, description", [
    ("The retailer Hallam & Co said sales fell.", "Hallam & Co", "The retailer"),
    ("The think tank Resolution Trust said wages had stalled.", "Resolution Trust", "think tank"),
    ("The homelessness charity Shelter said rents had risen.", "Shelter", "The homelessness charity"),
    ("Retailer Corvane said it detected the breach on March 19.", "Corvane", "Retailer"),
])
def test_a_body_is_described_by_the_kind_of_body_the_article_puts_before_its_name(nlp, text, name, description):
    entities, _ = entities_of(nlp, text)
    assert entity_with(entities, name).description == description


def test_a_lower_case_title_inside_what_the_ner_took_for_an_organisation_leaves_the_person(nlp):
    entities, _ = entities_of(nlp, "Rwandan government spokeswoman Yolande Makolo said Kigali had nothing to do with "
                                   "the attack. Makolo accused Congo of lying.")
    makolo = entity_with(entities, "Makolo")
    assert (makolo.name, makolo.type) == ("Yolande Makolo", "PERSON")


@pytest.mark.parametrize("company", ["Northwind Motors", "Northwind Developments"])
def test_a_company_goes_by_its_name_without_the_words_saying_it_is_one(nlp, company):
    entities, _ = entities_of(nlp, f"{company} said on Wednesday it would cut 3,000 jobs. Northwind shares fell "
                                   "9 percent. A Northwind spokesman, Eric Dahl, said the company would honour its "
                                   "agreements.")
    assert entity_with(entities, "Northwind").aliases == [company, "Northwind"]


def test_a_company_s_short_name_the_ner_took_for_a_person_is_the_company_but_a_titled_one_a_person(nlp):
    entities, _ = entities_of(nlp, "Harlow Foods profit falls\n\nHarlow Foods, the frozen food maker, reported a 14% "
                                   "drop in profit. Operating profit fell to £212 million, the company said in a "
                                   "statement.\n\nHarlow said it would update the market in November.\n")
    assert entity_with(entities, "Harlow").name == "Harlow Foods"
    entities, _ = entities_of(nlp, "Hedge funds\n\nPaulson Partners lost money. Mr. Paulson said the losses were "
                                   "overblown.\n")
    assert entity_with(entities, "Paulson").type == "PERSON"


def test_an_adverb_opening_the_sentence_is_no_part_of_a_name(nlp):
    entities, _ = entities_of(nlp, "Guitarist dies at 58\n\nDanny Corriveau struggled openly with alcohol addiction in "
                                   "the late 1990s. Later Corriveau said that sobriety had saved his life.\n")
    assert [(e.name, e.type) for e in entities] == [("Danny Corriveau", "PERSON")]


def test_a_nickname_in_quotation_marks_leaves_one_person(nlp):
    entities, _ = entities_of(nlp, "Meadow row\n\nDave \"Digger\" Morris, a retired builder, said the field floods "
                                   "every winter.\n\n\"Water goes where it wants,\" Mr Morris said.\n")
    morris = entity_with(entities, "Mr Morris")
    assert morris.name == "Dave Morris" and "Dave \"Digger\" Morris" in morris.aliases
    assert [e.name for e in entities] == ["Dave Morris"]


def test_an_offices_place_is_no_mention_of_its_own(nlp):
    entities, _ = entities_of(nlp, "Secretary of State Francisco Delgado said 95,000 ballots remained.")
    assert [e.name for e in entities] == ["Francisco Delgado"]


def test_a_company_mostly_named_as_one_joins_its_full_name_though_once_taken_for_a_person(nlp):
    entities, _ = entities_of(nlp, "Consumer electronics maker Voltaro Inc. said it would recall 2.3 million power "
                                   "banks. Voltaro said it had received 87 reports. Voltaro denied that account. "
                                   "Voltaro shares fell. Voltaro said no deaths had been linked to the devices.")
    voltaro = entity_with(entities, "Voltaro")
    assert voltaro.name == "Voltaro Inc." and voltaro.description == "Consumer electronics maker"


def test_a_persons_name_misspelt_by_one_letter_more_is_one_person(nlp):
    entities, _ = entities_of(nlp, "Dr. Helena Brandt led the study. Dr. Helena Brand, as her name was misspelled "
                                   "in the release, said the total was robust. John Smith and John Smithson came.")
    assert entity_with(entities, "Helena Brand").name == "Helena Brandt"
    assert entity_with(entities, "John Smith") is not entity_with(entities, "John Smithson")


def test_a_title_like_word_before_a_common_noun_stays_in_the_name(nlp):
    entities, _ = entities_of(nlp, "Protesters marched through the Queen City on Friday.")
    assert "Queen City" in [e.name for e in entities]


def test_a_bare_surname_the_ner_calls_a_place_still_joins_the_full_name(nlp):
    entities, _ = entities_of(nlp, "Obama nominated Merrick Garland to the court. Republicans refused to meet "
                                   "Garland in March.")
    garland = entity_with(entities, "Garland")
    assert garland.name == "Merrick Garland" and garland.type == "PERSON"


def test_an_acronym_joins_the_name_with_its_initials(nlp):
    entities, _ = entities_of(nlp, "The International Monetary Fund cut its forecast. The IMF said growth was slow. "
                                   "The U.N. agreed with the United Nations Security Council.")
    fund = entity_with(entities, "IMF")
    assert fund.name == "International Monetary Fund"
    assert entity_with(entities, "U.N.") is not entity_with(entities, "United Nations Security Council")
    assert fold_name("U.S.") == fold_name("the United States")


@pytest.mark.parametrize(("text", "acronym", "name"), [
    ("The World Anti-Doping Agency banned her. WADA said the sample was clean.", "WADA", "World Anti-Doping Agency"),
    ("Corvanta has applied to the U.S. Food and Drug Administration. The FDA said it does not comment.", "FDA",
     "U.S. Food and Drug Administration"),
    ("The Irish Data Protection Commission opened an inquiry. The DPC said it had written to the company.", "DPC",
     "Irish Data Protection Commission"),
])
def test_an_acronym_joins_a_name_with_hyphens_or_a_leading_qualifier(nlp, text, acronym, name):
    entities, _ = entities_of(nlp, text)
    assert {acronym, name} <= set(entity_with(entities, acronym).aliases)


@pytest.mark.parametrize(("name", "owns"), [
    ("Trump's campaign", True), ("Sanders\u2019 aides", True), ("Sanders',", True), ("the Clintons\u2018s", True),
    ("Conan O'Brien", False), ("Bernie Sanders", False), ("Beto O\u2019Rourke", False),
])
def test_a_possessive_is_told_from_an_apostrophe_inside_a_name(name, owns):
    assert has_possessive(name) is owns


def test_according_to_a_surname_is_no_place(nlp):
    """"According to Kamanga": the NER's place and the "to" before it made a place of Felix Kamanga's surname."""
    entities, _ = entities_of(nlp, "Election\n\nMwale's campaign manager, Felix Kamanga, said the opposition had "
                                   "documented irregularities. According to Kamanga, the campaign has already sent "
                                   "its evidence to the commission.\n")
    assert "Kamanga" in entity_with(entities, "Felix Kamanga").aliases


@pytest.mark.parametrize(("text", "name", "entity_type"), [
    ("Analysts at Peel Hunt said the restructuring was overdue.", "Peel Hunt", "ORG"),
    ("A former aide to Tunde Adeyemi testified on Monday.", "Tunde Adeyemi", "PERSON"),
    ("Traffic on Mill Lane would rise by about 18%, the council said.", "Mill Lane", "FAC"),
    ("Porto beat Benfica 2-1 on Sunday.", "Benfica", None),
    ("Danny Corriveau, the guitarist of the band Velvet Harbour, has died.", "Velvet Harbour", "ORG"),
])
def test_employers_ties_streets_and_scores(nlp, text, name, entity_type):
    """Where analysts work is a firm, whom an aide serves a person, a lane a street, a score no part of a club's
    name, and what the article calls a band no person, whatever the NER tagged."""
    entities, _ = entities_of(nlp, f"Business\n\n{text}\n")
    entity = entity_with(entities, name)
    assert entity_type is None or entity.type == entity_type


ROLES = "Heat\n\nThe Resources Minister, Graham Pettigrew, rejected the report.\n\nThe Climate Change Minister, Priya " \
        "Raman, struck a more conciliatory tone.\n"


ROLES_BEFORE_NAMES = ("Manager Paulo Ferreira said he was focused. The club lost. Trustee Angela Brooks said the "
                      "process was rushed.")


@pytest.mark.parametrize(("text", "name", "description"), [
    # a capitalised role set off before a name
    (ROLES, "Graham Pettigrew", "The Resources Minister"),
    (ROLES, "Priya Raman", "The Climate Change Minister"),
    # a long appositive, up to its relative clause
    ("Food study\n\nThe findings were called important by Dr Rachel Kim, a nutritional epidemiologist at the London "
     "School of Hygiene and Tropical Medicine who was not involved in the research.\n", "Rachel Kim",
     "a nutritional epidemiologist at the London School of Hygiene and Tropical Medicine"),
    # a prosecutor's title, no part of the name
    ("Clerk charged\n\n\"This was a betrayal,\" Marion County Prosecutor Raymond Ortiz said.\n", "Raymond Ortiz",
     "Marion County Prosecutor"),
    # a role before a full name, no part of the name
    (ROLES_BEFORE_NAMES, "Paulo Ferreira", "Manager"),
    (ROLES_BEFORE_NAMES, "Angela Brooks", "Trustee"),
    # the role a clause giving the name describes, not "the name"
    ("Oil\n\nThe NDLF rejected the army's account. Its spokesman, who uses the name Tamuno Jack, said the army had "
     "killed 12 civilians.\n", "Tamuno Jack", "Its spokesman"),
])
def test_descriptions_written_around_a_name(nlp, text, name, description):
    entities, _ = entities_of(nlp, text)
    assert entity_with(entities, name).description == description
    assert entity_with(entities, name).name == name


def test_a_qualifier_opening_the_sentence_stays_in_the_description(nlp):
    """"Shadow education secretary Priya Rao" is no education secretary, "Former health minister Tom Hale" no
    minister now: the word capitalised only by its place in the sentence is kept."""
    entities = entities_of(nlp, "Plan\n\nShadow education secretary Priya Rao said the plan was late. Former health "
                                "minister Tom Hale said it was costly.\n")[0]
    described = {e.name: e.description for e in entities}
    assert described["Priya Rao"] == "Shadow education secretary"
    assert described["Tom Hale"] == "Former health minister"
