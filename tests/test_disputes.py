"""Disputes: each signal on hand-made claims, grouping into sides, storage and recomputation on SQLite and
PostgreSQL, and the two disputes the sample article must show."""

from __future__ import annotations

from dataclasses import replace

import json
from datetime import datetime, timezone

import pytest
from sqlmodel import Session, select

from bot.digest import build_digest, digest_as_text
from bot.disputes import recompute
from bot.disputes.group import group_disputes, topic_label
from bot.disputes.lexicon import names_act, stem
from bot.disputes.signals import (
    DEATHS,
    ClaimView,
    FigureView,
    Signal,
    contrast_inside,
    contrast_opening,
    counted_stems,
    culprit_conflict,
    dissent_cue,
    figure_conflict,
    find_frames,
    idf_weights,
    polarity_conflict,
    related,
    unverified_marks,
)
from bot.render.digest_blocks import digest_blocks
from store.disputes import list_disputes
from store.models import Article, Claim, Correction, Entity, Hedge, Mention, Sentence


def view(cid, source, content, sentence=None, *, article=1, position=None, cue="said", **kw) -> ClaimView:
    sentence = sentence or f"{source} {cue} {content}."
    return ClaimView(cid, article, cid if position is None else position, cid if position is None else position,
                     f"text:{source.lower()}", source, content, sentence, cue=cue, **kw)


# --- signals ------------------------------------------------------------------------------------------------------

def test_stemmer_joins_inflections_and_nominal_forms():
    assert stem("killings") == stem("killed") == stem("kills") == "kill"
    assert stem("refugees") == stem("refuge")
    assert stem("shot") == "shoot"


@pytest.mark.parametrize("noun, verb, joined", [
    ("dismissal", "dismissed", True), ("denial", "denied", True), ("acquittal", "acquitted", True),
    ("resignation", "resigned", True), ("involvement", "involved", True), ("closure", "closed", True),
    ("payment", "paid", True), ("policy", "policed", False), ("nation", "named", False),
])
def test_a_noun_naming_an_act_joins_its_verb(noun, verb, joined):
    assert names_act(stem(noun), stem(verb)) == joined


@pytest.mark.parametrize("text, agent, patient", [
    ("the guards were shot by rebel fighters near the gate", "rebel fighters", "guards"),
    ("masked gunmen have killed three guards", "masked gunmen", "three guards"),
    ("police shot dead by soldiers in the square", "soldiers", ""),
    ("the widow of a man fatally shot by police recorded the encounter", "police", "man"),
])
def test_frames_read_doer_and_victim_in_active_and_passive(text, agent, patient):
    frame = find_frames(text)[0]
    assert frame.agent_text == agent
    assert patient in frame.patient_text


def test_a_harm_noun_in_ing_is_no_frame():
    assert find_frames("the arrest of a man in the fatal shooting of a demonstrator") == []
    assert find_frames("armed gangs are burning the fields")[0].agent_text == "armed gangs"


def test_blame_on_is_a_frame_with_the_blamed_as_doer():
    frame = find_frames("The ministry blamed the explosion on foreign agents.", blame_only=True)[0]
    assert frame.agent_text == "foreign agents" and "explosion" in frame.patient_text


def test_different_culprit_for_the_same_victims_conflicts():
    a = view(1, "Police", "the guards were shot by rebel fighters")
    b = view(2, "Witnesses", "soldiers killed the guards after a dispute over pay", position=6)
    same = view(3, "Officials", "rebel fighters shot the guards", position=7)
    assert culprit_conflict(a, b).name == "culprit"
    assert culprit_conflict(a, same) is None


def test_opposite_polarity_about_the_same_things_conflicts():
    a = view(1, "Hospital staff", "dozens of patients were evacuated from the flooded hospital")
    b = view(2, "The mayor", "no patients were evacuated from the hospital")
    unrelated = view(3, "The mayor", "no decision has been taken on the budget")
    claims = [a, b, unrelated]
    assert polarity_conflict(a, b, idf_weights(claims)).name == "polarity"
    assert polarity_conflict(a, unrelated, idf_weights(claims)) is None


def test_denial_cue_flips_polarity():
    a = view(1, "Reporters", "the minister met the lobbyists in March")
    b = view(2, "The minister", "that he met the lobbyists in March", cue="denied")
    assert a.negated is False and b.negated is True


def test_a_denied_claim_is_labelled_by_what_it_denies():
    """A denial cue's content has no negator of its own: the label asks whether the denied thing happened."""
    a = view(1, "Reporters", "the minister met the lobbyists in March")
    b = view(2, "The minister", "that he met the lobbyists in March", cue="denied")
    assert topic_label([0, 1], [a, b], [Signal("polarity", 1.0, "")]) == "whether he met the lobbyists in March"


def test_figures_for_the_same_count_that_cannot_both_hold_conflict():
    deaths = frozenset({stem("protesters")})
    square = "protesters died in the square on Friday"
    a = view(1, "Officials", f"12 {square}", figures=(FigureView("12 protesters", 12, 12, deaths),))
    b = view(2, "Organisers", f"more than 40 {square}",
             figures=(FigureView("more than 40 protesters", 40, None, deaths),))
    c = view(3, "Medics", f"at least 10 {square}", figures=(FigureView("at least 10 protesters", 10, None, deaths),))
    assert figure_conflict(a, b).name == "figures"
    assert figure_conflict(a, c) is None            # 12 is "at least 10": both can hold


def test_two_sources_giving_one_toll_far_apart_conflict_weakly_though_both_could_hold():
    """"at least 43" and "about 70" for one death toll can both be true, yet the article gives two tolls; in
    other articles, or from one source (a toll updated), or close together, they are no dispute."""
    toll = frozenset({stem("death"), stem("toll")})
    governor = view(1, "the governor", "The death toll has risen to at least 43",
                    figures=(FigureView("at least 43", 43, None, toll),))
    hospital = view(2, "hospital officials", "the death toll at about 70", cue="put",
                    figures=(FigureView("about 70", 63, 77, toll),))
    close = view(3, "medics", "the death toll at 46", figures=(FigureView("46", 46, 46, toll),))
    assert (figure_conflict(governor, hospital).name, figure_conflict(governor, hospital).weight) == ("figures", 0.45)
    assert figure_conflict(governor, close) is None
    assert figure_conflict(governor, replace(hospital, article_id=2)) is None
    assert figure_conflict(governor, replace(hospital, source_key=governor.source_key)) is None


