from __future__ import annotations

import pytest

from bot.extract.figures import find_figures
from bot.extract.sentences import parse, split_sentences
from bot.text import normalise


@pytest.fixture(scope="module")
def sample_figures(sample_doc, sample_norm, sample_sentences):
    return {f.span.text: f for f in find_figures(sample_doc, sample_norm, sample_sentences)}


def figures_in(text, nlp):
    norm = normalise(text)
    doc = parse(norm, nlp)
    return [(f.span.text, f.value, f.low, f.high, f.hedge, f.counts)
            for f in find_figures(doc, norm, split_sentences(doc, norm))]


@pytest.mark.parametrize(
    "text, value, low, high, hedge, counts",
    [
        ("more than 2,000 Syrians", 2000, 2000, None, "more than", "Syrians"),
        ("an estimated 30,000 Syrian soldiers", 30000, 27000, 33000, "an estimated", "Syrian soldiers"),
        ("several hundred security forces", None, 200, 900, "several", "security forces"),
        ("120 security personnel", 120, 120, 120, None, "security personnel"),
        ("120 members of the security forces", 120, 120, 120, None, "members of the security forces"),
        ("more than 1,100 people", 1100, 1100, None, "more than", "people"),
        ("over 50 protests", 50, 50, None, "over", "protests"),
        ("several dozen wounded people", None, 24, 108, "several", "wounded people"),
        ("hundreds of soldiers", None, 200, 999, "hundreds of", "soldiers"),
    ],
)
def test_sample_figures(sample_figures, text, value, low, high, hedge, counts):
    figure = sample_figures[text]
    assert (figure.value, figure.low, figure.high, figure.hedge, figure.counts) == (value, low, high, hedge, counts)


def test_sample_has_no_other_figures(sample_figures):
    """Not figures: "Thursday", "March", "a three-hour trek" (a duration), "One Facebook page", "one man"."""
    assert len(sample_figures) == 9


