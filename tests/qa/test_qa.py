"""Questions answered from the sample article on real SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.answer import ANSWERED, BAD_QUESTION, DENIES, NO_MATCH, OTHER_FIGURE, SAYS_OTHERWISE
from store.db import open_session
from store.ingest import save_article
from store.models import Article, Claim, Correction, Entity


def texts(answer):
    return [" ".join(i.sentence.replace("\\", "").split()) for i in answer.items]


def test_who_says_residents_requested_the_army(ask):
    answer = ask("who says residents requested the army?")
    assert answer.status == ANSWERED
    found = texts(answer)
    assert any(t.startswith("The syrian government is saying that residents of the town requested the army's")
               for t in found)
    assert "The government says local residents requested the army's intervention to restore peace and quiet." \
        in found
    government = [i for i in answer.items if "requested the army" in i.sentence]
    assert {i.source_name for i in government} == {"Syrian government"}
    assert answer.groups[0].title == "Syrian government"
    written = {i.written_differently for i in government}
    assert "The government" in written


def test_sentences_are_quoted_exactly_with_their_offsets(ask, sample_text):
    answer = ask("who says residents requested the army?")
    for item in answer.items:
        assert sample_text[item.sentence_start:item.sentence_end] == item.sentence
        assert item.article_slug == "jisr-al-shughour" and item.article_title
        assert item.kind in ("direct", "indirect", "mixed")


def test_what_did_erdogan_say(ask):
    answer = ask("what did Erdogan say?")
    assert answer.status == ANSWERED
    assert any("This is savagery" in t for t in texts(answer))
    assert {i.source_name for i in answer.items} == {"Recep Tayyip Erdogan"}


@pytest.mark.parametrize("question", ["what did Erdoğan say?", "what did the Turkish prime minister say?",
                                      "waht did erdogan sya", "What did ERDOGAN say!!!"])
def test_fuzzy_names_find_erdogan(ask, question):
    answer = ask(question)
    assert answer.status == ANSWERED
    assert all(i.source_name == "Recep Tayyip Erdogan" for i in answer.items)


@pytest.mark.parametrize("question, cue", [("What did the government blame the deaths on?", "has blamed"),
                                           ("did Erdogan call it savagery?", "said")])
def test_what_a_source_said_of_the_words_after_the_verb(ask, question, cue):
    answer = ask(question)
    assert answer.status == ANSWERED and len({i.sentence for i in answer.items}) == 1
    assert answer.items[0].cue == cue


def test_who_quoted_someone_finds_the_media_quoting_them(ask):
    items = ask("who quoted Erdogan?").items
    leading = {next(i.source_name for i in items if i.slot == slot) for slot in (0, 1)}   # each sentence's first
    assert leading == {"Turkish media", "Anatolia news agency"}


def test_who_condemned_finds_the_claim_with_that_cue(ask):
    answer = ask("who condemned the Syrian government?")
    assert answer.status == ANSWERED
    assert (answer.items[0].source_name, answer.items[0].cue) == ("Navi Pillay", "strongly condemning")


def test_a_verb_other_than_say_finds_the_claims_made_with_it(ask, index_text):
    """"who criticized Hill?" names only Hill, as do her seventy claims: the one claim whose cue is the verb asked
    about is looked for with it, and comes first."""
    said = "".join(f"Hill said project {n} would help. " for n in range(70))
    text = (f"Council\n{said}Tom Berry, a councillor from the northern district who has served on the council for "
            "many years, criticized the plan that Hill made on Monday in front of the whole council and the press.\n")
    index_text(text, "council")
    top = ask("who criticized Hill?").items[0]
    assert top.source_text.startswith("Tom Berry") and top.cue == "criticized"


def test_who_condemned_someone_is_not_answered_with_their_own_claims(ask):
    """"who condemned the Syrian government?": Pillay did; the government's own claims name it only as their source."""
    answer = ask("who condemned the Syrian government?")
    assert answer.items[0].source_name == "Navi Pillay"
    assert "Syrian government" not in {i.source_name for i in answer.items}


def test_who_did_something_ranks_the_sentences_saying_it_first(ask):
    """The correspondent's and the spokeswoman's claims name the Syrian government but condemn nothing: they may
    follow the sentence in which Pillay condemns it, well below it."""
    items = ask("who condemned the Syrian government?").items
    condemning = [i for i in items if "condemning" in i.sentence]
    others = [i for i in items if "condemning" not in i.sentence]
    assert condemning and items[:len(condemning)] == condemning
    assert all(i.score < condemning[-1].score - 0.15 for i in others)


def test_how_many_killed(ask):
    answer = ask("how many people have been killed since protests began?")
    assert answer.status == ANSWERED
    top = answer.items[0]
    assert "more than 1,100" in top.sentence
    assert any("1,100" in f for f in top.figures)
    assert "human rights groups" in top.speaker.lower()


@pytest.mark.parametrize("question", ["What's the death toll?", "how many people died?", "how many deaths?"])
def test_deaths_asked_in_other_words_find_the_killed(ask, question):
    """The article says "have been killed"; the question says "death toll", "died" or "deaths"."""
    answer = ask(question)
    assert answer.status == ANSWERED
    top = answer.items[0]
    assert top.source_name == "Human rights groups" and any("1,100" in f for f in top.figures)
    assert not any("wounded" in i.sentence or "crossed the border" in i.sentence for i in answer.items)


def test_a_toll_in_the_place_asked_counts_the_security_forces_killed_there(ask):
    """"120 security personnel were killed in the north-western town" and "killed 120 members of the security
    forces there" count people (the members, not the forces); asked about the town, they come before the nationwide
    toll."""
    answer = ask("how many people died in Jisr al-Shughour?")
    figures = [f for i in answer.items for f in i.figures]
    assert answer.status == ANSWERED and "more than 1,100 people" in figures
    assert {"120 security personnel", "120 members of the security forces"} <= set(figures[:2])
    assert ask("how many people were killed in the town?").items[0].figures == ["120 security personnel"]


def test_a_worth_asked_of_someone_is_told_of_them(ask, index_text):
    """"how much is Adeyemi worth?" asks his worth, a valuation told of him, not any sum something "was worth"."""
    index_text("Depot sale plan\n\nCllr Tom Brennan said his group would keep both libraries open by selling the former "
               "bus depot on Harlow Road, which he claimed was worth £3m.\n", "depot")
    index_text("Striker stays\n\nSources close to the club said the offer for Kofi Adeyemi was \"well short\" of "
               "Northbridge's valuation, which they put at more than €100m.\n", "striker")
    assert [f for i in ask("how much is Adeyemi worth?").items for f in i.figures] == ["more than €100m"]
    assert [f for i in ask("how much is the depot worth?").items for f in i.figures] == ["£3m"]


@pytest.mark.parametrize("question", ["how many people have died in the earthquake?", "what is the death toll?"])
def test_a_revised_figure_or_one_of_another_year_is_a_labelled_near_miss(ask, index_text, question):
    """The toll now is 17; "earlier said 12" was revised, and 1987's earthquake is another: a fact-checker sees
    them labelled so, never as the answer."""
    index_text("Earthquake\n\nThe death toll from the earthquake has risen to 17, officials said on Tuesday.\n\n"
               "Officials earlier said 12 people had died; they now say 17.\n\nThe region was hit by a deadly "
               "earthquake in 1987, when more than 200 people were killed.\n", "quake")
    answer = ask(question, article="quake")
    assert [f for i in answer.items for f in i.figures] == ["17 (death toll)"]
    labels = {i.opposes for i in answer.near_misses if i.opposes}
    assert "of another year (1987)" in labels
    assert "earlier or of another year" in answer.message


@pytest.mark.parametrize("question", ["what percentage lower risk did women have?", "how much lower was the risk for "
                                                                                   "women?"])
def test_a_share_written_per_cent_answers_a_percentage_question(ask, index_text, question):
    index_text("Walking study\n\nProf Sarah Okafor added that the effect was strongest in women, who had a 31 per cent "
               "lower risk.\n", "walking")
    assert [f for i in ask(question, article="walking").items for f in i.figures] == ["31 per cent"]


def test_a_figure_of_something_else_is_no_answer(ask):
    """"an estimated 30,000 Syrian soldiers were massing near the town" counts soldiers, not tanks; "over 50 protests
    were planned" counts protests, not camps: near-misses at most."""
    for question in ("how many tanks were massing near the town?", "how many camps were planned?"):
        answer = ask(question)
        assert answer.status == NO_MATCH and not answer.items and all(i.near_miss for i in answer.near_misses)
    assert ask("how many soldiers were massing near the town?").items[0].figures == ["an estimated 30,000 Syrian soldiers"]
    # "more than 1,100 people have been killed since protests ... began" names protests, but counts people
    protests = ask("how many protests were planned?").items
    assert protests and all(any("protests" in f for f in i.figures) for i in protests)


def test_a_figure_the_claim_says_what_it_counts_answers(ask):
    """"more than 2,000 Syrians have crossed the border seeking refuge" counts Syrians, and says they are refugees."""
    answer = ask("how many refugees have crossed into Turkey?")
    assert answer.status == ANSWERED
    assert answer.items[0].source_name == "Turkey" and answer.items[0].figures == ["more than 2,000 Syrians"]
    # "more than 1,100 people have been killed since protests ... began" names protests, but its people are no protests
    assert [i.source_name for i in ask("how many protests?").items] == ["Another activist website"]