def test_counts_of_the_dead_in_different_words_are_one_tally():
    """"killing at least 34 civilians", "put the death toll at 12" and "counted 41 bodies" count the same dead;
    "11 people were wounded" does not."""
    army_text = "Gunmen attacked a market, killing at least 34 civilians"
    army_counts = counted_stems("at least 34 civilians", "civilians", army_text)
    army = view(1, "the Congolese army", army_text, cue="according to",
                figures=(FigureView("at least 34 civilians", 34, None, army_counts),))
    rebels = view(2, "He", "12", cue="put the death toll at",
                  figures=(FigureView("12", 12, 12, counted_stems("12", "death toll", "12")),))
    leader = view(3, "Jean-Paul Masika", "residents had counted 41 bodies",
                  figures=(FigureView("41 bodies", 41, 41, counted_stems("41 bodies", "bodies", "residents had counted "
                                                                        "41 bodies")),))
    assert DEATHS in army_counts and counted_stems("19 people", "people", "19 people were killed") >= {DEATHS}
    assert DEATHS not in counted_stems("11 people", "people", "11 people were wounded")
    assert figure_conflict(army, rebels).name == "figures"
    assert figure_conflict(rebels, leader).name == "figures"
    assert figure_conflict(army, leader) is None            # 41 is "at least 34"


def test_counts_of_the_dead_in_different_years_or_superseded_are_no_rival_tallies():
    """"58 people had died" this week and "floods in 2024 that killed more than 290 people" are two events."""
    now_text = "that 58 people had died in a week of flash floods"
    now = view(1, "Kenya's government", now_text,
               figures=(FigureView("58 people", 58, 58, counted_stems("58 people", "people", now_text)),))
    then_text = "floods in 2024 that killed more than 290 people"
    then = view(2, "government figures at the time", then_text, cue="according to",
                figures=(FigureView("more than 290 people", 290, None,
                                    counted_stems("more than 290 people", "people", then_text)),))
    red_cross = view(3, "The Red Cross", "it had recorded at least 112 deaths",
                     figures=(FigureView("at least 112 deaths", 112, None, counted_stems("at least 112 deaths",
                                                                                         "deaths", "")),))
    assert DEATHS in now.figures[0].counts
    assert figure_conflict(now, then) is None
    assert figure_conflict(now, red_cross).name == "figures"
    earlier = replace(now, sentence="Police earlier said that 58 people had died in a week of flash floods.")
    assert figure_conflict(earlier, red_cross) is None      # superseded by the count they revised


@pytest.mark.parametrize("earlier, now", [
    ("Earlier on Tuesday officials had said", "Officials had said"),
    ("Emergency managers said earlier on Tuesday", "Emergency managers said")])
def test_a_figure_given_earlier_is_a_revision_not_a_dispute(engine, nlp, earlier, now):
    """"Earlier on Tuesday officials had said about 150 homes had been lost" tells of a count since revised to 420,
    not of a rival count; told without "earlier" the two counts are rivals."""
    from bot.extract.pipeline import extract_article
    from store.ingest import save_article

    story = ("Wildfire\n\nThe fire had destroyed at least 420 homes by Tuesday evening, according to the state fire "
             "service.\n\n{} that about 150 homes had been lost.\n")
    with Session(engine) as session:
        save_article(session, extract_article(story.format(earlier), nlp), "T1", slug="revised")
        save_article(session, extract_article(story.format(now), nlp), "T2", slug="rivals")
        assert list_disputes(session, "T1") == []
        assert sides_holding(list_disputes(session, "T2"), "420 homes", "150 homes")[0] is not None


def test_a_figure_later_in_a_quotation_counts_in_the_dispute(engine, nlp):
    """'"This government is hiding the dead," Musyoka told a rally. "They know the true number is above 150."': the
    figure sits in the quotation's second sentence, yet it is Musyoka's figure against the government's 58."""
    from bot.extract.pipeline import extract_article
    from store.ingest import save_article

    text = ("Floods in Kenya\n\nKenya's government said on Tuesday that 58 people had died in the floods. The Red "
            "Cross said it had recorded at least 112 deaths.\n\n"
            "\"This government is hiding the dead,\" opposition leader Kalonzo Musyoka told a rally. \"They know the "
            "true number is above 150, and they are lying.\"\n")
    with Session(engine) as session:
        save_article(session, extract_article(text, nlp), "T1", slug="floods")
        disputes = list_disputes(session, "T1")
        dispute, sides = sides_holding(disputes, "58 people", "hiding the dead")
        assert dispute is not None and sides[0] != sides[1]


@pytest.mark.parametrize("text, first, second", [
    ("Budget row\n\nThe ruling Labour group says the council faces a shortfall of £4.2m in the coming year. The "
     "Conservative opposition insists the true figure is closer to £6m once the cost of the new waste contract is "
     "included.\n", "£4.2m", "closer to £6m"),
    ("Border fighting\n\nValdoria's defence ministry said 19 of its soldiers had been killed. A senior Valdorian "
     "official, who asked not to be named, said at least 26 soldiers had been killed.\n",
     "19 of its soldiers", "at least 26 soldiers"),
    ("Storm\n\nLandry says about 20,000 people have checked into shelters across Louisiana. The American Red Cross "
     "put the number at closer to 15,000.\n", "about 20,000 people", "closer to 15,000"),
    ("Floods\n\nThe interior ministry said 1,500 people had been evacuated. Local media said 3,000 people had been "
     "evacuated.\n", "1,500 people", "3,000 people"),
    ("Fuel duty rise debated\n\nThe shadow chancellor, Robert Haldane, said the rise would cost the average driver "
     "£110 a year.\n\nThe minister said the rise would cost the average driver £78 a year.\n", "£110", "£78"),
    ("Unemployment row\n\nA Facebook post claimed that 3 million people in the UK are unemployed. The ONS estimates "
     "that 1.56 million people in the UK are unemployed.\n", "3 million", "1.56 million")])
def test_rival_sums_and_tolls_told_in_other_words_conflict(engine, nlp, text, first, second):
    """"the true figure is closer to £6m" answers "a shortfall of £4.2m" though it names no shortfall; "19 of its
    soldiers" killed is a toll, not a part of one, against "at least 26 soldiers"; people counted as evacuated by
    two sources are one count, though "people" alone says nothing of what is counted; two sources saying the same
    thing but for the sum ("would cost the average driver £110 a year" / "£78 a year") or the count ("3 million
    people in the UK are unemployed" / "1.56 million") give rival figures, though the figures name nothing."""
    from bot.extract.pipeline import extract_article
    from store.ingest import save_article

    with Session(engine) as session:
        save_article(session, extract_article(text, nlp), "T1", slug="rivals")
        dispute, sides = sides_holding(list_disputes(session, "T1"), first, second)
        assert dispute is not None and sides[0] != sides[1]
        assert dispute.topic.startswith("how much" if "£" in first else "how many")


