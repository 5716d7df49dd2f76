"""Throughput of the Spark example (examples/spark/lint_corpus.py) on local[N], against the
same work done by the Python package in one process, in the same run.

Usage: python benches/spark_throughput.py [--mb 20] [--cores 2] [--words 500]

The corpus is JSONL: documents of WORDS words cut from the seed corpus (fixtures/seeds),
repeated until it weighs MB megabytes, in 2 x CORES files. Both sides score every document
and fix those with a problem, as the job does; the Spark time covers reading the JSONL,
linting and writing scores/ and fixed/ as Parquet, not the start of the JVM (printed apart);
the job runs twice, the first run paying for starting the Python workers.
Run by benches/python.sh.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import tempfile
import time

import mtlint

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "examples" / "spark"))
sys.path.insert(0, str(REPO / "benches"))
import lint_corpus  # noqa: E402
from python_calls import documents  # noqa: E402


def make_corpus(folder: pathlib.Path, megabytes: float, words: int, files: int) -> tuple[list[str], int]:
    docs = documents(words)
    texts, size = [], 0
    while size < megabytes * 1e6:
        for doc in docs:
            texts.append(doc)
            size += len(doc.encode())
    outs = [open(folder / f"part-{i}.jsonl", "w", encoding="utf-8") for i in range(files)]
    for number, text in enumerate(texts):
        outs[number % files].write(json.dumps({"id": str(number), "text": text}, ensure_ascii=False) + "\n")
    for out in outs:
        out.close()
    return texts, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--words", type=int, default=500)
    args = parser.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="mtlint-spark-bench-"))
    corpus = work / "corpus"
    corpus.mkdir()
    texts, size = make_corpus(corpus, args.mb, args.words, 2 * args.cores)
    print(f"{len(texts)} documents, {size / 1e6:.1f} MB of JSONL text in {2 * args.cores} files")

    started = time.perf_counter()
    linter = mtlint.Linter()
    for text in texts:
        if linter.score(text)["problems"]:
            linter.fix(text)
    alone = time.perf_counter() - started
    print(f"python, one process:  {alone:7.2f} s  {size / alone / 1e6:6.2f} MB/s")

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    started = time.perf_counter()
    spark = (
        SparkSession.builder.master(f"local[{args.cores}]")
        .appName("mtlint-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    spark.sparkContext.addPyFile(lint_corpus.__file__)
    print(f"spark session started in {time.perf_counter() - started:.1f} s")
    for run in ("first run", "second run"):
        started = time.perf_counter()
        lint_corpus.main([str(corpus), str(work / "out")], spark=spark)
        job = time.perf_counter() - started
        rows = spark.read.parquet(str(work / "out" / "scores")).count()
        assert rows == len(texts), (rows, len(texts))
        print(f"spark local[{args.cores}], {run}: {job:7.2f} s  {size / job / 1e6:6.2f} MB/s  "
              f"({size / job / 1e6 / args.cores:.2f} MB/s per core), "
              f"ratio to one process {alone / job:.2f}x")
    spark.stop()


if __name__ == "__main__":
    main()