FLOODS = ("Floods kill dozens\n\nThe death toll from floods in the northern province has risen to at least 43, the "
          "regional governor said on Tuesday. Local hospital officials put the death toll at about 70.\n\nThe number "
          "of missing could be as high as 200, according to the Red Cross. The floods caused an estimated $150 million "
          "in damage to roads and bridges, the finance ministry said.\n")


def test_figures_given_as_a_toll_a_number_or_a_sum_answer_how_many_and_how_much(ask, index_text):
    """"at least 43" counts nothing beside it, but is the death toll the sentence names; "how much damage" is
    answered in dollars, while "how many people" never is."""
    index_text(FLOODS, "floods")
    tolls = ask("how many people died?", article="floods").items
    assert {(i.source_name, tuple(i.figures)) for i in tolls} == {
        ("regional governor", ("at least 43 (death toll)",)), ("Local hospital officials", ("about 70 (death toll)",))}
    assert ask("how many people are missing?", article="floods").items[0].figures == ["as high as 200 (number of missing)"]
    assert ask("how much damage did the floods cause?", article="floods").items[0].source_name == "finance ministry"
    assert "finance ministry" not in {i.source_name for i in ask("how many people were hurt?", article="floods").items}
    disputed = ask("is the death toll disputed?", article="floods")
    assert disputed.status == ANSWERED
    assert {i.source_name for i in disputed.items} == {"regional governor", "Local hospital officials"}


WOUNDED = "Army says soldiers wounded\n\nThe army spokesman said two soldiers were wounded but none were killed.\n"
RAID = ("Raid kills militants\n\nThe army said it killed 40 militants in the raid. The rebels said 12 civilians died "
        "and no fighters were killed.\n")


@pytest.mark.parametrize("text, question, expected", [
    (WOUNDED, "how many soldiers were killed?", set()),
    (WOUNDED, "what is the death toll?", set()),
    (WOUNDED, "how many soldiers were wounded?", {("army spokesman", ("two soldiers",))}),
    (RAID, "how many people were killed?", {("army", ("40 militants",)), ("rebels", ("12 civilians",))}),
    (RAID, "how many fighters were killed?", set()),
])
def test_a_figure_answers_what_its_own_clause_says_of_it(ask, index_text, text, question, expected):
    """Deaths told in another clause are not the figure's ("two soldiers were wounded but none were killed"), nor are
    the people it names ("12 civilians died and no fighters were killed"); militants killed are people killed."""
    index_text(text, "counts")
    assert {(i.source_name, tuple(i.figures)) for i in ask(question, article="counts").items} == expected


@pytest.mark.parametrize("sentence, question", [
    ("She testified that she counted 4.5 million naira in the envelope.", "how much was in the envelope?"),
    ("She testified that she counted $4,500 in the envelope.", "how much money was in the envelope?"),
    ("M-Pesa revenue grew to 70.4 billion shillings ($466 million).", "how much revenue did M-Pesa make?"),
    ("Kenya agreed a $1.5 billion loan from the International Monetary Fund.", "how much did Kenya borrow from the IMF?"),
])
def test_a_sum_in_any_currency_answers_how_much_however_the_question_names_it(ask, index_text, sentence, question):
    """Naira and shillings are money as dollars are; money is any sum; the revenue "made" is the revenue; a loan is
    borrowed, from the IMF the sentence spells out."""
    index_text(f"Sums\n\n{sentence}\n", "sums")
    answer = ask(question, article="sums")
    assert answer.status == ANSWERED and answer.items[0].sentence == sentence
    assert ask("how many people were in the envelope?", article="sums").status == NO_MATCH


@pytest.mark.parametrize("text, answering", [
    ("Safaricom denied a newspaper report that it planned to cut 1,000 jobs.", []),
    ("The union said Safaricom would cut 1,000 jobs. Safaricom denied a newspaper report that it planned to cut 1,000 "
     "jobs.", ["union"]),
])
def test_a_figure_its_source_denies_is_shown_as_denied(ask, index_text, text, answering):
    """A denial's figure is the one denied: never the denier's own figure among the answers."""
    index_text(f"Job cuts\n\n{text}\n", "jobs")
    answer = ask("how many jobs will Safaricom cut?", article="jobs")
    assert [i.source_name for i in answer.items] == answering
    assert (answer.near_misses[0].source_name, answer.near_misses[0].opposes) == ("Safaricom", DENIES)


COUNCIL = ("Council row\n\nCouncillor James Whitfield, the council leader, backed the plan. Councillor Rebecca "
           "Lyle accused Whitfield of meeting the developer privately before the application was lodged. Whitfield "
           "denied the claim. He said every meeting was in the public register.\n")


def test_who_denied_finds_the_denial_of_the_claim_asked_about_not_the_claim(ask, index_text):
    """"Whitfield denied the claim." shares no word with "meeting the developer privately": it answers the claim
    just before it. Whitfield's own claims are no answer to "who accused Whitfield?"."""
    index_text(COUNCIL, "council")
    top = ask("who denied meeting the developer privately?", article="council").items[0]
    assert (top.source_text, top.cue, top.sentence) == ("Whitfield", "denied", "Whitfield denied the claim.")
    accusers = ask("who accused Whitfield?", article="council").items
    assert accusers[0].cue == "accused" and "James Whitfield" not in {i.source_name for i in accusers}


def test_a_source_declining_to_comment_on_a_report_is_no_source_of_it(ask, index_text):
    index_text("Guitarist dies\n\nA police spokeswoman, Constable Marie Leblanc, declined to comment on reports that "
               "Corriveau had fallen down a flight of stairs.\n", "corriveau")
    answer = ask("who said Corriveau fell down the stairs?", article="corriveau")
    assert answer.status == NO_MATCH and "1 source declined to say so" in answer.message
    assert [(i.source_name, i.opposes) for i in answer.near_misses] == [("Marie Leblanc", "declined to say so")]
    index_text("Tax returns\n\nDonald Trump refuses to make public his income tax returns.\n", "returns")
    refusal = ask("who says to make public his income tax returns?", article="returns")
    assert refusal.status == ANSWERED and refusal.items[0].cue == "refuses"     # an intention, stated


def test_who_denied_finds_a_dispute_of_the_claim_in_a_word_of_its_kind(ask, index_text):
    """"Okonjo disputed that." denies what Roe said; Roe, who said it, denies nothing."""
    index_text("Harlow results\n\nMs Roe said the figures showed the problem was structural. \"Shoppers who have "
               "switched to own-label tend not to come back,\" she said.\n\nOkonjo disputed that. She told analysts "
               "that most lapsed customers returned within a year.\n", "harlow")
    items = ask("who denied that shoppers do not come back?", article="harlow").items
    assert [(i.source_text, i.cue) for i in items] == [("Okonjo", "disputed")]


@pytest.mark.parametrize("text, question, source", [
    ("Border attack\n\nPakistan's foreign ministry rejected any suggestion that it was involved.\n",
     "who denies involvement?", "Pakistan's foreign ministry"),
    ("Coach out\n\nThe club said the coach had been dismissed on Monday.\n", "who says the coach faced dismissal?",
     "The club"),
    ("Leak\n\nCorvane denied that the forum dataset came from its systems.\n",
     "who denied that the dataset came from Corvane's systems?", "Corvane")])
def test_who_says_finds_a_claim_telling_the_act_asked_by_its_verb_or_naming_its_source_as_owner(
        ask, index_text, text, question, source):
    """"involvement" is told as "it was involved", "dismissal" as "had been dismissed"; "Corvane's systems" are what
    Corvane's own denial is about ("its systems"), so Corvane is no one the denial is done to."""
    index_text(text, "act")
    answer = ask(question, article="act")
    assert answer.status == ANSWERED and answer.items[0].source_text == source


def test_who_disputed_something_no_dispute_covers_finds_who_said_they_disputed_it(ask, index_text):
    text = "Trial doubts\n\nProfessor Helen Marsh also disputed the size of the trial's effect.\n"
    index_text(text, "trial")
    answer = ask("who disputed the size of the trial's effect?", article="trial")
    assert answer.status == ANSWERED and answer.message.startswith("Nothing about")
    assert (answer.items[0].source_name, answer.items[0].cue) == ("Helen Marsh", "also disputed")


def test_a_caveat_in_the_next_sentence_shows_on_the_claim_it_qualifies(ask, index_text):
    text = ("Club finances\n\nA person familiar with the investigation said the league had calculated the adjusted "
            "loss at 52 million pounds. That figure could not be independently verified.\n")
    index_text(text, "club")
    (item,) = ask("what did the person familiar with the investigation say?", article="club").items
    assert item.hedges == ["could not be independently verified"]
    assert item.sentence in {i.sentence for i in ask("what is unverified?", article="club").items}


def test_what_cannot_be_verified_is_answered_from_the_hedges(ask):
    """"what is unverified?" shares no word with "The alleged killings cannot be independently verified."."""
    for question in ("what is unverified?", "which claims cannot be verified?"):
        answer = ask(question)
        assert answer.status == ANSWERED and answer.message == "2 sentences the articles say cannot be verified."
        assert [i.sentence_position for i in answer.items] == [9, 11]
        assert all(i.own_statement for i in answer.items)
    assert ask("what can't be independently verified about the killings?").items[0].sentence.startswith(
        "The alleged killings")
    assert ask("is anything unconfirmed about the refugees?").status == NO_MATCH
    assert "cannot be verified" not in ask("who verified the deaths?").message     # asks who did, not what is not


