"""The same question on the same database gets the same answer, in the same order, in every process: a
fact-checker asking twice must not be told two things. Python salts string hashes per process (PYTHONHASHSEED), so
anything ranked in set or dict order of names would differ between processes."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

from store.db import open_session
from store.models import LOCAL_TEAM, Alias, Article, Claim, Entity, Sentence

ASK = """
import json, sys
from bot.qa import answer_question
from store import search
from store.db import make_engine, open_session
from store.models import LOCAL_TEAM

with open_session(make_engine(sys.argv[1])) as session:
    names = [(m.key, m.alias) for m in search.match_names(session, "clinton", LOCAL_TEAM)]
    answer = answer_question(session, "what did Clinton say?")
    print(json.dumps([names, answer.message, [(i.claim_id, i.slot, i.source_name) for i in answer.items]]))
"""


def add_namesakes(session, count: int) -> None:
    """One article in which `count` people sharing a surname ("Baka Clinton", "Bake Clinton", ...) each say
    something: more names score alike against "Clinton" than the name lookup shortlists."""
    firsts = ["".join(letters).title() for letters in itertools.product("bdgk", "aeiou", "lmn", "a")][:count]
    lines = [f"{first} Clinton said the dam at Jisr would hold." for first in firsts]
    raw = "\n".join(lines)
    article = Article(team_id=LOCAL_TEAM, slug="namesakes", title="namesakes", content_hash="namesakes", raw_text=raw)
    session.add(article)
    session.flush()
    start = 0
    for position, (first, line) in enumerate(zip(firsts, lines)):
        sentence = Sentence(article_id=article.id, position=position, paragraph=position, start=start,
                            end=start + len(line), text=line)
        entity = Entity(article_id=article.id, name=f"{first} Clinton", key=f"{first.lower()} clinton", type="PERSON")
        session.add_all([sentence, entity])
        session.flush()
        session.add(Alias(entity_id=entity.id, text=entity.name, folded=entity.key))
        content = "the dam at Jisr would hold"
        content_start = start + line.index(content)
        session.add(Claim(article_id=article.id, sentence_id=sentence.id, position=position, attributed=True,
                          kind="indirect", cue_text="said", source_text=entity.name, source_entity_id=entity.id,
                          content_text=content, content_start=content_start,
                          content_end=content_start + len(content),
                          content_spans=json.dumps([[content_start, content_start + len(content)]])))
        start += len(line) + 1
    session.commit()


def test_an_answer_is_the_same_whatever_the_hash_seed(engine):
    with open_session(engine) as session:
        add_namesakes(session, 60)
    url = engine.url.render_as_string(hide_password=False)
    answers = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", ASK, url], env={**os.environ, "PYTHONHASHSEED": seed},
                              capture_output=True, text=True, check=True)
        answers.append(json.loads(done.stdout))
    names, message, items = answers[0]
    assert len(names) >= 8 and items, answers[0]        # the question is answered, from many namesakes
    assert answers[0] == answers[1]
