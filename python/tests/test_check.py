"""mtlint.check: the JSON output contract, the same records as the command line."""

from __future__ import annotations

import json
import subprocess

import pytest

import mtlint

TEXT = "Le cupboard a démissionné.. Ensuite\n"
KEYS = ["path", "rule", "category", "severity", "message", "start", "end", "fix"]


def test_records_follow_the_contract():
    found = mtlint.check(TEXT)
    rules = [d["rule"] for d in found]
    assert "punctuation/doubled-stop" in rules
    assert "spinner-synonym/english-word" in rules
    for d in found:
        assert list(d) == KEYS
        assert d["path"] == "<text>"
        assert d["severity"] in ("error", "warning", "info")
        assert d["rule"].startswith(d["category"] + "/")
        for end in ("start", "end"):
            assert list(d[end]) == ["line", "column", "offset"]
    stop = next(d for d in found if d["rule"] == "punctuation/doubled-stop")
    # "é" is two bytes in UTF-8: offsets count bytes, columns count characters.
    start = TEXT.index("..")
    assert stop["start"] == {
        "line": 1,
        "column": start + 1,
        "offset": len(TEXT[:start].encode()),
    }
    assert stop["fix"]["applicability"] == "safe"
    for edit in stop["fix"]["edits"]:
        assert list(edit) == ["start", "end", "replacement"]


def test_lines_and_columns_on_a_later_line():
    text = "Une ligne correcte.\nLe cupboard est vide.\n"
    found = mtlint.check(text, lang="fr")
    word = next(d for d in found if d["rule"] == "spinner-synonym/english-word")
    assert word["start"]["line"] == 2
    assert word["start"]["column"] == 4
    assert text.encode()[word["start"]["offset"] : word["end"]["offset"]] == b"cupboard"


def test_a_clean_text_has_no_problem():
    assert mtlint.check("Le gouvernement a annoncé hier soir la démission du ministre.\n") == []


def test_same_records_as_the_command_line(seeds, mtlint_bin):
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        cli = subprocess.run(
            [str(mtlint_bin), "check", "--isolated", "--format", "json", "-",
             "--stdin-filename", seed.name],
            input=text.encode(),
            capture_output=True,
            check=False,
        )
        assert cli.returncode in (0, 1), cli.stderr.decode()
        assert mtlint.check(text, path=seed.name) == json.loads(cli.stdout), seed.name


def test_path_is_reported_and_gives_the_format(article):
    text = article.read_text(encoding="utf-8")
    as_markdown = mtlint.check(text, path="docs/article.md")
    as_text = mtlint.check(text, path="docs/article.txt")
    assert {d["path"] for d in as_markdown} == {"docs/article.md"}
    # Code spans and blocks are not prose in Markdown: "worldwide --level" in the code span
    # and the words of the fenced block are flagged only when the page is read as plain text.
    code = text.index("`worldwide --level`")
    in_code = lambda found: [d for d in found if code <= d["start"]["offset"] < code + 20]
    assert in_code(as_text) and not in_code(as_markdown)
    forced = mtlint.check(text, path="docs/article.txt", format="markdown")
    assert not in_code(forced)
    assert in_code(mtlint.check(text, path="docs/article.md", format="text"))


def test_unknown_format_and_language_are_errors():
    with pytest.raises(ValueError, match="unknown format `html5`"):
        mtlint.check(TEXT, format="html5")
    with pytest.raises(ValueError, match="unknown language `klingon`"):
        mtlint.check(TEXT, lang="klingon")
    assert {"text", "markdown"} <= set(mtlint.FORMATS)
    assert "auto" in mtlint.LANGUAGES and "fr" in mtlint.LANGUAGES


def test_a_non_str_text_is_a_type_error():
    with pytest.raises(TypeError):
        mtlint.check(b"Le cupboard")  # type: ignore[arg-type]


def test_lang_selects_the_language_rules():
    english = "The cat sat on the mat, and then it went to sleep in the sun all afternoon.\n"
    assert mtlint.Linter(lang="fr").lang == "fr"
    assert mtlint.Linter().lang == "auto"
    as_french = mtlint.check(english, lang="fr")
    as_english = mtlint.check(english, lang="en")
    # English prose is a foreign paragraph in a French document, not in an English one.
    assert any(d["category"] == "language" for d in as_french)
    assert not any(d["category"] == "language" for d in as_english)


def test_a_text_invalid_in_its_format_is_a_format_error():
    if "json" not in mtlint.FORMATS:
        pytest.skip("this build reads no format whose text can be invalid (JSON comes with it)")
    text = '{"text": "Le cupboard a démissionné.."\n'
    for call in (mtlint.check, mtlint.fix, mtlint.score):
        with pytest.raises(mtlint.FormatError) as error:
            call(text, path="a.json")
        assert isinstance(error.value, ValueError)
        assert error.value.path == "a.json" and error.value.line >= 1
        assert str(error.value).startswith(f"a.json:{error.value.line}:{error.value.column}: ")