def test_who_is_navi_pillay(ask):
    answer = ask("who is Navi Pillay?")
    assert answer.status == ANSWERED
    assert answer.groups[0].title == "Navi Pillay"
    assert "UN human rights chief" in answer.groups[0].description
    assert "Navi Pillay" in answer.items[0].sentence
    item = answer.items[0]     # her claim with the Pope's: both named as the source, no one resolved alone
    assert not item.own_statement and item.source_name is None and "Navi Pillay" in item.source_text


def test_a_source_written_with_others_is_theirs_too(ask):
    """"The UN human rights chief, Navi Pillay, and the Pope have urged ...": the Pope urged it too, though "the
    Pope" is a title alone (as "the president" is): the claim is answered, shown with its source as written."""
    answer = ask("what did the Pope say?")
    assert answer.status == ANSWERED and answer.message == "1 claim by the Pope."
    assert [i.source_text for i in answer.items] == ["The UN human rights chief, Navi Pillay, and the Pope"]
    assert not ask("what did Barack Obama say?").near_misses


def test_sources_named_together_are_answered_together(ask):
    """"France and Britain have proposed ...": the claim of both, resolved to neither alone, is theirs when asked
    for together or for one of them, and is said of them both."""
    together = ask("what did France and Britain say?")
    assert together.status == ANSWERED and together.message == "1 claim by France and Britain."
    (item,) = together.items
    assert item.source_text == "France and Britain" and item.source_name is None and item.verb == "say"
    assert [i.claim_id for i in ask("what did Britain say?").items] == [item.claim_id]
    # "other nations on the council, including Brazil, China and Russia": the first of the list as the others
    assert len({i.claim_id for n in ("Brazil", "China", "Russia") for i in ask(f"what did {n} say?").items}) == 1
    assert ask("what did Brazil say?").status == ANSWERED


def test_an_organisation_that_speaks_has_its_correspondents_claims_as_near_misses(ask):
    """"what did Al Jazeera say?": its own claim is the answer; its correspondent's, labelled, come after."""
    answer = ask("what did al jazeera say?")
    assert answer.status == ANSWERED and [i.source_text for i in answer.items] == ["Al Jazeera"]
    assert [i.source_name for i in answer.near_misses] == ["Al Jazeera's correspondent"]
    assert all(i.near_miss for i in answer.near_misses) and "listed as near-misses" in answer.message


def test_an_organisation_whose_people_speak_has_their_claims_as_near_misses(ask):
    """"The BBC's correspondent in Beirut, Lebanon, says ...": the BBC is named, but the claim is its correspondent's,
    so it is shown labelled as a near-miss, never answered as the BBC's own."""
    answer = ask("what did the BBC say?")
    assert answer.status == NO_MATCH and not answer.items
    assert answer.message.startswith("BBC is named in the articles, but no indexed claim is attributed to them.")
    assert [i.source_text for i in answer.near_misses] == [r"The BBC\'s correspondent in Beirut, Lebanon"]
    assert all(i.near_miss for i in answer.near_misses)
    assert not ask("what did Asad say?").near_misses       # named inside content, never in a source as written


@pytest.mark.parametrize("question", ["who says the army withdrew from Jisr al-Shughour?",
                                      "who says the Syrian army killed 120 soldiers?"])
def test_a_claim_without_the_questions_own_words_is_no_answer(ask, question):
    """The town and the army are named in many claims; none says the army withdrew, nor that it killed soldiers."""
    answer = ask(question)
    assert answer.status == NO_MATCH and not answer.items and all(i.near_miss for i in answer.near_misses)


def test_no_question_that_it_is_so_says_it_is(ask):
    """"there is no question that the crackdown ... is going to be immense" affirms it."""
    assert [i.source_name for i in ask("who says the crackdown will be immense?").items] == [
        "Al Jazeera's correspondent"]


def test_a_description_in_someone_elses_sentence_is_quoted_as_theirs(ask):
    """"President Asad" is named in the BBC correspondent's claim: not the article's own statement."""
    (item,) = ask("who is President Asad?").items
    assert item.description == "President" and item.source_name == "BBC's correspondent in Beirut, Lebanon"
    assert not ask("who is Owen Bennett-Jones?").items[0].source_name      # an unattributed sentence stays the outlet's


def test_nobody_is_made_to_say_what_they_did_not(ask):
    answer = ask("what did Barack Obama say?")
    assert answer.status == NO_MATCH
    assert not answer.groups
    assert all(i.near_miss for i in answer.near_misses)
    assert "Barack Obama" in answer.message


def test_a_named_entity_who_said_nothing_is_not_given_claims(ask):
    answer = ask("what did Assad say?")          # the article spells him Asad; he is talked about, never quoted
    assert answer.status == NO_MATCH
    assert "Asad" in answer.message
    assert not answer.items


def test_sources_of_an_article_by_a_misspelt_name(ask):
    answer = ask("who are the sources in the Jisr al-Shugur article?")
    assert answer.status == ANSWERED
    assert answer.scope == "jisr-al-shughour"
    counts = {g.title: g.count for g in answer.groups}
    assert counts["Syrian government"] >= 2
    assert counts["Recep Tayyip Erdogan"] >= 2
    assert list(counts.values()) == sorted(counts.values(), reverse=True)


def test_an_article_is_found_by_words_of_its_title(ask):
    """"the Arabstoday article": no slug starts so, but the title holds the word."""
    answer = ask("who is quoted in the Arabstoday story?")
    assert answer.status == ANSWERED and answer.scope == "jisr-al-shughour"
    assert answer.message.startswith("22 sources in Jisr al-Shughour") and answer.message.endswith(
        "Arabstoday, by number of claims.")
    assert ask("who are the sources in the Mars article?").status == NO_MATCH


def test_outlet_statements_have_no_speaker(ask):
    answer = ask("refugees in the town of Yayladagi tent city")
    assert answer.status == ANSWERED
    top = answer.items[0]
    assert "Red Crescent" in top.sentence
    if top.own_statement:
        assert top.source_name is None and top.source_text is None


def test_disputed(ask):
    answer = ask("what is disputed?")
    assert answer.status in (ANSWERED, NO_MATCH)
    if answer.status == ANSWERED:
        assert all(item.disputes for item in answer.items)
    else:
        assert "disputed" in answer.message


def test_a_claim_nobody_disputes_is_shown_as_a_near_miss(ask):
    """No source is flagged as disputing that residents requested the army: the answer says so, and shows who
    claims it, labelled as near-misses."""
    answer = ask("who disputes that residents requested the army?")
    assert answer.status == NO_MATCH and not answer.items
    assert "is flagged as disputed" in answer.message and "near-misses" in answer.message
    assert all(i.near_miss for i in answer.near_misses)
    assert answer.near_misses[0].source_name == "Syrian government"
    assert "requested the army" in answer.near_misses[0].sentence
    assert "in the indexed articles" in answer.message
    scoped = ask("who disputes that residents requested the army? in:jisr-al-shughour")
    assert "disputed in \u201cJisr al-Shughour, Syria - Arabstoday\u201d" in scoped.message


def test_scope_to_an_article(ask, sample_db):
    with open_session(sample_db) as session:
        article_id = session.exec(__import__("sqlmodel").select(Article.id)).first()
    assert ask("what did Erdogan say?", article=article_id).status == ANSWERED
    assert ask("what did Erdogan say? in:jisr-al-shughour").scope == "jisr-al-shughour"
    missing = ask("what did Erdogan say?", article="no-such-article")
    assert missing.status == BAD_QUESTION and "no-such-article" in missing.message


def test_workspaces_do_not_see_each_other(ask, sample_db):
    assert ask("what did Erdogan say?", team_id="T-other").status == NO_MATCH
    assert ask("who says residents requested the army?", team_id="T-other").status == NO_MATCH
    assert ask("what did Erdogan say?", article="jisr-al-shughour", team_id="T-other").status == BAD_QUESTION


def test_newer_articles_first_on_ties(ask, sample_db, sample_facts):
    with open_session(sample_db) as session:
        newer, created = save_article(session, replace(sample_facts, text=sample_facts.text + "\n"), "local",
                                      slug="jisr-al-shughour-again")
        assert created
        newer_id = newer.id
    answer = ask("who says residents requested the army?")
    assert answer.items[0].article_id == newer_id
    assert {i.article_id for i in answer.items} == {newer_id, answer.items[-1].article_id}


def test_corrections_move_a_claim_to_its_right_source(ask, sample_db):
    with open_session(sample_db) as session:
        claim = session.exec(__import__("sqlmodel").select(Claim).where(
            Claim.content_text.contains("This is savagery"))).first()
        pillay = session.exec(__import__("sqlmodel").select(Entity).where(Entity.name == "Navi Pillay")).first()
        session.add(Correction(team_id="local", claim_id=claim.id, source_text="Navi Pillay",
                               source_entity_id=pillay.id, user_id="U1"))
        session.commit()
        claim_id = claim.id
    erdogan = ask("what did Erdogan say?")
    assert claim_id not in [i.claim_id for i in erdogan.items]
    pillay_said = ask("what did Navi Pillay say?")
    corrected = [i for i in pillay_said.items if i.claim_id == claim_id]
    assert corrected and corrected[0].corrected and corrected[0].source_name == "Navi Pillay"
    assert ask("what did Erdogan say?", team_id="local").status == ANSWERED


