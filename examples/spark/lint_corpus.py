"""Score and fix a corpus with mtlint on Spark: one linter per partition, every core busy.

Reads documents from JSONL (one JSON object a line) or Parquet, with the text in one column
and, optionally, an id in another; writes two datasets under OUTPUT:

- ``OUTPUT/scores``: one row per document: ``id``, ``words``, ``problems``,
  ``per_1000_words``, ``foreign_share``, ``categories`` and ``severities`` (maps of problem
  counts), the record of ``mtlint.score``; a pipeline filters the corpus on it;
- ``OUTPUT/fixed``: ``id``, ``text`` (with mtlint's safe fixes applied, and the unsafe ones
  too with ``--unsafe``) and ``changed``.

Run it with spark-submit on a cluster whose executors have the ``mtlint`` package installed
(``pip install ./python`` from a clone, or the wheel it builds, on every node), or locally::

    spark-submit --master 'local[2]' examples/spark/lint_corpus.py corpus.jsonl out/
    python examples/spark/lint_corpus.py --master 'local[2]' corpus.parquet out/ --output-format json

Each partition builds one ``mtlint.Linter`` (about 30 ms) and runs it over its documents; the
configuration is read on the driver and shipped as TOML text, so executors need no copy of
the file (rule packs it names by path, ``extend-rules``, must exist on every executor).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Iterable, Iterator

from pyspark.sql import DataFrame, Row, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

SCORE_SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType(), False),
        T.StructField("words", T.LongType(), False),
        T.StructField("problems", T.LongType(), False),
        T.StructField("per_1000_words", T.DoubleType(), False),
        T.StructField("foreign_share", T.DoubleType(), False),
        T.StructField("categories", T.MapType(T.StringType(), T.LongType()), False),
        T.StructField("severities", T.MapType(T.StringType(), T.LongType()), False),
        T.StructField("text", T.StringType(), True),
        T.StructField("changed", T.BooleanType(), False),
    ]
)
"""The rows `lint_partition` yields: the score of a document and its fixed text."""


def lint_partition(
    rows: Iterable[Row], lang: str | None, config: str | None, unsafe: bool
) -> Iterator[tuple[Any, ...]]:
    """Scores and fixes the documents of one partition with one linter.

    `rows` have an `id` and a `text`; a document without text scores zero. A document with
    no problem is not run through the fixer (its text cannot change).
    """
    import mtlint  # imported on the executor

    linter = mtlint.Linter(lang=lang, config=config)
    for row in rows:
        text = row["text"] or ""
        score = linter.score(text)
        fixed = linter.fix(text, unsafe=unsafe) if score["problems"] else text
        yield (
            row["id"],
            score["words"],
            score["problems"],
            score["per_1000_words"],
            score["foreign_share"],
            score["categories"],
            score["severities"],
            fixed,
            fixed != text,
        )


def read_corpus(
    spark: SparkSession, path: str, input_format: str, text_column: str, id_column: str | None
) -> DataFrame:
    """The documents at `path`: JSONL files or Parquet (`auto`: by the path's extension).

    JSONL is read with the schema of the two columns the job needs (both as strings: a
    numeric id is read as its text), which spares Spark a pass over the data to infer one.
    """
    if input_format == "auto":
        input_format = "parquet" if path.rstrip("/").endswith(".parquet") else "jsonl"
    if input_format == "parquet":
        return spark.read.parquet(path)
    fields = [T.StructField(text_column, T.StringType())]
    if id_column:
        fields.append(T.StructField(id_column, T.StringType()))
    return spark.read.schema(T.StructType(fields)).json(path)


def lint_corpus(
    documents: DataFrame,
    *,
    text_column: str = "text",
    id_column: str | None = "id",
    lang: str | None = None,
    config: str | None = None,
    unsafe: bool = False,
) -> DataFrame:
    """One row per document of `documents`: its id (the id column as a string, or a unique
    number where there is none), its score and its fixed text (see SCORE_SCHEMA)."""
    if text_column not in documents.columns:
        raise SystemExit(f"error: the input has no column `{text_column}` (columns: {documents.columns})")
    made_up = F.monotonically_increasing_id().cast("string")
    if id_column and id_column in documents.columns:
        ids = F.coalesce(F.col(id_column).cast("string"), made_up)
    else:
        ids = made_up
    pairs = documents.select(ids.alias("id"), F.col(text_column).cast("string").alias("text"))
    results = pairs.rdd.mapPartitions(lambda rows: lint_partition(rows, lang, config, unsafe))
    return documents.sparkSession.createDataFrame(results, SCORE_SCHEMA)


def write(results: DataFrame, output: str, output_format: str) -> None:
    """Writes `OUTPUT/scores` and `OUTPUT/fixed` in `output_format` (parquet or json)."""
    results.cache()
    scores = results.drop("text", "changed")
    fixed = results.select("id", "text", "changed")
    for name, frame in (("scores", scores), ("fixed", fixed)):
        frame.write.mode("overwrite").format(output_format).save(f"{output.rstrip('/')}/{name}")
    results.unpersist()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSONL file(s) or folder, or Parquet")
    parser.add_argument("output", help="folder that receives scores/ and fixed/")
    parser.add_argument("--input-format", choices=["auto", "jsonl", "parquet"], default="auto")
    parser.add_argument("--output-format", choices=["parquet", "json"], default="parquet")
    parser.add_argument("--text-column", default="text")
    parser.add_argument(
        "--id-column", default="id", help="(unique numbers where the input has none; '' for none)"
    )
    parser.add_argument("--lang", default=None, help="auto, fr, en... (default: the configuration's)")
    parser.add_argument("--config", default=None, help="an mtlint.toml, read on the driver")
    parser.add_argument("--unsafe", action="store_true", help="apply the unsafe fixes too")
    parser.add_argument("--master", default=None, help="when run without spark-submit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, spark: SparkSession | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    config = None
    if args.config:
        with open(args.config, encoding="utf-8") as file:
            config = file.read()
        import mtlint

        mtlint.Linter(lang=args.lang, config=config)  # an invalid configuration fails here, once
    if spark is None:
        builder = SparkSession.builder.appName("mtlint")
        if args.master:
            builder = builder.master(args.master)
        spark = builder.getOrCreate()
    documents = read_corpus(spark, args.input, args.input_format, args.text_column, args.id_column)
    results = lint_corpus(
        documents,
        text_column=args.text_column,
        id_column=args.id_column,
        lang=args.lang,
        config=config,
        unsafe=args.unsafe,
    )
    write(results, args.output, args.output_format)
    return 0


if __name__ == "__main__":
    sys.exit(main())
