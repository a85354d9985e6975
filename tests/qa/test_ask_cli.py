"""`newsbot ask` against a real database: text, --json, --article and one JSON object per stdin line."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bot.cli import app


def run(sample_db, *args, stdin: str | None = None):
    url = sample_db.url.render_as_string(hide_password=False)
    return CliRunner().invoke(app, ["ask", *args], input=stdin, env={"DATABASE_URL": url})


def test_ask_json_and_article(sample_db):
    result = run(sample_db, "what did Erdogan say?", "--json", "--article", "jisr-al-shughour")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "answered" and data["scope"] == "jisr-al-shughour"
    assert any("This is savagery" in i["sentence"] for g in data["groups"] for i in g["items"])


def test_ask_text(sample_db):
    result = run(sample_db, "who is Navi Pillay?")
    assert result.exit_code == 0, result.output
    assert "UN human rights chief" in result.output


def test_ask_batch_from_stdin(sample_db):
    questions = ["who says residents requested the army?", "", "'; DROP TABLE claim; --",
                 "what did Barack Obama say?", "x" * 10_000]
    result = run(sample_db, "-", stdin="\n".join(questions) + "\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["status"] for line in lines] == ["answered", "bad_question", "no_match", "no_match",
                                                  "bad_question"]