@pytest.mark.parametrize("question", ["", "?!", "\U0001f600", "x" * 10_000, '"', "*", "NEAR", "army NEAR town",
                                      "'; DROP TABLE claim; --", "army* OR \"town", "who says", "what did say?",
                                      "who is ?", "how many?", "in:", "sources in the nowhere article",
                                      "in:999999999999999999999999 who is Navi Pillay?", "who is \x00Pillay?"])
def test_bad_questions_never_raise(ask, question):
    answer = ask(question)
    assert answer.status in (ANSWERED, NO_MATCH, BAD_QUESTION)
    assert answer.message and "\n" not in answer.message
    assert ask("who says residents requested the army?").status == ANSWERED   # the database is intact


@pytest.mark.parametrize("question", ["what did she say?", "What did they say", "what has he said?"])
def test_a_pronoun_asks_for_a_name(ask, question):
    """The article's "she" is Al Jazeera's correspondent, its "he" Erdogan and a refugee: the asker must say whom."""
    answer = ask(question)
    assert answer.status == BAD_QUESTION and "Name a source" in answer.message and not answer.items


def test_a_full_name_finds_the_surname_the_article_uses(ask):
    answer = ask("who is Bashar al-Assad?")          # the article only says "President Asad"
    assert "No indexed article names" not in answer.message
    assert "Asad" in answer.message
    assert "Only the surname matches: the articles name Asad, who may not be Bashar al-Assad." in answer.message
    said = ask("what did Bashar al-Assad say?")
    assert said.status == NO_MATCH and not said.items and "Asad" in said.message
    assert "Only the surname matches" in said.message
    assert "No indexed article names" in ask("who is Bashar Jones?").message
    pope = ask("who is the Pope?")           # named, but not as an entity: the sentence, never "no article names"
    assert pope.status == NO_MATCH and pope.message.startswith("The Pope is mentioned, but no article says who")
    assert not pope.items and all("the Pope" in i.sentence for i in pope.near_misses) and pope.near_misses
    assert "surname" not in ask("who is Asad?").message


def test_claims_found_by_surname_alone_say_they_may_be_someone_else(ask, index_text):
    """The article knows only "Mr. Clarke": his claims answer "Kenneth Clarke", saying the match is the surname's."""
    index_text("Mr. Clarke said taxes would rise next year.\n", "budget")
    answer = ask("what did Kenneth Clarke say?")
    assert answer.status == ANSWERED and texts(answer) == ["Mr. Clarke said taxes would rise next year."]
    assert "who may not be Kenneth Clarke" in answer.message
    assert "surname" not in ask("what did Mr. Clarke say?").message


def test_what_a_government_says_includes_its_spokespeople(ask):
    answer = ask("what does the Syrian government say about the refugees?")
    assert answer.status == ANSWERED
    assert texts(answer) == ["A Syrian government spokeswoman said there were no refugees fleeing to Turkey, just the "
                             "normal traffic of people visiting relatives across the border."]
    assert answer.items[0].source_name == "Syrian government spokeswoman"     # shown as who said it, not the state
    assert "Turkish official" in {i.source_name for i in ask("what did Turkey say?").items}
    assert "Syrian government spokeswoman" not in {i.source_name for i in ask("what did Syria say?").items}


def test_a_claim_in_the_same_sentence_is_not_given_to_the_other_source(ask):
    """"Syria's government has blamed the deaths ..., but there are reports of a mutiny": the reports are no claim of
    the government's, so the answer is the unnamed report, not the government."""
    answer = ask("who says there are reports of a mutiny?")
    mutiny = [i for i in answer.items if "mutiny" in i.sentence]
    assert mutiny and all(i.source_name is None and i.cue == "reports of" for i in mutiny)
    assert {i.source_name for i in ask("who says residents requested the army?").items} == {"Syrian government"}


def test_a_clause_of_the_articles_own_is_not_given_to_the_sentences_source(ask):
    """"Human rights groups say ... 1,100 people ..., and it now appears several hundred security forces may also have
    died": the second clause is the article's statement, not the rights groups'."""
    (item,) = ask("who says several hundred security forces may have died?").items
    assert item.own_statement and item.source_name is None and "it now appears" in item.hedges
    assert {i.source_name for i in ask("who says more than 1,100 people have been killed?").items} \
        == {"Human rights groups"}


def test_a_sentence_is_shown_once_per_source(ask):
    """"He said an estimated 30,000 ... - but added that hundreds ..." holds two claims by one man: one answer."""
    answer = ask("according to whom are 30,000 soldiers massing?")
    assert texts(answer) and len(texts(answer)) == len(set(texts(answer)))
    said = ask("what did Erdogan say?")         # two claims in the sentence of "he said the Asad regime ..."
    assert len(said.items) == len({i.sentence for i in said.items}) == 3


def test_a_name_and_a_common_noun_are_not_a_full_name(ask, index_text):
    """"Cruz backers" ends in a common noun, not a surname: "bankers" is one letter away, and said nothing for Cruz."""
    index_text("Bank shares fell on Monday.\nThe bankers said rates would rise before the summer.\n", "bank-shares")
    assert ask("what did the bankers say?").status == ANSWERED
    answer = ask("what did Cruz backers say?")
    assert answer.status == NO_MATCH and not answer.items


def test_a_source_with_more_claims_than_are_read_gets_no_exact_count(ask, index_text):
    from store.search import CANDIDATES

    text = "".join(f"Mr. Smith said the price of item {n} rose by {n} cents.\n" for n in range(CANDIDATES + 5))
    index_text(text, "prices")
    assert ask("what did Mr. Smith say?").message.startswith(f"At least {CANDIDATES} claims by Smith (8 shown)")
    assert ask("what did Erdogan say?").message == "3 claims by Recep Tayyip Erdogan."
    assert ask("what did Navi Pillay say?").message == "2 claims by Navi Pillay in 1 sentence."


def test_a_country_speaks_through_its_government_and_ministries(ask, index_text):
    """"what did Kestria say?": what its foreign ministry said, labelled as spoken for it; not what another
    country's ministry said of it."""
    index_text("Border\n\nKestria's foreign ministry said eight civilians had been killed. Valdoria's defence ministry "
               "said Kestria had shelled its positions.\n", "border")
    answer = ask("what did Kestria say?", article="border")
    assert [i.source_name for i in answer.items] == ["Kestria's foreign ministry"]
    assert answer.message.startswith("1 claim by Kestria, those speaking for it included.")


def test_what_said_names_whom_the_question_resolved_to(ask):
    """A misspelt or described name is answered for the entity it matched, named in full, so a reader can see the
    match was right; a government's count says its spokespeople are in it (the sources list counts them apart)."""
    for question in ("what did erdgan say", "what did the Turkish prime minister say?"):
        assert ask(question).message == "3 claims by Recep Tayyip Erdogan."
    assert ask("what did the syrian govt say?").message == (
        "6 claims by Syrian government, those speaking for it included.")
    assert ask("what did the government spokeswoman say?").message == "1 claim by Syrian government spokeswoman."


def test_what_someone_did_never_reads_as_said(ask, index_text):
    index_text("Guitarist dies at 58\n\nCorriveau struggled openly with alcohol addiction in the late 1990s. The ban, "
               "which is backdated to March 1, rules Okafor out of the Olympic Games.\n\nLater Corriveau said that "
               "sobriety had saved his life.\n", "corriveau")
    items = ask("what did Corriveau say?").items
    assert sorted((i.cue, i.verb) for i in items) == [("said", "says"), ("struggled", "struggled")]


def test_a_described_source_is_found_by_the_name_inside_it(ask):
    answer = ask("what did Mr. Erdogan of Turkey, a critic of the Asad regime, say?")
    assert answer.status == ANSWERED
    assert {i.source_name for i in answer.items} == {"Recep Tayyip Erdogan"}


def test_a_role_is_not_taken_for_a_surname(ask, index_text):
    """"the freshman Florida senator" is none of the senators another article calls "the senator"."""
    text = ("Senator John Tester said the bill would fail. The senator said he would vote against it.\n")
    index_text(text, "senate-vote")
    assert {i.source_name for i in ask("what did Senator John Tester say?").items} == {"John Tester"}
    answer = ask("what did the freshman Florida senator say?")
    assert not answer.items


def test_a_name_after_titles_inside_a_description(ask):
    answer = ask("what did Turkish Prime Minister Gov. Recep Erdogan say?")
    assert answer.status == ANSWERED
    assert {i.source_name for i in answer.items} == {"Recep Tayyip Erdogan"}


@pytest.mark.parametrize("question", ["what did the doctors who treated Erdogan say?",
                                      "what did voters who lean towards Erdogan say?"])
def test_a_name_in_a_clause_about_the_source_is_not_the_source(ask, question):
    assert not ask(question).items


def test_a_sources_reported_words_come_before_what_the_article_says_it_did(ask, index_text):
    text = "Senator John Tester spoke over boos from the audience.\nSenator John Tester said the bill would fail.\n"
    index_text(text, "senate-vote")
    first = ask("what did Senator John Tester say?").items[0]
    assert first.cue == "said" and first.source_name == "John Tester"