def test_claims_told_alike_but_for_a_share_or_one_of_several_figures_are_no_rival_figures():
    """Two polls' "Clinton leads Trump with 45 percent" / "... 41 percent" are two measures; "leads Trump by 49
    to 47" holds two counts, neither of which need answer another claim's one."""
    def poll(cid, source, content, *texts):
        return view(cid, source, content, cue="found",
                    figures=tuple(FigureView(t, float(t.split()[0]), float(t.split()[0]), frozenset()) for t in texts))

    assert figure_conflict(poll(1, "A Quinnipiac poll", "Clinton leads Trump with 45 percent", "45 percent"),
                           poll(2, "A Monmouth poll", "Clinton leads Trump with 41 percent", "41 percent")) is None
    assert figure_conflict(poll(3, "The Quinnipiac poll", "Clinton leads Trump by 49 votes to 47 votes", "49 votes",
                                "47 votes"),
                           poll(4, "The Monmouth poll", "Clinton leads Trump by 41 votes", "41 votes")) is None
    assert figure_conflict(poll(5, "The Quinnipiac poll", "Clinton leads Trump by 49 votes", "49 votes"),
                           poll(6, "The Monmouth poll", "Clinton leads Trump by 41 votes", "41 votes")).name == "figures"


def test_a_claim_that_is_a_number_alone_is_compared_by_its_figure():
    """"The developer's own study put the figure at 12": the content is "12", no word, yet it counts the homes."""
    homes = frozenset({stem("homes")})
    study = view(1, "A shadow study", "that 46 homes would lose sunlight", cue="found",
                 figures=(FigureView("46 homes", 46, 46, homes),))
    developer = view(2, "The developer's own study", "12", cue="put the figure at",
                     figures=(FigureView("12", 12, 12, homes),))
    assert related(study, developer) and figure_conflict(study, developer).name == "figures"
    assert not related(study, view(3, "critics", "it was so"))


def test_dissent_cues_cue_word_lead_and_subheading_and_weaker_contrasts():
    but = view(1, "critics", "the vote was rigged", "But critics say the vote was rigged.", cue="say")
    assert dissent_cue(but) is None and contrast_opening(but) == "But"
    assert dissent_cue(view(5, "dissenting accounts", "the vote was rigged", "Dissenting accounts say the vote was "
                            "rigged.", cue="say")) == "Dissenting"
    inside = view(6, "observers", "the count was fair", "The party alleged fraud, but observers said the count was "
                  "fair.")
    assert contrast_inside(inside) == "but"
    assert dissent_cue(view(2, "The party", "the vote was rigged", cue="denied")) == "denied"
    assert dissent_cue(view(3, "Observers", "turnout was low", heading="Disputed figures")) == "Disputed"
    assert dissent_cue(view(4, "Observers", "turnout was low")) is None


def test_a_dissent_word_in_one_sentence_needs_two_named_sources():
    sentence = "Citizens feel stung amid disagreements about how to share the refugees among the states."
    citizens = view(1, "Citizens", "feel stung", sentence, position=3, cue="feel")
    narration = view(2, "", "how to share the refugees among the states", sentence, position=3,
                     cue="disagreements about")
    narration.source_key = "unnamed:2"
    assert group_disputes([citizens, narration], {1}) == []


def test_verification_hedges_mark_claims_unverified():
    hedged = view(1, "Rebels", "the convoy was attacked", hedges=(("unverified", "cannot be verified"),))
    worded = view(2, "The agency", "the alleged bribe was paid in cash")
    assert unverified_marks(hedged) == ["cannot be verified"]
    assert unverified_marks(worded) == ["alleged"]
    assert unverified_marks(view(3, "The agency", "the bribe was paid in cash")) == []


# --- grouping -----------------------------------------------------------------------------------------------------

def test_group_puts_agreeing_sources_on_one_side_and_ignores_unrelated_claims():
    claims = [
        view(1, "Police", "the warehouse fire was started by striking workers", position=0),
        view(2, "The union", "the warehouse fire was started by security guards", position=1),
        view(3, "The fire brigade", "striking workers started the warehouse fire", position=2),
        view(4, "The council", "the road will reopen on Monday", position=3),
    ]
    [dispute] = group_disputes(claims, {1})
    assert sorted(map(sorted, dispute.sides)) == [[1, 3], [2]]
    assert "culprit" in {s.name for s in dispute.signals}
    assert dispute.topic.startswith("who ")
    assert 0 < dispute.confidence < 1


def test_group_finds_nothing_when_sources_agree():
    claims = [view(1, "Police", "the bridge collapsed after heavy rain"),
              view(2, "Engineers", "heavy rain made the bridge collapse")]
    assert group_disputes(claims, {1}) == []


def test_across_articles_shared_words_need_a_shared_entity_too():
    a = view(1, "Police", "the warehouse fire was started by striking workers", article=1)
    b = view(2, "The union", "the warehouse fire was started by security guards", article=2)
    assert group_disputes([a, b], {1, 2}) == []
    a.entity_keys = b.entity_keys = frozenset({"warehouse"})
    [dispute] = group_disputes([a, b], {1, 2})
    assert sorted(map(sorted, dispute.sides)) == [[1], [2]]


def test_a_negated_opinion_denies_nothing():
    a = view(1, "The mayor", "the council will see the budget in March")
    b = view(2, "The treasurer", "I don't see the council agreeing to the budget in March")
    assert b.negated and polarity_conflict(a, b, idf_weights([a, b])) is None


def test_not_only_and_hypotheticals_assert_or_deny_nothing():
    adding = view(1, "The company", "it is not only cleaning up the old mines in the valley")
    cleaning = view(2, "Officials", "the company stopped cleaning up the old mines in the valley")
    assert not adding.negated
    assert not view(6, "Ms. Wahl", "I cannot be part of a network funded by the government").negated
    assert not view(7, "The nominee", "his campaign hasn't spent much yet on television ads").negated
    assert not view(8, "The senator", "he may not have paid federal taxes for years").negated
    paid = view(3, "Analysts", "if the mining companies paid their taxes the state budget would balance")
    unpaid = view(4, "The mayor", "the mining companies have not paid their taxes to the state")
    assert polarity_conflict(paid, unpaid, idf_weights([paid, unpaid, cleaning])) is None
    stated = view(5, "Analysts", "the mining companies paid their taxes to the state in full")
    assert polarity_conflict(stated, unpaid, idf_weights([stated, unpaid, cleaning])).name == "polarity"


def test_declining_to_speak_denies_nothing():
    a = view(1, "Reporters", "the foundation broke state law in March")
    unconfirmed = view(2, "The attorney general", "the foundation broke state law in March", cue="would not confirm")
    unsaid = view(3, "The attorney general", "he isn't saying if the foundation broke state law in March")
    assert not unconfirmed.negated
    assert polarity_conflict(a, unsaid, idf_weights([a, unsaid])) is None


