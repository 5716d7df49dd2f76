"""Score, fix and filter a Hugging Face dataset with mtlint in ``Dataset.map``.

Adds to each example an ``mtlint`` column (the record of ``mtlint.score``: ``words``,
``problems``, ``per_1000_words``, ``foreign_share``, ``categories``, ``severities``) and a
``fixed`` column (the text with mtlint's safe fixes), then keeps the examples with at most
``--max-per-1000-words`` problems per 1,000 words::

    python examples/datasets/score_dataset.py corpus.jsonl kept.jsonl --max-per-1000-words 20

The linter is built once and handed to ``map`` in ``fn_kwargs``; with ``--num-proc N`` each
worker process unpickles it (an ``mtlint.Linter`` pickles as its arguments and builds its
rules again), and since its pickle is stable, ``datasets`` caches the mapped dataset.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import mtlint
from datasets import Dataset, load_dataset


def lint_batch(
    batch: dict[str, list[Any]], *, linter: mtlint.Linter, text_column: str = "text"
) -> dict[str, list[Any]]:
    """The `mtlint` score and the `fixed` text of each example of a batch."""
    scores, fixed = [], []
    for text in batch[text_column]:
        text = text or ""
        score = linter.score(text)
        scores.append(score)
        fixed.append(linter.fix(text) if score["problems"] else text)
    return {"mtlint": scores, "fixed": fixed}


def score_dataset(
    dataset: Dataset,
    *,
    linter: mtlint.Linter | None = None,
    text_column: str = "text",
    num_proc: int | None = None,
) -> Dataset:
    """`dataset` with the `mtlint` and `fixed` columns."""
    return dataset.map(
        lint_batch,
        batched=True,
        batch_size=256,
        fn_kwargs={"linter": linter or mtlint.Linter(), "text_column": text_column},
        num_proc=num_proc,
        desc="mtlint",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="a JSONL file (one JSON object a line)")
    parser.add_argument("output", help="the JSONL file of the kept examples, scored and fixed")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--max-per-1000-words", type=float, default=20.0)
    parser.add_argument("--lang", default=None)
    parser.add_argument("--num-proc", type=int, default=None)
    args = parser.parse_args(argv)
    dataset = load_dataset("json", data_files=args.input, split="train")
    scored = score_dataset(
        dataset,
        linter=mtlint.Linter(lang=args.lang),
        text_column=args.text_column,
        num_proc=args.num_proc,
    )
    limit = args.max_per_1000_words
    kept = scored.filter(lambda example: example["mtlint"]["per_1000_words"] <= limit)
    kept.to_json(args.output, force_ascii=False)
    print(f"kept {len(kept)} of {len(scored)} examples (at most {limit} problems per 1,000 words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