def test_a_quotation_of_everyday_words_is_looked_up_whole(ask, sample_db, index_text):
    """"who says we are with her?" has no word full-text search keeps (SQLite finds it by all its words; PostgreSQL's
    english configuration keeps none of them): never a bad question, never someone else's sentence."""
    text = "Her supporters chanted: \u201cWe are with her.\u201d\nThe crowd was with her all night.\n"
    index_text(text, "rally")
    answer = ask("who says we are with her?")
    assert answer.status != BAD_QUESTION
    if sample_db.dialect.name == "sqlite":
        assert answer.items[0].source_text == "Her supporters"
    assert ask("who says it?").status == BAD_QUESTION


def test_who_is_leads_with_the_description_that_tells_most(ask, index_text):
    """Of "Gov." and "Republican Indiana Gov.", the answer leads with the second; "Mr." describes no one."""
    for slug, text in (("debate", "Debate night\nRepublican Indiana Gov. Mike Pence said the debate went well.\n"),
                       ("taxes", "Taxes\nGov. Mike Pence said taxes would fall next year.\n"),
                       ("rally", "Rally\nMr. Pence said the crowd was huge.\n")):
        index_text(text, slug)
    answer = ask("who is Mike Pence?")
    assert answer.message == "Mike Pence: Republican Indiana Gov."
    assert sorted(i.description for i in answer.items) == ["Gov.", "Republican Indiana Gov."]


def test_a_title_is_not_taken_for_the_name_after_it(ask, index_text):
    """"Secretary of State John Kerry" is not whoever another article calls "the former secretary of state"."""
    text = ("Former Secretary of State Hillary Clinton said the plan would work.\n"
            "The former secretary of state said she would vote for it.\n")
    index_text(text, "state-plan")
    assert not ask("what did Secretary of State John Kerry say?").items
    index_text("Secretary of State John Kerry said talks would resume.\n", "talks")
    assert {i.source_name for i in ask("what did Secretary of State John Kerry say?").items} == {"John Kerry"}


def test_a_surname_is_not_another_person_of_that_family(ask, index_text):
    text = "Donald Trump said the wall would be built. Trump said Mexico would pay.\n"
    index_text(text, "wall")
    assert ask("what did Donald Trump say?").items
    assert not ask("what did Eric Trump say?").items


def test_what_a_name_owns_is_not_a_surname(ask, index_text):
    """"Jane Smith's campaign" is not whichever campaign an article calls "the campaign"."""
    index_text("The campaign said it raised $5 million in May.\n", "fundraising")
    assert ask("what did the campaign say?").items
    assert not ask("what did Jane Smith\u2019s campaign say?").items


def test_a_source_written_as_asked_then_a_remark_comes_first(ask, index_text):
    text = ("Leonard Burman, a tax expert at the Urban Institute, said the plan was costly.\n"
            "The plan is misguided, said Mr. Burman (a view echoed by everyone I interviewed).\n")
    index_text(text, "tax-plan")
    first = ask("what did Mr. Burman say?").items[0]
    assert first.source_text.startswith("Mr. Burman")


def test_a_sentence_printed_in_several_articles_is_one_answer(ask, index_text):
    """Wire copy: the same sentence in two articles takes one answer slot, so the next thing said is still among
    the first answers."""
    for slug, text in (("bridge", "Mayor Jane Doe said the bridge would reopen in May.\n"),
                       ("bridge-wire", "Mayor Jane Doe said the bridge would reopen in May.\nTraffic was slow.\n"),
                       ("bridge-engineer", "Engineer Tom Lee said the old bridge would reopen in June.\n")):
        index_text(text, slug)
    items = ask("who says the bridge would reopen?").items
    copies = {i.slot for i in items if i.source_name == "Jane Doe"}
    assert {i.article_slug for i in items if i.source_name == "Jane Doe"} == {"bridge", "bridge-wire"}
    assert len(copies) == 1 and {i.slot for i in items if i.article_slug == "bridge-engineer"} - copies


def test_a_word_is_not_taken_for_a_name_it_shares_letters_with(ask):
    """"residents" and "President" (Asad's description) score 89 by rapidfuzz ratio: different words, not a misspelling."""
    answer = ask("what did the residents say?")
    assert answer.status == NO_MATCH and not answer.items
    assert "Asad" not in answer.message
    # nobody named speaks for the residents, but the government's claims about them are what a checker wants next
    assert {i.source_name for i in answer.near_misses} >= {"Syrian government"}
    assert all(i.near_miss for i in answer.near_misses)


def test_a_figure_is_found_whatever_the_tense_of_the_question(ask, index_text):
    """"how much did Stumpf make?" is answered by "Stumpf made ...": irregular forms share a stem with their verb."""
    text = ("Senators questioned the bank's chief on Tuesday.\n\nStumpf said on Tuesday that the lowest-paid bank "
            "workers make $12 an hour. Stumpf made $19.3 million in 2015.\n")
    index_text(text, "wells")
    assert ask("how much did Stumpf make in 2015?").items[0].sentence == "Stumpf made $19.3 million in 2015."


def test_the_number_asked_about_tells_apart_two_claims_in_one_sentence(ask, index_text):
    """Two sources give two figures for the same thing in one sentence: the one giving the number asked comes
    first ("250,000" is one number, not "250" and a "000" every figure in thousands holds)."""
    text = ("Housing bill\n\nThe bill would provide $45 billion in tax credits. Supporters say it would create about "
            "400,000 new homes; the Congressional Budget Office estimated the number at closer to 250,000.\n")
    index_text(text, "housing")
    assert ask("which source says 250,000 homes?").items[0].source_name == "Congressional Budget Office"
    assert ask("who says the bill would create 400,000 homes?").items[0].source_name == "Supporters"


def test_a_claim_nested_in_a_quote_says_who_tells_it(ask):
    """State TV's claim about the fields is told by Al Jazeera's correspondent, inside her quote: second-hand."""
    answer = ask("who says armed gangs are burning the fields?")
    item = answer.items[0]
    assert item.source_name == "Syrian state TV" and item.reported_by == "Al Jazeera's correspondent"
    assert not ask("who says the army has begun operations?").items[0].reported_by     # state TV said it itself


def test_a_claim_said_not_to_be_made_is_no_answer_and_a_role_abbreviation_finds_the_office(ask, index_text):
    """"who confirmed the number?": "not been confirmed by other agencies" is at most a near-miss; "the CEO" is the
    chief executive."""
    text = ("Floods\n\nThe army said 43 people died. That number has not been confirmed by other agencies.\n\n"
            "Chief executive Karen Liu said the company had been too optimistic.\n")
    index_text(text, "floods")
    assert "other agencies" not in {i.source_text for i in ask("who confirmed the number?").items}
    assert {i.source_name for i in ask("what did the CEO say?").items} == {"Karen Liu"}


def test_a_claim_its_cue_says_was_not_made_comes_last(ask):
    """"Erdogan has previously been reluctant to criticise Syria" is no criticism: his words come first."""
    said = ask("what did Erdogan say?").items
    assert said[0].cue == "said" and all("reluctant" not in i.cue for i in said)    # its sentence shows "he said"
    assert all("reluctant" not in (i.cue or "") for i in ask("who criticised Syria?").items)
    assert all("reluctant" not in i.cue for i in ask("what did Erdogan say about Syria?").items)


@pytest.mark.parametrize("forms", ["make makes made making", "lose loses lost losing loss losses", "cross crosses",
                                   "refugee refugees refuge", "sell sells sold sale sales", "say says said"])
def test_a_words_forms_share_one_stem_for_reranking(forms):
    from bot.qa import _stem

    assert len({_stem(w) for w in forms.split()}) == 1


def test_an_organisation_is_found_by_its_acronym_a_company_by_the_company_and_a_chief_by_his_office(ask, index_text):
    """"the WHO" is no pronoun; "the company" in the article is Voltaro; "CEO" is the chief executive's office."""
    index_text("Recall and floods\n\nThe World Health Organization warned of cholera in the camps. Dr. Farah Naz, a "
               "WHO epidemiologist, said clean water was the most urgent need. Consumer electronics maker Voltaro Inc. "
               "said it would recall 2.3 million power banks. The company said replacements would ship in six weeks. "
               "Voltaro Chief Executive Nadia Sorensen said safety came first.\n", "recall")
    assert [i.source_name for i in ask("what did the WHO say?").items] == ["World Health Organization"]
    assert {i.source_name for i in ask("what did the company say?").items} == {"Voltaro Inc."}
    assert ask("what did the CEO say?").items[0].source_name == "Nadia Sorensen"


def test_who_did_something_answers_only_with_the_claims_doing_it_when_one_does(ask, index_text):
    """"who denied the report?": the bank's denial; a spokesman's word "report" for staff turning up is no denial."""
    index_text("Strike and breach\n\nA company spokesman, Martin Howe, said only about 4,200 staff had failed to report "
               "for work. A news site said hackers took 3.1 million records. Harbor Bank denied the report.\n",
               "breach")
    assert [i.source_name for i in ask("who denied the report?", article="breach").items] == ["Harbor Bank"]


ATTACK = ("Attack\n\nThe National Liberation Army has fought the army since 2019. Its spokesman, Abdi Wario, said 20 "
          "soldiers had been killed.\n")


def test_what_an_organisation_said_includes_its_spokesman_introduced_by_its(ask, index_text):
    index_text(ATTACK, "attack")
    answer = ask("what did the National Liberation Army say?")
    assert answer.status == ANSWERED and [i.source_name for i in answer.items] == ["Abdi Wario"]


def test_who_is_says_whose_a_possessive_description_means(ask, index_text):
    index_text(ATTACK, "attack")
    assert ask("who is Abdi Wario?").message == "Abdi Wario: Its spokesman (National Liberation Army's spokesman)."