def test_figures_must_count_the_same_thing_in_the_same_way():
    acres = frozenset({stem("acres")})
    forest = view(1, "Officials", "300,000 acres of forest burned in the valley fire",
                  figures=(FigureView("300,000 acres of forest", 3e5, 3e5, acres | {stem("forest")}),))
    land = view(2, "Farmers", "thousands of acres burned in the valley fire",
                figures=(FigureView("thousands of acres", 2000, None, acres),))
    share = view(3, "Farmers", "12 percent of the acres burned in the valley fire",
                 figures=(FigureView("12 percent of the acres", 12, 12, acres),))
    count = view(4, "Officials", "900 acres burned in the valley fire",
                 figures=(FigureView("900 acres", 900, 900, acres),))
    assert figure_conflict(forest, land) is None and figure_conflict(share, count) is None
    assert figure_conflict(land, count).name == "figures"
    elsewhere = view(5, "Officials", "900 acres were sold to developers",
                     figures=(FigureView("900 acres", 900, 900, acres),))
    assert figure_conflict(land, elsewhere) is None           # the same noun, another event


def test_two_sources_of_one_article_giving_precise_figures_for_one_noun_conflict_whatever_their_other_words():
    """"The company says the project would create 850 permanent jobs" / "Dunmore's report estimated the scheme would
    support about 300 permanent jobs" share no other word, yet are one number told two ways; the outlet's own
    figure of another time, and vague amounts, are not."""
    jobs = frozenset({stem("permanent"), stem("jobs")})
    company = view(1, "The company", "the project would create 850 permanent jobs",
                   figures=(FigureView("850 permanent jobs", 850, 850, jobs),))
    report = view(2, "Dunmore's report", "the scheme would support about 300 permanent jobs", cue="estimated",
                  figures=(FigureView("about 300 permanent jobs", 270, 330, jobs),))
    outlet = replace(view(3, "the article", "the old mill gave 2,000 permanent jobs",
                          figures=(FigureView("2,000 permanent jobs", 2000, 2000, jobs),)),
                     source_key="outlet:1", attributed=False)
    vague = view(4, "Unions", "hundreds of permanent jobs went", figures=(FigureView("hundreds of permanent jobs",
                                                                                     200, 999, jobs),))
    assert figure_conflict(company, report).name == "figures"
    assert figure_conflict(company, outlet) is None and figure_conflict(report, vague) is None


def test_the_true_number_of_a_thing_is_set_against_any_other_count_of_it():
    """"the true number of jobs at risk was closer to 2,000" answers the outlet's "is to cut about 1,400 jobs": it
    counts jobs, however it is worded, and calls the other count wrong."""
    article = replace(view(1, "the article", "Carrow Foods is to cut about 1,400 jobs.",
                           figures=(FigureView("about 1,400 jobs", 1260, 1540, frozenset({stem("jobs")})),)),
                      source_key="outlet:1", attributed=False)
    union = view(2, "The GMB union", "the true number of jobs at risk was closer to 2,000",
                 figures=(FigureView("closer to 2,000", 1800, 2200,
                                     frozenset(stem(w) for w in ("true", "number", "jobs"))),))
    assert figure_conflict(article, union).name == "figures"
    plain = replace(union, content="the number of jobs at risk was closer to 2,000",
                    figures=(FigureView("closer to 2,000", 1800, 2200, frozenset({stem("number"), stem("jobs")})),))
    assert figure_conflict(article, plain) is None      # the outlet's own count and another: not yet rivals


def test_shares_of_one_level_are_rival_figures():
    """"turnout stood at 78 percent of the registered voters" / "a turnout of about 61 percent": two levels of the
    turnout, whatever the share is of; a share of the vote is another thing."""
    def share(cid, source, content, text, low, high, counts):
        return view(cid, source, content, figures=(FigureView(text, low, high, counted_stems(text, counts, content)),))

    commission = share(1, "The commission", "turnout stood at 78 percent of the 7.2 million registered voters",
                       "78 percent of the 7.2 million registered voters", 78, 78,
                       "percent of the 7.2 million registered voters")
    director = share(2, "Its director", "a sample of 1,200 polling stations pointed to a turnout of about 61 percent",
                     "about 61 percent", 54.9, 67.1, "percent")
    vote = share(3, "Provisional results", "Mwale won 52.4 percent", "52.4 percent", 52.4, 52.4, "percent")
    assert figure_conflict(commission, director).name == "figures"
    assert figure_conflict(commission, vote) is None and figure_conflict(director, vote) is None


def test_a_part_or_a_rate_is_no_rival_to_another_sources_total():
    """"1.4 million of the units" were sold in one country, "fewer than 4 in every 100,000 units" failed, and
    "500,000 rupees to each family" is paid per family: none is a rival count of the same thing."""
    units = frozenset({stem("units")})
    part = view(1, "Voltaro", "About 1.4 million of the units were sold in the United States",
                figures=(FigureView("About 1.4 million of the units", 1.26e6, 1.54e6, units),))
    rate = view(2, "Sorensen", "fewer than 4 in every 100,000 units sold had failed",
                figures=(FigureView("100,000 units", 1e5, 1e5, units),))
    rupees = frozenset({stem("rupees")})
    relief = view(3, "The prime minister", "10 billion rupees in emergency relief", cue="announced",
                  figures=(FigureView("10 billion rupees", 1e10, 1e10, rupees),))
    payments = view(4, "Governor Sumro", "cash payments of 500,000 rupees to each family", cue="promised",
                    figures=(FigureView("500,000 rupees", 5e5, 5e5, rupees),))
    assert figure_conflict(part, rate) is None and figure_conflict(relief, payments) is None
    patients = frozenset({stem("patients")})
    enrolled = view(5, "Veridian", "the trial enrolled 1,840 patients",
                    figures=(FigureView("1,840 patients", 1840, 1840, patients),))
    died = view(6, "Dr. Lindqvist", "three patients died", figures=(FigureView("three patients", 3, 3, patients),))
    assert figure_conflict(enrolled, died) is None      # so far apart they count different patients
    included = view(7, "Corvanta", "that figure included two patients who died after stopping the drug",
                    figures=(FigureView("two patients", 2, 2, patients),))
    assert figure_conflict(died, included) is None      # a part of the three


def test_the_old_value_of_a_change_is_no_rival_figure():
    """"cut the height of the tallest block from 12 storeys to nine" tells what was: the outlet's "four blocks of up
    to nine storeys" is not disputed by it; a source giving 12 storeys as it is now would dispute it."""
    storeys = frozenset({stem("storeys")})
    plan = replace(view(1, "the article", "The development would include four blocks of up to nine storeys",
                        figures=(FigureView("up to nine storeys", 9, 9, storeys),)),
                   source_key="outlet:1", attributed=False)
    cut = view(2, "Mr Okafor", "the company had already cut the height of the tallest block from 12 storeys to nine",
               figures=(FigureView("12 storeys", 12, 12, storeys), FigureView("nine", 9, 9, frozenset())))
    now = view(3, "Residents", "the tallest of the blocks would rise 12 storeys, not nine",
               figures=(FigureView("12 storeys", 12, 12, storeys),))
    assert figure_conflict(plan, cut) is None
    assert figure_conflict(plan, now).name == "figures"


