"""mtlint.fix and mtlint.score."""

from __future__ import annotations

import json

import mtlint

TEXT = "Le cupboard a démissionné.. Ensuite\n"


def test_fix_applies_safe_fixes_and_unsafe_ones_on_request():
    assert mtlint.fix(TEXT) == "Le cupboard a démissionné. Ensuite\n"
    assert mtlint.fix(TEXT, unsafe=True) == "Le cabinet a démissionné. Ensuite\n"
    linter = mtlint.Linter()
    assert linter.fix(TEXT) == mtlint.fix(TEXT)
    assert linter.fix(TEXT, unsafe=True) == mtlint.fix(TEXT, unsafe=True)


def test_fix_leaves_a_clean_text_and_a_fixed_text_alone():
    clean = "Le gouvernement a annoncé hier soir la démission du ministre.\n"
    assert mtlint.fix(clean) == clean
    fixed = mtlint.fix(TEXT)
    assert mtlint.fix(fixed) == fixed


def test_fix_removes_what_check_reports_as_safely_fixable(seeds):
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        safe = [d for d in mtlint.check(text) if d["fix"] and d["fix"]["applicability"] == "safe"]
        assert safe, seed.name
        fixed = mtlint.fix(text)
        assert fixed != text
        left = [d for d in mtlint.check(fixed) if d["fix"] and d["fix"]["applicability"] == "safe"]
        assert len(left) < len(safe), seed.name


def test_fix_never_touches_markdown_code(article):
    text = article.read_text(encoding="utf-8")
    fixed = mtlint.fix(text, unsafe=True, path="article.md")
    assert fixed != text
    for code in ("`worldwide --level`", 'echo "le cupboard worldwide" .. , ;',
                 "    code indenté : le cupboard worldwide..", "(https://example.org/worldwide"):
        assert code in fixed


def test_score_counts_the_problems_check_reports(seeds):
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        found = mtlint.check(text)
        score = mtlint.score(text)
        assert list(score) == [
            "words", "problems", "per_1000_words", "categories", "severities", "foreign_share",
        ]
        assert score["problems"] == len(found) > 0
        assert score["words"] > 300
        assert score["per_1000_words"] == round(1000 * len(found) / score["words"], 4)
        for category in {d["category"] for d in found}:
            assert score["categories"][category] == sum(d["category"] == category for d in found)
        assert sum(score["severities"].values()) == len(found)
        json.dumps(score)  # a plain, serializable record


def test_score_of_a_clean_text_and_of_a_foreign_paragraph():
    clean = mtlint.score("Le gouvernement a annoncé hier soir la démission du ministre.\n")
    assert clean["problems"] == 0 and clean["per_1000_words"] == 0
    assert set(clean["categories"].values()) == {0}
    assert set(clean["severities"]) == {"error", "warning", "info"}
    mixed = (
        "Le gouvernement a annoncé hier soir la démission du ministre de l'Intérieur.\n\n"
        "The government announced last night that the interior minister had resigned.\n"
    )
    score = mtlint.score(mixed, lang="fr")
    assert 0.3 < score["foreign_share"] < 0.7
    assert score["categories"]["language"] >= 1