def test_how_much_with_nothing_counted_is_answered_in_money(ask, index_text):
    """"how much will the closures save?" counts nothing by name: a sum answers it, "900 signatures" does not."""
    index_text("School closures\n\nThe board voted to close two schools, a move officials say will save about $2.3 "
               "million a year. Parent Ann Lee said she had collected more than 900 signatures on a petition opposing "
               "the closures, which she said would not save money.\n", "closures")
    answer = ask("how much will the closures save?")
    assert answer.status == ANSWERED and answer.items
    assert all(any("$" in f for f in i.figures) for i in answer.items)


def test_how_much_ending_in_a_preposition_puts_the_figure_after_it_first(ask, index_text):
    """"bought for?" asks for the figure after "for": the deal's price, not the revenue of the company bought."""
    index_text("Food deal\n\nHarbor Brands agreed on Monday to acquire rival food maker Crestmark Foods for $4.2 billion "
               "in stock. Crestmark, founded in 1921, reported revenue of $2.7 billion last year.\n", "food-deal")
    assert ask("how much is Crestmark being bought for?").items[0].figures == ["$4.2 billion"]


ROLES = ("Roles\n\nThe board voted to close two schools on Tuesday.\n\nSuperintendent Dr. Karen Whitlock told the board the district faced a deficit. \"It works,\" said Dr. Sofia "
         "Marchetti, a neurologist at the University of Bologna and the study's lead author. One analyst said the "
         "price was high. Another analyst, Rebecca Thornton of Kellerman Securities, said the deal was fair.\n")


@pytest.mark.parametrize("question, sources", [
    ("what did the superintendent say?", {"Karen Whitlock"}),              # a title the role is written with
    ("what did the lead author say?", {"Sofia Marchetti"}),                # the role ending her description
    ("what did the analysts say?", {"One analyst", "Rebecca Thornton"}),  # a plural role: each who holds it
])
def test_a_role_asked_finds_whoever_the_articles_give_it(ask, index_text, question, sources):
    index_text(ROLES, "roles")
    answer = ask(question, article="roles")
    assert answer.status == ANSWERED and {i.source_name for i in answer.items} == sources



NURSES = ("Nurses\n\nHealth Minister Mr Daniel Hargreaves said 40,000 nurses had been hired.\n\nBut shadow health "
          "minister Ms Priya Kaur said the figure counted nurses twice. \"That is a promise spun,\" Ms Kaur said. "
          "Harborline Brands said it would cut no jobs. \"That report is simply wrong,\" a Harborline spokeswoman, "
          "Megan Cole, said.\n")


@pytest.mark.parametrize("question, said", [("what did the shadow health minister say?", ["twice", "spun"]),
                                            ("what did Harborline say?", ["no jobs", "simply wrong"])])
def test_the_source_written_as_asked_brings_its_claims_under_other_names(ask, index_text, question, said):
    """"shadow health minister Ms Priya Kaur" is the one asked for, so "Ms Kaur" said it too; "a Harborline
    spokeswoman" speaks for Harborline."""
    index_text(NURSES, "nurses")
    answer = ask(question, article="nurses")
    assert answer.status == ANSWERED and [w for w in said if any(w in i.sentence for i in answer.items)] == said


def test_a_role_asked_in_the_singular_is_not_a_group(ask, index_text):
    index_text("Trial\n\nThe pill worked, though independent experts cautioned that the results were preliminary.\n",
               "pill")
    assert not ask("what did the independent expert say?", article="pill").items


SPILL = ('Refinery fined over river spill\n\nA state court on Monday ordered Norbeck Refining to pay $30 million '
         "in damages for a 2021 oil spill in the Ashford River.\n\nThe company's lawyer, Paul Verity, said the "
         'real cost of the cleanup was closer to $6 million, and that the remaining damages were "a penalty in '
         'disguise."\n\nState lawyers disputed that, saying the $30 million covered health checks for about '
         '2,000 residents over 20 years.\n')
VOTE = ("Mayor re-elected; rival's fraud claims rejected\n\nMayor Ana Ruiz won a third term on Sunday, "
        'defeating challenger Tom Bell.\n\nBell\'s campaign manager, Gary Lutz, had claimed that "hundreds of '
        'forged ballots" had been counted in the city. He said officials in two districts had let people vote '
        'without registering.\n\nElection officials rejected the claim. County clerk Mary Hale said there was '
        'no evidence of forged ballots.\n')
HACK = ('Bank says hackers took data of 300,000 customers\n\nHalden Bank said on Monday that hackers had stolen '
        'the records of 300,000 of its customers, but a security researcher said the true number was "at least '
        '2 million".\n\n"The 300,000 figure is the result of a careful audit," a bank spokesman said.\n')


@pytest.mark.parametrize(("question", "slug"), [
    ("is the damages figure disputed?", "spill"),           # a figure word beside the words of a dispute over sums
    ("who disputes the $6m figure?", "spill"),              # "$6m" is the "$6 million" quoted, not any figure
    ("are the 2021 spill damages disputed?", "spill"),      # a year is no amount to look for
    ("is the number of affected customers disputed?", "hack"),   # a figure counting the customers
    ("who disputes the claim of forged ballots?", "vote"),  # the disputed source's claim just before, same paragraph
    ("is the fraud claim disputed?", "vote"),               # the headline's word for the dispute
])
def test_a_disputed_topic_finds_the_dispute_it_names_and_no_other(ask, index_text, question, slug):
    for text, name in ((SPILL, "spill"), (VOTE, "vote"), (HACK, "hack")):
        index_text(text, name)
    answer = ask(question)
    assert answer.status == ANSWERED
    assert {i.article_slug for i in answer.items} == {slug}


def test_who_is_doing_something_is_answered_by_the_claims_that_someone_does_it(ask, index_text):
    """"who is investigating the leak?" asks who does it, not for a person described as "investigating the leak"."""
    index_text("Leak\n\nThe water regulator is investigating the leak, a regulator spokesman said. The mayor said the "
               "town's water was safe.\n", "leak")
    answer = ask("who is investigating the leak?")
    assert answer.status == ANSWERED
    assert answer.items[0].sentence.startswith("The water regulator is investigating the leak")


TRIAL = ("Verdict\n\nA jury convicted the builder on Monday. Assistant District Attorney Leah Moran said the verdict "
         "sent a message. The builder's defense attorney, Owen Price, said he would appeal.\n")


@pytest.mark.parametrize("question, source", [
    ("what did the prosecutor say?", "Leah Moran"),            # an American prosecutor is a district attorney
    ("what did the defence lawyer say?", "Owen Price"),        # British spelling, the other word for the office
    ("what did the defense counsel say?", "Owen Price"),
])
def test_a_role_asked_in_other_words_finds_the_office_written(ask, index_text, question, source):
    index_text(TRIAL, "trial")
    answer = ask(question, article="trial")
    assert answer.status == ANSWERED and {i.source_name for i in answer.items} == {source}


@pytest.mark.parametrize("question, figure", [
    ("how many Syrians fled to Turkey?", "more than 2,000 Syrians"),     # "crossed the border seeking refuge"
    ("how many refugees?", "more than 2,000 Syrians"),                  # the index alone knows no "refuge" for it
    ("how many soldiers are massing near Jisr al-Shughour?", "an estimated 30,000 Syrian soldiers")])  # "the town"
def test_a_count_of_an_event_told_in_other_words_is_found(ask, question, figure):
    answer = ask(question)
    assert answer.status == ANSWERED and figure in answer.items[0].figures


def test_a_toll_disputed_beside_the_figure_asked_is_no_answer(ask, index_text):
    index_text("Dam collapse\n\nAt least 37 people were killed when the dam collapsed, provincial officials said. The rescue "
               "agency said its teams had counted at least 61 dead and that more than 200 people were still missing.\n",
               "dam")
    answer = ask("how many people are missing?", article="dam")
    assert answer.status == ANSWERED and [i.source_name for i in answer.items] == ["rescue agency"]


def test_what_percentage_is_a_how_many_answered_by_a_share(ask, index_text):
    """"what percentage did Lopez get?" asks for a figure in percent, not for her money or for a sentence search."""
    index_text("Race\n\nCarla Lopez raised $2 million for her campaign, her aides said. With most votes counted, Lopez "
               "had 48% of the vote, officials said.\n", "race")
    answer = ask("what percentage did Lopez get?")
    assert answer.status == ANSWERED and answer.intent.kind == "how_many"
    assert answer.items[0].figures == ["48% of the vote"]


def test_an_answer_is_not_given_for_a_source_of_another_article_whose_claims_it_does_not_show(ask, index_text):
    """"the company" of the recall article is Voltaro; in the breach article, the telecom company says it: the
    answer is not headed "by Voltaro Inc.", whose claims it does not show."""
    index_text("Recall\n\nConsumer electronics maker Voltaro Inc. said it would recall 2.3 million power banks. The "
               "company said replacements would ship in six weeks.\n", "recall")
    index_text("Breach\n\nThe Dallas-based telecom company said in a filing that hackers took customer data.\n", "breach")
    answer = ask("what did the company say?", article="breach")
    assert answer.status == ANSWERED and "Voltaro" not in answer.message
    assert {i.article_slug for i in answer.items} == {"breach"}


PLANTS = ("Plant closures\n\nCarrow Foods will close two plants. Gary Penrose, the union's national officer, said the "
          "move was driven by labour costs. Carrow denied that the move was driven by labour costs.\n")