def test_a_reply_pointing_back_disputes_the_claim_before_it_without_sharing_a_word():
    tally = view(1, "The Alvarado campaign", "its own tally showed a lead of 11,400 votes", position=5)
    reply = view(2, "Kendrick's campaign", "that", cue="disputed", position=6)
    caveat = replace(view(3, "the article", "That figure could not be independently verified.", position=7),
                     source_key="outlet:1", attributed=False)
    (dispute,) = group_disputes([tally, reply, caveat], {1})
    assert sorted(dispute.sides) == [[1], [2]] and dispute.signals[0].name == "dissent"
    assert group_disputes([caveat], {1}) == []      # it marks the claim before it, which extraction linked
    assert group_disputes([tally, replace(reply, sentence_position=9, paragraph=9)], {1}) == []


def test_a_reply_answers_the_nearest_claim_of_a_source_not_the_outlets_remark_in_between():
    """"The Ministry said the figures were fabricated. It gave no evidence for the claim. Haddad rejected the
    accusation.": Haddad answers the Ministry, not the outlet."""
    ministry = view(1, "The Ministry of Information", "the figures from Emergency Watch were fabricated", position=28)
    remark = replace(view(2, "the article", "It gave no evidence for the claim.", position=29),
                     source_key="outlet:1", attributed=False)
    reply = view(3, "Haddad", "the accusation", cue="rejected", position=30)
    (dispute,) = group_disputes([ministry, remark, reply], {1})
    assert sorted(dispute.sides) == [[1], [3]]


@pytest.mark.parametrize("answered, disputed", [
    ("voters in the west are angry about energy regulations", False),
    ("voters in the west are angry, a Quinnipiac survey found", True),
])
def test_a_pointer_naming_something_answers_only_a_claim_mentioning_it(answered, disputed):
    """"Whitcomb's campaign dismissed the Quinnipiac survey." answers a claim about that survey, not whatever claim
    came before it, as "that figure" would."""
    claim = view(1, "Republicans", answered, cue="believe")
    reply = view(2, "Whitcomb's campaign", "the Quinnipiac survey", cue="dismissed")
    assert bool(group_disputes([claim, reply], {1})) == disputed


@pytest.mark.parametrize("content, disputed", [
    ("the Keystone figure was misleading", True),
    ("that claim is false", True),
    ("those numbers were grossly inflated", True),
    ("the report was wrong", True),
    ("the Quinnipiac figure was misleading", False),     # names something the claim before does not mention
    ("the decision was wrong", False),                  # a deed, not a claim
])
def test_a_verdict_on_a_claim_answers_the_claim_before_it(content, disputed):
    """"Harlan's campaign manager, Priya Desai, said the Keystone figure was misleading." answers Brandt's jobs
    figure like "Desai disputed that figure", and its words are never the topic."""
    brandt = view(1, "Brandt", "Keystone Fabrication had added 600 jobs in Pennsylvania since 2015")
    desai = view(2, "Priya Desai", content)
    found = group_disputes([brandt, desai], {1})
    assert bool(found) == disputed
    if disputed:
        assert sorted(found[0].sides) == [[1], [2]] and found[0].topic.startswith("Keystone Fabrication")


@pytest.mark.parametrize("cue, reported, disputed", [
    ("denied a newspaper report", "the company would lay off about a tenth of its workforce", True),
    ("denied a Business Daily report", "the company would lay off about a tenth of its workforce", True),
    ("denied a Reuters report", "the company would lay off about a tenth of its workforce", False),   # not its report
    ("confirmed a newspaper report", "the company would lay off about a tenth of its workforce", False),
    ("denied a newspaper report", "the company's profits had risen by a tenth", False),              # another thing
])
def test_a_denied_report_disputes_the_claim_the_report_makes(cue, reported, disputed):
    """"Safaricom denied a newspaper report that it planned to cut 1,000 jobs. The Business Daily reported on Monday
    that the company would lay off about a tenth of its workforce.": one thing in each side's words."""
    denial = view(1, "Safaricom", "that it planned to cut 1,000 jobs", cue=cue)
    report = view(2, "The Business Daily", reported, cue="reported")
    assert bool(group_disputes([denial, report], {1})) == disputed


def test_a_reply_in_the_words_before_a_claim_sets_its_figure_against_the_one_it_answers():
    """"Northgate disputes that figure, saying its modelling shows an increase of no more than 7%." answers the
    council's 18%, though the extractor found no source for it."""
    council = view(1, "the council's transport assessment",
                   "traffic on Mill Lane would rise by about 18% at peak hours", cue="According to",
                   figures=(FigureView("about 18%", 16.2, 19.8, frozenset()),))
    sentence = "Northgate disputes that figure, saying its modelling shows an increase of no more than 7%."
    northgate = replace(view(2, "the article", "its modelling shows an increase of no more than 7%", sentence,
                             cue="saying", figures=(FigureView("no more than 7%", 7, 7, frozenset()),)),
                        source_key="unnamed:2")
    (dispute,) = group_disputes([council, northgate], {1})
    assert sorted(dispute.sides) == [[1], [2]]
    assert {s.name for s in dispute.signals} == {"dissent", "figures"}
    assert dispute.topic == "how many: about 18% / no more than 7%"
    agreeing = replace(northgate, sentence=sentence.replace("disputes", "accepts"))
    assert group_disputes([council, agreeing], {1}) == []


def test_a_bare_reply_is_on_the_side_of_those_it_agrees_with_and_never_the_topic():
    """"The network disputed that figure." says nothing of its own: it joins its director's rival count against the
    commission's, and the topic is the commission's claim, not the words "that figure" meet ("a figure its
    chairman")."""
    voters = frozenset({stem("voters")})
    commission = view(1, "The commission", "turnout stood at 5.6 million voters, a figure its chairman",
                      figures=(FigureView("5.6 million voters", 5.6e6, 5.6e6, voters),))
    network = view(2, "The network", "that figure", cue="disputed")
    director = view(3, "Its director, Ruth Nyirenda", "only 4.4 million voters had turned out",
                    figures=(FigureView("4.4 million voters", 4.4e6, 4.4e6, voters),))
    (dispute,) = group_disputes([commission, network, director], {1})
    assert sorted(dispute.sides) == [[1], [2, 3]]
    assert topic_label([0, 1], [commission, network], [Signal("dissent", 0.5, "disputed")]) == \
        "turnout stood at 5.6 million voters"


