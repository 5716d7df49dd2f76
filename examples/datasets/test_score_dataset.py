"""The datasets example: a dataset built in memory and one read from a local JSONL file,
scored and fixed in Dataset.map as mtlint.score and mtlint.fix do it, and filtered."""

from __future__ import annotations

import json
import pathlib
import sys

import pytest

import mtlint

sys.path.insert(0, str(pathlib.Path(__file__).parent))

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def offline(tmp_path, monkeypatch):
    """No hub: the caches in a temporary folder, the network off."""
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def paragraphs() -> list[dict]:
    docs = []
    for seed in sorted((REPO / "fixtures" / "seeds").glob("*.txt")):
        docs += [
            {"text": p + "\n", "source": seed.name}
            for p in seed.read_text(encoding="utf-8").split("\n\n")
            if p.strip()
        ]
    docs.append({"text": "Le gouvernement a annoncé hier soir la démission du ministre.\n",
                 "source": "clean"})
    return docs


def test_map_in_memory_in_two_processes():
    from datasets import Dataset

    import score_dataset

    docs = paragraphs()
    scored = score_dataset.score_dataset(Dataset.from_list(docs), num_proc=2)
    assert scored.column_names == ["text", "source", "mtlint", "fixed"]
    assert len(scored) == len(docs)
    for doc, example in zip(docs, scored):
        score = mtlint.score(doc["text"])
        assert example["mtlint"] == score
        assert example["fixed"] == mtlint.fix(doc["text"])
    assert sum(example["fixed"] != example["text"] for example in scored) >= 5


def test_command_line_filters_a_jsonl_file(tmp_path, capsys):
    import score_dataset

    source = tmp_path / "corpus.jsonl"
    docs = paragraphs()
    source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))
    out = tmp_path / "kept.jsonl"
    assert score_dataset.main([str(source), str(out), "--max-per-1000-words", "10"]) == 0
    kept = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = [d for d in docs if mtlint.score(d["text"])["per_1000_words"] <= 10]
    assert 0 < len(kept) < len(docs)
    assert [k["text"] for k in kept] == [d["text"] for d in expected]
    assert any(k["source"] == "clean" for k in kept)
    assert all(k["mtlint"]["per_1000_words"] <= 10 for k in kept)
    assert f"kept {len(kept)} of {len(docs)} examples" in capsys.readouterr().out