def test_a_denial_is_no_answer_to_who_says_it_but_a_near_miss_labelled_so(ask, index_text):
    index_text(PLANTS, "plants")
    answer = ask("who says the move was driven by labour costs?", article="plants")
    assert answer.status == ANSWERED and [i.source_name for i in answer.items] == ["Gary Penrose"]
    (denial,) = [i for i in answer.near_misses if i.opposes]
    assert (denial.source_name, denial.opposes) == ("Carrow Foods", DENIES)
    assert "contradicts it" in answer.message


def test_claims_negating_the_question_are_near_misses_saying_otherwise(ask, index_text):
    text = ("Stabbing trial\n\nThe prosecutor, Sarah Lindqvist, said Fraser intended to kill. The judge told jurors "
            "that Fraser's admission of manslaughter was not evidence that he intended to kill. None of the witnesses "
            "reported seeing a knife in the shop.\n")
    index_text(text, "trial")
    answer = ask("who says Fraser intended to kill?", article="trial")
    assert [i.source_name for i in answer.items] == ["Sarah Lindqvist"]
    assert [i.opposes for i in answer.near_misses if "judge" in i.sentence] == [SAYS_OTHERWISE]
    nobody = ask("who reported seeing a knife in the shop?", article="trial")
    assert nobody.status == NO_MATCH and not nobody.items
    assert nobody.near_misses[0].opposes == SAYS_OTHERWISE


def test_saying_it_is_no_answer_to_who_says_it_is_not(ask, index_text):
    text = ("Penalty row\n\n'For me it is not a penalty,' Emery said. 'Gordon is looking for the contact.'\n\n"
            "Newcastle head coach Eddie Howe rejected Emery's interpretation. 'It's a clear penalty,' he said.\n")
    index_text(text, "penalty")
    answer = ask("who says it was not a penalty?", article="penalty")
    assert [i.source_name for i in answer.items] == ["Emery"]
    assert [(i.source_name, i.opposes) for i in answer.near_misses if i.opposes] == [("Eddie Howe", SAYS_OTHERWISE)]


MIGRAINE = ("Migraine pill\n\nDr. Samuel Brandt, a specialist who was not involved in the research, said the "
            "results were \"encouraging but far from conclusive.\" Experts cautioned that the study has not been "
            "peer reviewed. The researchers said they would submit the full results to a peer-reviewed journal "
            "later this year. One investor said the fund would hold a minority stake and would not have a seat on "
            "the board.\n")


def test_a_negation_turns_a_claim_only_where_it_governs_the_words_asked(ask, index_text):
    """A "not" elsewhere in the claim ("which does not propose concrete action") turns nothing; "far from
    conclusive" is "not conclusive"; "would not have a seat" is said otherwise; a claim without the subject of a
    negated question ("a peer-reviewed journal") is no answer, nor does it say otherwise."""
    index_text(MIGRAINE, "pill")
    inflame = ask("who says a UN resolution could inflame tensions?")
    assert [i.source_text.split(",")[0] for i in inflame.items] == ["other nations on the council"]
    assert [i.source_name for i in ask("who says the results are encouraging but not conclusive?",
                                       article="pill").items] == ["Samuel Brandt"]
    reviewed = ask("who says the study has not been peer reviewed?", article="pill")
    assert [i.source_name for i in reviewed.items] == ["Experts"]
    assert not any(i.opposes for i in reviewed.near_misses)
    seat = ask("who says the fund will have a seat on the board?", article="pill")
    assert seat.status == NO_MATCH and [i.opposes for i in seat.near_misses][:1] == [SAYS_OTHERWISE]


def test_a_claim_putting_other_words_in_place_of_the_last_asked_is_no_answer(ask, index_text):
    index_text("Dam collapse\n\nThe ministry said the collapse was caused by \"exceptional and unforeseeable\" "
               "rainfall.\n", "dam")
    answer = ask("who says the collapse was caused by sabotage?", article="dam")
    assert answer.status == NO_MATCH and [i.source_name for i in answer.near_misses] == ["ministry"]
    assert ask("who says the collapse was caused by rainfall?", article="dam").status == ANSWERED


@pytest.mark.parametrize("question, source", [
    ("who opposes the resolution?", "other nations on the council, including Brazil, China and Russia"),
    ("who supports the resolution?", "France and Britain"),
    ("who denies there are refugees?", "A Syrian government spokeswoman")])
def test_a_verb_taking_a_side_is_answered_only_by_claims_taking_it(ask, question, source):
    """France and Britain proposed the resolution: no answer to who opposes it; sentences telling of refugees are no
    answer to who denies there are any."""
    assert [i.source_text for i in ask(question).items] == [source]


def test_who_accused_someone_of_something_is_answered_by_the_charge_however_the_accused_is_named(ask):
    """Erdogan calls the regime "they": "This is savagery" answers who accused the Syrian regime of savagery."""
    answer = ask("who accused the Syrian regime of savagery?")
    assert answer.status == ANSWERED and {i.source_name for i in answer.items} == {"Recep Tayyip Erdogan"}
    assert any("This is savagery" in i.sentence for i in answer.items)


def test_another_figure_is_no_answer_to_who_says_a_figure(ask, index_text):
    text = ("Election\n\nThe electoral commission said turnout stood at 78 percent. An observer group said a sample "
            "of polling stations pointed to a turnout of about 61 percent.\n")
    index_text(text, "election")
    answer = ask("who says turnout was 78 percent?", article="election")
    assert [i.source_name for i in answer.items] == ["electoral commission"]
    assert [i.opposes for i in answer.near_misses] == [OTHER_FIGURE]


def test_one_shared_word_is_no_answer(ask, index_text):
    """Neither "provisionally suspended Costa" nor "the officers involved" is anyone saying the officers have been
    suspended; nor does "warned" answer "received no warning"."""
    text = ("Club news\n\nBenfica said it had provisionally suspended Costa. Assistant Chief Constable Mark Reid said "
            "the officers involved had faced a dangerous situation. Helena Sousa warned that the ban would apply to all "
            "competitions. Another resident, Gerald, said he had received no warning on his phone.\n")
    index_text(text, "club")
    suspended = ask("who says the officers have been suspended?", article="club")
    assert suspended.status == NO_MATCH and suspended.near_misses
    warned = ask("who says residents received no warning?", article="club")
    assert [i.source_name for i in warned.items] == ["Gerald"]


TWO_STORIES = ("Petition and study\n\nMore than 1,200 people had signed a petition against the scheme, residents said. "
               "\"We are looking at more than 40 studies, and the signal is clear,\" Dr Bellini said. Two people have "
               "been confirmed dead, the sheriff said. About 80,000 people had fled the area, the UN said.\n")


def test_how_many_is_answered_only_by_figures_counting_what_is_asked_of_the_event_asked(ask, index_text):
    """"40 studies" counts no one who signed, and "two people" confirmed dead are no one who fled: at most
    near-misses, never figures found."""
    index_text(TWO_STORIES, "two-stories")
    signed = ask("How many people signed the petition?", article="two-stories")
    assert [i.figures for i in signed.items] == [["More than 1,200 people"]]
    fled = ask("how many people fled?", article="two-stories")
    assert [i.figures for i in fled.items] == [["About 80,000 people"]]


@pytest.mark.parametrize("question, answered", [
    ("how many doses went missing?", True), ("how many patients took the drug?", True),
    ("how many doses were stolen?", False)])
def test_how_many_reads_an_irregular_past_as_the_event_not_the_thing_counted(ask, index_text, question, answered):
    """"how many doses went missing?" counts doses of the event "went missing", as "were stolen" would be: the
    irregular past "went" ends the thing counted as a word in -ed does."""
    index_text("Nurse trial opens\n\nProsecutors said 340 doses went missing. Doctors said 12 patients took the drug.\n",
               "trial")
    answer = ask(question, article="trial")
    assert (answer.status == ANSWERED) == answered


def test_how_many_finds_a_figure_in_no_claims_content_or_in_the_claims_next_sentence(ask, index_text):
    """"which deployed nearly 4,000 monitors" is in the source, not the content; "12% affordable housing" is in a
    quotation's second sentence: both are what their claims tell."""
    index_text("Figures\n\nBut the observer network, which deployed nearly 4,000 monitors to polling stations, disputed "
               "that figure. \"We were promised homes,\" she said. \"This application offers 12% affordable housing.\"\n",
               "figures")
    assert ask("how many monitors were deployed?", article="figures").items[0].figures == ["nearly 4,000 monitors"]
    assert "12%" in ask("How much affordable housing does the application offer?", article="figures").items[0].figures


DAM = ("Dam collapse\n\nMehmet Kaya, the opposition member of parliament for the district, said the real number of "
       "dead was in the hundreds. Dr. Samuel Brandt, a headache specialist at the University of Toronto, said the "
       "results were encouraging. District spokesperson Tom Reilly said class sizes would not grow.\n")


@pytest.mark.parametrize("asked, speaker", [
    ("what did the MP say?", "Mehmet Kaya"),
    ("what did the member of parliament say?", "Mehmet Kaya"),
    ("what did the headache specialist say?", "Samuel Brandt"),
    ("what did state television say?", "Syrian state TV"),
])
def test_what_a_source_said_when_asked_by_its_description(ask, index_text, asked, speaker):
    index_text(DAM, "dam")
    answer = ask(asked)
    assert answer.status == ANSWERED and {i.source_name for i in answer.items} == {speaker}