def test_the_prosecution_and_the_defence_a_sentence_apart_dispute_the_case():
    """"The prosecution says Fraser bought the knife on the afternoon of the killing. The defence says he had owned
    it for months." share no word, yet each party answers the other; a witness, or the parties far apart, do not."""
    prosecution = view(1, "The prosecution", "Fraser bought the knife on the afternoon of the killing", cue="says",
                       position=33)
    defence = view(2, "The defence", "he had owned it for months", cue="says", position=34)
    witness = view(3, "A neighbour", "he had owned it for months", cue="says", position=34)
    (dispute,) = group_disputes([prosecution, defence], {1})
    assert sorted(dispute.sides) == [[1], [2]] and [s.name for s in dispute.signals] == ["parties"]
    assert group_disputes([prosecution, witness], {1}) == []
    assert group_disputes([prosecution, replace(defence, sentence_position=40, paragraph=40)], {1}) == []


def test_claims_of_one_source_never_dispute_each_other():
    a = view(1, "Police", "the guards were shot by rebel fighters")
    b = view(2, "Police", "soldiers killed the guards")
    b.source_key = a.source_key
    assert group_disputes([a, b], {1}) == []


# --- store --------------------------------------------------------------------------------------------------------

STORY = ("Harbour fire\n"
         "Police said the warehouse fire was started by striking workers.\n"
         "The union said the warehouse fire was started by security guards.\n"
         "The alleged arson cannot be independently verified.\n"
         "The council said the road will reopen on Monday.")


def store_story(session: Session, team_id: str, slug: str = "harbour-fire", story: str = STORY) -> Article:
    """Hand-made rows for a short story: a title line, then one sentence per line and one claim per sentence
    ("X said ..." is attributed to X, resolved to the entity Police when X is "Police"; "warehouse" is a mention
    of the entity the warehouse); its disputes recomputed, as on ingest."""
    article = Article(team_id=team_id, slug=slug, title=story.split("\n")[0], content_hash=f"{team_id}-{slug}",
                      raw_text=story, outlet="Gazette", ingested_at=datetime.now(timezone.utc))
    session.add(article)
    session.flush()
    police = Entity(article_id=article.id, name="Police", key="police", type="ORG")
    warehouse = Entity(article_id=article.id, name="the warehouse", key="warehouse", type="FAC")
    session.add_all([police, warehouse])
    session.flush()
    offset = story.index("\n") + 1
    for position, line in enumerate(story.split("\n")[1:]):
        sentence = Sentence(article_id=article.id, position=position, paragraph=position, start=offset,
                            end=offset + len(line), text=line)
        session.add(sentence)
        session.flush()
        if "warehouse" in line:
            at = offset + line.index("warehouse")
            session.add(Mention(entity_id=warehouse.id, sentence_id=sentence.id, start=at, end=at + 9,
                                text="warehouse"))
        attributed = " said " in line
        source, _, content = line.partition(" said ") if attributed else ("", "", line)
        content = content.rstrip(".") if attributed else content
        start = story.index(content, offset)
        claim = Claim(article_id=article.id, sentence_id=sentence.id, position=position, attributed=attributed,
                      kind="indirect" if attributed else "statement", cue_text="said" if attributed else None,
                      source_text=source or None, source_entity_id=police.id if source == "Police" else None,
                      content_text=content, content_start=start, content_end=start + len(content),
                      content_spans=json.dumps([[start, start + len(content)]]))
        session.add(claim)
        session.flush()
        if "verified" in line:
            at = line.index("cannot")
            session.add(Hedge(sentence_id=sentence.id, claim_id=claim.id, kind="unverified", start=offset + at,
                              end=offset + len(line) - 1, text=line[at:-1]))
        offset += len(line) + 1
    recompute(session, team_id, [article.id])       # as save_article does
    session.commit()
    return article


def test_disputes_are_stored_with_sides_signals_and_notes(engine):
    with Session(engine) as session:
        store_story(session, "T1")
        [dispute] = list_disputes(session, "T1")
    sources = [[c.source for c in side] for side in dispute.sides]
    assert sources == [["Police"], ["The union"]]
    assert dispute.sides[0][0].sentence_text == "Police said the warehouse fire was started by striking workers."
    assert [c.sentence_text for c in dispute.notes] == ["The alleged arson cannot be independently verified."]
    assert dispute.notes[0].markers == ["cannot be independently verified"]
    assert "culprit" in {s["name"] for s in dispute.signals}


def test_recompute_keeps_an_unchanged_dispute_and_its_dates(engine):
    with Session(engine) as session:
        article = store_story(session, "T1")
        [first] = recompute(session, "T1", [article.id])
        session.commit()
        created = first.created_at
        [again] = recompute(session, "T1", [article.id])
        session.commit()
        assert again.created_at == created and again.updated_at == created
        assert len(list_disputes(session, "T1")) == 1


def correct(session: Session, claim_id: int, source_text: str | None, source_entity_id: int | None = None) -> None:
    session.add(Correction(team_id="T1", claim_id=claim_id, source_text=source_text,
                           source_entity_id=source_entity_id, user_id="U1"))
    session.flush()


def test_a_correction_to_one_source_unmakes_the_dispute(engine):
    """An editor says the union's sentence was really the police's: no two sources disagree any more, and the
    outlet's "The alleged arson cannot be independently verified." is a caveat with no side to set it against."""
    with Session(engine) as session:
        article = store_story(session, "T1")
        [dispute] = list_disputes(session, "T1")
        police_claim = session.get(Claim, dispute.sides[0][0].claim_id)
        correct(session, dispute.sides[1][0].claim_id, "Police", police_claim.source_entity_id)
        recompute(session, "T1", [article.id])
        session.commit()
        assert list_disputes(session, "T1") == []


def test_a_correction_shows_the_corrected_source_and_can_make_a_dispute(engine):
    story = ("Harbour fire\n"
             "Police said the warehouse fire was started by striking workers.\n"
             "Police said the warehouse fire was started by security guards.")
    with Session(engine) as session:
        article = store_story(session, "T1", story=story)
        assert list_disputes(session, "T1") == []           # one source does not dispute itself
        second = session.exec(select(Claim).where(Claim.article_id == article.id, Claim.position == 1)).one()
        correct(session, second.id, "The union")
        recompute(session, "T1", [article.id])
        session.commit()
        [dispute] = list_disputes(session, "T1")
        assert [[c.source for c in side] for side in dispute.sides] == [["Police"], ["The union"]]
        correct(session, second.id, None)                   # the editor again: it is the outlet's own sentence
        recompute(session, "T1", [article.id])
        session.commit()
        [dispute] = list_disputes(session, "T1")
        assert dispute.sides[1][0].source == "the article (no source named)"


def test_disputes_across_articles_of_one_workspace_only(engine):
    police = "Harbour fire\nPolice said the warehouse fire was started by striking workers."
    union = "Union statement\nThe union said the warehouse fire was started by security guards."
    with Session(engine) as session:
        store_story(session, "T1", "police", police)
        store_story(session, "T2", "union-t2", union)
        assert list_disputes(session, "T1") == [] and list_disputes(session, "T2") == []
        store_story(session, "T1", "union", union)
        [dispute] = list_disputes(session, "T1")
        assert [[c.article_title for c in side] for side in dispute.sides] == [["Harbour fire"], ["Union statement"]]
        assert list_disputes(session, "T2") == []


