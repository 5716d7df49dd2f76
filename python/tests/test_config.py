"""Configurations as TOML text, dicts and files; their errors; pickling; the linter cache."""

from __future__ import annotations

import pathlib
import pickle

import pytest

import mtlint

TEXT = "Le cupboard a démissionné.. Ensuite\n"


def rules(found):
    return {d["rule"] for d in found}


def test_toml_text_dict_and_file_select_the_same_rules(tmp_path):
    toml = 'select = ["punctuation"]\n[severity]\n"punctuation/doubled-stop" = "error"\n'
    as_dict = {"select": ["punctuation"], "severity": {"punctuation/doubled-stop": "error"}}
    file = tmp_path / "mtlint.toml"
    file.write_text(toml, encoding="utf-8")
    results = [mtlint.check(TEXT, config=config) for config in (toml, as_dict, file)]
    results += [mtlint.Linter(config=config).check(TEXT) for config in (toml, as_dict, file)]
    for found in results:
        assert rules(found) == {"punctuation/doubled-stop"}
        assert [d["severity"] for d in found] == ["error"]


def test_relative_paths_of_a_file_are_relative_to_its_folder(tmp_path, monkeypatch):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "base.toml").write_text('ignore = ["spinner-synonym"]\n')
    (tmp_path / "mtlint.toml").write_text('extend = "packs/base.toml"\nlang = "fr"\n')
    monkeypatch.chdir("/")
    found = mtlint.check(TEXT, config=tmp_path / "mtlint.toml")
    assert "punctuation/doubled-stop" in rules(found)
    assert not any(r.startswith("spinner-synonym") for r in rules(found))
    assert mtlint.Linter(config=tmp_path / "mtlint.toml").lang == "fr"
    # In TOML text, `extend` is relative to the current folder.
    monkeypatch.chdir(tmp_path)
    found = mtlint.check(TEXT, config='extend = "packs/base.toml"\n')
    assert not any(r.startswith("spinner-synonym") for r in rules(found))


def test_an_invalid_configuration_names_the_file_and_line(tmp_path):
    with pytest.raises(mtlint.ConfigError) as error:
        mtlint.Linter(config='lang = "fr"\n\nselct = ["punctuation"]\n')
    assert str(error.value).startswith("<config>:3: unknown field `selct`")
    assert "did you mean `select`" in str(error.value)
    assert (error.value.path, error.value.line) == ("<config>", 3)
    assert isinstance(error.value, ValueError)

    file = tmp_path / "mtlint.toml"
    file.write_text('select = ["punctuation"]\nignore = ["no-such-rule"]\n')
    with pytest.raises(mtlint.ConfigError, match=r"mtlint\.toml:2: .*no-such-rule"):
        mtlint.check(TEXT, config=file)

    with pytest.raises(mtlint.ConfigError, match=r"^<dict>:\d+: .*unknown field `selct`"):
        mtlint.check(TEXT, config={"selct": ["punctuation"]})

    with pytest.raises(mtlint.ConfigError, match="lang"):
        mtlint.Linter(config='lang = "klingon"\n')

    with pytest.raises(mtlint.ConfigError, match="not a file"):
        mtlint.Linter(config='extend = "missing/mtlint.toml"\n')


def test_a_missing_file_and_a_wrong_type(tmp_path):
    missing = tmp_path / "missing.toml"
    with pytest.raises(mtlint.ConfigError, match=r"missing\.toml: cannot read configuration file"):
        mtlint.check(TEXT, config=missing)
    with pytest.raises(TypeError, match="config must be"):
        mtlint.Linter(config=42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`severity.x` is a set"):
        mtlint.Linter(config={"severity": {"x": {"error"}}})


def test_a_str_naming_a_file_gets_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pathlib.Path("mtlint.toml").write_text('select = ["punctuation"]\n')
    with pytest.raises(mtlint.ConfigError, match=r"pathlib\.Path\('mtlint\.toml'\)|pathlib\.Path\(\"mtlint\.toml\"\)"):
        mtlint.Linter(config="mtlint.toml")


def test_an_invalid_rule_pack_names_the_pack_and_line(tmp_path):
    pack = tmp_path / "pack.toml"
    pack.write_text('[[rule]]\nid = "custom/x"\nkind = "no-such-kind"\n')
    (tmp_path / "mtlint.toml").write_text('extend-rules = ["pack.toml"]\n')
    with pytest.raises(mtlint.ConfigError) as error:
        mtlint.Linter(config=tmp_path / "mtlint.toml")
    assert error.value.path.endswith("pack.toml")
    assert error.value.line is not None


def test_a_linter_pickles_as_its_arguments():
    linter = mtlint.Linter(lang="fr", config={"select": ["punctuation"]})
    copy = pickle.loads(pickle.dumps(linter))
    assert isinstance(copy, mtlint.Linter) and copy.lang == "fr"
    assert copy.check(TEXT) == linter.check(TEXT)
    assert rules(copy.check(TEXT)) == {"punctuation/doubled-stop"}
    assert repr(copy) == "mtlint.Linter(lang='fr', config={'select': ['punctuation']})"


def test_module_functions_keep_one_linter_per_configuration(tmp_path):
    mtlint._cache.clear()
    for _ in range(3):
        mtlint.check(TEXT, config={"select": ["punctuation"]})
        mtlint.score(TEXT, config={"select": ["punctuation"]})
        mtlint.fix(TEXT, lang="fr")
    assert len(mtlint._cache) == 2
    file = tmp_path / "mtlint.toml"
    file.write_text('select = ["punctuation"]\n')
    assert rules(mtlint.check(TEXT, config=file)) == {"punctuation/doubled-stop"}
    # An edited file is read again.
    file.write_text('select = ["spinner-synonym"]\n# a longer file\n')
    assert rules(mtlint.check(TEXT, config=file)) == {"spinner-synonym/english-word"}
    for i in range(40):
        mtlint.check(TEXT, config=f"# configuration {i}\n")
    assert len(mtlint._cache) == mtlint._CACHE_SIZE


def test_the_origin_decides_the_fix_of_an_english_word():
    text = "Copiez les binaries dans le dossier.\n"

    def fix_of(found):
        (word,) = [d for d in found if d["rule"] == "english-leftover/english-word"]
        return word["fix"]["edits"][0]["replacement"] if word.get("fix") else None

    assert fix_of(mtlint.check(text)) is None
    assert fix_of(mtlint.check(text, config={"origin": "translated"})) == "binaires"
    assert mtlint.fix(text, unsafe=True, config={"origin": "translated"}) == (
        "Copiez les binaires dans le dossier.\n"
    )