def test_spans_slice_back_and_sit_in_their_sentence(sample_figures, sample_text, sample_sentences):
    for figure in sample_figures.values():
        assert sample_text[figure.span.start:figure.span.end] == figure.span.text
        sentence = sample_sentences[figure.sentence].span
        assert sentence.start <= figure.span.start and figure.span.end <= sentence.end


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Up to 50 people were hurt.", [("Up to 50 people", 50, None, 50, "Up to", "people")]),
        # a number someone unnamed gave is hedged, not bounded; the verb that reports one is no hedge
        ("Lam paid a reported £210m. Police reported 12 deaths.",
         [("a reported £210m", 210e6, 210e6, 210e6, "a reported", "£"), ("12 deaths", 12, 12, 12, None, "deaths")]),
        ("Nearly 1,000 homes burned.", [("Nearly 1,000 homes", 1000, 900, 1000, "Nearly", "homes")]),
        ("Tens of thousands of protesters marched.",
         [("Tens of thousands of protesters", None, 20000, 99000, "Tens of thousands of", "protesters")]),
        ("Police arrested a dozen officers.", [("a dozen officers", 12, 12, 12, None, "officers")]),
        ("At least 3.5 million refugees have fled.",
         [("At least 3.5 million refugees", 3500000, 3500000, None, "At least", "refugees")]),
        ("Fewer than twenty five soldiers stayed.",
         [("Fewer than twenty five soldiers", 25, None, 25, "Fewer than", "soldiers")]),
        # a number word the tokenizer cut at its hyphen is one number, no range "80-5" nor two figures
        ("Twenty-five people were hurt. Eighty-five million is an enormous amount.",
         [("Twenty-five people", 25, 25, 25, None, "people"), ("Eighty-five million", 85e6, 85e6, 85e6, None, None)]),
        # "per cent" the parser hung on the verb is still what the number counts
        ("Shares fell 6.3 per cent on Monday. Turnout was 38 per cent, officials said.",
         [("6.3 per cent", 6.3, 6.3, 6.3, None, "per cent"), ("38 per cent", 38, 38, 38, None, "per cent")]),
        # a bare number takes no currency from a sum beside it
        ("A crowd of 31,482 watched the game. The club said it had paid £18,000 for new turnstiles.",
         [("31,482", 31482, 31482, 31482, None, None), ("£18,000", 18e3, 18e3, 18e3, None, "£")]),
        # a rate's denominator may be large when it cannot be a year
        ("The risk affected fewer than 1 in 10,000 patients.",
         [("fewer than 1 in 10,000 patients", None, None, None, "fewer than", "patients")]),
        ("The campaign raised more than $4 billion.",
         [("more than $4 billion", 4e9, 4e9, None, "more than", "$")]),
        # money's short multipliers, glued to the number or split from it; a distance is no money
        ("Villa bid £52m, though the fee is understood to be around £60m.",
         [("£52m", 52e6, 52e6, 52e6, None, "£"), ("around £60m", 60e6, 54e6, 66e6, "around", "£")]),
        ("Revenue hit £1.2bn and he won the 100m sprint.",
         [("£1.2bn", 1.2e9, 1.2e9, 1.2e9, None, "£"), ("100m", 100, 100, 100, None, "m")]),
        ("They filed two class action lawsuits.", [("two class action lawsuits", 2, 2, 2, None, "class action lawsuits")]),
        ("The war began in 2011 and lasted two years.", []),
        ("He walked for three hours on March 3.", []),
        # a share is one figure, as written, with no count of its own
        ("About 4 in 10 voters backed him.", [("About 4 in 10 voters", None, None, None, "About", "voters")]),
        ("Three out of five doctors agreed.", [("Three out of five doctors", None, None, None, None, "doctors")]),
        ("Nearly two-thirds of Republicans agreed.",
         [("Nearly two-thirds of Republicans", None, None, None, "Nearly", "Republicans")]),
        ("Five people died in 2016.", [("Five people", 5, 5, 5, None, "people")]),
        ("Russia took control of Uranium One in three separate transactions.",
         [("three separate transactions", 3, 3, 3, None, "separate transactions")]),
        # a bare number given as the value of a quantity the sentence names counts what that quantity counts
        ("The death toll from the floods has risen to at least 43, the governor said.",
         [("at least 43", 43, 43, None, "at least", "death toll")]),
        ("Hospital officials put the death toll at about 70.", [("about 70", 70, 63, 77, "about", "death toll")]),
        ("The number of missing could be as high as 200.",
         [("as high as 200", 200, None, 200, "as high as", "number of missing")]),
        ("The crowd grew to 400.", [("400", 400, 400, 400, None, None)]),     # a crowd is no quantity
        ("The company says the figure is 20.", [("20", 20, 20, 20, None, None)]),     # a figure of what?
        # ... the figure of the sentence before
        ("A study found that 46 homes would lose sunlight. The developer's own study put the figure at 12.",
         [("46 homes", 46, 46, 46, None, "homes"), ("12", 12, 12, 12, None, "homes")]),
        # a number naming nothing counts what the same number, else the nearest of its size, counted before it; not
        # a year, a small number or money
        ("Officials say 40,000 additional nurses were recruited. \"Strip out the double counting and you get "
         "something like 25,000,\" Ms Kaur said. In 2019 there were 12 wards.",
         [("40,000 additional nurses", 40000, 40000, 40000, None, "additional nurses"),
          ("something like 25,000", 25000, 22500, 27500, "something like", "additional nurses"),
          ("12 wards", 12, 12, 12, None, "wards")]),
        ("Critics say the government claiming 40,000 is wrong. It says 40,000 nurses joined.",
         [("40,000", 40000, 40000, 40000, None, "nurses"), ("40,000 nurses", 40000, 40000, 40000, None, "nurses")]),
        # a verb giving its subject's level
        ("Nursing vacancies stood at around 31,000 in September.",
         [("around 31,000", 31000, 27900, 34100, "around", "Nursing vacancies")]),
        ("They know the true number is above 150.", [("above 150", 150, 150, None, "above", None)]),
        # a range is one figure from its lower end to its upper, counting what either end counts; a change is two
        ("The recall will cost between $90 million and $120 million.",
         [("$90 million and $120 million", None, 9e7, 1.2e8, "between", "$")]),
        ("Analysts put it at 35 to 45 percent.", [("35 to 45 percent", None, 35, 45, "between", "percent")]),
        ("Analysts put it closer to 35 to 45 percent.",     # "closer to" hedges the whole range
         [("closer to 35 to 45 percent", None, 31.5, 45, "closer to", "percent")]),
        ("About 10-12 people died.", [("About 10-12 people", None, 9, 12, "About", "people")]),
        ("Prices rose from 5 to 7 percent.", [("5", 5, 5, 5, None, None), ("7 percent", 7, 7, 7, None, "percent")]),
        # a rate is a share; a model number is no figure
        ("Fewer than 4 in every 100,000 units failed.",
         [("Fewer than 4 in every 100,000 units", None, None, None, "Fewer than", "units")]),
        ("It recalled its PowerCube 20 chargers.", []),
        # a size given as an adjective counts nothing beside another count of the noun ("a ten-point lead" is kept)
        ("She will lead the 1,100-officer department.", [("1,100", 1100, 1100, 1100, None, None)]),
        ("Clinton holds a ten-point lead.", [("ten", 10, 10, 10, None, None)]),
        # a stage's number is its name; a tally is one figure, as written
        ("The drug will begin a phase 3 trial.", []),
        ("The board voted 4-3 after a 2-1 defeat.",
         [("4-3", None, None, None, None, None), ("2-1 defeat", None, None, None, None, "defeat")]),
        ("It passed in a 4-3 vote, and 10-12 people left.",
         [("4-3 vote", None, None, None, None, "vote"), ("10-12 people", None, 10, 12, "between", "people")]),
        # a national dollar is money, a hedge may follow the figure, and alternatives are a range
        ("Heat could cost up to A$40 billion a year.",
         [("up to A$40 billion", 40e9, None, 40e9, "up to", "A$")]),
        # ... whichever nation's: spaCy splits only "US$", "C$" and "A$" from the number
        ("Lam rejected one worth HK$3.5 billion.", [("HK$3.5 billion", 3.5e9, 3.5e9, 3.5e9, None, "HK$")]),
        ("It cost NZ$2bn.", [("NZ$2bn", 2e9, 2e9, 2e9, None, "NZ$")]),
        # ... or an ISO code, before the number or after it
        ("The fines were TRY 50,000 and EUR 300m, not 5 million USD.",
         [("TRY 50,000", 5e4, 5e4, 5e4, None, "TRY"), ("EUR 300m", 3e8, 3e8, 3e8, None, "EUR"),
          ("5 million USD", 5e6, 5e6, 5e6, None, "USD")]),
        # a currency named after the number is money in its sign or code; a shared name or a country's stays written
        ("She promised compensation of 50,000 lira to each family.", [("50,000 lira", 5e4, 5e4, 5e4, None, "TRY")]),
        ("It cost 2 million euros, not 5 million Swiss francs.",
         [("2 million euros", 2e6, 2e6, 2e6, None, "€"),
          ("5 million Swiss francs", 5e6, 5e6, 5e6, None, "Swiss francs")]),
        ("The fee was 3 million pounds; he weighs 200 pounds.",
         [("3 million pounds", 3e6, 3e6, 3e6, None, "£"), ("200 pounds", 200, 200, 200, None, "pounds")]),
        ('"It was five shots at least."', [("five shots at least", 5, 5, None, "at least", "shots")]),
        ('She heard "two, maybe three" shots.', [('two, maybe three" shots', None, 2, 3, "between", "shots")]),
        ("He made two or three calls.", [("two or three calls", None, 2, 3, "between", "calls")]),
        # a bare number counts what the number of the verb it is joined to counts (the NER took 47 for a date)
        ("Officials said 12 people had died and 47 had been wounded.",
         [("12 people", 12, 12, 12, None, "people"), ("47", 47, 47, 47, None, "people")]),
        # "zero tolerance" is a stance; zero people a count
        ("The sport had zero tolerance for doping. Zero people died.", [("Zero people", 0, 0, 0, None, "people")]),
    ],
)
def test_figure_rules(nlp, text, expected):
    assert figures_in(text, nlp) == expected