def test_topic_filter_and_workspace_isolation(engine):
    with Session(engine) as session:
        mine = store_story(session, "T1")
        store_story(session, "T2")
        assert len(list_disputes(session, "T1", topic="warehouse fire")) == 1
        assert len(list_disputes(session, "T1", topic="the warehouse fires")) == 1     # inflections, stopwords
        assert len(list_disputes(session, "T1", topic="union")) == 1                   # a source's name
        assert list_disputes(session, "T1", topic="budget") == []
        assert len(list_disputes(session, "T1", topic="the number of warehouse fires")) == 1   # asking its figure
        assert len(list_disputes(session, "T1", topic="striking workers")) == 1               # in a sentence
        assert list_disputes(session, "T1", topic="the number of striking workers") == []     # no figure disputed
        assert list_disputes(session, "T1", topic="the report") == []     # too common to stem, still asked for
        for view_ in list_disputes(session, "T1"):
            assert {c.article_id for side in view_.sides for c in side} == {mine.id}


def test_a_topic_asking_only_for_a_figure_keeps_the_disputes_over_one(engine, nlp):
    """"who disputed the figure?": of a dispute over who started a fire and one over a figure, the second."""
    from bot.extract.pipeline import extract_article
    from store.ingest import save_article

    text = ("Warehouse fire\n\nPolice said the fire was started by striking workers. The union said the fire was "
            "started by security guards. The council said 40 homes had burned. Residents disputed that figure.\n")
    with Session(engine) as session:
        save_article(session, extract_article(text, nlp), "T1", slug="fire")
        assert len(list_disputes(session, "T1")) == 2
        (view_,) = list_disputes(session, "T1", topic="the figure")
        assert "Residents disputed that figure." in [c.sentence_text for side in view_.sides for c in side]


def test_a_topic_naming_an_act_finds_the_dispute_telling_it_by_its_verb(engine, nlp):
    """"is Nwosu's dismissal disputed?" asks about "Grace Nwosu had been dismissed", as "Nwosu's denial" asks about
    "Nwosu denied"; an act nobody tells of finds nothing."""
    from bot.extract.pipeline import extract_article
    from store.ingest import save_article

    text = ("Trial\n\nDefence lawyer Femi Adebayo said Grace Nwosu had been dismissed in 2020 for stealing. Nwosu "
            "denied that she had been dismissed.\n")
    with Session(engine) as session:
        save_article(session, extract_article(text, nlp), "T1", slug="trial")
        assert len(list_disputes(session, "T1", topic="Nwosu's dismissal")) == 1
        assert len(list_disputes(session, "T1", topic="Nwosu's denial")) == 1
        assert list_disputes(session, "T1", topic="Nwosu's resignation") == []


@pytest.mark.parametrize("text, topic, found", [
    ("Drone strike hits convoy\n\nIRNA said nine people had been killed and 14 wounded. A provincial official told "
     "AFP that at least 12 people had been killed.\n", "the death toll", True),
    ("Floods\n\nThe army said 40 people had died. Medics said at least 75 people were dead.\n", "the deaths", True),
    ("Drone strike hits convoy\n\nIRNA said nine people had been killed and 14 wounded. A provincial official told "
     "AFP that at least 12 people had been killed.\n", "the number of strikers", False),
    ("Teachers strike\n\nThe union said 12,000 teachers walked out on Monday. The education ministry said 4,500 "
     "teachers were on strike.\n", "the number of strikers", True),
    ("Teachers strike\n\nThe union said 12,000 teachers walked out on Monday. The education ministry said 4,500 "
     "teachers were on strike.\n", "the death toll", False),
    ("Chemical leak\n\nThe plant operator said the benzene reading at the river intake was 12 parts per million. "
     "Environmental campaigners said their own tests found benzene at 85 parts per million at the river intake.\n",
     "the concentration", True),
    ("Warehouse fire\n\nPolice said the fire was started by striking workers. The union said the fire was started by "
     "security guards.\n", "the reading", False)])
def test_a_topic_finds_the_disputed_figures_by_what_they_count_in_other_words(engine, nlp, text, topic, found):
    """"is the death toll disputed?" asks about "12 people had been killed" (or "were dead"), "the number of
    strikers" about teachers "on strike" (not a drone strike), "the concentration" about a measured figure; a
    dispute over no figure is no dispute over a reading, nor one over teachers over a death toll."""
    from bot.extract.pipeline import extract_article
    from store.ingest import save_article

    with Session(engine) as session:
        save_article(session, extract_article(text, nlp), "T1", slug="figures")
        assert list_disputes(session, "T1")
        assert bool(list_disputes(session, "T1", topic=topic)) == found


# --- the sample article, through the real extraction and ingest ----------------------------------------------------

def sides_holding(disputes, *fragments):
    """For each fragment, the index of the side whose quoted sentences contain it, per dispute holding them all."""
    for dispute in disputes:
        found = [next((k for k, side in enumerate(dispute.sides) if any(f in c.sentence_text for c in side)), None)
                 for f in fragments]
        if None not in found:
            return dispute, found
    return None, None


@pytest.fixture
def sample_disputes(engine, sample_facts):
    from store.ingest import save_article

    with Session(engine) as session:
        save_article(session, sample_facts, team_id="T1", slug="jisr-al-shughour")   # recomputes disputes
        return list_disputes(session, "T1")


def test_sample_who_killed_the_security_personnel(sample_disputes):
    """Four versions, each its own side: the government's armed gangs/groups, the activists' government troops,
    the (source-less) mutiny reports and the dissenting accounts' deserting soldiers."""
    killings = [d for d in sample_disputes if any("government troops" in c.sentence_text for s in d.sides for c in s)]
    assert len(killings) == 1, [d.topic for d in sample_disputes]
    [dispute] = killings
    assert "culprit" in {s["name"] for s in dispute.signals}
    by_side = [{(c.source, c.content_text) for c in side} for side in dispute.sides]
    assert len(by_side) == 4, by_side
    government, mutiny, activists, dissent = by_side
    assert any(content == "the deaths in the town on armed groups" and source.endswith("(Syrian government)")
               for source, content in government)
    assert any("armed gangs killed" in content and source.startswith("Damascus") for source, content in government)
    assert mutiny == {("unnamed reports", "a mutiny among security forces")}
    assert dispute.sides[1][0].markers == ["reports of"]
    assert activists == {("Activists", "the security forces were shot by government troops, after they refused to "
                                       "open fire on civilians")}
    [(source, content)] = dissent
    assert source == "dissenting accounts" and "deserting soldiers" in content
    assert "The alleged killings cannot be independently verified." in {c.sentence_text for c in dispute.notes}