@pytest.mark.parametrize("asked", ["what did the district say?", "what did the MP say?"])
def test_a_description_answers_only_by_its_head_and_initials_are_no_persons(ask, asked):
    """In the sample article, "the district" describes no one, and "Ms Pillay" has the initials of no MP."""
    answer = ask(asked)
    assert not any(i.source_name == "Navi Pillay" for i in answer.items)


CAMPAIGN = ("President Joe Biden is expected to campaign for Harlan in Pittsburgh next month, the White House said. "
            "Whitcomb has said he would welcome a visit from Donald Trump.")
JOBS = ("The Business Daily reported that Safaricom would lay off about a tenth of its workforce. Priya Desai said "
        "Keystone had cut more than 1,100 jobs at its Erie plant.")


@pytest.mark.parametrize("text, question, answering", [
    (CAMPAIGN, "did anyone say Trump would campaign in Pittsburgh?", None),
    (CAMPAIGN, "did anyone say Biden would campaign in Pittsburgh?", "the White House"),
    (JOBS, "who says Safaricom plans to cut jobs?", None),
    (JOBS, "who says Keystone cut jobs?", "Priya Desai"),
])
def test_a_claim_not_naming_whom_the_question_names_is_no_answer(ask, index_text, text, question, answering):
    """A fact-checker asking about Trump must not be handed what the White House said of Biden."""
    index_text(f"Names\n\n{text}\n", "names")
    answer = ask(question, article="names")
    assert [i.source_text for i in answer.items] == ([answering] if answering else [])


@pytest.mark.parametrize("question", ["who endorsed Harlan?", "who backs Harlan?", "who supported Harlan?"])
def test_who_endorsed_someone_are_the_claims_whose_own_content_is_them(ask, index_text, question):
    """The union endorsed "her opponent", in a sentence naming Harlan: no endorsement of her. "Has also backed her"
    is one, in a verb of the same kind."""
    index_text("Poll\n\nHarlan leads Whitcomb, a Quinnipiac poll showed, even as a union endorsed her opponent. Former "
               "Governor Ed Rendell endorsed Harlan in June, and the AFL-CIO has also backed her.\n", "poll")
    answer = ask(question, article="poll")
    assert {i.source_text for i in answer.items} == {"Former Governor Ed Rendell", "the AFL-CIO"}


TOLL = ("Toll\n\nAmnesty International said the dead were mostly civilians. The rebel group said 12 civilians died "
        "and no fighters were among the dead.\n")
BORDER = ("Border\n\n\"This was a deliberate attack,\" said Elena Varga, a ministry spokeswoman. She added that "
          "Kestria had lost no soldiers in the fighting.\n")


@pytest.mark.parametrize("text, question, answering, opposing", [
    (TOLL, "who says the dead were civilians?", {"Amnesty International", "The rebel group"}, []),
    (TOLL, "who says fighters were among the dead?", set(), ["The rebel group"]),
    (BORDER, "who said Kestria lost soldiers?", set(), ["She"]),
    (BORDER, "who said Kestria lost no soldiers?", {"She"}, []),
])
def test_a_negation_denies_only_what_it_governs(ask, index_text, text, question, answering, opposing):
    """"No fighters were among the dead" denies that fighters died, not that the dead were civilians; "Kestria had
    lost no soldiers" (an object's "no") denies the losing: the one who said it denies the loss."""
    index_text(text, "negation")
    answer = ask(question, article="negation")
    assert {i.source_text for i in answer.items} == answering
    assert [i.source_text for i in answer.near_misses if i.opposes] == opposing


def test_a_role_held_by_several_answers_for_none_of_them(ask, index_text):
    """Two articles' chief executives: the answer is "by the chief executive", not by the one the role resolved to
    while listing the other's claim."""
    index_text("Striker stays\n\nMartin Hale, the club's chief executive, said there had been no agreement.\n", "club")
    index_text("Recall\n\nJane Hollis, the chief executive of the Patients Association, said people had been left "
               "confused.\n", "recall")
    answer = ask("what did the chief executive say?")
    assert {i.source_name for i in answer.items} == {"Martin Hale", "Jane Hollis"}
    assert answer.message.startswith("2 claims by the chief executive.")


@pytest.mark.parametrize("question", ["who blamed the party leadership?",
                                      "who says Thames Water could be placed into special administration?"])
def test_what_a_source_was_asked_is_not_what_they_said(ask, index_text, question):
    """"Asked whether he blamed the party leadership, Sir Geoffrey said: ..." : he was asked it and declined; the
    question is nobody's claim, his answer a near-miss at most."""
    index_text("Results night\n\nAsked whether he blamed the party leadership, Sir Geoffrey Pell said: \"I am not going "
               "to get into that tonight.\"\n\nAsked about reports that Thames Water could be placed into special "
               "administration, Ms Kwan said: \"We have contingency plans in place for every scenario.\"\n", "asked")
    answer = ask(question, article="asked")
    assert answer.status == NO_MATCH and not answer.items and answer.near_misses


@pytest.mark.parametrize("question, answered", [("who says walking prevents dementia?", False),
                                                ("who says more trials are needed?", True)])
def test_what_cannot_be_said_yet_is_not_said(ask, index_text, question, answered):
    """"more trials were needed before doctors could tell people that walking will prevent dementia": she says the
    trials are needed, not that walking prevents dementia."""
    index_text("Dementia study\n\nDr Fiona Kemp said more trials were needed before doctors could tell people that "
               "walking will prevent dementia. \"We need trials before we can tell people that walking will prevent "
               "dementia,\" she added.\n", "dementia")
    answer = ask(question, article="dementia")
    assert bool(answer.items) == answered
    assert answered or all(i.opposes for i in answer.near_misses[:2])


M12 = ("Earthquake\n\nRescuer Tomas Brandt said his team had pulled three people alive from one building.\n\n"
       "Dr Nadia Petrov of the national seismology institute said more than 60 aftershocks had been recorded.\n\n"
       "The by-election was triggered by the resignation of the sitting MP, Martin Royce, who stepped down in March."
       "\n\nThe Unite union said it had been told nothing about any job cuts.\n")


@pytest.mark.parametrize("question, expected", [
    ("what did the rescuer say?", "Tomas Brandt"), ("who is Tomas Brandt?", "Tomas Brandt: Rescuer."),
    ("who is Nadia Petrov?", "Nadia Petrov: of the national seismology institute."),
    ("who is Martin Royce?", "Martin Royce: the sitting MP."), ("what did Unite say?", "Unite union")])
def test_roles_affiliations_and_the_name_a_body_goes_by(ask, index_text, question, expected):
    """A role opening a paragraph ("Rescuer Tomas Brandt", which the parser cut into sentences), a body after a
    name ("of the national seismology institute"), the role of an appositive after "the resignation of", and a
    union asked by the one word it goes by."""
    index_text(M12, "quake")
    answer = ask(question, article="quake")
    assert answer.status == ANSWERED
    assert answer.message.startswith(expected) if question.startswith("who is") else \
        {i.source_name for i in answer.items} == {expected}


def test_a_denial_agrees_with_a_question_denying_the_same(ask, index_text):
    """"Bell denied making contact" says what "who said there was no contact?" asks: never "says otherwise"."""
    index_text("Penalty row\n\n\"I've watched it back five times and there is no contact,\" Harlow manager Steve "
               "Morrison said.\n\nBell denied making contact with Doyle.\n", "penalty")
    answer = ask("who said there was no contact?", article="penalty")
    assert "Steve Morrison" in {i.source_name for i in answer.items}
    assert not [i for i in answer.near_misses if i.opposes and i.source_name == "Bell"]


def test_an_interviews_questions_claim_nothing_and_its_answers_are_the_interviewees(ask, index_text):
    """"Q: Are surgeons burning out?" is the interviewer's question, no one's claim; "A: ..." is what the person the
    piece is about answered."""
    index_text("Surgeon profile\n\nAmira Qureshi is a consultant surgeon. We spoke to Amira Qureshi at her office."
               "\n\nQ: Are surgeons burning out?\n\nA: Yes. I think about four in ten of my colleagues have "
               "considered leaving.\n", "profile")
    assert not ask("who says surgeons are burning out?", article="profile").items
    answer = ask("what did Amira Qureshi say?", article="profile")
    assert answer.items and all("colleagues" in i.content for i in answer.items)


def test_a_surname_fitting_several_people_answers_for_none_of_them(ask, index_text):
    index_text("Trial\n\nTunde Adeyemi said he was innocent. His wife, Folake Adeyemi, told reporters that her husband "
               "was the victim of a vendetta.\n", "trial")
    answer = ask("what did Adeyemi say?", article="trial")
    assert {i.source_name for i in answer.items} == {"Tunde Adeyemi", "Folake Adeyemi"}
    assert answer.message.startswith("2 claims by Adeyemi.") and "fits several people" in answer.message


@pytest.mark.parametrize("asked, speaker", [("what did the governor say?", None),
                                           ("what did the former governor say?", "Ed Rendell")])
def test_a_former_holder_of_a_role_is_not_its_holder(ask, index_text, asked, speaker):
    index_text("Endorsements\n\nFormer Governor Ed Rendell endorsed Harlan.\n", "endorsements")
    answer = ask(asked, article="endorsements")
    assert [i.source_name for i in answer.items] == ([speaker] if speaker else [])
