"""The Spark example on local[2]: every document scored and fixed as mtlint.score and
mtlint.fix do it one by one, from JSONL and from Parquet."""

from __future__ import annotations

import json
import os
import pathlib
import sys

import pytest

import mtlint

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import lint_corpus  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]


def documents() -> list[dict]:
    """Paragraphs of the seed documents (spun French with its artifacts), a clean one, an
    English one, an empty one and one without text."""
    docs = []
    for seed in sorted((REPO / "fixtures" / "seeds").glob("*.txt")):
        for number, paragraph in enumerate(seed.read_text(encoding="utf-8").split("\n\n")):
            if paragraph.strip():
                docs.append({"id": f"{seed.stem}-{number}", "text": paragraph + "\n"})
    docs += [
        {"id": "clean", "text": "Le gouvernement a annoncé hier soir la démission du ministre.\n"},
        {"id": "english", "text": "The government announced last night that the minister resigned.\n"},
        {"id": "empty", "text": ""},
        {"id": 42, "text": "Un identifiant numérique.. lu comme du texte\n"},
        {"id": "missing"},
    ]
    return docs


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("mtlint-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    # The workers import the job's module as spark-submit --py-files would ship it.
    session.sparkContext.addPyFile(lint_corpus.__file__)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> pathlib.Path:
    """The documents as a folder of three JSONL files (three partitions at least)."""
    folder = tmp_path_factory.mktemp("corpus") / "jsonl"
    folder.mkdir()
    docs = documents()
    for part in range(3):
        with open(folder / f"part-{part}.jsonl", "w", encoding="utf-8") as file:
            for doc in docs[part::3]:
                file.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return folder


def read_json_rows(folder: pathlib.Path) -> list[dict]:
    rows = []
    for part in sorted(folder.glob("part-*")):
        rows += [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()]
    return rows


def expected(doc: dict, unsafe: bool = False) -> tuple[dict, str]:
    text = doc.get("text") or ""
    return mtlint.score(text), mtlint.fix(text, unsafe=unsafe)


def test_jsonl_in_json_out(spark, corpus, tmp_path):
    assert spark.read.json(str(corpus)).rdd.getNumPartitions() >= 2
    out = tmp_path / "out"
    assert lint_corpus.main([str(corpus), str(out), "--output-format", "json"], spark=spark) == 0
    scores = {row["id"]: row for row in read_json_rows(out / "scores")}
    fixed = {row["id"]: row for row in read_json_rows(out / "fixed")}
    docs = documents()
    assert set(scores) == set(fixed) == {str(doc["id"]) for doc in docs}
    for doc in docs:
        score, text = expected(doc)
        row = scores[str(doc["id"])]
        assert {key: row[key] for key in score} == score, doc["id"]
        assert fixed[str(doc["id"])]["text"] == text, doc["id"]
        assert fixed[str(doc["id"])]["changed"] == (text != (doc.get("text") or ""))
    # The seeds are damaged: most paragraphs have problems, some are fixed; the clean
    # paragraph has none.
    assert sum(row["problems"] > 0 for row in scores.values()) > len(docs) // 2
    assert sum(row["changed"] for row in fixed.values()) >= 5
    assert scores["clean"]["problems"] == 0 and not fixed["clean"]["changed"]
    assert scores["english"]["foreign_share"] == 0  # `auto`: English read as English
    assert scores["missing"]["words"] == 0 and fixed["missing"]["text"] == ""
    assert fixed["42"]["text"] == "Un identifiant numérique. lu comme du texte\n"


def test_parquet_in_parquet_out_with_a_configuration(spark, corpus, tmp_path):
    source = tmp_path / "corpus.parquet"
    spark.read.json(str(corpus)).withColumnRenamed("text", "body").drop("id").write.parquet(
        str(source)
    )
    config = tmp_path / "mtlint.toml"
    config.write_text('lang = "fr"\nselect = ["punctuation", "spinner-synonym", "language"]\n')
    out = tmp_path / "out"
    argv = [str(source), str(out), "--text-column", "body", "--config", str(config), "--unsafe"]
    assert lint_corpus.main(argv, spark=spark) == 0
    scores = spark.read.parquet(str(out / "scores")).collect()
    fixed = {row["id"]: row["text"] for row in spark.read.parquet(str(out / "fixed")).collect()}
    docs = documents()
    assert len(scores) == len(fixed) == len(docs)  # ids made up: unique row numbers
    linter = mtlint.Linter(config=config)
    assert sorted(fixed.values()) == sorted(
        linter.fix(doc.get("text") or "", unsafe=True) for doc in docs
    )
    allowed = {"punctuation", "spinner-synonym", "language"}
    for row in scores:
        assert all(count == 0 for name, count in row["categories"].items() if name not in allowed)
    assert sum(row["categories"]["spinner-synonym"] for row in scores) > 0
    # `lang = "fr"`: the English document is a foreign paragraph.
    assert max(row["foreign_share"] for row in scores) > 0.5


def test_an_invalid_configuration_fails_on_the_driver(spark, corpus, tmp_path):
    config = tmp_path / "mtlint.toml"
    config.write_text('select = ["punctuation"]\nselct = 1\n')
    with pytest.raises(mtlint.ConfigError, match=r":2: unknown field `selct`"):
        lint_corpus.main([str(corpus), str(tmp_path / "out"), "--config", str(config)], spark=spark)


def test_spark_submit_runs_the_job(corpus, tmp_path):
    """The documented command: spark-submit with the job as its main script."""
    import subprocess

    spark_submit = pathlib.Path(sys.executable).parent / "spark-submit"
    out = tmp_path / "out"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}
    run = subprocess.run(
        [str(spark_submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
         lint_corpus.__file__, str(corpus), str(out), "--output-format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    scores = read_json_rows(out / "scores")
    assert len(scores) == len(documents())
    assert sum(row["problems"] for row in scores) == sum(
        expected(doc)[0]["problems"] for doc in documents()
    )