def test_sample_refugees_crossing_against_no_refugees(sample_disputes):
    dispute, sides = sides_holding(sample_disputes, "more than 2,000 Syrians", "no refugees fleeing to Turkey")
    assert dispute is not None, [d.topic for d in sample_disputes]
    assert [[c.source for c in side] for side in dispute.sides] == [
        ["Turkey"], ["A Syrian government spokeswoman (Syrian government spokeswoman)"]]
    assert "polarity" in {s["name"] for s in dispute.signals}
    assert "refugees" in dispute.topic


def test_sample_caveat_on_verifying_reports_is_a_note_not_a_dispute(sample_disputes):
    """'making it difficult to verify reports from there' qualifies the article's disputes; it disputes nothing."""
    caveat = "difficult to verify reports"
    assert not any(caveat in c.sentence_text for d in sample_disputes for side in d.sides for c in side)
    for dispute in sample_disputes:
        assert any(caveat in c.sentence_text for c in dispute.notes)


def test_sample_digest_shows_both_disputes_readably(engine, sample_facts):
    from store.ingest import save_article

    with Session(engine) as session:
        save_article(session, sample_facts, team_id="T1", slug="jisr-al-shughour")
        digest = build_digest(session, "T1")
    text = digest_as_text(digest)
    assert "Syria's government" in text and "\\'" not in text
    assert "no refugees fleeing to Turkey" in text and "deserting soldiers" in text
    blocks = repr(digest_blocks(digest))
    assert "government troops" in blocks and "more than 2,000 Syrians" in blocks and "\\\\'" not in blocks


def test_a_pronoun_later_in_the_sentence_is_the_same_speaker():
    sentence = "The senator said the program was a mistake, but she denied that she broke the rules of the program."
    said = view(1, "The senator", "the program was a mistake", sentence, position=4)
    denied = view(2, "she", "that she broke the rules of the program", sentence, position=4, cue="denied")
    denied.content_start = 40
    assert group_disputes([said, denied], {1}) == []


def test_rejecting_a_thing_denies_no_fact_and_a_condition_asserts_nothing():
    asked = view(1, "The newspaper", "the judge should unseal the divorce file", position=1)
    rejected = view(2, "The judge", "the newspaper's request to unseal the divorce file", position=2, cue="rejected")
    assert not rejected.negated
    assert dissent_cue(rejected) is None
    claim = view(3, "The judge", "the claim that the divorce file was sealed unlawfully", cue="rejected")
    assert claim.negated and dissent_cue(claim) == "rejected"
    if_rejected = view(4, "the plan", "single mothers", "If the plan rejected single mothers, families would suffer.",
                       cue="rejected")
    assert dissent_cue(if_rejected) is None
    assert group_disputes([asked, rejected], {1}) == []


def test_polarity_needs_the_denied_predicate_asserted():
    registered = view(1, "The article", "the foundation is registered in the state as a charity")
    not_registered = view(2, "The attorney general", "the foundation is not registered in the state as a charity")
    idf = idf_weights([registered, not_registered])
    assert polarity_conflict(registered, not_registered, idf).name == "polarity"
    network = view(3, "The host", "he did not get the satellite network at home in the state")
    carried = view(4, "The article", "the satellite network is carried at home in the state")
    assert polarity_conflict(network, carried, idf_weights([network, carried])) is None      # "get" is no predicate
    neither = view(5, "A spokeswoman", "neither the nominee nor her campaign helped the former beauty queen")
    nominee = view(6, "The campaign", "the nominee called the former beauty queen to thank her")
    assert polarity_conflict(neither, nominee, idf_weights([neither, nominee])) is None
    refused = view(7, "Critics", "the nominee refused to release his full tax returns to voters")
    unreleased = view(8, "The senator", "the nominee is not releasing his full tax returns to voters")
    assert polarity_conflict(refused, unreleased, idf_weights([refused, unreleased])) is None   # both say no
    asked = view(9, "She", "Why will he release his full tax returns to voters?")
    assert polarity_conflict(asked, unreleased, idf_weights([asked, unreleased])) is None     # a question


@pytest.mark.parametrize("denial, cue, disputed", [
    ("12 civilians died and no fighters were killed", "said", True),       # militants are fighters
    ("no militants were killed", "said", True),
    ("no civilians were killed", "said", False),                            # other victims
    ("no fighters were paid", "said", False),                               # no harm denied
    ("any involvement in the killing of militants", "denied", False),       # a deed denied, not the killing
])
def test_a_harm_denied_to_the_kind_of_victim_the_other_side_names_conflicts(denial, cue, disputed):
    """"The army said it killed 40 militants in the raid. The rebels said ... no fighters were killed.": the two share
    one word, but deny one another's harm to one kind of victim; in other articles it may be another raid."""
    army = view(1, "The army", "it killed 40 militants in the raid")
    rebels = view(2, "The rebels", denial, cue=cue)
    idf = idf_weights([army, rebels])
    assert bool(polarity_conflict(army, rebels, idf)) == disputed
    assert polarity_conflict(army, replace(rebels, article_id=2), idf) is None


def test_a_generic_kind_of_harm_is_not_the_story_event():
    blamed = view(1, "The candidate", "police shootings on implicit bias", cue="blamed")
    blamed.frames = tuple(find_frames("blamed police shootings on implicit bias", blame_only=True))
    shot = view(2, "The paper", "the driver was shot and killed by a police officer after a traffic stop")
    assert culprit_conflict(blamed, shot) is None
    assert find_frames("the driver was shot and killed by a police officer")[1].patient_text == "driver"


def test_a_topic_is_cut_at_a_spaced_hyphen_and_shown_without_escapes(sample_disputes):
    """"such a resolution - which does not propose concrete action - could ...": a dash between spaces ends a clause,
    and the scraped "government\\'s" reads "government's" in a label."""
    [council] = [d for d in sample_disputes if any("France and Britain" in c.sentence_text for s in d.sides for c in s)]
    assert council.topic == "a resolution to condemn the government's actions"


def test_a_figure_in_a_condition_is_no_rival_reading(engine, nlp):
    """"would not begin restoring service until winds dropped below 35 mph" says when, not how fast the winds are:
    no dispute with "maximum sustained winds of 105 mph"."""
    from bot.extract.pipeline import extract_article
    from store.ingest import save_article

    text = ("Storm\n\nCompany spokeswoman Rachel Dupree said crews would not begin restoring service until winds dropped "
            "below 35 mph. The National Hurricane Center says Delia has weakened to a Category 2 storm with maximum "
            "sustained winds of 105 mph.\n")
    with Session(engine) as session:
        save_article(session, extract_article(text, nlp), "T1", slug="storm")
        assert list_disputes(session, "T1") == []
